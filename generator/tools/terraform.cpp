#include "tools/terraform.h"

#include "tools/command_log.h"
#include "tools/tool_output.h"

namespace ivcapgen::tools {

namespace {

constexpr size_t kOtherLinesInError = 5;

std::string plan_mode_flag(TerraformPlanMode mode) {
  switch (mode) {
    case TerraformPlanMode::RefreshOnly:
      return "-refresh-only";
    case TerraformPlanMode::Destroy:
      return "-destroy";
    case TerraformPlanMode::Normal:
      break;
  }
  return {};
}

void add_var_files(std::vector<std::string>& args,
                   const std::vector<std::filesystem::path>& var_files) {
  for (const auto& f : var_files) args.push_back("-var-file=" + f.string());
}

}  // namespace

Command Terraform::command(std::vector<std::string> args) const {
  Command c;
  c.argv.reserve(args.size() + 1);
  c.argv.push_back(options_.program.string());
  for (auto& a : args) c.argv.push_back(std::move(a));
  c.cwd = options_.working_dir;
  c.env = {{"TF_IN_AUTOMATION", "1"}, {"TF_INPUT", "0"}, {"CHECKPOINT_DISABLE", "1"}};
  for (const auto& [name, value] : options_.env) c.env[name] = value;
  c.timeout = options_.timeout;
  return c;
}

CommandResult Terraform::run_streaming(Command c, TerraformStream& stream) {
  // Parse as lines arrive, so on_message sees progress live.
  c.on_stdout_line = [&](std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    const auto message = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded() || !add_terraform_message(message, stream)) {
      stream.other_lines.emplace_back(line);
      return;
    }
    if (options_.on_message) options_.on_message(message);
  };
  return runner_.run(c);
}

ToolError Terraform::stream_failure(std::string_view what, const Command& c,
                                    const CommandResult& result,
                                    const TerraformStream& stream) const {
  ToolError error = command_failure(what, c, result, options_.redactor);
  const auto errors = stream.errors();
  if (errors.empty() && stream.other_lines.empty()) return error;
  // Terraform's own diagnostics say more than its stderr.
  const Redactor r = redactor_for(c, options_.redactor ? *options_.redactor : Redactor());
  std::vector<std::string> details;
  for (const auto& d : errors) details.push_back(r.redact(d.to_string()));
  for (const auto& addr : stream.apply_errored) details.push_back("failed: " + addr);
  const size_t first_other = stream.other_lines.size() > kOtherLinesInError
                                 ? stream.other_lines.size() - kOtherLinesInError
                                 : 0;
  for (size_t i = first_other; i < stream.other_lines.size(); ++i) {
    details.push_back(r.redact(stream.other_lines[i]));
  }
  for (auto& line : error.details) details.push_back(std::move(line));
  error.details = std::move(details);
  return error;
}

ToolResult<TerraformVersion> Terraform::version() {
  const Command c = command({"version", "-json"});
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("terraform version", c, r, options_.redactor);
  return parse_terraform_version(r.out);
}

ToolResult<Done> Terraform::init(const TerraformInitRequest& request) {
  std::vector<std::string> args = {"init", "-input=false", "-no-color"};
  if (!request.backend) args.push_back("-backend=false");
  if (request.reconfigure) args.push_back("-reconfigure");
  if (request.plugin_dir) args.push_back("-plugin-dir=" + request.plugin_dir->string());
  for (const auto& [key, value] : request.backend_config) {
    args.push_back("-backend-config=" + key + "=" + value);
  }
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("terraform init", c, r, options_.redactor);
  return Done{};
}

ToolResult<TerraformPlan> Terraform::plan(const TerraformPlanRequest& request) {
  std::vector<std::string> args = {"plan",  "-input=false",       "-no-color",
                                   "-json", "-detailed-exitcode", "-out=" + request.out.string()};
  if (auto mode = plan_mode_flag(request.mode); !mode.empty()) args.push_back(mode);
  if (!request.refresh) args.push_back("-refresh=false");
  add_var_files(args, request.var_files);
  const Command c = command(std::move(args));
  TerraformStream stream;
  const CommandResult r = run_streaming(c, stream);
  if (!r.exited_with(0) && !r.exited_with(2)) {
    return stream_failure("terraform plan", c, r, stream);
  }
  TerraformPlan plan;
  plan.has_changes = r.exit_code == 2;
  plan.plan_file = request.out;
  plan.changes = std::move(stream.planned);
  plan.drift = std::move(stream.drift);
  if (stream.summary) plan.summary = *stream.summary;
  plan.warnings = stream.warnings();
  return plan;
}

ToolResult<TerraformPlanDocument> Terraform::show_plan(const std::filesystem::path& plan_file) {
  const Command c = command({"show", "-json", "-no-color", plan_file.string()});
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("terraform show", c, r, options_.redactor);
  return parse_terraform_plan_document(r.out);
}

ToolResult<nlohmann::json> Terraform::show_state() {
  const Command c = command({"show", "-json", "-no-color"});
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("terraform show", c, r, options_.redactor);
  return parse_json_output("terraform show -json", r.out);
}

ToolResult<TerraformApplyResult> Terraform::apply(const std::filesystem::path& plan_file) {
  const Command c = command({"apply", "-input=false", "-no-color", "-json", plan_file.string()});
  TerraformStream stream;
  const CommandResult r = run_streaming(c, stream);
  if (!r.ok()) return stream_failure("terraform apply", c, r, stream);
  TerraformApplyResult result;
  result.applied = std::move(stream.applied);
  if (stream.summary) result.summary = *stream.summary;
  result.warnings = stream.warnings();
  return result;
}

ToolResult<TerraformOutputs> Terraform::output() {
  const Command c = command({"output", "-no-color", "-json"});
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("terraform output", c, r, options_.redactor);
  auto outputs = parse_terraform_outputs(r.out);
  if (outputs && options_.redactor) {
    for (auto& s : outputs->sensitive_strings()) options_.redactor->add_secret(std::move(s));
  }
  return outputs;
}

ToolResult<TerraformApplyResult> Terraform::destroy(
    const std::vector<std::filesystem::path>& var_files) {
  std::vector<std::string> args = {"destroy", "-auto-approve", "-input=false", "-no-color",
                                   "-json"};
  add_var_files(args, var_files);
  const Command c = command(std::move(args));
  TerraformStream stream;
  const CommandResult r = run_streaming(c, stream);
  if (!r.ok()) return stream_failure("terraform destroy", c, r, stream);
  TerraformApplyResult result;
  result.applied = std::move(stream.applied);
  if (stream.summary) result.summary = *stream.summary;
  result.warnings = stream.warnings();
  return result;
}

}  // namespace ivcapgen::tools
