// ivcapgen version
#include "cli/command.h"
#include "ivcapgen_version.h"

namespace ivcapgen::cli {

Command version_command() {
  return {"version", "Print the version", [](ArgParser&) {},
          [](const ArgParser&, Console& console) {
            console.out << "ivcapgen " << IVCAPGEN_VERSION << "\n";
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
