// SPDX-License-Identifier: Apache-2.0
// Tests for atomic output files.
#include "cli/output.hpp"

#include "ghes_topology/diag/error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using ghes_topology::cli::write_file_atomically;

namespace {

std::string slurp(const fs::path& path)
{
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TempDir
{
  fs::path path;
  TempDir()
  {
    std::string tmpl = (fs::temp_directory_path() / "ghes-topology-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::size_t entries(const fs::path& dir)
{
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

TEST_CASE("cli: write_file_atomically creates and replaces whole files", "[cli]")
{
  TempDir dir;
  const auto file = dir.path / "report.txt";
  write_file_atomically(file.string(), "first\n");
  CHECK(slurp(file) == "first\n");
  chmod(file.c_str(), 0600);
  write_file_atomically(file.string(), "second\n");
  CHECK(slurp(file) == "second\n");
  struct stat st
  {};
  REQUIRE(stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600); // permissions of the replaced file are kept
  CHECK(entries(dir.path) == 1);      // no temporary file left behind
}

TEST_CASE("cli: write_file_atomically fails cleanly and leaves no trace", "[cli]")
{
  TempDir dir;
  const auto missing = dir.path / "no-such-dir" / "out.txt";
  CHECK_THROWS_WITH(write_file_atomically(missing.string(), "x"),
                    "cannot write '" + missing.string() + "': No such file or directory");
  CHECK_THROWS_WITH(write_file_atomically(dir.path.string(), "x"),
                    "cannot write '" + dir.path.string() + "': it is a directory");
  CHECK(entries(dir.path) == 0);
}
