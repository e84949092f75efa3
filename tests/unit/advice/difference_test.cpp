// SPDX-License-Identifier: Apache-2.0
// `diff`'s comparison: facts flattened and matched, findings matched by fingerprint.
#include "ghes_topology/advice/difference.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using ghes_topology::advice::Change;
using ghes_topology::advice::compare;
using ghes_topology::advice::Difference;
using ghes_topology::advice::Fact;
using ghes_topology::advice::FileResult;
using ghes_topology::advice::Finding;
using ghes_topology::advice::flatten_facts;
using ghes_topology::advice::OptionScore;
using ghes_topology::advice::Side;
using ghes_topology::advice::Verdict;
using ghes_topology::engine::Severity;
using ghes_topology::engine::Topology;

std::vector<Fact> facts_of(const std::string& name, const std::string& text)
{
  ghes_topology::diag::DiagnosticBag bag;
  ghes_topology::diag::SourceMap sources;
  auto env = ghes_topology::loader::load_environment({name, text}, bag, sources);
  REQUIRE(env.has_value());
  return flatten_facts(*env);
}

// "path = value @line" for each fact, to compare whole lists at once.
std::vector<std::string> lines(const std::vector<Fact>& facts)
{
  std::vector<std::string> out;
  for (const auto& f : facts)
    out.push_back(f.path + " = " + f.value + " @" + std::to_string(f.where.line));
  return out;
}

// "change path: before -> after" for each fact change.
std::vector<std::string> lines(const Difference& d)
{
  std::vector<std::string> out;
  for (const auto& f : d.facts)
    out.push_back(std::string(to_string(f.change)) + " " + f.path + ": " +
                  (f.before ? f.before->value : "-") + " -> " + (f.after ? f.after->value : "-"));
  return out;
}

Finding finding(const std::string& rule, Severity severity, const std::string& fingerprint, int line,
                const std::string& message = "message")
{
  Finding f;
  f.rule_id = rule;
  f.severity = severity;
  f.fingerprint = fingerprint;
  f.message = message;
  f.where = ghes_topology::diag::point("env.yaml", line, 3);
  return f;
}

FileResult result_with(std::vector<Finding> findings, Topology topology = Topology::ha, int ha_score = 80)
{
  FileResult r;
  r.file = "env.yaml";
  Verdict v;
  v.topology = topology;
  v.margin = 30;
  v.scores = {OptionScore{Topology::standalone, 50, 50, false, {}},
              OptionScore{Topology::ha, 80, ha_score, false, {}},
              OptionScore{Topology::cluster, 0, 0, true, {"features-packages-cluster"}}};
  r.verdict = v;
  r.findings = std::move(findings);
  return r;
}

const std::string k_before = R"(version: 1
name: Before
developers:
  total: 4200
plan:
  topology: ha
  replicas:
    - name: r1
      type: passive
      datacenter: dc1
      latency_ms: 0.5
    - name: r2
      type: active
      datacenter: dc2
      latency_ms: 80
monitoring:
  systems: [snmp]
  alerts: []
)";

} // namespace

TEST_CASE("difference: facts are flattened to leaves with --set paths, list items keyed by name",
          "[advice][difference]")
{
  const auto facts = facts_of("before.yaml", k_before);
  CHECK(lines(facts) == std::vector<std::string>{
                            "version = 1 @1",
                            "name = Before @2",
                            "developers.total = 4200 @4",
                            "plan.topology = ha @6",
                            "plan.replicas[0].name = r1 @8",
                            "plan.replicas[0].type = passive @9",
                            "plan.replicas[0].datacenter = dc1 @10",
                            "plan.replicas[0].latency_ms = 0.5 @11",
                            "plan.replicas[1].name = r2 @12",
                            "plan.replicas[1].type = active @13",
                            "plan.replicas[1].datacenter = dc2 @14",
                            "plan.replicas[1].latency_ms = 80 @15",
                            "monitoring.systems = [snmp] @17",
                            "monitoring.alerts = [] @18",
                        });
  CHECK(facts[7].key == "plan.replicas[=r1].latency_ms");
}

TEST_CASE("difference: facts changed, added and removed; reordered named items are not a change",
          "[advice][difference]")
{
  // r2 moved before r1 (no change), r1's latency changed, r2 lost its latency, a third
  // replica and an alert came, the developers' total went.
  const std::string after = R"(# a comment moves every line
version: 1
name: Before
plan:
  topology: ha
  replicas:
    - name: r2
      type: active
      datacenter: dc2
    - name: r1
      type: passive
      datacenter: dc1
      latency_ms: 1.5
    - name: r3
      type: passive
      datacenter: dc3
monitoring:
  systems: [snmp]
  alerts: [disk]
)";
  const auto before_facts = facts_of("before.yaml", k_before);
  const auto after_facts = facts_of("after.yaml", after);
  const FileResult result = result_with({});
  const Difference d = compare(Side{&result, nullptr, &before_facts}, Side{&result, nullptr, &after_facts});
  CHECK(lines(d) == std::vector<std::string>{
                        "removed developers.total: 4200 -> -",
                        "removed plan.replicas[1].latency_ms: 80 -> -",
                        "changed plan.replicas[1].latency_ms: 0.5 -> 1.5",
                        "added plan.replicas[2].name: - -> r3",
                        "added plan.replicas[2].type: - -> passive",
                        "added plan.replicas[2].datacenter: - -> dc3",
                        "changed monitoring.alerts: [] -> [disk]",
                    });
  CHECK(d.facts[2].before->where.line == 11);
  CHECK(d.facts[2].after->where.line == 13);
  CHECK_FALSE(d.identical());
  CHECK_FALSE(d.verdict_changed());
}

