#pragma once
// Where the reference runtime programs (ivcap-gateway, ...) are. In order:
// the --runtime-dir flag (only there, when given); the `runtime/` folder
// beside the folder of the ivcapgen executable (a build tree puts ivcapgen in
// <build>/generator/ and the runtime in <build>/runtime/); then PATH.
#include <filesystem>
#include <optional>
#include <string>

namespace ivcapgen::deploy::local {

struct RuntimeSearch {
  std::optional<std::filesystem::path> runtime_dir;  // --runtime-dir
  std::filesystem::path executable_dir;              // the folder holding ivcapgen
  std::string path_value;                            // PATH
};

// The search a running ivcapgen does: its own folder from /proc/self/exe and
// this process's PATH.
RuntimeSearch default_runtime_search(std::optional<std::filesystem::path> runtime_dir);

// The absolute path of `program`, or nullopt with an error that says where it
// looked and how to fix it.
std::optional<std::filesystem::path> locate_runtime_program(const std::string& program,
                                                            const RuntimeSearch& search,
                                                            std::string& error);

}  // namespace ivcapgen::deploy::local
