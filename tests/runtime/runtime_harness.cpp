#include "runtime_harness.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ivcap::runtime::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

pid_t spawn(const std::string& exe, const std::vector<std::string>& args, const fs::path& output) {
  std::vector<std::string> all = {exe};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot spawn " + exe);
  return pid;
}

std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
    std::this_thread::sleep_for(5ms);
  }
  return std::nullopt;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

RunResult run_to_completion(const std::string& exe, const std::vector<std::string>& args) {
  ivcapgen::testing::TempDir tmp;
  pid_t pid = spawn(exe, args, tmp / "output");
  auto code = wait_exit(pid, 10s);
  if (!code) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  return RunResult{code.value_or(-999), slurp(tmp / "output")};
}

bool port_is_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool open = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return open;
}

ComponentProcess::ComponentProcess(std::string name, const std::string& exe,
                                   std::vector<std::string> args, const fs::path& work_dir)
    : name_(std::move(name)) {
  fs::path port_file = work_dir / (name_ + ".port");
  log_file_ = work_dir / (name_ + ".log");
  args.insert(args.end(), {"--listen", "127.0.0.1:0", "--port-file", port_file.string(),
                           "--log-file", log_file_.string()});
  pid_ = spawn(exe, args, work_dir / (name_ + ".stderr"));
  auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    if (auto code = wait_exit(pid_, 5ms)) {
      pid_ = -1;
      throw std::runtime_error(name_ + " exited with " + std::to_string(*code) + ": " +
                               slurp(work_dir / (name_ + ".stderr")));
    }
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  throw std::runtime_error(name_ + " did not start listening");
}

ComponentProcess::~ComponentProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::unique_ptr<httplib::Client> ComponentProcess::client(std::optional<std::string> token) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  if (token) c->set_bearer_token_auth(*token);
  c->set_connection_timeout(2s);
  c->set_read_timeout(30s);
  return c;
}

int ComponentProcess::stop() {
  if (pid_ <= 0) return -999;
  kill(pid_, SIGTERM);
  auto code = wait_exit(pid_, 10s);
  if (!code) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
  return code.value_or(-998);
}

std::string write_token_file(const fs::path& path, unsigned mode) {
  ivcapgen::testing::write_file(path, std::string(kTestToken) + "\n");
  chmod(path.c_str(), mode);
  return path.string();
}

RuntimeStack::RuntimeStack(const StackOptions& options) {
  token_file = dir / "token";
  write_token_file(token_file, 0600);
  const std::string token = token_file.string();
  auto with = [](std::vector<std::string> base, const std::vector<std::string>& extra) {
    base.insert(base.end(), extra.begin(), extra.end());
    return base;
  };
  data_proxy = std::make_unique<ComponentProcess>(
      "data-proxy", IVCAP_DATA_PROXY_EXE,
      with({"--token-file", token, "--storage-dir", (dir / "artifacts").string()},
           options.data_proxy_flags),
      dir.path());
  exit_handler = std::make_unique<ComponentProcess>(
      "exit-handler", IVCAP_EXIT_HANDLER_EXE,
      std::vector<std::string>{"--token-file", token, "--data-dir",
                               (dir / "exit-handler").string()},
      dir.path());
  dispatcher = std::make_unique<ComponentProcess>(
      "dispatcher", IVCAP_DISPATCHER_EXE,
      with({"--token-file", token, "--data-dir", (dir / "dispatcher").string(), "--data-proxy-url",
            data_proxy->url(), "--exit-handler-url", exit_handler->url(), "--kill-grace", "300ms"},
           options.dispatcher_flags),
      dir.path());
  gateway = std::make_unique<ComponentProcess>(
      "gateway", IVCAP_GATEWAY_EXE,
      with({"--token-file", token, "--data-dir", (dir / "gateway").string(), "--dispatcher-url",
            dispatcher->url(), "--data-proxy-url", data_proxy->url(), "--exit-handler-url",
            exit_handler->url()},
           options.gateway_flags),
      dir.path());
}

RuntimeStack::~RuntimeStack() {
  stop_all();
}

std::map<std::string, int> RuntimeStack::stop_all() {
  std::map<std::string, int> codes;
  for (auto* p : {&gateway, &dispatcher, &exit_handler, &data_proxy}) {
    if (*p && (*p)->running()) {
      std::string name = p == &gateway        ? "gateway"
                         : p == &dispatcher   ? "dispatcher"
                         : p == &exit_handler ? "exit-handler"
                                              : "data-proxy";
      codes[name] = (*p)->stop();
    }
  }
  return codes;
}

std::pair<int, nlohmann::json> RuntimeStack::post(const std::string& path,
                                                  const nlohmann::json& body) const {
  auto res = api()->Post(path, body.dump(), "application/json");
  if (!res)
    throw std::runtime_error("POST " + path + " failed: " + httplib::to_string(res.error()));
  return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
}

std::pair<int, nlohmann::json> RuntimeStack::get(const std::string& path) const {
  auto res = api()->Get(path);
  if (!res) throw std::runtime_error("GET " + path + " failed: " + httplib::to_string(res.error()));
  return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
}

std::string RuntimeStack::register_service(const nlohmann::json& doc) const {
  auto [status, body] = post("/1/services", doc);
  if (status != 201 && status != 200) {
    throw std::runtime_error("cannot register service: " + body.dump());
  }
  return body["id"].get<std::string>();
}

std::string RuntimeStack::upload(const std::string& bytes, const std::string& content_type) const {
  auto res = api()->Post("/1/artifacts", bytes, content_type);
  if (!res || (res->status != 201 && res->status != 200)) {
    throw std::runtime_error("upload failed");
  }
  return nlohmann::json::parse(res->body)["id"].get<std::string>();
}

std::string RuntimeStack::download(const std::string& artifact_id) const {
  auto res = api()->Get("/1/artifacts/" + artifact_id);
  if (!res || res->status != 200) throw std::runtime_error("download failed");
  return res->body;
}

nlohmann::json RuntimeStack::wait_for_order(const std::string& order_id,
                                            std::chrono::milliseconds timeout) const {
  auto until = std::chrono::steady_clock::now() + timeout;
  nlohmann::json order;
  while (std::chrono::steady_clock::now() < until) {
    auto [status, body] = get("/1/orders/" + order_id);
    order = body;
    if (status == 200) {
      std::string s = body.value("status", "");
      if (s == "succeeded" || s == "failed" || s == "error") return body;
    }
    std::this_thread::sleep_for(50ms);
  }
  throw std::runtime_error("order did not finish in time: " + order.dump());
}

nlohmann::json RuntimeStack::order_and_wait(const std::string& service_id,
                                            const nlohmann::json& parameters,
                                            std::chrono::milliseconds timeout) const {
  auto [status, body] = post("/1/orders", {{"service", service_id}, {"parameters", parameters}});
  if (status != 201) throw std::runtime_error("order refused: " + body.dump());
  return wait_for_order(body["id"].get<std::string>(), timeout);
}

nlohmann::json service_doc(const std::string& name, const nlohmann::json& controller,
                           const nlohmann::json& parameters) {
  return {{"$schema", "urn:ivcap:schema:service.2"},
          {"name", name},
          {"description", "A test service that exists only for the runtime tests."},
          {"parameters", parameters},
          {"controller", controller}};
}

}  // namespace ivcap::runtime::testing
