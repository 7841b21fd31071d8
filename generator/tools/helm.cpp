#include "tools/helm.h"

#include "tools/tool_output.h"

namespace ivcapgen::tools {

using nlohmann::json;

namespace {

// helm's own --timeout should fire first (and roll back); ours is the backstop.
constexpr std::chrono::seconds kBackstopMargin{60};

bool release_not_found(const CommandResult& r) {
  return r.outcome == Outcome::Exited && r.exit_code != 0 &&
         r.err.find("release: not found") != std::string::npos;
}

}  // namespace

Command Helm::command(std::vector<std::string> args) const {
  Command c;
  c.argv.push_back(options_.program.string());
  if (options_.kubeconfig) c.argv.push_back("--kubeconfig=" + options_.kubeconfig->string());
  if (options_.kube_context) c.argv.push_back("--kube-context=" + *options_.kube_context);
  for (auto& a : args) c.argv.push_back(std::move(a));
  c.env = options_.env;
  c.timeout = options_.timeout;
  return c;
}

ToolResult<HelmRelease> Helm::upgrade_install(const HelmUpgradeRequest& request) {
  const HelmChart& chart = request.chart;
  const std::string what = "helm upgrade --install " + request.release;
  if (chart.version.empty()) {
    return ToolError{what + ": chart '" + chart.ref + "' has no pinned version", {}};
  }
  const bool oci = chart.ref.rfind("oci://", 0) == 0;
  if (oci && !chart.repo.empty()) {
    return ToolError{what + ": an oci:// chart takes no repository URL (" + chart.repo + ")", {}};
  }
  std::vector<std::string> args = {"upgrade", "--install",   request.release,
                                   chart.ref, "--namespace", request.ns};
  if (request.create_namespace) args.push_back("--create-namespace");
  args.insert(args.end(), {"--version", chart.version});
  if (!chart.repo.empty()) args.insert(args.end(), {"--repo", chart.repo});
  for (const auto& f : request.values_files) args.insert(args.end(), {"-f", f.string()});
  if (request.atomic) args.push_back("--atomic");
  if (request.wait) args.push_back("--wait");
  args.insert(args.end(), {"--timeout", go_duration(request.timeout), "-o", "json"});
  Command c = command(std::move(args));
  c.timeout = request.timeout + kBackstopMargin;
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure(what, c, r, options_.redactor);
  return parse_helm_release(r.out);
}

ToolResult<std::optional<json>> Helm::get_values(std::string_view release, std::string_view ns,
                                                 bool all) {
  std::vector<std::string> args = {"get", "values", std::string(release), "-n", std::string(ns),
                                   "-o",  "json"};
  if (all) args.push_back("--all");
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (release_not_found(r)) return std::optional<json>();
  if (!r.ok())
    return command_failure("helm get values " + std::string(release), c, r, options_.redactor);
  auto values = parse_json_output("helm get values", r.out);
  if (!values) return values.error();
  // A release installed without values prints `null`.
  if (values->is_null()) return std::optional<json>(json::object());
  return std::optional<json>(std::move(values.value()));
}

ToolResult<std::optional<HelmRelease>> Helm::status(std::string_view release, std::string_view ns) {
  const Command c = command({"status", std::string(release), "-n", std::string(ns), "-o", "json"});
  const CommandResult r = runner_.run(c);
  if (release_not_found(r)) return std::optional<HelmRelease>();
  if (!r.ok())
    return command_failure("helm status " + std::string(release), c, r, options_.redactor);
  auto parsed = parse_helm_release(r.out);
  if (!parsed) return parsed.error();
  return std::optional<HelmRelease>(std::move(parsed.value()));
}

ToolResult<bool> Helm::uninstall(std::string_view release, std::string_view ns, bool wait,
                                 std::chrono::seconds timeout) {
  std::vector<std::string> args = {"uninstall", std::string(release), "-n", std::string(ns)};
  if (wait) args.push_back("--wait");
  args.insert(args.end(), {"--timeout", go_duration(timeout)});
  Command c = command(std::move(args));
  c.timeout = timeout + kBackstopMargin;
  const CommandResult r = runner_.run(c);
  if (release_not_found(r)) return false;
  if (!r.ok())
    return command_failure("helm uninstall " + std::string(release), c, r, options_.redactor);
  return true;
}

ToolResult<HelmRelease> parse_helm_release(std::string_view json_text) {
  auto parsed = parse_json_output("helm -o json", json_text);
  if (!parsed) return parsed.error();
  const json& doc = parsed.value();
  if (!doc.is_object() || string_at(doc, "/name").empty()) {
    return ToolError{"helm -o json did not print a release", {}};
  }
  HelmRelease rel;
  rel.name = string_at(doc, "/name");
  rel.ns = string_at(doc, "/namespace");
  if (doc.contains("version") && doc["version"].is_number_integer()) {
    rel.revision = doc["version"].get<int>();
  }
  rel.status = string_at(doc, "/info/status");
  rel.description = string_at(doc, "/info/description");
  rel.chart = string_at(doc, "/chart/metadata/name");
  rel.chart_version = string_at(doc, "/chart/metadata/version");
  rel.app_version = string_at(doc, "/chart/metadata/appVersion");
  rel.config = doc.contains("config") && doc["config"].is_object() ? doc["config"] : json::object();
  return rel;
}

}  // namespace ivcapgen::tools
