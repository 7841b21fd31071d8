#include "tools/command_runner.h"

#include <string.h>

#include <cstdio>

namespace ivcapgen::tools {

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Exited:
      return "exited";
    case Outcome::Signaled:
      return "signaled";
    case Outcome::TimedOut:
      return "timed out";
    case Outcome::Cancelled:
      return "cancelled";
    case Outcome::FailedToStart:
      return "failed to start";
  }
  return "unknown";
}

namespace {

std::string signal_name(int sig) {
  std::string s = "signal " + std::to_string(sig);
  if (const char* abbrev = ::sigabbrev_np(sig)) s += std::string(" (SIG") + abbrev + ")";
  return s;
}

}  // namespace

std::string CommandResult::describe() const {
  switch (outcome) {
    case Outcome::Exited:
      return "exited with status " + std::to_string(exit_code);
    case Outcome::Signaled:
      return "killed by " + signal_name(signal);
    case Outcome::TimedOut:
      return "timed out after " + format_duration(elapsed) + " and was killed";
    case Outcome::Cancelled:
      return "was cancelled after " + format_duration(elapsed) + " and killed";
    case Outcome::FailedToStart:
      return "failed to start: " + start_error;
  }
  return "unknown outcome";
}

std::string format_duration(std::chrono::milliseconds d) {
  const long long ms = d.count();
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 60'000) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buf;
  }
  const long long s = ms / 1000;
  return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

std::vector<std::string> tail_lines(std::string_view text, size_t max_lines) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.emplace_back(line);
    start = end + 1;
  }
  if (lines.size() > max_lines) lines.erase(lines.begin(), lines.end() - max_lines);
  return lines;
}

}  // namespace ivcapgen::tools
