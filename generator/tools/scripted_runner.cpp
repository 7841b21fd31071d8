#include "tools/scripted_runner.h"

#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tools/command_log.h"

namespace ivcapgen::tools {

namespace {

using nlohmann::json;

std::string join_argv(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    s += shell_quote(a);
  }
  return s;
}

std::string json_quoted(std::string_view s) {
  constexpr size_t kMax = 60;
  std::string q = json(std::string(s.substr(0, kMax))).dump();
  if (s.size() > kMax) q += "...";
  return q;
}

void replay_lines(const std::string& text, const LineCallback& on_line) {
  if (!on_line) return;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    on_line(std::string_view(text).substr(start, nl - start));
    start = nl + 1;
  }
}

// One entry of a script file being decoded; errors name the entry and key.
class EntryDecoder {
 public:
  EntryDecoder(const json& entry, std::string origin, const std::filesystem::path& base_dir,
               const ScriptVariables& vars)
      : entry_(entry), origin_(std::move(origin)), base_dir_(base_dir), vars_(vars) {}

  std::optional<ExpectedCall> decode() {
    static const std::set<std::string> kKeys = {
        "argv",   "cwd",         "env",       "stdin",       "stdin_file",
        "stdout", "stdout_file", "stderr",    "stderr_file", "exit",
        "signal", "timeout",     "not_found", "start_error", "comment"};
    if (!entry_.is_object()) return fail("must be an object");
    for (const auto& [key, value] : entry_.items()) {
      if (!kKeys.count(key)) return fail("unknown key '" + key + "'");
    }
    ExpectedCall call;
    call.origin = origin_;
    const auto argv = entry_.find("argv");
    if (argv == entry_.end() || !argv->is_array() || argv->empty()) {
      return fail("'argv' must be a non-empty array of strings");
    }
    for (const auto& item : *argv) {
      if (!item.is_string()) return fail("'argv' must be a non-empty array of strings");
      call.argv.push_back(substitute(item.get<std::string>()));
    }
    if (auto cwd = string_key("cwd")) call.cwd = *cwd;
    if (const auto env = entry_.find("env"); env != entry_.end()) {
      if (!env->is_object()) return fail("'env' must be an object of strings");
      for (const auto& [name, value] : env->items()) {
        if (!value.is_string()) return fail("'env' must be an object of strings");
        call.env[name] = substitute(value.get<std::string>());
      }
    }
    call.stdin_data = text_key("stdin");
    CommandResult& reply = call.reply;
    reply = exited(0);
    reply.out = text_key("stdout").value_or("");
    reply.err = text_key("stderr").value_or("");
    if (const auto code = entry_.find("exit"); code != entry_.end()) {
      if (!code->is_number_integer()) return fail("'exit' must be an integer");
      reply.exit_code = code->get<int>();
    }
    if (const auto sig = entry_.find("signal"); sig != entry_.end()) {
      if (!sig->is_number_integer()) return fail("'signal' must be an integer");
      reply.outcome = Outcome::Signaled;
      reply.exit_code = -1;
      reply.signal = sig->get<int>();
    }
    if (flag("timeout")) {
      reply.outcome = Outcome::TimedOut;
      reply.exit_code = -1;
      reply.signal = SIGKILL;
    }
    if (flag("not_found")) reply = not_found(call.argv[0]);
    if (auto why = string_key("start_error")) {
      reply = CommandResult{};
      reply.start_error = *why;
    }
    if (!error_.empty()) return std::nullopt;
    return call;
  }

  const std::string& error() const { return error_; }

 private:
  std::nullopt_t fail(std::string why) {
    if (error_.empty()) error_ = origin_ + ": " + why;
    return std::nullopt;
  }

  std::string substitute(const std::string& s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      if (s.compare(i, 2, "${") == 0) {
        const size_t end = s.find('}', i + 2);
        const std::string name = s.substr(i + 2, end == std::string::npos ? 0 : end - i - 2);
        const auto var = vars_.find(name);
        if (end == std::string::npos || var == vars_.end()) {
          fail("unknown variable '${" + name + "}'");
          return s;
        }
        out += var->second;
        i = end + 1;
      } else {
        out.push_back(s[i++]);
      }
    }
    return out;
  }

  std::optional<std::string> string_key(const char* key) {
    const auto it = entry_.find(key);
    if (it == entry_.end()) return std::nullopt;
    if (!it->is_string()) {
      fail(std::string("'") + key + "' must be a string");
      return std::nullopt;
    }
    return substitute(it->get<std::string>());
  }

  bool flag(const char* key) {
    const auto it = entry_.find(key);
    if (it == entry_.end()) return false;
    if (!it->is_boolean()) fail(std::string("'") + key + "' must be true or false");
    return it->is_boolean() && it->get<bool>();
  }

  // `key` inline, or the content of the file named by `key_file`.
  std::optional<std::string> text_key(const std::string& key) {
    auto inline_text = string_key(key.c_str());
    auto file = string_key((key + "_file").c_str());
    if (inline_text && file) {
      fail("give '" + key + "' or '" + key + "_file', not both");
      return std::nullopt;
    }
    if (!file) return inline_text;
    const std::filesystem::path path = base_dir_ / *file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fail("cannot read " + key + "_file '" + path.string() + "'");
      return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  const json& entry_;
  std::string origin_;
  const std::filesystem::path& base_dir_;
  const ScriptVariables& vars_;
  std::string error_;
};

}  // namespace

