#include "tools/kubectl.h"

#include <algorithm>
#include <tuple>

#include "tools/tool_output.h"

namespace ivcapgen::tools {

using nlohmann::json;

namespace {

// kubectl's own --timeout should fire first and explain itself; ours is the backstop.
constexpr std::chrono::seconds kBackstopMargin{30};

std::string join(const std::vector<std::string>& items, char sep) {
  std::string s;
  for (const auto& i : items) {
    if (!s.empty()) s += sep;
    s += i;
  }
  return s;
}

std::string ref_arg(const KubeObjectRef& object) {
  return object.kind + "/" + object.name;
}

void add_namespace(std::vector<std::string>& args, const std::string& ns) {
  if (ns.empty()) return;
  args.push_back("-n");
  args.push_back(ns);
}

std::string event_time(const json& e) {
  for (const char* p : {"/lastTimestamp", "/eventTime", "/series/lastObservedTime",
                        "/firstTimestamp", "/metadata/creationTimestamp"}) {
    if (auto t = string_at(e, p); !t.empty()) return t;
  }
  return {};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::string KubeEvent::to_string() const {
  std::string s = type + " " + reason + " " + object + ": " + message;
  if (count > 1) s += " (x" + std::to_string(count) + ")";
  return s;
}

Command Kubectl::command(std::vector<std::string> args) const {
  Command c;
  c.argv.push_back(options_.program.string());
  if (options_.kubeconfig) c.argv.push_back("--kubeconfig=" + options_.kubeconfig->string());
  if (options_.context) c.argv.push_back("--context=" + *options_.context);
  for (auto& a : args) c.argv.push_back(std::move(a));
  c.env = options_.env;
  c.timeout = options_.timeout;
  return c;
}

ToolResult<std::vector<KubeApplied>> Kubectl::run_apply(Command c) {
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("kubectl apply", c, r, options_.redactor);
  return parse_kube_applied(r.out);
}

ToolResult<std::vector<KubeApplied>> Kubectl::apply(const std::filesystem::path& file,
                                                    bool force_conflicts) {
  std::vector<std::string> args = {"apply", "--server-side",
                                   "--field-manager=" + options_.field_manager};
  if (force_conflicts) args.push_back("--force-conflicts");
  args.insert(args.end(), {"-f", file.string()});
  return run_apply(command(std::move(args)));
}

ToolResult<std::vector<KubeApplied>> Kubectl::apply_manifests(std::string manifests,
                                                              bool force_conflicts) {
  std::vector<std::string> args = {"apply", "--server-side",
                                   "--field-manager=" + options_.field_manager};
  if (force_conflicts) args.push_back("--force-conflicts");
  args.insert(args.end(), {"-f", "-"});
  Command c = command(std::move(args));
  c.stdin_data = std::move(manifests);
  return run_apply(std::move(c));
}

ToolResult<KubeDiff> Kubectl::diff(const std::filesystem::path& file, bool force_conflicts) {
  std::vector<std::string> args = {"diff", "--server-side",
                                   "--field-manager=" + options_.field_manager};
  if (force_conflicts) args.push_back("--force-conflicts");
  args.insert(args.end(), {"-f", file.string()});
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (!r.exited_with(0) && !r.exited_with(1)) {
    return command_failure("kubectl diff", c, r, options_.redactor);
  }
  return KubeDiff{r.exit_code == 1, r.out};
}

ToolResult<std::vector<json>> Kubectl::get(const KubeQuery& query) {
  std::vector<std::string> args = {"get", join(query.kinds, ',')};
  if (query.all_namespaces) {
    args.push_back("--all-namespaces");
  } else {
    add_namespace(args, query.ns);
  }
  if (!query.selector.empty()) args.insert(args.end(), {"-l", query.selector});
  args.insert(args.end(), {"-o", "json"});
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (!r.ok())
    return command_failure("kubectl get " + join(query.kinds, ','), c, r, options_.redactor);
  return parse_kube_items(r.out);
}

ToolResult<Done> Kubectl::run_gate(std::string_view what, std::vector<std::string> args,
                                   std::chrono::seconds timeout) {
  Command c = command(std::move(args));
  c.timeout = timeout + kBackstopMargin;
  c.on_stdout_line = options_.on_progress;
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure(what, c, r, options_.redactor);
  return Done{};
}

ToolResult<Done> Kubectl::rollout_status(const KubeObjectRef& object,
                                         std::chrono::seconds timeout) {
  std::vector<std::string> args = {"rollout", "status", ref_arg(object)};
  add_namespace(args, object.ns);
  args.push_back("--timeout=" + go_duration(timeout));
  return run_gate("kubectl rollout status " + ref_arg(object), std::move(args), timeout);
}

ToolResult<Done> Kubectl::wait_for(const KubeObjectRef& object, std::string_view condition,
                                   std::chrono::seconds timeout) {
  std::vector<std::string> args = {"wait", "--for=condition=" + std::string(condition),
                                   ref_arg(object)};
  add_namespace(args, object.ns);
  args.push_back("--timeout=" + go_duration(timeout));
  return run_gate("kubectl wait for " + std::string(condition) + " of " + ref_arg(object),
                  std::move(args), timeout);
}

ToolResult<std::vector<std::string>> Kubectl::delete_selected(const KubeDeleteRequest& request) {
  if (request.selector.empty()) {
    // An empty selector would select everything of that kind: never prune blindly.
    return ToolError{"kubectl delete refused: no label selector given", {}};
  }
  std::vector<std::string> args = {"delete", join(request.kinds, ',')};
  add_namespace(args, request.ns);
  args.insert(args.end(), {"-l", request.selector});
  if (!request.wait) args.push_back("--wait=false");
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("kubectl delete", c, r, options_.redactor);
  // Lines: `deployment.apps "web" deleted`; "No resources found" goes to stderr.
  std::vector<std::string> deleted;
  for (const auto& line : tail_lines(r.out, SIZE_MAX)) {
    const size_t q1 = line.find(" \"");
    const size_t q2 = line.rfind("\" deleted");
    if (q1 == std::string::npos || q2 == std::string::npos || q2 <= q1 + 2) continue;
    deleted.push_back(line.substr(0, q1) + "/" + line.substr(q1 + 2, q2 - q1 - 2));
  }
  return deleted;
}

ToolResult<std::vector<KubeEvent>> Kubectl::events_for(std::string_view ns, std::string_view name) {
  std::vector<std::string> args = {"get", "events"};
  add_namespace(args, std::string(ns));
  args.insert(args.end(),
              {"--field-selector", "involvedObject.name=" + std::string(name), "-o", "json"});
  const Command c = command(std::move(args));
  const CommandResult r = runner_.run(c);
  if (!r.ok()) return command_failure("kubectl get events", c, r, options_.redactor);
  return parse_kube_events(r.out);
}

ToolResult<std::vector<json>> parse_kube_items(std::string_view json_text) {
  auto parsed = parse_json_output("kubectl get -o json", json_text);
  if (!parsed) return parsed.error();
  json& doc = parsed.value();
  if (!doc.is_object()) return ToolError{"kubectl get -o json did not print an object", {}};
  std::vector<json> items;
  if (doc.contains("items")) {
    if (!doc["items"].is_array())
      return ToolError{"kubectl get -o json: 'items' is not a list", {}};
    for (auto& item : doc["items"]) items.push_back(std::move(item));
  } else {
    items.push_back(std::move(doc));
  }
  auto key = [](const json& o) {
    return std::make_tuple(string_at(o, "/kind"), string_at(o, "/metadata/namespace"),
                           string_at(o, "/metadata/name"));
  };
  std::stable_sort(items.begin(), items.end(),
                   [&](const json& a, const json& b) { return key(a) < key(b); });
  return items;
}

ToolResult<std::vector<KubeEvent>> parse_kube_events(std::string_view json_text) {
  auto items = parse_kube_items(json_text);
  if (!items) return items.error();
  std::vector<std::pair<std::string, KubeEvent>> timed;
  for (const auto& e : *items) {
    KubeEvent ev;
    ev.type = string_at(e, "/type");
    ev.reason = string_at(e, "/reason");
    ev.message = string_at(e, "/message");
    ev.object =
        lower(string_at(e, "/involvedObject/kind")) + "/" + string_at(e, "/involvedObject/name");
    if (e.contains("count") && e["count"].is_number_integer()) ev.count = e["count"].get<int>();
    if (const json::json_pointer series("/series/count");
        e.contains(series) && e.at(series).is_number_integer()) {
      ev.count = e.at(series).get<int>();
    }
    ev.last_seen = event_time(e);
    timed.emplace_back(ev.last_seen, std::move(ev));
  }
  // RFC 3339 timestamps in UTC sort as strings.
  std::stable_sort(timed.begin(), timed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<KubeEvent> events;
  for (auto& [t, ev] : timed) events.push_back(std::move(ev));
  return events;
}

std::vector<KubeApplied> parse_kube_applied(std::string_view text) {
  std::vector<KubeApplied> applied;
  for (const auto& line : tail_lines(text, SIZE_MAX)) {
    const size_t space = line.rfind(' ');
    if (space == std::string::npos || line.find('/') == std::string::npos) continue;
    applied.push_back({line.substr(0, space), line.substr(space + 1)});
  }
  return applied;
}

}  // namespace ivcapgen::tools
