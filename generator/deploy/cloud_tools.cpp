#include "deploy/cloud_tools.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

fs::path absolute_path(const fs::path& p) {
  return fs::absolute(p).lexically_normal();
}

}  // namespace

CloudTools::CloudTools(TargetContext& context)
    : context_(context), access_(initial_cluster_access(context)) {}

fs::path CloudTools::terraform_dir() const {
  return absolute_path(context_.desired_dir / "terraform");
}

fs::path CloudTools::terraform_data_dir() const {
  return absolute_path(context_.state_dir / "terraform");
}

fs::path CloudTools::terraform_plan_file() const {
  return absolute_path(context_.state_dir / "wave0.tfplan");
}

fs::path CloudTools::kubeconfig_file() const {
  return absolute_path(context_.state_dir / "kubeconfig");
}

tools::ToolResult<fs::path> CloudTools::locate(tools::Tool tool, std::string_view stage) {
  if (context_.options.dry_run) {
    // Nothing runs: show the command with the name or path the user gave.
    const auto& given = context_.options.tools.get(tool);
    return fs::path(given ? *given : std::string(tools::tool_name(tool)));
  }
  tools::ToolLocator locator(context_.options.tools, context_.options.path_variable);
  return locator.locate(tool, stage);
}

tools::ToolResult<tools::Terraform> CloudTools::terraform(std::string_view stage) {
  auto program = locate(tools::Tool::Terraform, stage);
  if (!program) return program.error();
  tools::TerraformOptions o;
  o.program = *program;
  o.working_dir = terraform_dir();
  o.env = {{"TF_DATA_DIR", terraform_data_dir().string()}};
  o.redactor = &context_.redactor;
  return tools::Terraform(context_.runner, o);
}

tools::ToolResult<tools::Kubectl> CloudTools::kubectl(std::string_view stage) {
  auto program = locate(tools::Tool::Kubectl, stage);
  if (!program) return program.error();
  tools::KubectlOptions o;
  o.program = *program;
  o.kubeconfig = access_.kubeconfig;
  o.context = access_.context;
  o.redactor = &context_.redactor;
  return tools::Kubectl(context_.runner, o);
}

tools::ToolResult<tools::Helm> CloudTools::helm(std::string_view stage) {
  auto program = locate(tools::Tool::Helm, stage);
  if (!program) return program.error();
  tools::HelmOptions o;
  o.program = *program;
  o.kubeconfig = access_.kubeconfig;
  o.kube_context = access_.context;
  o.redactor = &context_.redactor;
  return tools::Helm(context_.runner, o);
}

tools::ToolResult<tools::Command> CloudTools::kubectl_command(std::string_view stage,
                                                              std::vector<std::string> args) {
  auto program = locate(tools::Tool::Kubectl, stage);
  if (!program) return program.error();
  tools::Command c;
  c.argv.push_back(program->string());
  if (access_.kubeconfig) c.argv.push_back("--kubeconfig=" + access_.kubeconfig->string());
  if (access_.context) c.argv.push_back("--context=" + *access_.context);
  for (auto& a : args) c.argv.push_back(std::move(a));
  c.timeout = std::chrono::minutes(5);
  return c;
}

ClusterAccess initial_cluster_access(const TargetContext& context) {
  ClusterAccess a;
  a.context = context.options.kube_context;
  if (context.options.kubeconfig) {
    a.kubeconfig = absolute_path(*context.options.kubeconfig);
  } else if (!a.context) {
    std::error_code ec;
    const fs::path written = absolute_path(context.state_dir / "kubeconfig");
    if (fs::exists(written, ec)) a.kubeconfig = written;
  }
  return a;
}

}  // namespace ivcapgen::deploy
