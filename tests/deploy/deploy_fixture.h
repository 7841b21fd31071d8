#pragma once
// Shared by the deploy tests: environments/aws-prod built in-process, fake
// tool executables on a private PATH (they are never run: a ScriptedRunner
// replies instead), a gateway on a loopback port chosen at run time that
// records what it was sent, and the replies of kubectl and helm generated
// from the build (so they follow the emitters) next to recorded Terraform
// output under tests/fixtures/deploy/.
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>

#include "deploy/deploy_commands.h"
#include "deploy/desired_state.h"
#include "deploy/kubernetes_changes.h"
#include "deploy/readiness.h"
#include "support/build_fixture.h"
#include "support/test_env.h"
#include "tools/scripted_runner.h"

namespace ivcapgen::testing {

namespace fs = std::filesystem;
using deploy::Json;
using tools::CommandResult;
using tools::ExpectedCall;

inline fs::path deploy_fixtures() {
  return source_dir() / "tests" / "fixtures" / "deploy";
}

// The gateway's registration API, on 127.0.0.1 and a port picked by the OS.
class FakeGateway {
 public:
  struct Request {
    std::string method, path, body, authorization;
  };

  FakeGateway() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> guard(mutex_);
      requests_.push_back({req.method, req.path, req.body, req.get_header_value("Authorization")});
      const bool fail = !fail_path_.empty() && req.path.find(fail_path_) != std::string::npos;
      res.status = fail ? 500 : (req.method == "PUT" ? 201 : 204);
      res.set_content(fail ? R"({"error": "database is read-only"})" : "{}", "application/json");
    };
    server_.Put(R"(/1/services/.*)", handler);
    server_.Delete(R"(/1/services/.*)", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~FakeGateway() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<Request> requests() {
    std::lock_guard<std::mutex> guard(mutex_);
    return requests_;
  }
  // Requests whose path contains `part` get a 500.
  void fail_on(std::string part) {
    std::lock_guard<std::mutex> guard(mutex_);
    fail_path_ = std::move(part);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Request> requests_;
  std::string fail_path_;
};

// A deploy of environments/aws-prod in a scratch directory.
struct AwsProd {
  Built built = build_environment("aws-prod");
  deploy::DesiredState desired;
  TempDir tmp;
  fs::path bin = tmp / "bin";
  fs::path state_dir = tmp / ".ivcapgen" / "aws-prod";
  fs::path build_dir = state_dir / "build";
  std::string kubeconfig = (state_dir / "kubeconfig").string();
  std::string selector = deploy::managed_selector("aws-prod");

  AwsProd() {
    if (!built.model) throw std::runtime_error("aws-prod does not build");
    auto d = deploy::read_desired_state(built.tree);
    if (!d) throw std::runtime_error(d.error().text());
    desired = std::move(*d);
    fs::create_directories(bin);
    for (const char* tool : {"terraform", "kubectl", "helm", "aws"}) {
      write_file(bin / tool, "#!/bin/sh\necho 'a test must not run me' >&2\nexit 99\n");
      fs::permissions(bin / tool, fs::perms::owner_all);
    }
  }

  deploy::DeployRequest request() const {
    deploy::DeployRequest r;
    r.base_dir = tmp.path();
    r.yes = true;
    r.options.path_variable = bin.string();
    return r;
  }

  std::string tool(const char* name) const { return (bin / name).string(); }

  // --- expected calls ------------------------------------------------------

  ExpectedCall call(std::vector<std::string> argv, CommandResult reply) const {
    ExpectedCall e;
    e.argv = std::move(argv);
    e.reply = std::move(reply);
    e.origin = e.argv.size() > 2 ? e.argv[0] + " " + e.argv[1] + " " + e.argv[2] : e.argv[0];
    return e;
  }

  std::vector<std::string> kubectl(std::vector<std::string> args) const {
    args.insert(args.begin(), {tool("kubectl"), "--kubeconfig=" + kubeconfig});
    return args;
  }

  std::vector<ExpectedCall> terraform_plan() const {
    const std::string tf = tool("terraform");
    auto init = call({tf, "init", "-input=false", "-no-color"}, tools::exited(0));
    init.cwd = fs::absolute(build_dir / "terraform").lexically_normal();
    init.env = {{"TF_DATA_DIR", fs::absolute(state_dir / "terraform").lexically_normal().string()}};
    return {init,
            call({tf, "plan", "-input=false", "-no-color", "-json", "-detailed-exitcode",
                  "-out=" + plan_file()},
                 tools::exited(2, read_file(deploy_fixtures() / "terraform/plan.jsonl"))),
            call({tf, "show", "-json", "-no-color", plan_file()},
                 tools::exited(0, read_file(deploy_fixtures() / "terraform/show_plan.json")))};
  }

  std::string plan_file() const {
    return fs::absolute(state_dir / "wave0.tfplan").lexically_normal().string();
  }

  std::vector<ExpectedCall> terraform_apply() const {
    const std::string tf = tool("terraform");
    return {call({tf, "apply", "-input=false", "-no-color", "-json", plan_file()},
                 tools::exited(0, read_file(deploy_fixtures() / "terraform/apply.jsonl"))),
            call({tf, "output", "-no-color", "-json"},
                 tools::exited(0, read_file(deploy_fixtures() / "terraform/output.json")))};
  }

  std::vector<ExpectedCall> cluster_access() const {
    return {call({"aws", "eks", "update-kubeconfig", "--name", "ivcap-aws-prod", "--region",
                  "ap-southeast-2", "--kubeconfig", kubeconfig, "--alias", "aws-prod"},
                 tools::exited(0, "Added new context aws-prod\n")),
            call(kubectl({"get", "namespace", "-l", selector, "-o", "json"}),
                 tools::exited(0, R"({"apiVersion": "v1", "kind": "List", "items": []})"))};
  }

  static std::string list_of(const std::vector<Json>& items) {
    return Json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}}.dump();
  }

