// SPDX-License-Identifier: Apache-2.0
// The renderer interface: the format table, streamed JSON, several outputs of one run.
#include "ghes_topology/report/renderer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <sstream>

using namespace ghes_topology;
using namespace ghes_topology::report;

namespace {

advice::RunInfo check_run()
{
  advice::RunInfo run;
  run.command = advice::Command::check;
  run.tool_version = "1.2.3";
  run.today = "2026-06-01";
  run.fail_on = engine::Severity::error;
  return run;
}

advice::FileResult file_with_finding(const std::string& name)
{
  advice::FileResult file;
  file.file = name;
  file.assessed = engine::Topology::ha;
  advice::Finding f;
  f.severity = engine::Severity::error;
  f.rule_id = "failover-ha-automatic-expected";
  f.title = "Automatic failover expected";
  f.message = "Promotion is manual: \"ghe-repl-promote\"\n\tand a tab \x01 and bad UTF-8 \xff.";
  f.where = diag::Location{name, 3, 5, 3, 9};
  file.findings.push_back(f);
  return file;
}

// Runs the events of a `check` of `files` through `renderer`.
void run_events(Renderer& renderer, const std::vector<advice::FileResult>& files)
{
  const advice::RunInfo run = check_run();
  RunSummary summary;
  renderer.begin(run);
  for (const auto& file : files) {
    renderer.file(file);
    summary.add(file, run.fail_on);
  }
  renderer.end(summary);
}

std::string render(const char* format, const std::vector<advice::FileResult>& files)
{
  std::ostringstream out;
  auto renderer = find_format(format)->make(out, RenderOptions{});
  run_events(*renderer, files);
  return out.str();
}

} // namespace

TEST_CASE("report: the format table lists text first, then json, the CI formats and html", "[report]")
{
  std::vector<std::string> names;
  for (const auto& f : formats()) {
    names.emplace_back(f.name);
    CHECK(f.serves("check"));
    CHECK(f.serves("recommend") == (names.back() != "junit")); // JUnit's failures need --fail-on
    CHECK_FALSE(f.serves("validate"));
  }
  CHECK(names == std::vector<std::string>{"text", "json", "sarif", "junit", "github", "markdown", "html"});
  CHECK(find_format("json") == &formats()[1]);
  CHECK(find_format("markdown") == &formats()[5]);
  CHECK(find_format("html") == &formats()[6]);
  CHECK(find_format("pdf") == nullptr);
}

TEST_CASE("report: each format asks for the costly parts of a run it reads, and only those", "[report]")
{
  // diagram, input_sha256, rule_list, catalog_digest
  const std::map<std::string, std::array<bool, 4>> expected = {
      {"text", {false, false, false, false}},   {"json", {false, false, false, false}},
      {"sarif", {false, false, true, false}},   {"junit", {false, false, true, false}},
      {"github", {false, false, false, false}}, {"markdown", {true, false, false, false}},
      {"html", {true, true, false, true}},
  };
  std::ostringstream out;
  for (const auto& f : formats()) {
    INFO(f.name);
    const Renderer::Needs needs = f.make(out, RenderOptions{})->needs();
    CHECK(std::array<bool, 4>{needs.diagram, needs.input_sha256, needs.rule_list, needs.catalog_digest} ==
          expected.at(f.name));
  }
  Broadcast several;
  CHECK_FALSE(several.needs().rule_list);
  several.add(find_format("text")->make(out, RenderOptions{}));
  several.add(find_format("junit")->make(out, RenderOptions{}));
  CHECK(several.needs().rule_list);
  CHECK_FALSE(several.needs().catalog_digest);
  several.add(find_format("html")->make(out, RenderOptions{}));
  const Renderer::Needs all = several.needs();
  CHECK((all.diagram && all.input_sha256 && all.rule_list && all.catalog_digest));
}

