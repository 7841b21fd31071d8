// ivcapgen defaults: the pinned component versions and the field defaults.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "cli/command.h"
#include "emit/model_json.h"
#include "model/components.h"
#include "model/resolve.h"
#include "output/yaml_writer.h"

namespace ivcapgen::cli {

namespace {

void print_components(std::ostream& out) {
  out << "Third-party components (Helm charts), pinned versions:\n";
  out << "  " << std::left << std::setw(23) << "NAME" << std::setw(10) << "VERSION" << std::setw(15)
      << "NAMESPACE"
      << "REPOSITORY\n";
  for (const auto& c : model::component_defaults()) {
    out << "  " << std::left << std::setw(23) << c.name << std::setw(10) << c.version
        << std::setw(15) << c.namespace_role << c.repository << "\n";
  }
}

// The defaults are not written down here: an environment with nothing but
// the provider is resolved exactly as a loaded one would be, and printed.
void print_field_defaults(std::ostream& out, const std::string& provider) {
  model::Environment env;
  env.spec->provider.value = provider;
  model::resolve_environment_defaults(env);
  emit::Json spec = emit::environment_json(env)["spec"];
  spec.erase("provider");
  out << "\nEnvironment defaults (spec.*, provider: " << provider
      << "; fields without a default are left out):\n";
  std::istringstream lines(output::to_yaml(spec));
  for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
}

}  // namespace

Command defaults_command() {
  return {"defaults", "Print pinned component versions and field defaults",
          [](ArgParser& args) {
            args.option("--provider", "NAME",
                        "Defaults for this provider: local (default), aws or azure");
          },
          [](const ArgParser& args, Console& console) {
            std::string provider = args.value_or("--provider", "local");
            if (std::find(std::begin(model::kProviders), std::end(model::kProviders), provider) ==
                std::end(model::kProviders)) {
              console.err << "ivcapgen: unknown provider '" << provider
                          << "'; expected one of: local, aws, azure\n";
              return kExitUsage;
            }
            print_components(console.out);
            print_field_defaults(console.out, provider);
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
