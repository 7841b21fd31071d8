// providers.tf: the Terraform and provider pins of the contract
// (modules/README.md: hashicorp/aws ~> 5.100, the version mirrored for
// offline plans; hashicorp/azurerm ~> 4.21, the newest floor any module
// needs; Terraform >= 1.11 for the database modules' ephemeral resources and
// write-only arguments) and the provider block. Credentials and the
// subscription come from the environment of the terraform process, never
// from here.
#include <stdexcept>

#include "emit/terraform/root_blocks.h"
#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

namespace {

constexpr std::string_view kRequiredTerraform = ">= 1.11";
constexpr std::string_view kAwsProviderVersion = "~> 5.100";
constexpr std::string_view kAzurermProviderVersion = "~> 4.21";

Block terraform_settings(std::string_view provider, std::string_view source,
                         std::string_view version) {
  Block required("required_providers");
  required.attribute(provider,
                     Expression::object({"source", "version"}, {text(source), text(version)}));
  Block settings("terraform");
  settings.attribute("required_version", text(kRequiredTerraform));
  settings.block(std::move(required));
  return settings;
}

Body aws_providers() {
  Body file;
  file.block(terraform_settings("aws", "hashicorp/aws", kAwsProviderVersion));
  Block aws("provider", {"aws"});
  aws.attribute("region", expr("var.region"));
  // The modules tag every resource themselves; default tags are the safety
  // net for anything a module or a later addition misses.
  Block default_tags("default_tags");
  default_tags.attribute(
      "tags", expr("merge(var.tags, { project = var.project, environment = var.environment })"));
  aws.comment(
      "project and environment on every resource, also on any a module does not tag\n"
      "itself (the modules tag all of theirs; project and environment win over tags).");
  aws.block(std::move(default_tags));
  file.block(std::move(aws));
  return file;
}

Body azure_providers() {
  Body file;
  file.block(terraform_settings("azurerm", "hashicorp/azurerm", kAzurermProviderVersion));
  Block azurerm("provider", {"azurerm"});
  azurerm.block(Block("features"));
  azurerm.comment("The storage account has shared-key access disabled.");
  azurerm.attribute("storage_use_azuread", Expression::boolean(true));
  // azurerm has no provider-level default tags: every module tags its
  // resources with project and environment (checked by tests/modules).
  file.comment("The subscription comes from ARM_SUBSCRIPTION_ID at deploy time.");
  file.block(std::move(azurerm));
  return file;
}

}  // namespace

Body providers_file(std::string_view provider) {
  if (provider == "aws") return aws_providers();
  if (provider == "azure") return azure_providers();
  throw std::invalid_argument("no Terraform providers for provider '" + std::string(provider) +
                              "'");
}

}  // namespace ivcapgen::emit::terraform
