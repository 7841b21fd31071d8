#pragma once
// What ivcapgen knows about each cloud: its regions and the instance sizes
// node pools may use (capacity and GPUs), so that a service that cannot fit
// anywhere, or a GPU pool on a size without GPUs, is caught before apply.
#include <optional>
#include <string_view>
#include <vector>

namespace ivcapgen::model {

struct InstanceSize {
  std::string_view name;
  int vcpus;
  int memory_gib;
  std::string_view gpu_type;  // empty: no GPU
  int gpus;
};

const std::vector<std::string_view>& provider_regions(std::string_view provider);
const std::vector<InstanceSize>& provider_sizes(std::string_view provider);
std::optional<InstanceSize> find_instance_size(std::string_view provider, std::string_view name);

}  // namespace ivcapgen::model