TEST_CASE("difference: the same facts in another layout are identical", "[advice][difference]")
{
  const auto before_facts = facts_of("before.yaml", k_before);
  const auto after_facts = facts_of("after.yaml", "# moved\n\n" + k_before);
  const FileResult result = result_with({finding("r", Severity::warning, "00000000000000aa", 5)});
  FileResult moved = result_with({finding("r", Severity::warning, "00000000000000aa", 7)});
  const Difference d = compare(Side{&result, nullptr, &before_facts}, Side{&moved, nullptr, &after_facts});
  CHECK(d.facts.empty());
  CHECK(d.findings.empty());
  CHECK(d.unchanged_findings == 1);
  CHECK(d.identical());
}

TEST_CASE("difference: findings are matched by fingerprint even when their lines moved",
          "[advice][difference]")
{
  const std::vector<Fact> none;
  const FileResult before = result_with({
      finding("backups-required", Severity::error, "0000000000000001", 10),
      finding("plan-latency", Severity::warning, "0000000000000002", 20, "80 ms"),
      finding("monitoring-alerts", Severity::warning, "0000000000000003", 30),
      finding("plan-dup", Severity::info, "0000000000000004", 40),
  });
  const FileResult after = result_with({
      finding("backups-required", Severity::error, "0000000000000001", 14),       // moved only
      finding("plan-latency", Severity::error, "0000000000000002", 24, "180 ms"), // severity and message
      finding("plan-dup", Severity::info, "0000000000000004", 44),                // first occurrence
      finding("plan-dup", Severity::info, "0000000000000004", 45),                // second: added
      finding("waiver-expired", Severity::warning, "0000000000000005", 50),       // added
  });
  const Difference d = compare(Side{&before, nullptr, &none}, Side{&after, nullptr, &none});
  REQUIRE(d.findings.size() == 4);
  CHECK(d.findings[0].change == Change::added);
  CHECK(d.findings[0].finding().rule_id == "waiver-expired"); // warning before info
  CHECK(d.findings[1].change == Change::added);
  CHECK(d.findings[1].finding().rule_id == "plan-dup");
  CHECK(d.findings[1].finding().where.line == 45);
  CHECK(d.findings[2].change == Change::changed);
  CHECK(d.findings[2].before->message == "80 ms");
  CHECK(d.findings[2].after->message == "180 ms");
  CHECK(d.findings[3].change == Change::removed);
  CHECK(d.findings[3].finding().rule_id == "monitoring-alerts");
  CHECK(d.unchanged_findings == 2);
  // New at or above: the added warning, and the warning that became an error.
  CHECK(d.new_at_or_above(Severity::error) == 1);
  CHECK(d.new_at_or_above(Severity::warning) == 1);
  CHECK(d.new_at_or_above(Severity::info) == 2);
}

TEST_CASE("difference: a finding that became waived is changed, and not new", "[advice][difference]")
{
  const std::vector<Fact> none;
  const FileResult before = result_with({finding("r", Severity::warning, "00000000000000aa", 5)});
  FileResult after = before;
  after.findings[0].waived = true;
  const Difference d = compare(Side{&before, nullptr, &none}, Side{&after, nullptr, &none});
  REQUIRE(d.findings.size() == 1);
  CHECK(d.findings[0].change == Change::changed);
  CHECK(d.new_at_or_above(Severity::info) == 0);
  const Difference back = compare(Side{&after, nullptr, &none}, Side{&before, nullptr, &none});
  CHECK(back.new_at_or_above(Severity::warning) == 1);
}

TEST_CASE("difference: findings come from check only when both files have a plan", "[advice][difference]")
{
  const std::vector<Fact> none;
  const FileResult recommended = result_with({finding("rec", Severity::info, "0000000000000001", 5)});
  const FileResult checked = result_with({finding("chk", Severity::error, "0000000000000002", 5)});
  const FileResult checked_after = result_with({});

  const Difference both =
      compare(Side{&recommended, &checked, &none}, Side{&recommended, &checked_after, &none});
  CHECK(both.findings_basis == ghes_topology::advice::Command::check);
  REQUIRE(both.findings.size() == 1);
  CHECK(both.findings[0].change == Change::removed);
  CHECK(both.findings[0].finding().rule_id == "chk");

  const Difference one = compare(Side{&recommended, &checked, &none}, Side{&recommended, nullptr, &none});
  CHECK(one.findings_basis == ghes_topology::advice::Command::recommend);
  CHECK(one.findings.empty());
  CHECK(one.identical());
}

TEST_CASE("difference: verdict and scores: topology, margin, blocks and deltas", "[advice][difference]")
{
  const std::vector<Fact> none;
  const FileResult before = result_with({}, Topology::ha, 80);
  FileResult after = result_with({}, Topology::ha, 65);
  Difference d = compare(Side{&before, nullptr, &none}, Side{&after, nullptr, &none});
  CHECK_FALSE(d.verdict_changed());
  CHECK(d.scores_changed());
  CHECK(d.scores[1].delta() == -15);
  CHECK_FALSE(d.scores[0].changed());
  CHECK_FALSE(d.identical());

  after.verdict->topology = Topology::standalone;
  after.verdict->scores[2].blocked = false;
  d = compare(Side{&before, nullptr, &none}, Side{&after, nullptr, &none});
  CHECK(d.verdict_changed());
  CHECK(d.scores[2].changed());
  CHECK(d.scores[2].delta() == 0);

  after = before;
  after.verdict->confidence.percent = 70;
  d = compare(Side{&before, nullptr, &none}, Side{&after, nullptr, &none});
  CHECK(d.verdict_changed());
}
