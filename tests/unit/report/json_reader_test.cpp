// SPDX-License-Identifier: Apache-2.0
// Reading a saved JSON result back: what is refused, and with which message.
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/report/json_reader.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ghes_topology;

namespace {

std::string error_of(const std::string& text)
{
  std::istringstream in(text);
  try {
    report::read_json_result(in, "saved.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("report: read_json_result refuses what is not a JSON result, naming why", "[report][render]")
{
  CHECK(error_of("{") == "saved.json: not a ghes-topology JSON result: not valid JSON");
  CHECK(error_of("[]") == "saved.json: not a ghes-topology JSON result: no 'schema_version' and 'results'");
  CHECK(error_of(R"({"schema_version": 2, "results": []})") ==
        "saved.json: not a ghes-topology JSON result: schema_version 2 (this ghes-topology reads 1)");
  CHECK(error_of(R"({"schema_version": 1, "results": [], "command": "validate"})") ==
        "saved.json: not a ghes-topology JSON result: 'command' is 'validate', not recommend or check");
  CHECK(error_of(R"({"schema_version": 1, "results": [], "command": "check"})") ==
        "saved.json: not a ghes-topology JSON result: no 'tool'");
}

TEST_CASE("report: read_json_result reads an empty check run", "[report][render]")
{
  std::istringstream in(R"({"schema_version": 1, "tool": {"name": "ghes-topology", "version": "9.9"},
    "command": "check", "today": "2026-06-01", "parameter_overrides": [], "rule_replacements": [],
    "results": [], "input_errors": [{"file": "a.yaml", "errors": [{"code": "no-plan", "message": "m",
    "location": {"file": "a.yaml"}, "key_path": null}]}],
    "summary": {"files": 0, "fail_on": "warning"}})");
  const report::SavedResult saved = report::read_json_result(in, "saved.json");
  CHECK(saved.run.command == advice::Command::check);
  CHECK(saved.run.tool_version == "9.9");
  CHECK(saved.run.fail_on == engine::Severity::warning);
  CHECK(saved.files.empty());
  REQUIRE(saved.rejected.size() == 1);
  REQUIRE(saved.rejected[0].size() == 1);
  CHECK(saved.rejected[0][0].code == "no-plan");
  CHECK(saved.rejected[0][0].where.file == "a.yaml");
  CHECK_FALSE(saved.rejected[0][0].where.has_position());
}
