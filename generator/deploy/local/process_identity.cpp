#include "deploy/local/process_identity.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ivcapgen::deploy::local {

namespace {

std::optional<std::string> read_proc_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

std::optional<ProcStat> read_stat(int pid) {
  if (pid <= 0) return std::nullopt;
  auto content = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
  if (!content) return std::nullopt;
  return parse_proc_stat(*content);
}

std::string join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += a.size() > 60 ? a.substr(0, 57) + "..." : a;
  }
  return out;
}

// An interpreted program (#!/bin/sh) shows its interpreter first:
// "/bin/sh /path/ivcap-x --flag" for argv "/path/ivcap-x --flag".
bool ends_with(const std::vector<std::string>& actual, const std::vector<std::string>& argv) {
  if (actual.size() < argv.size()) return false;
  return std::equal(argv.begin(), argv.end(), actual.end() - static_cast<long>(argv.size()));
}

}  // namespace

std::optional<ProcStat> parse_proc_stat(const std::string& content) {
  // "<pid> (<comm>) <state> <ppid> <pgrp> ... <starttime: field 22> ..."
  size_t close = content.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(content.substr(close + 1));
  std::vector<std::string> fields;  // fields[0] is field 3 (state)
  std::string f;
  while (rest >> f && fields.size() < 20) fields.push_back(f);
  if (fields.size() < 20 || fields[0].size() != 1) return std::nullopt;
  try {
    ProcStat s;
    s.state = fields[0][0];
    s.process_group = std::stoi(fields[2]);
    s.start_ticks = std::stoull(fields[19]);
    return s;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string current_boot_id() {
  auto id = read_proc_file("/proc/sys/kernel/random/boot_id");
  if (!id) return "";
  while (!id->empty() && (id->back() == '\n' || id->back() == ' ')) id->pop_back();
  return *id;
}

std::optional<ProcessIdentity> read_process_identity(int pid) {
  auto stat = read_stat(pid);
  if (!stat || stat->state == 'Z' || stat->state == 'X' || stat->state == 'x') return std::nullopt;
  return ProcessIdentity{pid, stat->start_ticks, current_boot_id()};
}

std::optional<std::vector<std::string>> read_process_argv(int pid) {
  if (pid <= 0) return std::nullopt;
  auto content = read_proc_file("/proc/" + std::to_string(pid) + "/cmdline");
  if (!content) return std::nullopt;
  std::vector<std::string> argv;
  size_t start = 0;
  while (start < content->size()) {
    size_t end = content->find('\0', start);
    if (end == std::string::npos) end = content->size();
    argv.push_back(content->substr(start, end - start));
    start = end + 1;
  }
  return argv;
}

std::optional<int> read_process_group(int pid) {
  auto stat = read_stat(pid);
  if (!stat) return std::nullopt;
  return stat->process_group;
}

ProcessCheck check_process(const ProcessIdentity& recorded, const std::vector<std::string>& argv) {
  auto now = read_process_identity(recorded.pid);
  if (!now) return {ProcessState::Gone, "process " + std::to_string(recorded.pid) + " is gone"};
  auto actual_argv = read_process_argv(recorded.pid).value_or(std::vector<std::string>{});
  // append, not "'" + join(): GCC 12 at -O3 warns (-Wrestrict) on the latter.
  std::string what =
      actual_argv.empty() ? "another process" : std::string("'").append(join(actual_argv)) + "'";
  if (!recorded.boot_id.empty() && !now->boot_id.empty() && recorded.boot_id != now->boot_id) {
    return {ProcessState::Reused, "pid " + std::to_string(recorded.pid) +
                                      " was recorded before the machine restarted; it is now " +
                                      what};
  }
  if (now->start_ticks != recorded.start_ticks ||
      (!argv.empty() && !ends_with(actual_argv, argv))) {
    return {ProcessState::Reused,
            "pid " + std::to_string(recorded.pid) + " now belongs to " + what};
  }
  return {ProcessState::Running, ""};
}

}  // namespace ivcapgen::deploy::local
