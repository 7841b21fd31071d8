// ivcapgen plan ENV [--format text|markdown|json] [-o FILE]: the unified
// plan across Terraform, Helm and Kubernetes (SPEC 4); exit 2 when there are
// changes. Also the deploy options shared by plan, apply and destroy.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "cli/interrupt.h"
#include "deploy/deploy_commands.h"
#include "deploy/stages.h"
#include "tools/process_runner.h"

namespace ivcapgen::cli {

namespace {

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  const auto last = s.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

}  // namespace

void add_deploy_options(ArgParser& p) {
  p.option("--terraform", "PATH", "The terraform program (default: terraform on PATH)");
  p.option("--kubectl", "PATH", "The kubectl program (default: kubectl on PATH)");
  p.option("--helm", "PATH", "The helm program (default: helm on PATH)");
  p.option("--kubeconfig", "FILE",
           "Cluster access (default: written from the Terraform outputs in wave 1)");
  p.option("--context", "NAME", "The kubeconfig context to use");
  p.option("--gateway-url", "URL", "Where services are registered (default https://api.<domain>)");
  p.option("--token-file", "FILE",
           "Bearer token for the gateway (default: $IVCAP_TOKEN); never logged");
  p.option("--terraform-plugin-dir", "DIR", "Offline provider mirror for terraform init");
  p.option("--rollout-timeout", "SECONDS", "How long a readiness gate waits (default 300)");
  add_load_options(p);
}

bool read_deploy_options(const ArgParser& args, Console& console, deploy::DeployRequest& request) {
  deploy::DeployOptions& o = request.options;
  o.tools.terraform = args.value("--terraform");
  o.tools.kubectl = args.value("--kubectl");
  o.tools.helm = args.value("--helm");
  o.path_variable = tools::current_path_variable();
  o.kube_context = args.value("--context");
  if (auto k = args.value("--kubeconfig")) o.kubeconfig = *k;
  o.gateway_url = args.value("--gateway-url");
  if (auto d = args.value("--terraform-plugin-dir")) o.terraform_plugin_dir = *d;
  if (auto t = args.value("--rollout-timeout")) {
    try {
      const long seconds = std::stol(*t);
      if (seconds <= 0) throw std::out_of_range("not positive");
      o.rollout_timeout = std::chrono::seconds(seconds);
    } catch (const std::exception&) {
      console.err << "ivcapgen: error: --rollout-timeout must be a positive number of seconds\n";
      return false;
    }
  }
  if (auto file = args.value("--token-file")) {
    std::ifstream in(*file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      console.err << "ivcapgen: error: cannot read the token file " << *file << "\n";
      return false;
    }
    o.token = trimmed(text.str());
  } else if (const char* env = std::getenv("IVCAP_TOKEN"); env && *env) {
    o.token = trimmed(env);
  }
  return true;
}

deploy::DeployIo deploy_io(Console& console) {
  deploy::DeployIo io(console.out, console.err);
  io.color = console.color;
  io.progress = console.progress;
  io.verbose = console.verbose;
  io.quiet = console.quiet;
  io.interactive = console.stdin_is_tty;
  io.read_line = []() -> std::optional<std::string> {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  };
  return io;
}

Command plan_command() {
  return {
      "plan", "Show what apply would change, across Terraform, Helm and Kubernetes",
      [](ArgParser& p) {
        p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
        p.option("--format", "FORMAT", "text (default), markdown (for a PR comment) or json");
        p.option("--output", "FILE", "Write the plan to FILE instead of stdout", "-o");
        add_deploy_options(p);
      },
      [](const ArgParser& args, Console& console) {
        deploy::DeployRequest request;
        request.format = args.value_or("--format", "text");
        if (request.format != "text" && request.format != "markdown" && request.format != "json") {
          console.err << "ivcapgen: error: --format must be text, markdown or json\n";
          return kExitUsage;
        }
        if (auto o = args.value("--output")) request.output_file = *o;
        if (!read_deploy_options(args, console, request)) return kExitUsage;
        diag::DiagnosticSink sink;
        auto model = load_valid_model(args, console, sink);
        int code = report(sink, console);
        if (!model) return code == kExitOk ? kExitError : code;
        tools::ProcessRunner runner(interruptible());
        deploy::DeployIo io = deploy_io(console);
        return deploy::plan_environment(*model, request, io, runner);
      }};
}

}  // namespace ivcapgen::cli
