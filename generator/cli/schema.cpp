// ivcapgen schema [environment|overlay|service]: JSON Schema for editors.
#include "cli/command.h"
#include "diag/suggest.h"
#include "spec/schema_writer.h"

namespace ivcapgen::cli {

Command schema_command() {
  return {"schema", "Print the JSON Schema of environment, overlay or service documents",
          [](ArgParser& p) {
            p.positional("KIND", "environment (default), overlay or service", false);
          },
          [](const ArgParser& args, Console& console) {
            std::string kind = args.positional_value("KIND").value_or("environment");
            static const std::vector<std::string> kKinds = {"environment", "overlay", "service"};
            if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
              console.err << "ivcapgen: error: unknown schema '" << kind << "'";
              if (auto s = diag::closest_match(kind, kKinds)) {
                console.err << "; did you mean '" << *s << "'?";
              }
              console.err << "\n";
              return kExitUsage;
            }
            console.out << spec::json_schema(kind).dump(2) << "\n";
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
