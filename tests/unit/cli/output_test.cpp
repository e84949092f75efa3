// SPDX-License-Identifier: Apache-2.0
// Tests for atomic output files.
#include "cli/output.hpp"

#include "ghes_topology/diag/error.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using ghes_topology::cli::write_file_atomically;
using ghes_topology::cli::write_output_file;
using ghes_topology::cli::write_output_stream;

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

TEST_CASE("cli: -o replaces a regular file or a new path atomically", "[cli][output]")
{
  TempDir dir;
  const auto file = dir.path / "report.txt";
  write_output_file(file.string(), "new\n");
  CHECK(slurp(file) == "new\n");
  write_output_file(file.string(), "again\n");
  CHECK(slurp(file) == "again\n");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("cli: -o through a symbolic link replaces the target and keeps the link", "[cli][output][hostile]")
{
  TempDir dir;
  const auto target = dir.path / "target.txt";
  const auto link = dir.path / "link.txt";
  std::ofstream(target) << "old\n";
  fs::create_symlink("target.txt", link);
  write_output_file(link.string(), "new\n");
  CHECK(fs::is_symlink(link));
  CHECK(slurp(target) == "new\n");
  CHECK(entries(dir.path) == 2);

  const auto dangling = dir.path / "dangling.txt";
  fs::create_symlink("nowhere.txt", dangling);
  CHECK_THROWS_WITH(write_output_file(dangling.string(), "x"),
                    "cannot write '" + dangling.string() +
                        "': it is a symbolic link to a file that does not exist");
  CHECK(fs::is_symlink(dangling));
  CHECK_FALSE(fs::exists(dir.path / "nowhere.txt"));
}

TEST_CASE("cli: -o on a device is written in place, never replaced", "[cli][output][hostile]")
{
  // A link to /dev/null: the old code replaced the link, the device itself is never at risk.
  TempDir dir;
  const auto link = dir.path / "null";
  fs::create_symlink("/dev/null", link);
  write_output_file(link.string(), "discarded\n");
  CHECK(fs::is_symlink(link));
  CHECK(fs::is_character_file(fs::path("/dev/null")));
  CHECK(entries(dir.path) == 1);
  CHECK_THROWS_WITH(write_output_file("/dev/full", "x"), "cannot write '/dev/full': No space left on device");
  CHECK(fs::is_character_file(fs::path("/dev/full")));
}

TEST_CASE("cli: -o on a FIFO writes into the FIFO", "[cli][output][hostile]")
{
  TempDir dir;
  const auto fifo = dir.path / "pipe";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  write_output_file(fifo.string(), "through the pipe\n");
  reader.join();
  CHECK(received == "through the pipe\n");
  CHECK(fs::is_fifo(fifo));
  CHECK(entries(dir.path) == 1);
}

namespace {

// A stream buffer that fails every write, as stdout on a full disk does.
struct FailingBuffer : std::streambuf
{
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

} // namespace

TEST_CASE("cli: a failed write to standard output is an error", "[cli][output][hostile]")
{
  FailingBuffer buffer;
  std::ostream out(&buffer);
  CHECK_THROWS_WITH(write_output_stream(out, "result\n"), "cannot write the result to standard output");
  std::ostringstream good;
  write_output_stream(good, "result\n");
  CHECK(good.str() == "result\n");
}

namespace {

std::string read_all(std::istream& in)
{
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("cli: the result spool keeps a short result in memory", "[cli][output]")
{
  ghes_topology::cli::Spool spool(16);
  CHECK(spool.empty());
  std::ostream out(spool.buffer());
  out << "0123456789" << 'x';
  CHECK_FALSE(spool.empty());
  CHECK_FALSE(spool.on_disk());
  CHECK(read_all(spool.content()) == "0123456789x");
}

TEST_CASE("cli: the result spool moves a long result to a temporary file, whole", "[cli][output]")
{
  ghes_topology::cli::Spool spool(16);
  std::ostream out(spool.buffer());
  out << "0123456789";
  out << "abcdefghij"; // past the limit: everything so far goes to the file
  CHECK(spool.on_disk());
  out << 'k' << "lmnop";
  CHECK(read_all(spool.content()) == "0123456789abcdefghijklmnop");
}

TEST_CASE("cli: without a temporary directory the result spool stays in memory", "[cli][output][hostile]")
{
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  setenv("TMPDIR", "/nonexistent/ghes-topology-no-such-dir", 1);
  ghes_topology::cli::Spool spool(4);
  std::ostream out(spool.buffer());
  out << "more than four bytes";
  if (old != nullptr)
    setenv("TMPDIR", saved.c_str(), 1);
  else
    unsetenv("TMPDIR");
  CHECK_FALSE(spool.on_disk());
  CHECK(read_all(spool.content()) == "more than four bytes");
}

TEST_CASE("cli: the result spool gives its content again on each call", "[cli][output]")
{
  for (const std::size_t limit : {std::size_t{64}, std::size_t{4}}) { // in memory, on disk
    ghes_topology::cli::Spool spool(limit);
    std::ostream out(spool.buffer());
    out << "first line\nsecond line\n";
    CHECK(spool.on_disk() == (limit == 4));
    CHECK(read_all(spool.content()) == "first line\nsecond line\n");
    CHECK(read_all(spool.content()) == "first line\nsecond line\n");
  }
}