CommandResult exited(int code, std::string out, std::string err) {
  CommandResult r;
  r.outcome = Outcome::Exited;
  r.exit_code = code;
  r.out = std::move(out);
  r.err = std::move(err);
  return r;
}

CommandResult timed_out() {
  CommandResult r;
  r.outcome = Outcome::TimedOut;
  r.signal = SIGKILL;
  return r;
}

CommandResult not_found(std::string_view program) {
  CommandResult r;
  r.outcome = Outcome::FailedToStart;
  r.start_error = "program '" + std::string(program) + "' not found on PATH";
  return r;
}

ToolResult<std::vector<ExpectedCall>> parse_call_script(std::string_view text,
                                                        const std::filesystem::path& base_dir,
                                                        std::string_view name,
                                                        const ScriptVariables& vars) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return ToolError{std::string(name) + ": not valid JSON", {}};
  if (!doc.is_array()) return ToolError{std::string(name) + ": must be an array of calls", {}};
  std::vector<ExpectedCall> calls;
  for (size_t i = 0; i < doc.size(); ++i) {
    EntryDecoder decoder(doc[i], std::string(name) + " entry " + std::to_string(i + 1), base_dir,
                         vars);
    auto call = decoder.decode();
    if (!call) return ToolError{decoder.error(), {}};
    calls.push_back(std::move(*call));
  }
  return calls;
}

ToolResult<std::vector<ExpectedCall>> load_call_script(const std::filesystem::path& file,
                                                       const ScriptVariables& vars) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ToolError{"cannot read call script '" + file.string() + "'", {}};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_call_script(text.str(), file.parent_path(), file.filename().string(), vars);
}

ScriptedRunner::ScriptedRunner(std::vector<ExpectedCall> script) : script_(std::move(script)) {}

CommandResult ScriptedRunner::run(const Command& command) {
  calls_.push_back(command);
  const size_t number = calls_.size();
  if (next_ >= script_.size()) {
    std::string problem = "scripted runner: unexpected call " + std::to_string(number) + ": " +
                          join_argv(command.argv) + " (all " + std::to_string(script_.size()) +
                          " script entries were used)";
    problems_.push_back(problem);
    CommandResult r;
    r.start_error = std::move(problem);
    return r;
  }
  const ExpectedCall& expected = script_[next_++];

  std::vector<std::string> differences;
  if (expected.argv != command.argv) {
    differences.push_back("argv (- expected, + actual):\n" +
                          diff_argv(expected.argv, command.argv));
  }
  if (expected.cwd && *expected.cwd != command.cwd) {
    differences.push_back("cwd: expected " + json_quoted(expected.cwd->string()) + ", actual " +
                          json_quoted(command.cwd.string()));
  }
  for (const auto& [name, value] : expected.env) {
    const auto it = command.env.find(name);
    if (it == command.env.end()) {
      differences.push_back("env " + name + ": expected " + json_quoted(value) +
                            ", actual not set");
    } else if (it->second != value) {
      differences.push_back("env " + name + ": expected " + json_quoted(value) + ", actual " +
                            json_quoted(it->second));
    }
  }
  if (expected.stdin_data && expected.stdin_data != command.stdin_data) {
    differences.push_back("stdin: expected " + std::to_string(expected.stdin_data->size()) +
                          " bytes " + json_quoted(*expected.stdin_data) + ", actual " +
                          (command.stdin_data ? std::to_string(command.stdin_data->size()) +
                                                    " bytes " + json_quoted(*command.stdin_data)
                                              : std::string("none")));
  }
  if (!differences.empty()) {
    std::string problem = "scripted runner: call " + std::to_string(number) + " does not match " +
                          expected.origin + ":";
    for (const auto& d : differences) problem += "\n  " + d;
    problems_.push_back(problem);
    CommandResult r;
    r.start_error = std::move(problem);
    return r;
  }

  CommandResult reply = expected.reply;
  if (reply.outcome == Outcome::TimedOut) reply.elapsed = command.timeout;
  replay_lines(reply.out, command.on_stdout_line);
  replay_lines(reply.err, command.on_stderr_line);
  return reply;
}

std::string ScriptedRunner::verify() const {
  std::vector<std::string> all = problems_;
  for (size_t i = next_; i < script_.size(); ++i) {
    all.push_back("scripted runner: " + script_[i].origin +
                  " was never called: " + join_argv(script_[i].argv));
  }
  std::string report;
  for (const auto& p : all) {
    if (!report.empty()) report += "\n";
    report += p;
  }
  return report;
}

std::string diff_argv(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual) {
  const size_t n = expected.size(), m = actual.size();
  // lcs[i][j]: length of the longest common subsequence of expected[i:] and actual[j:].
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] =
          expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  auto line = [&](const char* mark, const std::string& item) {
    out += std::string("    ") + mark + " " + shell_quote(item) + "\n";
  };
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] == actual[j]) {
      line(" ", expected[i++]);
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      line("-", expected[i++]);
    } else {
      line("+", actual[j++]);
    }
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace ivcapgen::tools
