#include "dispatcher/order_runner.h"

#include <fstream>
#include <map>
#include <sstream>

#include "common/atomic_file.h"
#include "common/ivcap_urn.h"
#include "common/media_type.h"
#include "dispatcher/service_env.h"

namespace ivcap::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kTaskLogTail = 4096;

std::string tail_of(const fs::path& file, size_t bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  size_t start = size > bytes ? size - bytes : 0;
  in.seekg(static_cast<std::streamoff>(start));
  std::string out(size - start, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return out;
}

std::string file_safe(const std::string& task_name) {
  std::string out;
  for (char c : task_name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
  return out.empty() ? "task" : out;
}

}  // namespace

OrderRunner::OrderRunner(const DispatcherConfig& config, const Sandbox& sandbox,
                         const PeerClient& data_proxy, InstancePool& instances, JsonLog& log)
    : config_(config),
      sandbox_(sandbox),
      data_proxy_(data_proxy),
      instances_(instances),
      log_(log) {}

std::string OrderRunner::stage_inputs(const OrderTicket& ticket, const fs::path& dir) {
  for (const auto& [name, id] : ticket.parameters.artifacts) {
    auto res = data_proxy_.get("/1/artifacts/" + id);
    if (!res || res->status != 200) {
      return "cannot stage artifact '" + id + "' for parameter '" + name +
             "': " + describe_failure(res);
    }
    write_file_atomically(dir / "inputs" / name, res->body, 0644);
  }
  return {};
}

std::string OrderRunner::upload_results(const fs::path& results_dir, nlohmann::json& out) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(results_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Symlinks are skipped: a service could point one at a file outside its sandbox.
    if (it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    files.push_back(it->path());
    if (files.size() > config_.max_result_files) {
      return "the service left more than " + std::to_string(config_.max_result_files) +
             " result files";
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto size = fs::file_size(file, ec);
    if (ec) continue;
    std::string rel = fs::relative(file, results_dir, ec).generic_string();
    if (size > config_.max_result_bytes) return "result file '" + rel + "' is too large";
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::string type = media_type_for(file.filename().string());
    auto res = data_proxy_.post("/1/artifacts", content.str(), type, {{"X-Artifact-Name", rel}});
    if (!res || (res->status != 200 && res->status != 201)) {
      return "cannot upload result '" + rel + "': " + describe_failure(res);
    }
    auto meta = nlohmann::json::parse(res->body, nullptr, false);
    if (!meta.is_object() || !meta.contains("id")) return "data proxy gave no id for '" + rel + "'";
    out.push_back({{"id", meta["id"]}, {"name", rel}, {"size", size}, {"content-type", type}});
  }
  return {};
}

OrderResult OrderRunner::run_plan(
    const OrderTicket& ticket, const fs::path& dir, const std::atomic<bool>& cancel,
    const std::function<void(const std::vector<TaskRecord>&)>& progress) {
  OrderResult result;
  const auto& tasks = ticket.plan.tasks;
  for (const auto& t : tasks) result.tasks.push_back(TaskRecord{t.name, "pending", {}, ""});
  progress(result.tasks);

  auto timeout = config_.order_timeout;
  if (ticket.plan.deadline && *ticket.plan.deadline < timeout) {
    timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*ticket.plan.deadline);
  }
  const auto deadline = Clock::now() + timeout;
  const std::string uuid = order_uuid(ticket.order_id);

  std::map<std::string, std::string> ivcap = {
      {"IVCAP_ORDER_ID", ticket.order_id},
      {"IVCAP_SERVICE_ID", ticket.service_id},
      {"IVCAP_BASE_URL", config_.gateway_url},
      {"IVCAP_ORDER_DIR", dir.string()},
      {"IVCAP_INPUTS_PATH", (dir / "inputs").string()},
      {"IVCAP_RESULT_PATH", (dir / "results").string()},
  };
  if (!sandbox_.enabled()) ivcap["IVCAP_PROXY_URL"] = config_.data_proxy_url;

  std::string failure;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const LocalTask& task = tasks[i];
    TaskRecord& record = result.tasks[i];
    bool blocked = false;
    for (size_t d : task.depends_on) blocked = blocked || result.tasks[d].status != "succeeded";
    if (blocked || !failure.empty()) {
      record.status = "skipped";
      continue;
    }
    std::vector<std::string> argv = task.argv;
    auto program = resolve_executable(argv[0], kServicePath);
    if (!program) {
      record.status = "failed";
      record.message = "command '" + argv[0] + "' not found on " + kServicePath;
      failure = "task '" + task.name + "' failed: " + record.message;
      result.status = "failed";
      continue;
    }
    argv[0] = *program;
    const std::string file = file_safe(task.name);
    if (task.script_source) {
      fs::path script = dir / ".scripts" / file;
      fs::create_directories(script.parent_path());
      write_file_atomically(script, *task.script_source, 0644);
      argv.push_back(script.string());
    }
    auto env = ivcap;
    env["IVCAP_TASK_NAME"] = task.name;
    ProcessSpec spec;
    spec.argv = sandbox_.wrap(argv, dir, /*share_network=*/false);
    spec.env = service_environment(env, task.env);
    spec.cwd = dir;
    spec.output = dir / "logs" / (file + ".log");
    spec.limits = config_.limits;
    record.status = "running";
    progress(result.tasks);
    log_.info("task started", {{"order", ticket.order_id}, {"task", task.name}});
    ProcessExit exit;
    try {
      auto child = ChildProcess::spawn(spec);
      exit = child.wait(deadline, cancel, config_.kill_grace);
    } catch (const std::exception& e) {
      record.status = "failed";
      record.message = e.what();
      failure = "task '" + task.name + "' failed: " + record.message;
      result.status = "failed";
      progress(result.tasks);
      continue;
    }
    record.status = exit.success() ? "succeeded" : "failed";
    if (exit.kind == ProcessExit::Kind::Exited) record.exit_code = exit.code;
    if (!exit.success()) {
      result.exit_code = exit.kind == ProcessExit::Kind::Exited ? exit.code : -1;
      if (exit.kind == ProcessExit::Kind::TimedOut) {
        record.message = "timed out after " + std::to_string(timeout.count()) + "ms";
        result.status = "failed";
      } else if (exit.kind == ProcessExit::Kind::Cancelled) {
        record.message = "cancelled: the dispatcher is shutting down";
        result.status = "error";
      } else {
        record.message = exit.describe();
        result.status = "failed";
      }
      failure = "task '" + task.name + "' " + record.message;
    }
    log_.info("task ended", {{"order", ticket.order_id},
                             {"task", task.name},
                             {"status", record.status},
                             {"exit", exit.describe()}});
    progress(result.tasks);
  }
  if (failure.empty()) {
    result.status = "succeeded";
    result.exit_code = 0;
  } else {
    result.message = failure;
  }

  std::string log;
  for (const auto& t : tasks) {
    fs::path file = dir / "logs" / (file_safe(t.name) + ".log");
    if (!fs::exists(file)) continue;
    log += "== " + t.name + " ==\n" + tail_of(file, kTaskLogTail);
    if (!log.empty() && log.back() != '\n') log += '\n';
  }
  result.log_excerpt = log;

  if (auto why = upload_results(dir / "results", result.results); !why.empty()) {
    result.status = "error";
    result.message = result.message.empty() ? why : result.message + "; " + why;
  }
  progress(result.tasks);
  return result;
}

OrderResult OrderRunner::run(const OrderTicket& ticket, const std::atomic<bool>& cancel,
                             const std::function<void(const std::vector<TaskRecord>&)>& progress) {
  if (ticket.provider == ProviderKind::Dynamic) {
    OrderResult result;
    try {
      auto lease = instances_.acquire(ticket.service);
      instances_.release(lease.id);
      result.status = "succeeded";
      result.exit_code = 0;
      result.message = "instance ready at " + lease.url + lease.context_root;
    } catch (const InstanceError& e) {
      result.status = "error";
      result.message = e.message;
    }
    return result;
  }

  const fs::path dir = config_.data_dir / "orders" / order_uuid(ticket.order_id);
  OrderResult result;
  try {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all);
    for (const char* sub : {"inputs", "results", "logs"}) fs::create_directories(dir / sub);
    if (auto why = stage_inputs(ticket, dir); !why.empty()) {
      result.status = "error";
      result.message = why;
    } else {
      result = run_plan(ticket, dir, cancel, progress);
    }
  } catch (const std::exception& e) {
    result.status = "error";
    result.message = std::string("order could not run: ") + e.what();
  }
  if (!config_.keep_order_dirs) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return result;
}

}  // namespace ivcap::runtime
