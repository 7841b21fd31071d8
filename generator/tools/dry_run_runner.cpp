#include "tools/dry_run_runner.h"

namespace ivcapgen::tools {

CommandResult DryRunRunner::run(const Command& command) {
  commands_.push_back(command);
  CommandResult result;
  result.outcome = Outcome::Exited;
  result.exit_code = 0;
  return result;
}

}  // namespace ivcapgen::tools
