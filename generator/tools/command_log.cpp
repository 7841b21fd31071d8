#include "tools/command_log.h"

#include <algorithm>
#include <cctype>

namespace ivcapgen::tools {

namespace {

constexpr size_t kStderrLinesOnFailure = 10;

bool shell_safe(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  // '*' is safe for display: it is how a mask looks, and a log is not a script.
  return std::string_view("-_./=:,+@%^*").find(c) != std::string_view::npos;
}

}  // namespace

std::string shell_quote(std::string_view s) {
  if (!s.empty() && std::all_of(s.begin(), s.end(), shell_safe)) return std::string(s);
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q.push_back(c);
  }
  q += "'";
  return q;
}

Redactor redactor_for(const Command& command, const Redactor& base) {
  Redactor r = base;
  for (const auto& s : command.secrets) r.add_secret(s);
  for (const auto& [name, value] : command.env) {
    if (r.is_secret_name(name)) r.add_secret(value);
  }
  return r;
}

std::string format_command(const Command& command, const Redactor& base) {
  const Redactor r = redactor_for(command, base);
  std::string line;
  if (!command.cwd.empty()) line += "cd " + shell_quote(r.redact(command.cwd.string())) + " && ";
  if (command.clean_env || !command.unset_env.empty()) {
    line += "env";
    if (command.clean_env) line += " -i";
    for (const auto& name : command.unset_env) line += " -u " + shell_quote(name);
    line += " ";
  }
  for (const auto& [name, value] : command.env) {
    line += name + "=" + shell_quote(r.redact_env(name, value)) + " ";
  }
  const auto argv = r.redact_argv(command.argv);
  for (size_t i = 0; i < argv.size(); ++i) {
    if (i > 0) line += " ";
    line += shell_quote(argv[i]);
  }
  // Never the content of stdin: it is often a manifest holding secrets.
  if (command.stdin_data) line += " < (" + std::to_string(command.stdin_data->size()) + " bytes)";
  return line;
}

void StreamCommandLog::command_started(const Command& command) {
  out_ << "+ " << format_command(command, redactor_) << "\n";
  out_.flush();
}

void StreamCommandLog::command_finished(const Command& command, const CommandResult& result) {
  out_ << "  " << result.describe();
  if (result.outcome == Outcome::Exited || result.outcome == Outcome::Signaled) {
    out_ << " (" << format_duration(result.elapsed) << ")";
  }
  out_ << "\n";
  if (!result.ok() && result.outcome != Outcome::FailedToStart) {
    const Redactor r = redactor_for(command, redactor_);
    for (const auto& line : tail_lines(result.err, kStderrLinesOnFailure)) {
      out_ << "  | " << r.redact(line) << "\n";
    }
  }
  out_.flush();
}

CommandResult LoggingRunner::run(const Command& command) {
  log_.command_started(command);
  CommandResult result = inner_.run(command);
  log_.command_finished(command, result);
  return result;
}

}  // namespace ivcapgen::tools
