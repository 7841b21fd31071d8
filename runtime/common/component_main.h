#pragma once
// The shape of every component's main(): block shutdown signals before any
// thread starts, parse flags (--help -> 0, usage error -> 64), run the body,
// and turn UsageError into 64 and StartupError (or any other exception at
// start) into 1, each with one line on stderr.
#include <functional>

#include "common/cli_flags.h"
#include "common/shutdown_signal.h"

namespace ivcap::runtime {

int run_component_main(int argc, const char* const* argv, FlagSet& flags,
                       const std::function<int(const FlagSet&, ShutdownSignal&)>& body);

}  // namespace ivcap::runtime
