// ivcapgen build ENV [-o DIR] [--check]: compile the environment into
// out/<env>/ (SPEC 3), atomically; --check only says what would change.
#include <chrono>
#include <map>

#include "cli/command.h"
#include "emit/build.h"
#include "output/tree_committer.h"

namespace ivcapgen::cli {

namespace {

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

}  // namespace

Command build_command() {
  return {"build", "Compile an environment into out/<env>/ (Kubernetes, Argo, Helm, Terraform)",
          [](ArgParser& p) {
            p.positional("ENV", "Environment name (environments/<name>.yaml) or path");
            p.option("--output", "DIR", "Write the tree into DIR (default out/<env>)", "-o");
            p.flag("--check", "Write nothing; exit 2 and list the files that would change");
            add_load_options(p);
          },
          [](const ArgParser& args, Console& console) {
            auto start = std::chrono::steady_clock::now();
            diag::DiagnosticSink sink;
            auto model = load_valid_model(args, console, sink);
            int code = report(sink, console);
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
            if (args.has("--check")) {
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
            double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (!console.quiet) print_summary(console, tree, r.changes, out_dir, seconds);
            return kExitOk;
          }};
}

}  // namespace ivcapgen::cli
