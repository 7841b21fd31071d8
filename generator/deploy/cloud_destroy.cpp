// destroy for the cloud target: the waves in reverse order. Registrations
// are withdrawn (a gateway that is already gone is only a warning: its
// database goes with wave 0), Kubernetes objects are deleted by this
// environment's labels (one `kubectl delete` per namespace and wave, every
// kind at once), Helm releases are uninstalled in reverse install order, and
// `terraform destroy` removes the infrastructure. The state forgets each
// thing as soon as it is gone.
#include <algorithm>
#include <map>
#include <set>

#include "deploy/cloud_target.h"
#include "deploy/cloud_tools.h"
#include "deploy/cluster_access.h"
#include "deploy/desired_state.h"
#include "deploy/helm_changes.h"
#include "deploy/kubernetes_changes.h"
#include "deploy/stages.h"
#include "tools/process_runner.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

using Step = std::optional<DeployFailure>;

class CloudDestroyer {
 public:
  CloudDestroyer(TargetContext& context, const DesiredState& desired,
                 const CloudTargetOptions& options)
      : ctx_(context), cloud_(context), desired_(desired), options_(options) {}

  DeployReport run() {
    DeployReport report;
    const auto& stages = cloud_stages();
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
      ctx_.progress.wave_started(it->wave, it->name);
      Step failed = run_wave(it->wave);
      ctx_.progress.wave_finished(!failed);
      if (failed) {
        report.failure = std::move(failed);
        break;
      }
      report.completed_waves.push_back(it->wave);
    }
    report.warnings = warnings_;
    return report;
  }

 private:
  Step run_wave(int wave) {
    switch (wave) {
      case emit::kWaveRegistration:
        return registrations();
      case emit::kWaveComponents:
        return releases();
      case emit::kWaveClusterAccess:
        return std::nullopt;  // access was set up before the first wave that needed it
      case emit::kWaveInfrastructure:
        return infrastructure();
      default:
        return kubernetes(wave);
    }
  }

  std::string stage_label(int wave) const {
    return "wave " + std::to_string(wave) + " (" + std::string(stage_of(wave).name) + ")";
  }

  DeployFailure failure(int wave, std::string message, std::vector<std::string> details = {}) {
    return DeployFailure{wave, std::string(stage_of(wave).name), std::move(message),
                         std::move(details)};
  }

  Step forget(int wave, const std::vector<std::string>& keys) {
    if (ctx_.options.dry_run) return std::nullopt;
    bool changed = false;
    for (const auto& k : keys) changed |= ctx_.state.inventory.erase(k) > 0;
    if (!changed) return std::nullopt;
    std::string error;
    if (ctx_.store.save(ctx_.state, error)) return std::nullopt;
    return failure(wave, "cannot write the state: " + error);
  }

  std::vector<std::string> keys_with_prefix(std::string_view prefix, int wave = -1) const {
    std::vector<std::string> keys;
    for (const auto& [key, entry] : ctx_.state.inventory) {
      if (key.rfind(prefix, 0) == 0 && (wave < 0 || entry.wave == wave)) keys.push_back(key);
    }
    return keys;
  }

  // The cluster, when there is anything left in it to delete.
  Step ensure_cluster_access() {
    if (access_ready_ || cloud_.access().known()) {
      access_ready_ = true;
      return std::nullopt;
    }
    auto commands =
        kubeconfig_commands(*ctx_.model.env().provider, ctx_.model.name(), *ctx_.model.env().region,
                            ctx_.state.outputs, cloud_.kubeconfig_file().string());
    if (!commands) return failure(1, commands.error().message);
    for (const auto& argv : *commands) {
      tools::Command c;
      c.argv = argv;
      c.timeout = std::chrono::minutes(2);
      ctx_.progress.step(argv[0] + " " + argv[1] + " " + argv[2]);
      const tools::CommandResult r = ctx_.runner.run(c);
      if (!r.ok()) {
        return failure(1, argv[0] + " " + argv[1] + " " + argv[2] + " failed: " + r.describe(),
                       tools::tail_lines(ctx_.redactor.redact(r.err), 5));
      }
    }
    ClusterAccess access;
    access.kubeconfig = cloud_.kubeconfig_file();
    cloud_.set_access(access);
    access_ready_ = true;
    return std::nullopt;
  }

  Step registrations() {
    const auto keys = keys_with_prefix("service/");
    if (keys.empty()) return std::nullopt;
    const GatewayEndpoint endpoint = gateway_endpoint(ctx_);
    auto registry = make_registry(options_, endpoint);
    std::vector<std::string> gone;
    for (const auto& key : keys) {
      const std::string id = key.substr(std::string("service/").size());
      const std::string request = "DELETE " + endpoint.base_url + service_path(id);
      ctx_.progress.step(request);
      if (ctx_.options.dry_run) {
        if (options_.dry_run_log) *options_.dry_run_log << "would send " << request << "\n";
        continue;
      }
      auto r = registry->delete_service(id);
      if (!r) {
        // The registry lives in the gateway's database, which wave 0 removes.
        warnings_.push_back(request + " failed (" + r.error().message +
                            "); the registration goes with the platform's database");
      }
      gone.push_back(key);
    }
    return forget(6, gone);
  }

  // Namespaces and kinds of the objects of a wave, from the state and the build.
  std::map<std::string, std::set<std::string>> wave_resources(int wave) const {
    std::map<std::string, std::set<std::string>> by_namespace;
    for (const auto& [key, entry] : ctx_.state.inventory) {
      if (entry.wave != wave) continue;
      if (auto k = parse_kube_key(key)) {
        by_namespace[k->ns].insert(kubectl_resource(k->api_version, k->kind));
      }
    }
    for (const auto* o : desired_.objects_in_wave(wave)) {
      by_namespace[o->ns].insert(kubectl_resource(o->api_version, o->kind));
    }
    return by_namespace;
  }

  Step kubernetes(int wave) {
    auto by_namespace = wave_resources(wave);
    std::vector<std::string> keys;
    for (const auto& key : keys_with_prefix("k8s/")) {
      if (ctx_.state.inventory.at(key).wave == wave) keys.push_back(key);
    }
    if (keys.empty()) {
      ctx_.progress.step("nothing recorded in this wave");
      return std::nullopt;
    }
    if (auto f = ensure_cluster_access()) return f;
    auto kubectl = cloud_.kubectl(stage_label(wave));
    if (!kubectl) return failure(wave, kubectl.error().message, kubectl.error().details);
    // Namespaced objects first, cluster-scoped ones (namespaces) last.
    std::vector<std::string> order;
    for (const auto& [ns, _] : by_namespace) {
      if (!ns.empty()) order.push_back(ns);
    }
    if (by_namespace.count("")) order.push_back("");
    for (const auto& ns : order) {
      tools::KubeDeleteRequest request;
      request.kinds.assign(by_namespace[ns].begin(), by_namespace[ns].end());
      request.ns = ns;
      request.selector = managed_selector(ctx_.model.name());
      ctx_.progress.step("kubectl delete -l " + request.selector +
                         (ns.empty() ? std::string() : " -n " + ns));
      auto deleted = kubectl->delete_selected(request);
      if (!deleted && !ctx_.options.dry_run) {
        return failure(wave, deleted.error().message, deleted.error().details);
      }
    }
    return forget(wave, keys);
  }

  Step releases() {
    std::vector<std::pair<std::string, std::string>> releases;  // namespace, name
    for (auto it = desired_.releases.rbegin(); it != desired_.releases.rend(); ++it) {
      if (ctx_.state.inventory.count(it->key())) releases.emplace_back(it->ns, it->name);
    }
    for (const auto& key : keys_with_prefix("helm/")) {
      auto r = parse_helm_key(key);
      if (r && std::find(releases.begin(), releases.end(), *r) == releases.end()) {
        releases.push_back(*r);
      }
    }
    if (releases.empty()) {
      ctx_.progress.step("no releases recorded");
      return std::nullopt;
    }
    if (auto f = ensure_cluster_access()) return f;
    auto helm = cloud_.helm(stage_label(3));
    if (!helm) return failure(3, helm.error().message, helm.error().details);
    for (const auto& [ns, name] : releases) {
      ctx_.progress.step("helm uninstall " + name + " -n " + ns);
      auto removed = helm->uninstall(name, ns);
      if (!removed && !ctx_.options.dry_run) {
        return failure(3, removed.error().message, removed.error().details);
      }
      if (auto f = forget(3, {"helm/" + ns + "/" + name})) return f;
    }
    return std::nullopt;
  }

  Step infrastructure() {
    if (!desired_.has_terraform() && keys_with_prefix("terraform/").empty()) return std::nullopt;
    auto tf = cloud_.terraform(stage_label(0));
    if (!tf) return failure(0, tf.error().message, tf.error().details);
    tools::TerraformInitRequest init;
    init.plugin_dir = ctx_.options.terraform_plugin_dir;
    ctx_.progress.step("terraform init");
    if (auto r = tf->init(init); !r) return failure(0, r.error().message, r.error().details);
    ctx_.progress.step("terraform destroy");
    auto destroyed = tf->destroy();
    if (!destroyed && !ctx_.options.dry_run) {
      return failure(0, destroyed.error().message, destroyed.error().details);
    }
    if (ctx_.options.dry_run) return std::nullopt;
    ctx_.state.outputs = Json::object();
    std::error_code ec;
    fs::remove(cloud_.kubeconfig_file(), ec);
    fs::remove(cloud_.terraform_plan_file(), ec);
    auto keys = keys_with_prefix("terraform/");
    if (keys.empty()) {
      std::string error;
      if (!ctx_.store.save(ctx_.state, error))
        return failure(0, "cannot write the state: " + error);
      return std::nullopt;
    }
    return forget(0, keys);
  }

  TargetContext& ctx_;
  CloudTools cloud_;
  const DesiredState& desired_;
  const CloudTargetOptions& options_;
  std::vector<std::string> warnings_;
  bool access_ready_ = false;
};

}  // namespace

DeployReport destroy_cloud(TargetContext& context, const CloudTargetOptions& options) {
  auto desired = read_desired_state(context.desired);
  if (!desired) {
    DeployReport r;
    r.failure = DeployFailure{0, "build", desired.error().message, desired.error().details};
    return r;
  }
  return CloudDestroyer(context, *desired, options).run();
}

}  // namespace ivcapgen::deploy
