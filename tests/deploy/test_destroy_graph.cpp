// destroy in reverse wave order by labels, helm uninstall and terraform
// destroy, forgetting each thing as it goes; graph as DOT; the CLI's usage
// errors for the deploy commands.
#include <catch2/catch.hpp>

#include "deploy/graph.h"
#include "deploy_fixture.h"
#include "support/cli_fixture.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("destroy aws-prod after an apply: reverse order, by labels, state emptied",
          "[deploy][destroy]") {
  AwsProd env;
  FakeGateway gateway;
  {
    tools::ScriptedRunner runner(env.full_apply());
    CapturedIo io;
    auto request = env.request();
    request.options.gateway_url = gateway.url();
    REQUIRE(deploy::apply_environment(*env.built.model, request, io.io, runner) == 0);
  }
  const deploy::State applied = env.state();
  // Namespaces per wave, as destroy groups them.
  auto deletes = [&](int wave) {
    std::map<std::string, std::set<std::string>> by_ns;
    for (const auto* o : env.desired.objects_in_wave(wave)) {
      by_ns[o->ns].insert(deploy::kubectl_resource(o->api_version, o->kind));
    }
    std::vector<ExpectedCall> calls;
    std::vector<std::string> order;
    for (const auto& [ns, _] : by_ns) {
      if (!ns.empty()) order.push_back(ns);
    }
    if (by_ns.count("")) order.push_back("");
    for (const auto& ns : order) {
      std::string kinds;
      for (const auto& k : by_ns[ns]) kinds += (kinds.empty() ? "" : ",") + k;
      std::vector<std::string> args = {"delete", kinds};
      if (!ns.empty()) args.insert(args.end(), {"-n", ns});
      args.insert(args.end(), {"-l", env.selector});
      calls.push_back(env.call(env.kubectl(args), tools::exited(0, "")));
    }
    return calls;
  };
  // The kubeconfig written by the apply is reused.
  write_file(env.kubeconfig, "apiVersion: v1\nkind: Config\n");
  std::vector<ExpectedCall> script;
  auto add = [&](std::vector<ExpectedCall> more) {
    script.insert(script.end(), more.begin(), more.end());
  };
  add(deletes(5));
  add(deletes(4));
  for (auto it = env.desired.releases.rbegin(); it != env.desired.releases.rend(); ++it) {
    add({env.call({env.tool("helm"), "--kubeconfig=" + env.kubeconfig, "uninstall", it->name, "-n",
                   it->ns, "--wait", "--timeout", "300s"},
                  tools::exited(0, "release \"" + it->name + "\" uninstalled\n"))});
  }
  add(deletes(2));
  add({env.call({env.tool("terraform"), "init", "-input=false", "-no-color"}, tools::exited(0)),
       env.call({env.tool("terraform"), "destroy", "-auto-approve", "-input=false", "-no-color",
                 "-json"},
                tools::exited(0, read_file(deploy_fixtures() / "terraform/apply.jsonl")))});
  tools::ScriptedRunner runner(script);
  CapturedIo io;
  auto request = env.request();
  request.options.gateway_url = gateway.url();
  const int code = deploy::destroy_environment(*env.built.model, request, io.io, runner);
  INFO(io.err.str());
  CHECK(code == 0);
  CHECK(runner.verify() == "");
  const auto requests = gateway.requests();
  size_t deletes_sent = 0;
  for (const auto& r : requests) deletes_sent += r.method == "DELETE";
  CHECK(deletes_sent == env.desired.services.size());
  const deploy::State s = env.state();
  CHECK(s.inventory.empty());
  CHECK(s.serial > applied.serial);
  CHECK(s.outputs.empty());
  CHECK(contains(io.err.str(), "Destroy complete."));
}

TEST_CASE("destroy: refuses without confirmation", "[deploy][destroy]") {
  AwsProd env;
  tools::ScriptedRunner runner({});
  CapturedIo io;
  auto request = env.request();
  request.yes = false;
  CHECK(deploy::destroy_environment(*env.built.model, request, io.io, runner) == 1);
  CHECK(contains(io.err.str(), "refusing to destroy without confirmation"));
  CHECK(runner.calls().empty());
}

TEST_CASE("graph: waves, gates and Helm dependencies as DOT", "[deploy][graph]") {
  AwsProd env;
  const std::string dot = deploy::render_graph_dot(env.desired);
  CHECK(dot.rfind("digraph \"ivcapgen aws-prod\" {", 0) == 0);
  for (int w = 0; w <= 6; ++w)
    CHECK(contains(dot, "subgraph \"cluster_wave" + std::to_string(w) + "\""));
  CHECK(contains(dot, "\"gate0\" -> \"kubeconfig\""));
  for (const auto& r : env.desired.releases) {
    for (const auto& dep : r.depends_on) {
      CHECK(contains(dot, "\"release:" + dep + "\" -> \"release:" + r.name + "\""));
    }
  }
  CHECK(contains(dot, "\"gate5\" -> \"service:" + env.desired.services.front().name + "\""));
  CHECK(dot == deploy::render_graph_dot(env.desired));  // deterministic
}

TEST_CASE("deploy CLI: usage errors exit 64", "[deploy][cli]") {
  CHECK(run_cli({"apply", "aws-prod", "--only", "network"}).code == 64);
  CHECK(run_cli({"apply", "aws-prod", "--from-wave", "9"}).code == 64);
  CHECK(run_cli({"plan", "aws-prod", "--format", "yaml"}).code == 64);
  CHECK(run_cli({"apply", "aws-prod", "--plan", "p.json", "--dry-run"}).code == 64);
  auto help = run_cli({"apply", "--help"});
  CHECK(help.code == 0);
  CHECK(contains(help.out, "--from-wave N"));
  auto graph = run_cli({"graph", "aws-prod"});
  CHECK(graph.code == 0);
  CHECK(contains(graph.out, "digraph"));
}
