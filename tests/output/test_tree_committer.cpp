#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "output/tree_committer.h"
#include "support/test_env.h"

using namespace ivcapgen;
using namespace ivcapgen::testing;
namespace fs = std::filesystem;

namespace {
output::OutputTree tree_of(std::map<std::string, std::string> files) {
  output::OutputTree t;
  for (auto& [p, c] : files) t.add_text(p, 0, c);
  t.add_manifest("test");
  return t;
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_ino;
}
}  // namespace

TEST_CASE("first commit writes the tree; a second identical commit writes nothing") {
  TempDir tmp;
  fs::path out = tmp / "out" / "env";
  output::TreeCommitter c(out);
  auto r1 = c.commit(tree_of({{"a.txt", "A"}, {"k8s/b.yaml", "B"}}));
  REQUIRE(r1.ok);
  CHECK(r1.changes.added.size() == 3);
  CHECK(read_file(out / "k8s/b.yaml") == "B");
  auto before = inode(out / "a.txt");
  auto r2 = c.commit(tree_of({{"a.txt", "A"}, {"k8s/b.yaml", "B"}}));
  REQUIRE(r2.ok);
  CHECK_FALSE(r2.changes.any());
  CHECK(inode(out / "a.txt") == before);
}

TEST_CASE("changed files are rewritten, unchanged ones kept, stale ones removed") {
  TempDir tmp;
  fs::path out = tmp / "out";
  output::TreeCommitter c(out);
  REQUIRE(c.commit(tree_of({{"a.txt", "A"}, {"b.txt", "B"}, {"old/c.txt", "C"}})).ok);
  auto a_inode = inode(out / "a.txt");
  auto r = c.commit(tree_of({{"a.txt", "A"}, {"b.txt", "B2"}}));
  REQUIRE(r.ok);
  CHECK(r.changes.changed == std::vector<std::string>{"b.txt", "manifest.json"});
  CHECK(r.changes.removed == std::vector<std::string>{"old/c.txt"});
  CHECK(inode(out / "a.txt") == a_inode);  // linked, not rewritten
  CHECK(read_file(out / "b.txt") == "B2");
  CHECK_FALSE(fs::exists(out / "old/c.txt"));
  // No staging directories are left behind.
  size_t entries = 0;
  for (auto& e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("check reports changes without writing") {
  TempDir tmp;
  fs::path out = tmp / "out";
  output::TreeCommitter c(out);
  REQUIRE(c.commit(tree_of({{"a.txt", "A"}})).ok);
  auto r = c.check(tree_of({{"a.txt", "changed"}}));
  REQUIRE(r.ok);
  CHECK(r.changes.changed.size() == 2);
  CHECK(read_file(out / "a.txt") == "A");
}

TEST_CASE("a write failure (disk full) leaves the previous output intact") {
  TempDir tmp;
  fs::path out = tmp / "out";
  REQUIRE(output::TreeCommitter(out).commit(tree_of({{"a.txt", "A"}, {"b.txt", "B"}})).ok);
  std::string manifest = read_file(out / "manifest.json");
  int writes = 0;
  output::TreeCommitter failing(out, [&](const fs::path& p, std::string_view content) {
    if (++writes > 1) {
      errno = ENOSPC;
      return false;
    }
    return output::write_file_fully(p, content);
  });
  auto r = failing.commit(tree_of({{"a.txt", "A2"}, {"b.txt", "B2"}, {"c.txt", "C"}}));
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("No space left") != std::string::npos);
  CHECK(read_file(out / "a.txt") == "A");
  CHECK(read_file(out / "b.txt") == "B");
  CHECK(read_file(out / "manifest.json") == manifest);
  CHECK_FALSE(fs::exists(out / "c.txt"));
  size_t entries = 0;
  for (auto& e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("an output path that is a file, or a foreign directory, is refused") {
  TempDir tmp;
  write_file(tmp / "file", "x");
  auto r = output::TreeCommitter(tmp / "file").commit(tree_of({{"a.txt", "A"}}));
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("not a directory") != std::string::npos);
  write_file(tmp / "mine/notes.txt", "precious");
  auto r2 = output::TreeCommitter(tmp / "mine").commit(tree_of({{"a.txt", "A"}}));
  CHECK_FALSE(r2.ok);
  CHECK(read_file(tmp / "mine/notes.txt") == "precious");
}

TEST_CASE("unsafe output paths are refused") {
  output::OutputTree t;
  CHECK_THROWS(t.add_text("../escape", 0, ""));
  CHECK_THROWS(t.add_text("/abs", 0, ""));
  CHECK_THROWS(t.add_text("a/.hidden", 0, ""));
  CHECK_THROWS(t.add_text("a;b", 0, ""));
  t.add_text("ok/file.yaml", 0, "");
  CHECK_THROWS(t.add_text("ok/file.yaml", 0, ""));
}
