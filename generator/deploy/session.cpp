#include "deploy/session.h"

#include "emit/build.h"
#include "output/tree_committer.h"

namespace ivcapgen::deploy {

namespace fs = std::filesystem;

void print_error(DeployIo& io, const std::string& message) {
  io.err << "ivcapgen: error: " << message << "\n";
}

Session::Session(const model::Model& model, const DeployRequest& request, DeployIo& io,
                 tools::CommandRunner& runner)
    : model_(model),
      request_(request),
      io_(io),
      state_dir_(state_dir(model.name(), request.base_dir)),
      store_(state_dir_),
      log_(io.err, redactor_),
      progress_(io.progress && !io.quiet ? &io.err : nullptr, io.clock) {
  if (request.options.token) redactor_.add_secret(*request.options.token);
  tools::CommandRunner* base = &runner;
  if (request.options.dry_run) base = &dry_run_;
  if (io.verbose || request.options.dry_run) {
    logging_ = std::make_unique<tools::LoggingRunner>(*base, log_);
    base = logging_.get();
  }
  runner_ = base;
}

bool Session::lock(const std::string& command) {
  StateLock::Failure failure;
  const auto previous =
      request_.force_unlock ? StateLock::read_holder(state_dir_) : std::optional<LockHolder>();
  auto acquired = StateLock::acquire(state_dir_, command, failure, request_.force_unlock);
  if (acquired) {
    lock_.emplace(std::move(*acquired));
    if (previous) {
      io_.err << "ivcapgen: warning: --force-unlock: took over the stale lock left by pid "
              << previous->pid << " on " << previous->host << " (" << previous->command
              << ", since " << previous->started << "); check that its work is not half done\n";
    }
    return true;
  }
  print_error(io_, failure.message);
  if (!failure.stale) {
    io_.err << "another ivcapgen is deploying " << model_.name()
            << "; wait for it to finish (a live holder is never overridden)\n";
  }
  return false;
}

bool Session::build() {
  try {
    tree_ = emit::build_outputs(model_);
  } catch (const std::exception& e) {
    print_error(io_, std::string("internal error while building the outputs: ") + e.what());
    return false;
  }
  auto committed = output::TreeCommitter(build_dir()).commit(tree_);
  if (!committed.ok) {
    print_error(io_, "cannot write the build to " + build_dir().string() + ": " + committed.error);
    return false;
  }
  return true;
}

bool Session::load_state(bool create) {
  std::string message;
  std::error_code ec;
  const bool fresh = !fs::exists(store_.file(), ec);
  auto loaded = store_.load(model_.name(), message);
  if (!loaded) {
    print_error(io_, message);
    return false;
  }
  state_ = std::move(*loaded);
  if (create && fresh && !request_.options.dry_run && !store_.save(state_, message)) {
    print_error(io_, message);
    return false;
  }
  return true;
}

TargetContext Session::context() {
  return TargetContext{model_, tree_,    build_dir(), state_dir_, store_,
                       state_, *runner_, redactor_,   progress_,  request_.options};
}

}  // namespace ivcapgen::deploy
