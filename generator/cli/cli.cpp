#include "cli/cli.h"

#include "ivcapgen_version.h"

namespace ivcapgen::cli {

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  if (argc >= 2 && std::string_view(argv[1]) == "version") {
    out << "ivcapgen " << IVCAPGEN_VERSION << '\n';
    return 0;
  }
  err << "usage: ivcapgen <command> [options]\n";
  return 64;
}

}  // namespace ivcapgen::cli
