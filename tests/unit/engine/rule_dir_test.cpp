// SPDX-License-Identifier: Apache-2.0
// Reading a --rules folder: only regular files are read; FIFOs and link loops are named.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ghes_topology;

namespace {

struct TempDir
{
  fs::path path;
  TempDir()
  {
    std::string tmpl = (fs::temp_directory_path() / "ghes-topology-rules-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

} // namespace

TEST_CASE("engine: a FIFO, a device or a link loop in a rules folder is refused, not read",
          "[engine][hostile]")
{
  TempDir dir;
  fs::create_directories(dir.path / "scale");
  std::ofstream(dir.path / "scale" / "good.yaml") << "id: scale-good\n";
  REQUIRE(mkfifo((dir.path / "scale" / "pipe.yaml").c_str(), 0600) == 0);
  fs::create_symlink("loop.yaml", dir.path / "scale" / "loop.yaml");
  fs::create_symlink("/dev/zero", dir.path / "scale" / "zero.yaml");
  diag::DiagnosticBag bag;
  const auto files = engine::read_rule_dir(dir.path.string(), bag);
  REQUIRE(files.size() == 1);
  CHECK(files[0].relative == "scale/good.yaml");
  diag::SourceMap sources;
  const std::string root = dir.path.generic_string();
  CHECK(diag::render_all(bag, sources) ==
        root + "/scale/loop.yaml: error: cannot open '" + root +
            "/scale/loop.yaml': Too many levels of symbolic links [file-unreadable]\n" + root +
            "/scale/pipe.yaml: error: '" + root +
            "/scale/pipe.yaml' is a named pipe (FIFO), not a rule file [not-regular-file]\n"
            "     = expected: a regular file\n"
            "     = found: a named pipe (FIFO)\n" +
            root + "/scale/zero.yaml: error: '" + root +
            "/scale/zero.yaml' is a device, not a rule file [not-regular-file]\n"
            "     = expected: a regular file\n"
            "     = found: a device\n");
}