  // The objects of a wave as the API server would list them after the apply.
  std::vector<Json> live(int wave, const std::string& kind, const std::string& ns) const {
    std::vector<Json> items;
    for (const auto* o : desired.objects_in_wave(wave)) {
      if (o->kind != kind || o->ns != ns) continue;
      Json j = o->object;
      j["metadata"]["uid"] = "uid-" + o->name;
      if (kind == "Namespace") j["status"] = {{"phase", "Active"}};
      items.push_back(std::move(j));
    }
    return items;
  }

  // kubectl apply, the presence gate and the rollouts of one wave.
  std::vector<ExpectedCall> kubernetes_wave(int wave) const {
    std::vector<ExpectedCall> calls;
    std::vector<std::string> targets;
    for (const auto& f : desired.files_in_wave(wave)) {
      const fs::path parent = fs::path(f).parent_path();
      const std::string t = parent == "k8s" ? f : parent.string();
      if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
    }
    for (const auto& t : targets) {
      calls.push_back(call(kubectl({"apply", "--server-side", "--field-manager=ivcapgen", "-f",
                                    (build_dir / t).string()}),
                           tools::exited(0, "namespace/x serverside-applied\n")));
    }
    std::vector<std::pair<std::string, std::string>> groups;  // kind, namespace
    for (const auto* o : desired.objects_in_wave(wave)) {
      if (o->kind != "Namespace" && o->kind != "WorkflowTemplate") continue;
      std::pair<std::string, std::string> g{o->kind, o->ns};
      if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
      return std::make_pair(a.first == "Namespace" ? std::string("namespace")
                                                   : std::string("workflowtemplate.argoproj.io"),
                            a.second) <
             std::make_pair(b.first == "Namespace" ? std::string("namespace")
                                                   : std::string("workflowtemplate.argoproj.io"),
                            b.second);
    });
    for (const auto& [kind, ns] : groups) {
      std::vector<std::string> args = {
          "get", kind == "Namespace" ? "namespace" : "workflowtemplate.argoproj.io"};
      if (!ns.empty()) args.insert(args.end(), {"-n", ns});
      args.insert(args.end(), {"-l", selector, "-o", "json"});
      calls.push_back(call(kubectl(args), tools::exited(0, list_of(live(wave, kind, ns)))));
    }
    for (const auto* o : desired.objects_in_wave(wave)) {
      if (o->kind != "Deployment" && o->kind != "DaemonSet" && o->kind != "StatefulSet") continue;
      std::string kind = o->kind;
      std::transform(kind.begin(), kind.end(), kind.begin(), ::tolower);
      calls.push_back(
          call(kubectl({"rollout", "status", kind + "/" + o->name, "-n", o->ns, "--timeout=300s"}),
               tools::exited(0, "successfully rolled out\n")));
    }
    return calls;
  }

  std::vector<std::string> helm_upgrade(const deploy::DesiredRelease& r) const {
    const bool oci = r.repo.rfind("oci://", 0) == 0;
    std::vector<std::string> argv = {tool("helm"),
                                     "--kubeconfig=" + kubeconfig,
                                     "upgrade",
                                     "--install",
                                     r.name,
                                     oci ? r.repo + "/" + r.chart : r.chart,
                                     "--namespace",
                                     r.ns,
                                     "--create-namespace",
                                     "--version",
                                     r.version};
    if (!oci) argv.insert(argv.end(), {"--repo", r.repo});
    argv.insert(argv.end(), {"-f", (build_dir / r.values_file).string(), "--atomic", "--wait",
                             "--timeout", "300s", "-o", "json"});
    return argv;
  }

  static std::string helm_release(const deploy::DesiredRelease& r, const std::string& status) {
    return Json{{"name", r.name},
                {"namespace", r.ns},
                {"version", 1},
                {"info", {{"status", status}, {"description", "Install complete"}}},
                {"chart", {{"metadata", {{"name", r.chart}, {"version", r.version}}}}},
                {"config", r.values}}
        .dump();
  }

  std::vector<ExpectedCall> components() const {
    std::vector<ExpectedCall> calls;
    for (const auto& r : desired.releases) {
      calls.push_back(call(helm_upgrade(r), tools::exited(0, helm_release(r, "deployed"))));
    }
    return calls;
  }

  // Everything a first apply runs, in order.
  std::vector<ExpectedCall> full_apply() const {
    std::vector<ExpectedCall> calls = terraform_plan();
    auto add = [&](std::vector<ExpectedCall> more) {
      calls.insert(calls.end(), more.begin(), more.end());
    };
    add(terraform_apply());
    add(cluster_access());
    add(kubernetes_wave(2));
    add(components());
    add(kubernetes_wave(4));
    add(kubernetes_wave(5));
    return calls;
  }

  deploy::State state() const {
    std::string error;
    auto s = deploy::StateStore(state_dir).load("aws-prod", error);
    if (!s) throw std::runtime_error(error);
    return *s;
  }
};

struct CapturedIo {
  std::ostringstream out, err;
  deploy::DeployIo io{out, err};
  CapturedIo() {
    io.clock = [] { return std::chrono::steady_clock::time_point{}; };
  }
};

}  // namespace ivcapgen::testing
