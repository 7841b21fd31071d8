#pragma once
// Starting and stopping the local provider's long-running processes. The
// CommandRunner (tools/) runs programs to completion; a daemon must outlive
// `ivcapgen apply`, so it is started here instead: double fork (the daemon
// is re-parented to init, never a zombie of ours), a new session (its own
// process group, no controlling terminal), stdin from /dev/null, stdout and
// stderr appended to its log, the given working directory and a complete
// environment (nothing of the caller's leaks), argv executed directly —
// never through a shell.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deploy/local/process_identity.h"

namespace ivcapgen::deploy::local {

struct DaemonSpec {
  std::filesystem::path executable;  // what is executed (absolute)
  std::vector<std::string> argv;     // argv[0] included
  std::filesystem::path cwd;
  std::filesystem::path log_file;          // created 0600 if missing, appended to
  std::map<std::string, std::string> env;  // the daemon's whole environment
};

// Starts the daemon; its identity once it has exec'd, or nullopt with
// `error` ("cannot execute /x/ivcap-gateway: Permission denied").
std::optional<ProcessIdentity> spawn_daemon(const DaemonSpec& spec, std::string& error);

enum class StopOutcome {
  NotRunning,  // nothing to stop (gone already, or the pid is someone else's)
  Terminated,  // exited after SIGTERM within the grace period
  Killed,      // needed SIGKILL
  Failed,      // still there after SIGKILL (or could not be signalled)
};

const char* to_string(StopOutcome outcome);

// SIGTERM, then SIGKILL (to its whole process group when it leads one)
// after `grace`. Signals only the process `identity` names: a reused pid is
// left alone.
StopOutcome stop_daemon(const ProcessIdentity& identity, std::chrono::milliseconds grace,
                        std::string& error);

// The last `lines` lines of a log file (for "failed to start" messages).
std::string log_tail(const std::filesystem::path& log_file, size_t lines = 15);

}  // namespace ivcapgen::deploy::local
