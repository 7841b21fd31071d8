// backend.tf: where Terraform keeps the state, from spec.terraform.backend
// with the documented defaults (environment.h): key <project>/<env>.tfstate
// (s3, azurerm), region = spec.region (s3, applied by the resolver), path
// terraform.tfstate (local). The state is encrypted and locked: S3 with
// encrypt and either the given DynamoDB table or S3-native lock files;
// azurerm with Entra ID authentication (no storage account keys).
#include "emit/terraform/root_blocks.h"
#include "emit/terraform/root_module.h"

namespace ivcapgen::emit::terraform {

namespace {

std::string or_default(const model::Text& field, std::string fallback) {
  return field.present && !field->empty() ? *field : fallback;
}

Block s3_backend(const model::BackendSpec& b, const std::string& key) {
  Block s3("backend", {"s3"});
  s3.attribute("bucket", text(*b.bucket));
  s3.attribute("key", text(key));
  s3.attribute("region", text(*b.region));
  bool dynamodb_lock = b.dynamodb_table.present && !b.dynamodb_table->empty();
  if (dynamodb_lock) s3.attribute("dynamodb_table", text(*b.dynamodb_table));
  s3.attribute("encrypt", Expression::boolean(true));
  if (!dynamodb_lock) s3.attribute("use_lockfile", Expression::boolean(true));
  return s3;
}

Block azurerm_backend(const model::BackendSpec& b, const std::string& key) {
  Block azurerm("backend", {"azurerm"});
  azurerm.attribute("resource_group_name", text(*b.resource_group));
  azurerm.attribute("storage_account_name", text(*b.storage_account));
  azurerm.attribute("container_name", text(*b.container));
  azurerm.attribute("key", text(key));
  azurerm.attribute("use_azuread_auth", Expression::boolean(true));
  return azurerm;
}

Block local_backend(const model::BackendSpec& b) {
  Block local("backend", {"local"});
  local.attribute("path", text(or_default(b.path, "terraform.tfstate")));
  return local;
}

}  // namespace

Body backend_file(const model::Model& m) {
  const auto& b = m.env().terraform->backend.value;
  std::string key = or_default(b.key, *m.env().project + "/" + m.name() + ".tfstate");
  Block settings("terraform");
  if (*b.type == "s3") {
    settings.block(s3_backend(b, key));
  } else if (*b.type == "azurerm") {
    settings.block(azurerm_backend(b, key));
  } else {
    settings.block(local_backend(b));
  }
  Body file;
  file.comment("spec.terraform.backend (" + *b.type +
               "). Credentials come from the environment of terraform, never from here.");
  file.block(std::move(settings));
  return file;
}

}  // namespace ivcapgen::emit::terraform
