#pragma once
// The hand-written Terraform modules (modules/<provider>/<module>/…), compiled
// into the binary by embed_modules.cmake, so that `build` copies them into
// out/<env>/terraform/modules/ without reading the source tree at run time
// (the output depends only on the inputs and the ivcapgen version).
#include <span>
#include <string_view>

namespace ivcapgen::emit::terraform {

struct ModuleFile {
  std::string_view path;  // relative to modules/: "aws/network/main.tf"
  std::string_view content;
};

// Every file under modules/<provider>/, sorted by path.
std::span<const ModuleFile> embedded_module_files();

}  // namespace ivcapgen::emit::terraform
