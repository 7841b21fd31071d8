#pragma once
// Ctrl-C (SIGINT) and SIGTERM for the commands that run external programs:
// the first signal stops the running command through its stop token (the
// runner terminates its process group) and lets the command finish its step
// cleanly — state saved, lock released — before ivcapgen exits with 130; a
// second signal exits at once.
#include <stop_token>

#include "tools/process_runner.h"

namespace ivcapgen::cli {

inline constexpr int kExitInterrupted = 130;

// Installs the handlers on first use; the token is stopped by the first signal.
std::stop_token interrupt_token();
// Runner options whose commands are stopped by the first signal.
tools::ProcessRunner::Options interruptible();
// Whether a signal arrived (after interrupt_token() was called).
bool interrupted();

}  // namespace ivcapgen::cli
