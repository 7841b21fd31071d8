#include "common/component_main.h"

#include <iostream>

#include "common/startup_error.h"

namespace ivcap::runtime {

int run_component_main(int argc, const char* const* argv, FlagSet& flags,
                       const std::function<int(const FlagSet&, ShutdownSignal&)>& body) {
  ShutdownSignal shutdown;
  std::string program = argc > 0 ? argv[0] : "ivcap-component";
  if (auto pos = program.rfind('/'); pos != std::string::npos) program = program.substr(pos + 1);
  if (auto exit_code = flags.parse(argc, argv)) return *exit_code;
  try {
    return body(flags, shutdown);
  } catch (const UsageError& e) {
    std::cerr << program << ": error: " << e.what() << "\n(see " << program << " --help)\n";
    return 64;
  } catch (const std::exception& e) {
    std::cerr << program << ": error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ivcap::runtime
