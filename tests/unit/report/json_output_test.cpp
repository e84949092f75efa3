// SPDX-License-Identifier: Apache-2.0
// The JSON outputs kept as goldens conform to the published schema (docs/output-json.schema.json).
#include "support/json_schema_check.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path)
{
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

} // namespace

TEST_CASE("report: every JSON golden output conforms to docs/output-json.schema.json", "[report][json]")
{
  const fs::path root = GHES_TOPOLOGY_SOURCE_DIR;
  const nlohmann::json schema = read_json(root / "docs" / "output-json.schema.json");
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(root / "tests" / "golden")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.size() < 5 || name.substr(name.size() - 5) != "-json")
      continue;
    INFO(name);
    const nlohmann::json output = read_json(entry.path() / "expected.stdout");
    CHECK(ghes_topology::test::check_json_schema(schema, output) == std::vector<std::string>{});
    ++checked;
  }
  CHECK(checked >= 8);
}

TEST_CASE("report: the schema checker reports what is wrong", "[report][json]")
{
  const auto schema = nlohmann::json::parse(R"({
    "type": "object", "additionalProperties": false, "required": ["a"],
    "properties": { "a": { "enum": ["x", "y"] }, "b": { "$ref": "#/$defs/n" } },
    "$defs": { "n": { "type": "integer" } } })");
  CHECK(
      ghes_topology::test::check_json_schema(schema, nlohmann::json::parse(R"({"a": "x", "b": 3})")).empty());
  CHECK(ghes_topology::test::check_json_schema(schema,
                                               nlohmann::json::parse(R"({"a": "z", "b": "3", "c": 1})")) ==
        std::vector<std::string>{"/a: \"z\" is not one of [\"x\",\"y\"]",
                                 "/b: expected type \"integer\", found \"3\"", "/: unexpected key \"c\""});
}
