#pragma once
// Running the ivcapgen CLI in-process, and temporary environment trees to
// run it on.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "support/test_env.h"

namespace ivcapgen::testing {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

inline CliResult run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "ivcapgen");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  CliResult r;
  r.code = cli::run(static_cast<int>(args.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A scratch repository: a TempDir with a `.git` folder, so it is its own
// root, and helpers to write an environment and services into it.
class EnvTree {
 public:
  EnvTree() { std::filesystem::create_directories(dir_ / ".git"); }
  const std::filesystem::path& path() const { return dir_.path(); }
  std::filesystem::path operator/(const std::filesystem::path& p) const { return dir_ / p; }
  void write(const std::filesystem::path& rel, std::string_view text) const {
    write_file(dir_ / rel, text);
  }
  // environment.yaml with the given spec body (indented by the caller).
  std::string environment(std::string_view spec_body, std::string_view name = "test") const {
    std::string text =
        "apiVersion: ivcapgen/v1\nkind: Environment\nmetadata:\n  name: " + std::string(name) +
        "\nspec:\n" + std::string(spec_body);
    write("environment.yaml", text);
    return (dir_ / "environment.yaml").string();
  }

 private:
  TempDir dir_;
};

// A valid basic service description, named `name`.
inline std::string basic_service(std::string_view name, std::string_view extra = "") {
  return "$schema: urn:ivcap:schema:service.2\nname: " + std::string(name) +
         "\ndescription: A test service that does one thing well, and says so at length.\n"
         "controller:\n  $schema: urn:ivcap:schema:service.basic.1\n  image: alpine:3.19\n"
         "  command: [echo, hi]\n" +
         std::string(extra);
}

}  // namespace ivcapgen::testing
