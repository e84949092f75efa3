// SPDX-License-Identifier: Apache-2.0
// The README's sample output is the real output (kept as a golden file).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string slurp(const std::filesystem::path& path)
{
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST_CASE("cli: README shows the real recommend output of its example", "[cli][docs]")
{
  const std::filesystem::path root = GHES_TOPOLOGY_SOURCE_DIR;
  const std::string readme = slurp(root / "README.md");
  const std::string begin =
      "<!-- BEGIN OUTPUT: tests/golden/recommend-small-single-site/expected.stdout -->\n```text\n";
  const auto start = readme.find(begin);
  REQUIRE(start != std::string::npos);
  const auto end = readme.find("```\n<!-- END OUTPUT -->", start);
  REQUIRE(end != std::string::npos);
  const std::string shown = readme.substr(start + begin.size(), end - start - begin.size());
  const std::string golden =
      slurp(root / "tests" / "golden" / "recommend-small-single-site" / "expected.stdout");
  const char* update = std::getenv("GHES_TOPOLOGY_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1" && shown != golden) {
    std::ofstream(root / "README.md")
        << readme.substr(0, start + begin.size()) << golden << readme.substr(end);
    return;
  }
  INFO("refresh with GHES_TOPOLOGY_UPDATE_GOLDEN=1 ctest --test-dir build -R README (after the goldens)");
  CHECK(shown == golden);
}
