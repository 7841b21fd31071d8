#include "model/provider_catalog.h"

#include <algorithm>

namespace ivcapgen::model {

const std::vector<std::string_view>& provider_regions(std::string_view provider) {
  static const std::vector<std::string_view> kAws = {
      "af-south-1",     "ap-east-1",    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1",     "ap-south-2",   "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
      "ap-southeast-4", "ca-central-1", "ca-west-1",      "eu-central-1",   "eu-central-2",
      "eu-north-1",     "eu-south-1",   "eu-south-2",     "eu-west-1",      "eu-west-2",
      "eu-west-3",      "il-central-1", "me-central-1",   "me-south-1",     "sa-east-1",
      "us-east-1",      "us-east-2",    "us-west-1",      "us-west-2"};
  static const std::vector<std::string_view> kAzure = {"australiacentral",
                                                       "australiaeast",
                                                       "australiasoutheast",
                                                       "brazilsouth",
                                                       "canadacentral",
                                                       "canadaeast",
                                                       "centralindia",
                                                       "centralus",
                                                       "eastasia",
                                                       "eastus",
                                                       "eastus2",
                                                       "francecentral",
                                                       "germanywestcentral",
                                                       "japaneast",
                                                       "japanwest",
                                                       "koreacentral",
                                                       "northcentralus",
                                                       "northeurope",
                                                       "norwayeast",
                                                       "southafricanorth",
                                                       "southcentralus",
                                                       "southeastasia",
                                                       "southindia",
                                                       "swedencentral",
                                                       "switzerlandnorth",
                                                       "uaenorth",
                                                       "uksouth",
                                                       "ukwest",
                                                       "westcentralus",
                                                       "westeurope",
                                                       "westus",
                                                       "westus2",
                                                       "westus3"};
  static const std::vector<std::string_view> kNone;
  if (provider == "aws") return kAws;
  if (provider == "azure") return kAzure;
  return kNone;
}

const std::vector<InstanceSize>& provider_sizes(std::string_view provider) {
  static const std::vector<InstanceSize> kAws = {{"t3.medium", 2, 4, "", 0},
                                                 {"t3.large", 2, 8, "", 0},
                                                 {"t3.xlarge", 4, 16, "", 0},
                                                 {"t3.2xlarge", 8, 32, "", 0},
                                                 {"m5.large", 2, 8, "", 0},
                                                 {"m5.xlarge", 4, 16, "", 0},
                                                 {"m5.2xlarge", 8, 32, "", 0},
                                                 {"m5.4xlarge", 16, 64, "", 0},
                                                 {"m6i.large", 2, 8, "", 0},
                                                 {"m6i.xlarge", 4, 16, "", 0},
                                                 {"m6i.2xlarge", 8, 32, "", 0},
                                                 {"m6i.4xlarge", 16, 64, "", 0},
                                                 {"m6i.8xlarge", 32, 128, "", 0},
                                                 {"m7i.large", 2, 8, "", 0},
                                                 {"m7i.xlarge", 4, 16, "", 0},
                                                 {"m7i.2xlarge", 8, 32, "", 0},
                                                 {"m7i.4xlarge", 16, 64, "", 0},
                                                 {"c6i.large", 2, 4, "", 0},
                                                 {"c6i.xlarge", 4, 8, "", 0},
                                                 {"c6i.2xlarge", 8, 16, "", 0},
                                                 {"c6i.4xlarge", 16, 32, "", 0},
                                                 {"r6i.large", 2, 16, "", 0},
                                                 {"r6i.xlarge", 4, 32, "", 0},
                                                 {"r6i.2xlarge", 8, 64, "", 0},
                                                 {"r6i.4xlarge", 16, 128, "", 0},
                                                 {"g4dn.xlarge", 4, 16, "nvidia-tesla-t4", 1},
                                                 {"g4dn.2xlarge", 8, 32, "nvidia-tesla-t4", 1},
                                                 {"g4dn.4xlarge", 16, 64, "nvidia-tesla-t4", 1},
                                                 {"g4dn.12xlarge", 48, 192, "nvidia-tesla-t4", 4},
                                                 {"g5.xlarge", 4, 16, "nvidia-a10g", 1},
                                                 {"g5.2xlarge", 8, 32, "nvidia-a10g", 1},
                                                 {"g5.4xlarge", 16, 64, "nvidia-a10g", 1},
                                                 {"g5.12xlarge", 48, 192, "nvidia-a10g", 4},
                                                 {"p3.2xlarge", 8, 61, "nvidia-tesla-v100", 1},
                                                 {"p3.8xlarge", 32, 244, "nvidia-tesla-v100", 4},
                                                 {"p4d.24xlarge", 96, 1152, "nvidia-a100", 8}};
  static const std::vector<InstanceSize> kAzure = {
      {"Standard_B2s", 2, 4, "", 0},
      {"Standard_B4ms", 4, 16, "", 0},
      {"Standard_D2s_v5", 2, 8, "", 0},
      {"Standard_D4s_v5", 4, 16, "", 0},
      {"Standard_D8s_v5", 8, 32, "", 0},
      {"Standard_D16s_v5", 16, 64, "", 0},
      {"Standard_D32s_v5", 32, 128, "", 0},
      {"Standard_D4as_v5", 4, 16, "", 0},
      {"Standard_D8as_v5", 8, 32, "", 0},
      {"Standard_E4s_v5", 4, 32, "", 0},
      {"Standard_E8s_v5", 8, 64, "", 0},
      {"Standard_E16s_v5", 16, 128, "", 0},
      {"Standard_F4s_v2", 4, 8, "", 0},
      {"Standard_F8s_v2", 8, 16, "", 0},
      {"Standard_NC6s_v3", 6, 112, "nvidia-tesla-v100", 1},
      {"Standard_NC12s_v3", 12, 224, "nvidia-tesla-v100", 2},
      {"Standard_NC24s_v3", 24, 448, "nvidia-tesla-v100", 4},
      {"Standard_NC4as_T4_v3", 4, 28, "nvidia-tesla-t4", 1},
      {"Standard_NC8as_T4_v3", 8, 56, "nvidia-tesla-t4", 1},
      {"Standard_NC16as_T4_v3", 16, 110, "nvidia-tesla-t4", 1},
      {"Standard_NC64as_T4_v3", 64, 440, "nvidia-tesla-t4", 4},
      {"Standard_NC24ads_A100_v4", 24, 220, "nvidia-a100", 1},
      {"Standard_NC48ads_A100_v4", 48, 440, "nvidia-a100", 2}};
  static const std::vector<InstanceSize> kNone;
  if (provider == "aws") return kAws;
  if (provider == "azure") return kAzure;
  return kNone;
}

std::optional<InstanceSize> find_instance_size(std::string_view provider, std::string_view name) {
  const auto& sizes = provider_sizes(provider);
  auto it = std::find_if(sizes.begin(), sizes.end(), [&](const auto& s) { return s.name == name; });
  if (it == sizes.end()) return std::nullopt;
  return *it;
}

}  // namespace ivcapgen::model
