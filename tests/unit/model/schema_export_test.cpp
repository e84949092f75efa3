// SPDX-License-Identifier: Apache-2.0
// Tests for the schema exports: JSON Schema, the Markdown reference in
// docs/environment.md, and the starter file of `init`.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/model/config_schema.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace fs = std::filesystem;
using namespace ghes_topology;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every field of `spec` and below, with its dotted path.
void walk(const model::FieldSpec& spec, const std::string& path,
          const std::function<void(const model::FieldSpec&, const std::string&)>& visit)
{
  for (const auto& f : spec.fields) {
    const std::string child = path.empty() ? f.name : path + "." + f.name;
    visit(f, child);
    if (f.type == model::FieldType::object)
      walk(f, child, visit);
    if (const auto* item = f.item_spec(); item != nullptr && item->type == model::FieldType::object)
      walk(*item, child + "[]", visit);
  }
}

std::string validate(const std::string& name, const std::string& text)
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto environment = loader::load_environment(loader::SourceInput{name, text}, bag, sources);
  CHECK(environment.has_value());
  return diag::render_all(bag, sources);
}

} // namespace

TEST_CASE("model: the JSON Schema parses and mirrors the field table", "[model][schema]")
{
  const std::string text = model::to_json_schema(model::environment_schema());
  REQUIRE(!text.empty());
  CHECK(text.back() == '\n');
  CHECK(text == model::to_json_schema(model::environment_schema())); // deterministic
  const json schema = json::parse(text);

  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema["$id"] == model::environment_schema().id);
  CHECK(schema["title"] == "ghes-topology environment file");
  CHECK(schema["type"] == "object");
  CHECK(schema["required"] == json::array({"version"}));
  CHECK(schema["additionalProperties"] == false);
  CHECK(text.rfind("{\n  \"$schema\": ", 0) == 0); // 2-space indent, $schema first

  CHECK(schema["properties"]["version"] ==
        json::parse(R"({"description": "Schema version of this file; must be 1.", "type": "integer",
                        "minimum": 1, "maximum": 1})"));
  CHECK(
      schema["properties"]["primary"]["properties"]["usage"]["properties"]["memory_percent"] ==
      json::parse(R"({"description": "Peak sustained memory use. Unit: percent.", "type": ["number", "null"],
                        "minimum": 0, "maximum": 100})"));
  CHECK(schema["properties"]["dr"]["properties"]["survive"] ==
        json::parse(R"({"description": "Failure scopes the service must survive.", "type": ["array", "null"],
                        "items": {"description": "A failure scope.", "type": "string",
                                  "enum": ["node", "datacenter", "region"]},
                        "maxItems": 3})"));
  CHECK(schema["properties"]["operations"]["properties"]["on_call"]["enum"] ==
        json::parse(R"(["none", "business_hours", "24x7", null])"));
  const json& waiver = schema["properties"]["waivers"]["items"];
  CHECK(waiver["required"] == json::array({"rule", "reason", "owner", "expires"}));
  CHECK(waiver["properties"]["expires"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  CHECK(waiver["properties"]["expires"]["type"] == "string"); // required: no null

  // Every field of the table is in the schema, and every mapping is closed.
  std::size_t fields = 0;
  walk(model::environment_schema().root, "", [&](const model::FieldSpec&, const std::string&) { ++fields; });
  std::size_t properties = 0;
  std::function<void(const json&)> count = [&](const json& node) {
    if (!node.is_object())
      return;
    if (node.contains("properties")) {
      CHECK(node["additionalProperties"] == false);
      properties += node["properties"].size();
      for (const auto& [key, child] : node["properties"].items())
        count(child);
    }
    if (node.contains("items"))
      count(node["items"]);
  };
  count(schema);
  CHECK(properties == fields);
}

TEST_CASE("model: every field of the table is documented and has an example", "[model][schema]")
{
  walk(model::environment_schema().root, "", [](const model::FieldSpec& f, const std::string& path) {
    INFO(path);
    CHECK(!f.description.empty());
    CHECK(f.description.back() == '.');
    const bool composite =
        f.type == model::FieldType::object || (f.type == model::FieldType::list && f.item_spec() != nullptr &&
                                               f.item_spec()->type == model::FieldType::object);
    if (!composite)
      CHECK(!f.example.empty());
    if (f.type == model::FieldType::list)
      CHECK(f.item_spec() != nullptr);
  });
}

TEST_CASE("model: the Markdown reference has one table per mapping", "[model][schema]")
{
  const std::string markdown = model::to_markdown(model::environment_schema());
  CHECK(markdown.rfind("### Top level\n\nA GHES environment.\n\n"
                       "| Key | Type | Unit | Range or values | Required | Description |\n"
                       "| --- | --- | --- | --- | --- | --- |\n"
                       "| `version` | integer |  | 1 | yes | Schema version of this file; must be 1. |\n",
                       0) == 0);
  CHECK(markdown.find("\n### `primary.usage`\n\nObserved resource usage of the primary at peak.\n") !=
        std::string::npos);
  CHECK(markdown.find("| `primary.usage.memory_percent` | number | percent | 0 to 100 | no | "
                      "Peak sustained memory use. |\n") != std::string::npos);
  CHECK(markdown.find(
            "| `dr.survive` | list of enum |  | `node`, `datacenter`, `region`; at most 3 items | no | "
            "Failure scopes the service must survive. |\n") != std::string::npos);
  CHECK(markdown.find(
            "| `plan.replicas[].type` | enum |  | `passive`, `active`, `cache` | yes | Replica kind. |\n") !=
        std::string::npos);
  CHECK(markdown.back() == '\n');
}

TEST_CASE("docs: the field reference in docs/environment.md matches the field table", "[model][docs]")
{
  const fs::path doc = fs::path(GHES_TOPOLOGY_SOURCE_DIR) / "docs" / "environment.md";
  const std::string begin = "<!-- BEGIN GENERATED: ghes-topology schema --format markdown -->\n";
  const std::string end = "<!-- END GENERATED -->";
  std::string text = slurp(doc);
  const auto b = text.find(begin);
  const auto e = text.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  REQUIRE(b < e);
  const std::string generated = "\n" + model::to_markdown(model::environment_schema()) + "\n";
  const std::string current = text.substr(b + begin.size(), e - b - begin.size());
  if (current != generated && std::getenv("GHES_TOPOLOGY_UPDATE_DOCS") != nullptr) {
    text.replace(b + begin.size(), e - b - begin.size(), generated);
    std::ofstream(doc, std::ios::binary) << text;
    return;
  }
  INFO("docs/environment.md is out of date with src/model/environment_schema.cpp. Refresh it with\n"
       "  GHES_TOPOLOGY_UPDATE_DOCS=1 build/tests/ghes_topology_tests \"[docs]\"\n"
       "(or paste the output of `ghes-topology schema --format markdown` between the markers).");
  CHECK(current == generated);
}

TEST_CASE("docs: the field reference in docs/config.md matches the config field table", "[model][docs]")
{
  const fs::path doc = fs::path(GHES_TOPOLOGY_SOURCE_DIR) / "docs" / "config.md";
  const std::string begin = "<!-- BEGIN GENERATED: ghes-topology schema --config --format markdown -->\n";
  const std::string end = "<!-- END GENERATED -->";
  std::string text = slurp(doc);
  const auto b = text.find(begin);
  const auto e = text.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  REQUIRE(b < e);
  const std::string generated = "\n" + model::to_markdown(model::config_schema()) + "\n";
  const std::string current = text.substr(b + begin.size(), e - b - begin.size());
  if (current != generated && std::getenv("GHES_TOPOLOGY_UPDATE_DOCS") != nullptr) {
    text.replace(b + begin.size(), e - b - begin.size(), generated);
    std::ofstream(doc, std::ios::binary) << text;
    return;
  }
  INFO("docs/config.md is out of date with src/model/config_schema.cpp. Refresh it with\n"
       "  GHES_TOPOLOGY_UPDATE_DOCS=1 build/tests/ghes_topology_tests \"[docs]\"");
  CHECK(current == generated);
}

TEST_CASE("model: the starter file validates, with and without its optional sections", "[model][schema]")
{
  const std::string starter = model::starter_file(model::environment_schema());
  CHECK(starter == model::starter_file(model::environment_schema()));
  CHECK(starter.rfind("# ghes-topology environment file (schema version 1)\n", 0) == 0);
  CHECK(starter.find("\"unknown\"") != std::string::npos);
  CHECK(starter.find("\nversion: 1 ") != std::string::npos);
  CHECK(validate("starter.yaml", starter).empty());

  // The optional plan (the first of the two) and waivers sections, uncommented, validate too.
  std::string uncommented;
  std::istringstream lines(starter);
  bool in_optional = false;
  int block = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line == "# plan:" || line == "# waivers:")
      in_optional = ++block != 2; // plan A and the waivers; plan B is the alternative to plan A
    else if (line.empty())
      in_optional = false;
    uncommented += (in_optional ? line.substr(2) : line) + "\n";
  }
  CHECK(uncommented.find("\nplan:\n  topology: ha") != std::string::npos);
  CHECK(uncommented.find("\nwaivers:\n  - rule: monitoring-memory-warning") != std::string::npos);
  CHECK(validate("starter-full.yaml", uncommented).empty());
}
