#pragma once
// Shared by the drift tests: environments/aws-prod as deployed, with the live
// system scripted per scenario. Live objects are the build's objects as an
// API server returns them (server_view: uid, managedFields of field manager
// ivcapgen, defaults, status, keyed lists in another order, quantities in
// another spelling; drift/live_objects.h); Helm releases as `helm status`/`get values` print them;
// Terraform's refresh-only plan from recorded output in tests/fixtures/drift.
#include <map>
#include <set>

#include "deploy/deploy_fixture.h"
#include "deploy/drift_commands.h"
#include "drift/live_objects.h"

namespace ivcapgen::testing {

inline fs::path drift_fixtures() {
  return source_dir() / "tests" / "fixtures" / "drift";
}

// A scenario: the live system of aws-prod, changed by the test.
struct DriftWorld {
  AwsProd env;
  // Live Kubernetes objects by namespace ("" cluster-scoped).
  std::map<std::string, std::vector<Json>> objects;
  // `helm status` and `helm get values` of each release of the build.
  std::vector<Json> helm_status, helm_values;
  // The refresh-only plan: its -json stream, and `show -json` when it drifted.
  std::string refresh_stream = read_file(drift_fixtures() / "terraform/refresh_clean.jsonl");
  std::optional<std::string> refresh_show;

  DriftWorld() { reset(); }

  // The live system exactly as declared (what reconcile leaves behind).
  void reset() {
    objects.clear();
    helm_status.clear();
    helm_values.clear();
    for (const auto& o : env.desired.objects) objects[o.ns].push_back(server_view(o));
    for (const auto& r : env.desired.releases) {
      helm_status.push_back(Json::parse(AwsProd::helm_release(r, "deployed")));
      helm_values.push_back(r.values);
    }
    refresh_stream = read_file(drift_fixtures() / "terraform/refresh_clean.jsonl");
    refresh_show.reset();
  }

  // The live system, to put back after looking at another one.
  struct Saved {
    std::map<std::string, std::vector<Json>> objects;
    std::vector<Json> helm_status, helm_values;
    std::string refresh_stream;
    std::optional<std::string> refresh_show;
  };
  Saved save() const { return {objects, helm_status, helm_values, refresh_stream, refresh_show}; }
  void restore(Saved s) {
    objects = std::move(s.objects);
    helm_status = std::move(s.helm_status);
    helm_values = std::move(s.helm_values);
    refresh_stream = std::move(s.refresh_stream);
    refresh_show = std::move(s.refresh_show);
  }

  // --- changing the live system -------------------------------------------

  const deploy::DesiredObject& first(const std::string& kind, int wave = -1) const {
    for (const auto& o : env.desired.objects) {
      if (o.kind == kind && (wave < 0 || o.wave == wave)) return o;
    }
    throw std::logic_error("aws-prod has no " + kind);
  }

  Json& live(const deploy::DesiredObject& o) {
    for (auto& j : objects[o.ns]) {
      if (j["kind"] == o.kind && j["metadata"]["name"] == o.name) return j;
    }
    throw std::logic_error("not live: " + o.address());
  }

  void remove(const deploy::DesiredObject& o) {
    auto& items = objects[o.ns];
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Json& j) {
                                 return j["kind"] == o.kind && j["metadata"]["name"] == o.name;
                               }),
                items.end());
  }

  // A copy of `o` under another name that the build does not declare.
  Json add_unexpected(const deploy::DesiredObject& o, const std::string& name) {
    Json j = server_view(o);
    j["metadata"]["name"] = name;
    objects[o.ns].push_back(j);
    return j;
  }

  void terraform_drifted() {
    refresh_stream = read_file(drift_fixtures() / "terraform/refresh_drift.jsonl");
    refresh_show = read_file(drift_fixtures() / "terraform/refresh_drift_show.json");
  }

  // --- the calls drift makes ------------------------------------------------

  std::string drift_plan_file() const {
    return fs::absolute(env.state_dir / "drift.tfplan").lexically_normal().string();
  }

  std::vector<ExpectedCall> terraform_refresh() const {
    const std::string tf = env.tool("terraform");
    std::vector<ExpectedCall> calls = {env.terraform_plan()[0]};  // init
    calls.push_back(env.call({tf, "plan", "-input=false", "-no-color", "-json",
                              "-detailed-exitcode", "-out=" + drift_plan_file(), "-refresh-only"},
                             tools::exited(refresh_show ? 2 : 0, refresh_stream)));
    if (refresh_show) {
      calls.push_back(env.call({tf, "show", "-json", "-no-color", drift_plan_file()},
                               tools::exited(0, *refresh_show)));
    }
    return calls;
  }

  // One `kubectl get` per namespace, every kind of the build at once.
  std::vector<ExpectedCall> kubectl_gets() const {
    std::map<std::string, std::set<std::string>> resources;
    for (const auto& o : env.desired.objects) {
      resources[o.ns].insert(deploy::kubectl_resource(o.api_version, o.kind));
    }
    std::vector<ExpectedCall> calls;
    for (const auto& [ns, kinds] : resources) {
      std::string list;
      for (const auto& k : kinds) list += (list.empty() ? "" : ",") + k;
      std::vector<std::string> args = {"get", list};
      if (!ns.empty()) args.insert(args.end(), {"-n", ns});
      args.insert(args.end(), {"-l", env.selector, "-o", "json"});
      auto it = objects.find(ns);
      const std::vector<Json> items = it == objects.end() ? std::vector<Json>{} : it->second;
      calls.push_back(env.call(env.kubectl(args), tools::exited(0, AwsProd::list_of(items))));
    }
    return calls;
  }

  std::vector<std::string> helm(std::vector<std::string> args) const {
    args.insert(args.begin(), {env.tool("helm"), "--kubeconfig=" + env.kubeconfig});
    return args;
  }

  std::vector<ExpectedCall> helm_reads() const {
    std::vector<ExpectedCall> calls;
    for (size_t i = 0; i < env.desired.releases.size(); ++i) {
      const auto& r = env.desired.releases[i];
      calls.push_back(env.call(helm({"status", r.name, "-n", r.ns, "-o", "json"}),
                               tools::exited(0, helm_status[i].dump())));
      calls.push_back(env.call(helm({"get", "values", r.name, "-n", r.ns, "-o", "json"}),
                               tools::exited(0, helm_values[i].dump())));
    }
    return calls;
  }

  std::vector<ExpectedCall> drift_calls() const {
    std::vector<ExpectedCall> calls = terraform_refresh();
    for (auto more : {kubectl_gets(), helm_reads()}) {
      calls.insert(calls.end(), more.begin(), more.end());
    }
    return calls;
  }

  deploy::DriftRequest request(const std::string& format = "text") const {
    deploy::DriftRequest r;
    r.deploy = env.request();
    r.deploy.format = format;
    r.deploy.options.kubeconfig = env.kubeconfig;
    r.now = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1796000000)); };
    return r;
  }
};

struct DriftRun {
  int code = -1;
  std::string out, err, unmatched;
};

inline DriftRun run_drift(DriftWorld& world, const std::string& format = "text") {
  tools::ScriptedRunner runner(world.drift_calls());
  CapturedIo io;
  DriftRun run;
  run.code =
      deploy::drift_environment(*world.env.built.model, world.request(format), io.io, runner);
  run.out = io.out.str();
  run.err = io.err.str();
  run.unmatched = runner.verify();
  return run;
}

}  // namespace ivcapgen::testing
