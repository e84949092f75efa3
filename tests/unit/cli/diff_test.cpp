// SPDX-License-Identifier: Apache-2.0
// `diff` run in-process: changed findings matched across moved lines, the JSON schema,
// exit codes, several outputs and colour.
#include "unit/advice/scenario_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace ghes_topology::test;
using nlohmann::json;

namespace {

const std::string k_example = std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/examples/flawed-plan.yaml";

// `text` with every `from` replaced by `to` (at least once).
std::string replaced(std::string text, const std::string& from, const std::string& to)
{
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  for (; at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Parses the JSON `diff` printed and checks it against docs/output-diff.schema.json.
json parse_diff(const std::string& text)
{
  INFO(text);
  json report;
  REQUIRE_NOTHROW(report = json::parse(text));
  static const json schema =
      json::parse(slurp(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/docs/output-diff.schema.json"));
  const std::vector<std::string> violations = check_json_schema(schema, report);
  std::string all;
  for (const auto& v : violations)
    all += v + "\n";
  INFO(all);
  CHECK(violations.empty());
  return report;
}

} // namespace

TEST_CASE("diff: a finding whose message changed is 'changed', matched by fingerprint across moved lines",
          "[cli][diff]")
{
  // Three comment lines move every finding down; Singapore is 250 ms away now.
  const std::string after = "# one\n# two\n# three\n" +
                            replaced(slurp(k_example), "      latency_ms: 180", "      latency_ms: 250");
  const Outcome o = run({"diff", "--today", "2026-06-01", "--format", "json", k_example, "-"}, after);
  INFO(o.err);
  CHECK(o.exit_code == 1);
  CHECK(o.err.empty());
  const json d = parse_diff(o.out);
  CHECK(d["findings_basis"] == "check");
  CHECK(d["identical"] == false);
  // The region's latency and the replica's, both written `latency_ms: 180` six columns in.
  REQUIRE(d["facts"].size() == 2);
  CHECK(d["facts"][0]["path"] == "developers.regions[2].latency_ms");
  CHECK(d["facts"][1]["path"] == "plan.replicas[1].latency_ms");
  CHECK(d["facts"][1]["change"] == "changed");
  CHECK(d["facts"][1]["before"]["value"] == "180");
  CHECK(d["facts"][1]["after"]["value"] == "250");
  CHECK(d["facts"][1]["after"]["location"]["line"] ==
        d["facts"][1]["before"]["location"]["line"].get<int>() + 3);
  REQUIRE(d["findings"].size() == 2);
  CHECK(d["findings"][0]["change"] == "changed");
  CHECK(d["findings"][0]["rule"] == "geography-active-replica-latency");
  CHECK(d["findings"][0]["before"]["message"] ==
        "Active replica ghe-replica-sin is 180 ms from the primary; active replicas must be below 70 ms.");
  CHECK(d["findings"][0]["after"]["message"] ==
        "Active replica ghe-replica-sin is 250 ms from the primary; active replicas must be below 70 ms.");
  CHECK(d["findings"][0]["after"]["location"]["file"] == "<stdin>");
  CHECK(d["findings"][1]["change"] == "changed");
  CHECK(d["findings"][1]["rule"] == "geography-region-without-cache");
  CHECK(d["summary"]["findings"] == json{{"added", 0}, {"changed", 2}, {"removed", 0}, {"unchanged", 13}});
  CHECK(d["verdict"]["changed"] == false);

  // A message that changed is not new: --fail-on-new passes.
  const Outcome gate = run({"diff", "--today", "2026-06-01", "--fail-on-new", "info", k_example, "-"}, after);
  CHECK(gate.exit_code == 0);
}

TEST_CASE("diff: a file with no plan compares recommend's findings; a plan added is a fact change",
          "[cli][diff]")
{
  const std::string before = slurp(k_example).substr(0, slurp(k_example).find("\nplan:\n") + 1);
  const std::string before_path =
      (std::filesystem::temp_directory_path() / "ghes-topology-diff-no-plan.yaml").string();
  {
    std::ofstream f(before_path);
    f << before;
  }
  const Outcome o = run({"diff", "--today", "2026-06-01", "--format", "json", before_path, k_example});
  std::filesystem::remove(before_path);
  INFO(o.err);
  CHECK(o.exit_code == 1);
  const json d = parse_diff(o.out);
  CHECK(d["findings_basis"] == "recommend");
  CHECK(d["facts"][0]["change"] == "added");
  CHECK(d["facts"][0]["path"] == "plan.topology");
  // topology, failover, failover_via; 7 facts of the Hamburg replica, 8 of Singapore's (region too)
  CHECK(d["summary"]["facts"]["added"] == 18);
}

TEST_CASE("diff: -o FORMAT=PATH writes the other formats of the same comparison", "[cli][diff]")
{
  const auto dir = std::filesystem::temp_directory_path() / "ghes-topology-diff-outputs";
  std::filesystem::create_directories(dir);
  const std::string md = (dir / "diff.md").string();
  const std::string js = (dir / "diff.json").string();
  const Outcome both = run({"diff", "--today", "2026-06-01", "--format", "text", "-o", "markdown=" + md, "-o",
                            "json=" + js, k_example, k_example});
  CHECK(both.exit_code == 0);
  const Outcome text = run({"diff", "--today", "2026-06-01", k_example, k_example});
  const Outcome markdown =
      run({"diff", "--today", "2026-06-01", "--format", "markdown", k_example, k_example});
  const Outcome json_out = run({"diff", "--today", "2026-06-01", "--format", "json", k_example, k_example});
  CHECK(both.out == text.out);
  CHECK(slurp(md) == markdown.out);
  CHECK(slurp(js) == json_out.out);
  std::filesystem::remove_all(dir);

  const Outcome sarif = run({"diff", "-o", "sarif=x.sarif", k_example, k_example});
  CHECK(sarif.exit_code == 2);
  CHECK(sarif.err ==
        "ghes-topology: error: -o sarif=x.sarif: 'diff' offers no sarif output (text, json, markdown)\n");
  CHECK(sarif.out.empty());
}

TEST_CASE("diff: colour on a terminal, none with NO_COLOR or in a pipe", "[cli][diff]")
{
  auto run_with = [](const ghes_topology::cli::Terminal& terminal) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    ghes_topology::cli::run({"diff", "--today", "2026-06-01", k_example, k_example}, in, out, err, terminal);
    return out.str();
  };
  ghes_topology::cli::Terminal tty;
  tty.stdout_is_tty = true;
  const std::string coloured = run_with(tty);
  CHECK(contains(coloured, "\x1b["));
  tty.no_color = true;
  const std::string plain = run_with(tty);
  CHECK_FALSE(contains(plain, "\x1b["));
  CHECK(plain == run_with(ghes_topology::cli::Terminal{}));
}