TEST_CASE("report: JSON of a run without files is a whole document with empty results", "[report][json]")
{
  CHECK(render("json", {}) == "{\n"
                              "  \"schema_version\": 1,\n"
                              "  \"tool\": {\n"
                              "    \"name\": \"ghes-topology\",\n"
                              "    \"version\": \"1.2.3\"\n"
                              "  },\n"
                              "  \"command\": \"check\",\n"
                              "  \"today\": \"2026-06-01\",\n"
                              "  \"parameter_overrides\": [],\n"
                              "  \"rule_replacements\": [],\n"
                              "  \"results\": [],\n"
                              "  \"input_errors\": [],\n"
                              "  \"summary\": {\n"
                              "    \"files\": 0,\n"
                              "    \"invalid_files\": 0,\n"
                              "    \"findings\": {\n"
                              "      \"error\": 0,\n"
                              "      \"warning\": 0,\n"
                              "      \"info\": 0,\n"
                              "      \"waived\": 0\n"
                              "    },\n"
                              "    \"fail_on\": \"error\",\n"
                              "    \"failing\": 0,\n"
                              "    \"passed\": true\n"
                              "  }\n"
                              "}\n");
}

TEST_CASE("report: streamed JSON is byte for byte the document printed at once", "[report][json]")
{
  const std::string streamed = render("json", {file_with_finding("a.yaml"), file_with_finding("b.yaml")});
  const auto whole = nlohmann::ordered_json::parse(streamed);
  CHECK(streamed == whole.dump(2) + "\n");
  CHECK(whole["results"].size() == 2);
  CHECK(whole["results"][1]["file"] == "b.yaml");
  CHECK(whole["results"][0]["findings"][0]["message"] ==
        "Promotion is manual: \"ghe-repl-promote\"\n\tand a tab \x01 and bad UTF-8 \xef\xbf\xbd.");
  CHECK(whole["summary"]["failing"] == 2);
  CHECK(whole["summary"]["passed"] == false);
}

TEST_CASE("report: a broadcast sends every event to each of several outputs", "[report]")
{
  std::ostringstream text;
  std::ostringstream json;
  Broadcast both;
  both.add(find_format("text")->make(text, RenderOptions{}));
  both.add(find_format("json")->make(json, RenderOptions{}));
  const std::vector<advice::FileResult> files = {file_with_finding("a.yaml")};
  run_events(both, files);
  CHECK(text.str() == render("text", files));
  CHECK(json.str() == render("json", files));
}

TEST_CASE("report: the text summary counts each file and the run", "[report][text]")
{
  advice::FileResult clean;
  clean.file = "clean.yaml";
  clean.assessed = engine::Topology::standalone;
  const std::string out = render("text", {clean, file_with_finding("a.yaml")});
  const std::string tail = out.substr(out.find("\nSummary\n"));
  CHECK(tail == "\nSummary\n"
                "  FILE        PLAN        ERRORS  WARNINGS  INFO  WAIVED\n"
                "  clean.yaml  standalone  0       0         0     0\n"
                "  a.yaml      ha          1       0         0     0\n"
                "\n"
                "Result: FAIL - 1 finding at or above 'error'\n");

  CHECK(render("text", {clean}) == "ghes-topology check: clean.yaml - plan: standalone\n"
                                   "\n"
                                   "Findings: 0 errors, 0 warnings, 0 info\n"
                                   "  None.\n"
                                   "\n"
                                   "Summary\n"
                                   "  FILE        PLAN        ERRORS  WARNINGS  INFO  WAIVED\n"
                                   "  clean.yaml  standalone  0       0         0     0\n"
                                   "\n"
                                   "Result: pass - no finding at or above 'error' (0 errors, 0 warnings, 0 "
                                   "info in 1 file)\n");
}

TEST_CASE("report: finding fingerprints ignore list indexes and lines, not names", "[report][fingerprint]")
{
  using ghes_topology::advice::fingerprint_of;
  const std::string a =
      fingerprint_of("geography-active-replica-latency", "plan.replicas[1].latency_ms", "sg");
  CHECK(a.size() == 16);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(fingerprint_of("geography-active-replica-latency", "plan.replicas[0].latency_ms", "sg") == a);
  CHECK(fingerprint_of("geography-active-replica-latency", "plan.replicas[1].latency_ms", "eu") != a);
  CHECK(fingerprint_of("geography-dr-site-too-far", "plan.replicas[1].latency_ms", "sg") != a);
  // The parts are separated: moving a character from one to the next changes the hash.
  CHECK(fingerprint_of("ab", "c", "") != fingerprint_of("a", "bc", ""));
}
