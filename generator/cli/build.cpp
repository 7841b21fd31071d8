// ivcapgen build ENV [-o DIR] [--check]: compile the environment into
// out/<env>/ (SPEC 3), atomically; --check only says what would change.
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>

#include "cli/command.h"
#include "emit/build.h"
#include "ivcapgen_version.h"
#include "output/build_stamp.h"
#include "output/tree_committer.h"
#include "support/digest.h"

namespace ivcapgen::cli {

namespace {

namespace fs = std::filesystem;

void print_summary(Console& console, const output::OutputTree& tree,
                   const output::TreeChanges& changes, const std::string& out_dir, double seconds) {
  std::map<std::string, size_t> kinds;
  for (const auto& [_, f] : tree.files()) {
    for (const auto& o : f.objects) ++kinds[o.kind];
  }
  console.err << "built " << out_dir << ": " << tree.object_count() << " objects in "
              << tree.files().size() << " files (" << changes.added.size() + changes.changed.size()
              << " written, " << changes.unchanged.size() << " unchanged, "
              << changes.removed.size() << " removed) in " << static_cast<int>(seconds * 1000)
              << " ms\n";
  if (kinds.empty()) return;
  console.err << " ";
  for (const auto& [kind, n] : kinds) console.err << " " << kind << " " << n;
  console.err << "\n";
}

int check(Console& console, const output::TreeChanges& changes, const std::string& out_dir) {
  if (!changes.any()) {
    if (!console.quiet) console.err << out_dir << " is up to date\n";
    return kExitOk;
  }
  for (const auto& p : changes.added) console.out << "add     " << out_dir << "/" << p << "\n";
  for (const auto& p : changes.changed) console.out << "change  " << out_dir << "/" << p << "\n";
  for (const auto& p : changes.removed) console.out << "remove  " << out_dir << "/" << p << "\n";
  console.err << out_dir << " is out of date: "
              << changes.added.size() + changes.changed.size() + changes.removed.size()
              << " file(s) would change; run 'ivcapgen build' to update it\n";
  return kExitChanges;
}

// What besides the inputs decides a build's output and what it prints: the
// ivcapgen binary, the arguments, the working directory and console settings.
std::string stamp_key(const spec::LoadOptions& options, const Console& console,
                      const fs::path& out_dir) {
  std::error_code ec;
  auto exe = output::stamp_file("/proc/self/exe", "");
  std::string key = std::string("ivcapgen ") + IVCAPGEN_VERSION;
  for (const std::string& part :
       {std::to_string(exe.size), std::to_string(exe.mtime_ns), std::to_string(exe.inode),
        fs::current_path(ec).string(), options.environment,
        options.root ? options.root->string() : std::string("-"),
        std::to_string(options.limits.max_input_size), fs::absolute(out_dir).string(),
        std::string(console.color ? "color" : "plain"), std::string(console.quiet ? "q" : "-"),
        console.diagnostics_format}) {
    key += '\0';
    key += part;
  }
  return support::sha256_hex(key);
}

// Prints the diagnostics as report() would and returns them as printed.
std::string report_captured(const diag::DiagnosticSink& sink, Console& console, int& code) {
  std::ostringstream out, err;
  Console capture{out,
                  err,
                  console.color,
                  console.quiet,
                  console.verbose,
                  console.progress,
                  console.stdin_is_tty,
                  console.diagnostics_format};
  code = report(sink, capture);
  console.out << out.str();
  console.err << err.str();
  return console.diagnostics_format == "json" ? out.str() : err.str();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// An earlier build's stamp says nothing it read or wrote has changed:
// replays its diagnostics and reports the output up to date.
bool reuse_earlier_build(const spec::LoadOptions& options, const std::optional<std::string>& output,
                         Console& console, std::chrono::steady_clock::time_point start) {
  std::optional<std::string> out_dir = output;
  if (!out_dir) {
    auto name = spec::peek_environment_name(options);
    if (!name) return false;
    out_dir = "out/" + *name;
  }
  auto stamp = output::BuildStamp::read(*out_dir);
  if (!stamp || !stamp->current(stamp_key(options, console, *out_dir), *out_dir)) return false;
  (console.diagnostics_format == "json" ? console.out : console.err) << stamp->diagnostics;
  if (!console.quiet) {
    console.err << *out_dir << " is up to date: none of its " << stamp->inputs.size()
                << " input files changed since it was built (--force compiles anyway) in "
                << static_cast<int>(seconds_since(start) * 1000) << " ms\n";
  }
  return true;
}

}  // namespace

Command build_command() {
  return {"build", "Compile an environment into out/<env>/ (Kubernetes, Argo, Helm, Terraform)",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.option("--output", "DIR", "Write the tree into DIR (default out/<env>)", "-o");
            p.flag("--check", "Write nothing; exit 2 and list the files that would change");
            p.flag("--force",
                   "Compile even when no input changed since the last build of this output");
            add_load_options(p);
          },
          [](const ArgParser& args, Console& console) {
            auto start = std::chrono::steady_clock::now();
            int64_t started_ns = output::wall_clock_ns();
            diag::DiagnosticSink sink;
            auto options = load_options(args, sink);
            bool check_only = args.has("--check");
            if (options && !check_only && !args.has("--force") &&
                reuse_earlier_build(*options, args.value("--output"), console, start)) {
              return kExitOk;
            }
            auto model = load_valid_model(args, console, sink);
            int code = kExitOk;
            std::string shown = report_captured(sink, console, code);
            if (!model) return code == kExitOk ? kExitError : code;
            std::string out_dir = args.value_or("--output", "out/" + model->name());
            output::OutputTree tree;
            try {
              tree = emit::build_outputs(*model);
            } catch (const std::exception& e) {
              console.err << "ivcapgen: error: internal error while emitting: " << e.what() << "\n";
              return kExitError;
            }
            output::TreeCommitter committer(out_dir);
            if (check_only) {
              auto r = committer.check(tree);
              if (!r.ok) {
                console.err << "ivcapgen: error: " << r.error << "\n";
                return kExitError;
              }
              return check(console, r.changes, out_dir);
            }
            auto r = committer.commit(tree);
            if (!r.ok) {
              console.err << "ivcapgen: error: " << r.error
                          << "\nthe previous output was left untouched\n";
              return kExitError;
            }
            output::BuildStamp::record(stamp_key(*options, console, out_dir), std::move(shown),
                                       model->input_files, model->input_dirs, out_dir, started_ns)
                .write(out_dir);
            if (!console.quiet) {
              print_summary(console, tree, r.changes, out_dir, seconds_since(start));
            }
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
