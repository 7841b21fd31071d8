#pragma once
// Who a recorded pid is. A pid alone is not an identity: after a process
// dies the kernel may hand its number to an unrelated program, and a state
// file that only says "pid 4242" would then make `drift` call a stranger
// healthy and `destroy` signal it. So the local provider records the pid
// with the process's start time (field 22 of /proc/<pid>/stat, in clock
// ticks since boot) and the boot id, and compares the command line too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ivcapgen::deploy::local {

struct ProcessIdentity {
  int pid = 0;
  uint64_t start_ticks = 0;
  std::string boot_id;  // /proc/sys/kernel/random/boot_id
};

// The identity of the live process `pid` now; nullopt when there is none,
// or it is a zombie (it exited and waits to be reaped: as good as gone).
std::optional<ProcessIdentity> read_process_identity(int pid);

// The argv of the live process `pid` (/proc/<pid>/cmdline).
std::optional<std::vector<std::string>> read_process_argv(int pid);

// The process group of `pid` (field 5 of /proc/<pid>/stat).
std::optional<int> read_process_group(int pid);

enum class ProcessState {
  Running,  // the recorded process is alive
  Gone,     // no such process (or a zombie)
  Reused,   // the pid now belongs to another process
};

struct ProcessCheck {
  ProcessState state = ProcessState::Gone;
  std::string detail;  // for Reused: what the pid is now, e.g. "sleep 100"
};

// Is the process recorded as `recorded`, started with `argv`, still running?
// Its command line must end with `argv` (a script's shows its interpreter
// first); an empty `argv` skips the comparison.
ProcessCheck check_process(const ProcessIdentity& recorded, const std::vector<std::string>& argv);

// The boot id of this machine ("" when /proc does not say).
std::string current_boot_id();

// Parses the content of /proc/<pid>/stat: {state letter, process group,
// start ticks}; nullopt when malformed. (Separate for testing: the command
// name in parentheses may itself hold spaces and parentheses.)
struct ProcStat {
  char state = '?';
  int process_group = 0;
  uint64_t start_ticks = 0;
};
std::optional<ProcStat> parse_proc_stat(const std::string& content);

}  // namespace ivcapgen::deploy::local
