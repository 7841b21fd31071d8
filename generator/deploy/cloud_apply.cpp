// apply for the cloud target: waves 0-6 of SPEC 4 in order, each followed by
// its readiness gate; the state records every object, release and
// registration as soon as the step that applied it succeeded, so a failure
// at any point leaves a state that says what is there, and running apply
// again converges. A failed wave stops the later ones.
#include <algorithm>
#include <map>
#include <set>

#include "deploy/cloud_planner.h"
#include "deploy/cloud_target.h"
#include "deploy/cloud_tools.h"
#include "deploy/cluster_access.h"
#include "deploy/desired_state.h"
#include "deploy/helm_changes.h"
#include "deploy/kubernetes_changes.h"
#include "deploy/readiness.h"
#include "deploy/registration_changes.h"
#include "deploy/stages.h"
#include "tools/process_runner.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

namespace {

using Step = std::optional<DeployFailure>;

bool is_workload(const std::string& kind) {
  return kind == "Deployment" || kind == "DaemonSet" || kind == "StatefulSet";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// What `kubectl apply -f` is given for a wave: a file at the top of k8s/, or
// a whole folder (k8s/20-workflowtemplates) in one call.
std::vector<std::string> apply_targets(const std::vector<std::string>& files) {
  std::vector<std::string> targets;
  for (const auto& f : files) {
    const fs::path parent = fs::path(f).parent_path();
    const std::string target = parent == "k8s" ? f : parent.string();
    if (std::find(targets.begin(), targets.end(), target) == targets.end()) {
      targets.push_back(target);
    }
  }
  return targets;
}

class CloudApplier {
 public:
  CloudApplier(TargetContext& context, const DesiredState& desired, const Plan* plan,
               const CloudTargetOptions& options)
      : ctx_(context), cloud_(context), desired_(desired), plan_(plan), options_(options) {}

  DeployReport run() {
    DeployReport report;
    begin();
    for (const Stage& stage : cloud_stages()) {
      if (!selected(stage.wave)) {
        if (stage.wave < ctx_.options.from_wave && stage.wave != emit::kWaveClusterAccess) {
          ctx_.progress.wave_skipped(stage.wave, stage.name,
                                     "--from-wave " + std::to_string(ctx_.options.from_wave));
        }
        continue;
      }
      ctx_.progress.wave_started(stage.wave, stage.name);
      Step failed = run_wave(stage.wave);
      ctx_.progress.wave_finished(!failed);
      if (failed) {
        finish(stage.wave);
        report.failure = std::move(failed);
        report.warnings = warnings_;
        return report;
      }
      report.completed_waves.push_back(stage.wave);
      mark_wave(stage.wave, "done");
    }
    finish(-1);
    report.warnings = warnings_;
    return report;
  }

 private:
  bool selected(int wave) const {
    // Cluster access is set up whenever a later wave needs the cluster, also
    // when resuming past it.
    if (wave == emit::kWaveClusterAccess) {
      for (int w = emit::kWaveNamespaces; w <= emit::kWaveServices; ++w) {
        if (selected(w)) return true;
      }
      return false;
    }
    if (wave < ctx_.options.from_wave) return false;
    if (ctx_.options.only_layers.empty()) return true;
    for (const auto& layer : ctx_.options.only_layers) {
      if (layer_selects(layer, wave)) return true;
    }
    return false;
  }

  Step run_wave(int wave) {
    switch (wave) {
      case emit::kWaveInfrastructure:
        return infrastructure();
      case emit::kWaveClusterAccess:
        return cluster_access();
      case emit::kWaveComponents:
        return components();
      case emit::kWaveRegistration:
        return registration();
      default:
        return kubernetes(wave);
    }
  }

  // ---- state -------------------------------------------------------------

  void begin() {
    if (ctx_.options.dry_run) return;
    ctx_.state.last_apply = {{"result", "running"}, {"waves", Json::object()}};
    save();
  }

  void mark_wave(int wave, const char* result) {
    if (ctx_.options.dry_run) return;
    ctx_.state.last_apply["waves"][std::to_string(wave)] = result;
    save();
  }

  void finish(int failed_wave) {
    if (ctx_.options.dry_run) return;
    if (failed_wave >= 0) {
      ctx_.state.last_apply["waves"][std::to_string(failed_wave)] = "failed";
      ctx_.state.last_apply["result"] = "failed";
      ctx_.state.last_apply["failedWave"] = failed_wave;
    } else {
      ctx_.state.last_apply["result"] = "succeeded";
      ctx_.state.last_apply.erase("failedWave");
    }
    save();
  }

  bool save() {
    if (ctx_.options.dry_run) return true;
    std::string error;
    if (ctx_.store.save(ctx_.state, error)) return true;
    warnings_.push_back("the state could not be saved: " + error);
    state_error_ = error;
    return false;
  }

  Step record(int wave, const std::string& key, InventoryEntry entry) {
    if (ctx_.options.dry_run) return std::nullopt;
    ctx_.state.inventory[key] = std::move(entry);
    if (save()) return std::nullopt;
    return failure(wave, "cannot write the state: " + state_error_);
  }

  Step forget(int wave, const std::string& key) {
    if (ctx_.options.dry_run || !ctx_.state.inventory.erase(key)) return std::nullopt;
    if (save()) return std::nullopt;
    return failure(wave, "cannot write the state: " + state_error_);
  }

  // ---- plan lookups ------------------------------------------------------

  // The planned action for `key`; without a plan (dry run) everything is applied.
  Action planned(int wave, const std::string& key) const {
    if (!plan_) return Action::Update;
    if (const WavePlan* w = plan_->find_wave(wave)) {
      for (const auto& c : w->changes) {
        if (c.key == key) return c.action;
      }
    }
    return Action::Create;
  }

  std::vector<const PlannedChange*> planned_with(int wave, Action action) const {
    std::vector<const PlannedChange*> out;
    if (!plan_) return out;
    if (const WavePlan* w = plan_->find_wave(wave)) {
      for (const auto& c : w->changes) {
        if (c.action == action) out.push_back(&c);
      }
    }
    return out;
  }

  bool wave_unchanged(int wave) const {
    if (!plan_) return false;
    const WavePlan* w = plan_->find_wave(wave);
    return !w || summarize(*w).changes() == 0;
  }

  // ---- failures ----------------------------------------------------------

  DeployFailure failure(int wave, std::string message, std::vector<std::string> details = {}) {
    DeployFailure f;
    f.wave = wave;
    f.stage = std::string(stage_of(wave).name);
    f.message = std::move(message);
    f.details = std::move(details);
    return f;
  }

  DeployFailure failure(int wave, const tools::ToolError& e) {
    return failure(wave, e.message, e.details);
  }

  std::string stage_label(int wave) const {
    return "wave " + std::to_string(wave) + " (" + std::string(stage_of(wave).name) + ")";
  }

  // ---- wave 0: Terraform -------------------------------------------------

  Step infrastructure() {
    if (!desired_.has_terraform()) {
      ctx_.progress.step("no Terraform in this build");
      return std::nullopt;
    }
    auto tf = cloud_.terraform(stage_label(0));
    if (!tf) return failure(0, tf.error());
    const fs::path plan_file = cloud_.terraform_plan_file();
    if (!plan_ || ctx_.options.dry_run) {
      // Nothing planned in this run (a dry run): init and plan here.
      tools::TerraformInitRequest init;
      init.plugin_dir = ctx_.options.terraform_plugin_dir;
      ctx_.progress.step("terraform init");
      if (auto r = tf->init(init); !r) return failure(0, r.error());
      tools::TerraformPlanRequest request;
      request.out = plan_file;
      ctx_.progress.step("terraform plan");
      if (auto r = tf->plan(request); !r) return failure(0, r.error());
    }
    if (!wave_unchanged(0) || ctx_.options.dry_run) {
      ctx_.progress.step("terraform apply " + plan_file.filename().string());
      auto applied = tf->apply(plan_file);
      if (!applied) return failure(0, applied.error());
      if (auto f = record_terraform()) return f;
    } else {
      ctx_.progress.step("terraform: no changes");
    }
    ctx_.progress.step("terraform output");
    auto outputs = tf->output();
    if (!outputs) {
      if (ctx_.options.dry_run) return std::nullopt;
      return failure(0, outputs.error());
    }
    Json values = Json::object();
    for (const auto& [name, o] : outputs->outputs) {
      if (!o.sensitive) values[name] = Json(o.value);
    }
    ctx_.state.outputs = std::move(values);
    if (!ctx_.options.dry_run && !save()) {
      return failure(0, "cannot write the state: " + state_error_);
    }
    return std::nullopt;
  }

  Step record_terraform() {
    if (!plan_ || ctx_.options.dry_run) return std::nullopt;
    const WavePlan* w = plan_->find_wave(0);
    if (!w) return std::nullopt;
    for (const auto& c : w->changes) {
      const std::string key = "terraform/" + c.address;
      if (c.action == Action::Delete) {
        ctx_.state.inventory.erase(key);
        continue;
      }
      InventoryEntry e;
      e.hash = desired_.terraform_digest;
      e.wave = 0;
      e.details = {{"address", c.address}};
      ctx_.state.inventory[key] = std::move(e);
    }
    if (save()) return std::nullopt;
    return failure(0, "cannot write the state: " + state_error_);
  }

  // ---- wave 1: cluster access --------------------------------------------

  Step cluster_access() {
    if (ctx_.options.kubeconfig || ctx_.options.kube_context) {
      ctx_.progress.step("using the cluster access given on the command line");
      return cluster_reachable();
    }
    const std::string kubeconfig = cloud_.kubeconfig_file().string();
    Json outputs = ctx_.state.outputs;
    if (ctx_.options.dry_run && !outputs.contains("cluster_name")) {
      outputs["cluster_name"] = "<cluster_name output>";
      outputs["resource_group_name"] = "<resource_group_name output>";
    }
    auto commands = kubeconfig_commands(*ctx_.model.env().provider, ctx_.model.name(),
                                        *ctx_.model.env().region, outputs, kubeconfig);
    if (!commands) return failure(1, commands.error());
    for (const auto& argv : *commands) {
      if (!ctx_.options.dry_run &&
          !tools::find_program(argv[0], ctx_.options.path_variable).has_value()) {
        return failure(1,
                       "wave 1 (cluster access) needs '" + argv[0] +
                           "', which is not on PATH; install it or pass --kubeconfig/--context",
                       {});
      }
      tools::Command c;
      c.argv = argv;
      c.timeout = std::chrono::minutes(2);
      ctx_.progress.step(argv[0] + " " + argv[1] + " " + argv[2]);
      const tools::CommandResult r = ctx_.runner.run(c);
      if (!r.ok()) {
        return failure(1, argv[0] + " " + argv[1] + " " + argv[2] + " failed: " + r.describe(),
                       tools::tail_lines(ctx_.redactor.redact(r.err.empty() ? r.out : r.err), 5));
      }
    }
    ClusterAccess access;
    access.kubeconfig = cloud_.kubeconfig_file();
    cloud_.set_access(access);
    return cluster_reachable();
  }

  // The gate of wave 1: the API server answers with these credentials.
  Step cluster_reachable() {
    auto kubectl = cloud_.kubectl(stage_label(1));
    if (!kubectl) return failure(1, kubectl.error());
    tools::KubeQuery q;
    q.kinds = {"namespace"};
    q.selector = managed_selector(ctx_.model.name());
    ctx_.progress.step("kubectl get namespace (cluster reachable?)");
    auto r = kubectl->get(q);
    if (!r && !ctx_.options.dry_run) {
      auto f = failure(1, "the cluster is not reachable: " + r.error().message, r.error().details);
      f.details.push_back(cloud_.access().kubeconfig
                              ? "kubeconfig: " + cloud_.access().kubeconfig->string()
                              : "context: " + cloud_.access().context.value_or("(current)"));
      return f;
    }
    return std::nullopt;
  }

  // ---- waves 2, 4, 5: kubectl apply --server-side ------------------------

  Step kubernetes(int wave) {
    const auto objects = desired_.objects_in_wave(wave);
    const auto deletes = planned_with(wave, Action::Delete);
    if (objects.empty() && deletes.empty()) {
      ctx_.progress.step("nothing in this wave");
      return std::nullopt;
    }
    auto kubectl = cloud_.kubectl(stage_label(wave));
    if (!kubectl) return failure(wave, kubectl.error());
    for (const auto* c : planned_with(wave, Action::Replace)) {
      if (auto f = delete_object(wave, *c)) return f;
    }
    if (wave_unchanged(wave)) {
      ctx_.progress.step("no changes");
    } else {
      for (const auto& target : apply_targets(desired_.files_in_wave(wave))) {
        ctx_.progress.step("kubectl apply --server-side -f " + target);
        auto applied = kubectl->apply(ctx_.desired_dir / target);
        if (!applied) return failure(wave, applied.error());
      }
    }
    for (const auto* o : objects) {
      if (ctx_.options.dry_run) continue;
      ctx_.state.inventory[o->key()] = object_inventory_entry(*o);
    }
    if (!ctx_.options.dry_run && !save()) {
      return failure(wave, "cannot write the state: " + state_error_);
    }
    for (const auto* c : deletes) {
      if (auto f = delete_object(wave, *c)) return f;
    }
    return gate(wave, *kubectl, objects);
  }

  Step delete_object(int wave, const PlannedChange& change) {
    auto key = parse_kube_key(change.key);
    if (!key)
      return failure(wave, "cannot delete " + change.address + ": unknown key " + change.key);
    std::vector<std::string> args = {"delete", kubectl_resource(key->api_version, key->kind),
                                     key->name};
    if (!key->ns.empty()) args.insert(args.end(), {"-n", key->ns});
    args.push_back("--ignore-not-found");
    auto command = cloud_.kubectl_command(stage_label(wave), std::move(args));
    if (!command) return failure(wave, command.error());
    ctx_.progress.step("kubectl delete " + change.address);
    const tools::CommandResult r = ctx_.runner.run(*command);
    if (!r.ok()) {
      return failure(wave, "kubectl delete " + change.address + " failed: " + r.describe(),
                     tools::tail_lines(ctx_.redactor.redact(r.err), 5));
    }
    return forget(wave, change.key);
  }

  Step gate(int wave, tools::Kubectl& kubectl, const std::vector<const DesiredObject*>& objects) {
    if (auto f = presence_gate(wave, kubectl, objects)) return f;
    for (const auto* o : objects) {
      if (!is_workload(o->kind)) continue;
      ctx_.progress.step("kubectl rollout status " + lower(o->kind) + "/" + o->name);
      auto r =
          kubectl.rollout_status({lower(o->kind), o->name, o->ns}, ctx_.options.rollout_timeout);
      if (r || ctx_.options.dry_run) continue;
      std::vector<std::string> details = {"condition: the rollout did not finish within " +
                                          std::to_string(ctx_.options.rollout_timeout.count()) +
                                          " s (" + r.error().message + ")"};
      for (const auto& d : r.error().details) details.push_back("kubectl: " + d);
      for (auto& line : readiness_evidence(kubectl, o->ns, o->name, workload_selector(o->object))) {
        details.push_back(std::move(line));
      }
      return failure(wave, o->address() + " did not become ready", std::move(details));
    }
    return std::nullopt;
  }

  // Namespaces must be Active; WorkflowTemplates must be there (one `get`
  // per kind and namespace).
  Step presence_gate(int wave, tools::Kubectl& kubectl,
                     const std::vector<const DesiredObject*>& objects) {
    std::map<std::pair<std::string, std::string>, std::vector<const DesiredObject*>> groups;
    for (const auto* o : objects) {
      if (o->kind == "Namespace" || o->kind == "WorkflowTemplate") {
        groups[{kubectl_resource(o->api_version, o->kind), o->ns}].push_back(o);
      }
    }
    for (const auto& [group, expected] : groups) {
      tools::KubeQuery q;
      q.kinds = {group.first};
      q.ns = group.second;
      q.selector = managed_selector(ctx_.model.name());
      ctx_.progress.step("kubectl get " + group.first +
                         (group.second.empty() ? "" : " -n " + group.second));
      auto live = kubectl.get(q);
      if (ctx_.options.dry_run) continue;
      if (!live) return failure(wave, live.error());
      for (const auto* o : expected) {
        auto it = std::find_if(live->begin(), live->end(), [&](const nlohmann::json& item) {
          return item.value("/metadata/name"_json_pointer, std::string()) == o->name;
        });
        if (it == live->end()) {
          return failure(wave, o->address() + " is not there after the apply",
                         {"condition: kubectl get " + group.first + " lists it",
                          "was it removed by an admission webhook or another controller?"});
        }
        const std::string phase = it->value("/status/phase"_json_pointer, std::string());
        if (o->kind == "Namespace" && !phase.empty() && phase != "Active") {
          std::vector<std::string> details = {"condition: status.phase is Active (it is " + phase +
                                              ")"};
          for (auto& line : readiness_evidence(kubectl, "", o->name, "")) {
            details.push_back(std::move(line));
          }
          return failure(wave, o->address() + " is not Active", std::move(details));
        }
      }
    }
    return std::nullopt;
  }

  // ---- wave 3: Helm ------------------------------------------------------

  Step components() {
    const auto deletes = planned_with(3, Action::Delete);
    if (desired_.releases.empty() && deletes.empty()) {
      ctx_.progress.step("no Helm releases in this build");
      return std::nullopt;
    }
    auto helm = cloud_.helm(stage_label(3));
    if (!helm) return failure(3, helm.error());
    for (const auto& r : desired_.releases) {
      if (planned(3, r.key()) == Action::NoOp) {
        ctx_.progress.step(r.name + " " + r.version + ": unchanged");
        if (auto f = record(3, r.key(), release_inventory_entry(r, 0))) return f;
        continue;
      }
      const tools::HelmUpgradeRequest request =
          upgrade_request(r, ctx_.desired_dir, ctx_.options.rollout_timeout);
      ctx_.progress.step("helm upgrade --install " + r.name + " (" + r.chart + " " + r.version +
                         ")");
      auto installed = helm->upgrade_install(request);
      if (ctx_.options.dry_run) continue;
      if (!installed) return release_failure(r, installed.error());
      if (installed->status != "deployed") {
        return release_failure(r, {"helm reports release " + r.name + " as " + installed->status,
                                   {installed->description}});
      }
      if (auto f = record(3, r.key(), release_inventory_entry(r, installed->revision))) return f;
    }
    for (const auto* c : deletes) {
      auto release = parse_helm_key(c->key);
      if (!release) continue;
      ctx_.progress.step("helm uninstall " + release->second);
      auto removed = helm->uninstall(release->second, release->first);
      if (!removed && !ctx_.options.dry_run) return failure(3, removed.error());
      if (auto f = forget(3, c->key)) return f;
    }
    return std::nullopt;
  }

  DeployFailure release_failure(const DesiredRelease& r, const tools::ToolError& e) {
    std::vector<std::string> details = {
        "condition: helm --atomic --wait saw every resource of "
        "the release ready (it rolled back instead)"};
    for (const auto& d : e.details) details.push_back("helm: " + d);
    if (auto kubectl = cloud_.kubectl(stage_label(3))) {
      for (auto& line :
           readiness_evidence(*kubectl, r.ns, r.name, "app.kubernetes.io/instance=" + r.name)) {
        details.push_back(std::move(line));
      }
    }
    return failure(3,
                   "release " + r.ns + "/" + r.name + " (" + r.chart + " " + r.version +
                       ") did not become ready: " + e.message,
                   std::move(details));
  }

  // ---- wave 6: registration ----------------------------------------------

  Step registration() {
    const auto deletes = planned_with(6, Action::Delete);
    if (desired_.services.empty() && deletes.empty()) {
      ctx_.progress.step("no services to register");
      return std::nullopt;
    }
    const GatewayEndpoint endpoint = gateway_endpoint(ctx_);
    auto registry = make_registry(options_, endpoint);
    for (const auto& s : desired_.services) {
      if (planned(6, s.key()) == Action::NoOp) continue;
      const std::string request = "PUT " + endpoint.base_url + service_path(s.id);
      ctx_.progress.step(request + " (" + s.file + ")");
      if (ctx_.options.dry_run) {
        dry_run_note("would send " + request + " with " + s.file);
        continue;
      }
      auto r = registry->put_service(s.id, s.document);
      if (!r) {
        auto details = r.error().details;
        details.insert(details.begin(), "condition: the gateway accepts the registration (2xx)");
        return failure(6, "service " + s.name + " was not registered: " + r.error().message,
                       std::move(details));
      }
      if (auto f = record(6, s.key(), registration_entry(s))) return f;
    }
    for (const auto* c : deletes) {
      const std::string id = c->key.substr(std::string("service/").size());
      const std::string request = "DELETE " + endpoint.base_url + service_path(id);
      ctx_.progress.step(request);
      if (ctx_.options.dry_run) {
        dry_run_note("would send " + request);
        continue;
      }
      auto r = registry->delete_service(id);
      if (!r)
        return failure(6, c->address + " was not unregistered: " + r.error().message,
                       r.error().details);
      if (auto f = forget(6, c->key)) return f;
    }
    return std::nullopt;
  }

  void dry_run_note(const std::string& line) {
    if (options_.dry_run_log) {
      *options_.dry_run_log << line << "\n";
    } else {
      ctx_.progress.note(line);
    }
  }

  TargetContext& ctx_;
  CloudTools cloud_;
  const DesiredState& desired_;
  const Plan* plan_;
  const CloudTargetOptions& options_;
  std::vector<std::string> warnings_;
  std::string state_error_;
};

}  // namespace

GatewayEndpoint gateway_endpoint(const TargetContext& context) {
  GatewayEndpoint e;
  e.base_url = context.options.gateway_url.value_or("https://api." + *context.model.env().domain);
  while (!e.base_url.empty() && e.base_url.back() == '/') e.base_url.pop_back();
  e.token = context.options.token;
  return e;
}

std::unique_ptr<ServiceRegistry> make_registry(const CloudTargetOptions& options,
                                               const GatewayEndpoint& endpoint) {
  if (options.registry) return options.registry(endpoint);
  return std::make_unique<HttpServiceRegistry>(endpoint);
}

DeployReport apply_cloud(TargetContext& context, const Plan* plan,
                         const CloudTargetOptions& options) {
  auto desired = read_desired_state(context.desired);
  if (!desired) {
    DeployReport r;
    r.failure = DeployFailure{0, "build", desired.error().message, desired.error().details};
    return r;
  }
  return CloudApplier(context, *desired, plan, options).run();
}

}  // namespace ivcapgen::deploy
