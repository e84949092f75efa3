// SPDX-License-Identifier: Apache-2.0
// docs/scoring.md on a tiny hand-made catalog: scores, verdict, margin, confidence, tipping points.
#include "ghes_topology/advice/scoring.hpp"

#include "unit/engine/engine_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ghes_topology;
using engine::Topology;
using engine::testing::environment;
using engine::testing::load_ok;
using engine::testing::rule_file;

namespace {

// Five evidence rules whose weights make every case of docs/scoring.md reachable:
//   scale-big            developers.total >= 1000      cluster +30, standalone -10   w 30
//   dr-node              "node" in dr.survive          ha +20, standalone -30        w 30
//   operations-approval  eligibility != "approved"     blocks cluster                w 50
//   features-ci          features.remote_ci_farm       ha +15                        w 15
//   plan-manual          requires plan; failover manual  ha +10                      w 10
std::vector<engine::RuleFileText> tiny_rules()
{
  return {
      rule_file("scale/big.yaml", R"Y(id: scale-big
title: Big
kind: evidence
when: developers.total >= params.scale.big_developers
message: "{developers.total} developers"
source: { path: content/admin/big.md }
effect: [{ option: cluster, weight: 30 }, { option: standalone, weight: -10 }]
params:
  scale.big_developers: { default: 1000, description: D, basis: assumption }
)Y"),
      rule_file("dr/node.yaml", R"Y(id: dr-node
title: Node
kind: evidence
when: '"node" in dr.survive'
message: survive a node
source: { path: content/admin/node.md }
effect: [{ option: ha, weight: 20 }, { option: standalone, weight: -30 }]
)Y"),
      rule_file("operations/approval.yaml", R"Y(id: operations-approval
title: Approval
kind: evidence
when: operations.clustering_eligibility != "approved"
message: not approved
source: { path: content/admin/approval.md }
effect: [{ option: cluster, block: true }]
)Y"),
      rule_file("features/ci.yaml", R"Y(id: features-ci
title: CI
kind: evidence
when: features.remote_ci_farm
message: remote CI
source: { path: content/admin/ci.md }
effect: [{ option: ha, weight: 15 }]
)Y"),
      rule_file("plan/manual.yaml", R"Y(id: plan-manual
title: Manual
kind: evidence
requires: [plan]
when: plan.failover == "manual"
message: manual
source: { path: content/admin/manual.md }
effect: [{ option: ha, weight: 10 }]
)Y"),
  };
}

advice::Verdict verdict_of(const engine::Catalog& catalog, const std::string& env_text)
{
  const model::Environment env = environment(env_text);
  return advice::score(engine::evaluate(catalog, env, std::nullopt));
}

const advice::OptionScore& score_of(const advice::Verdict& v, Topology option)
{
  for (const auto& s : v.scores)
    if (s.option == option)
      return s;
  FAIL("no score for the option");
  return v.scores.front();
}

engine::Rule rule_with(std::string id, std::vector<engine::Effect> effects)
{
  engine::Rule rule;
  rule.id = std::move(id);
  rule.kind = engine::RuleKind::evidence;
  rule.effects = std::move(effects);
  return rule;
}

engine::Effect weight(Topology option, double w)
{
  engine::Effect e;
  e.option = option;
  e.weight = w;
  return e;
}

engine::Effect block(Topology option)
{
  engine::Effect e;
  e.option = option;
  e.blocks = true;
  return e;
}

} // namespace

TEST_CASE("advice: Tally starts every option at 50, adds weights, clamps to 0..100 and rounds",
          "[advice][scoring]")
{
  advice::Tally tally;
  for (const auto option : advice::k_options)
    CHECK(tally.score(option) == 50);
  CHECK(tally.winner() == Topology::standalone); // a three-way tie goes to the simplest

  tally.add(rule_with("a", {weight(Topology::standalone, -80), weight(Topology::cluster, 70)}));
  CHECK(tally.raw[0] == -30);
  CHECK(tally.score(Topology::standalone) == 0);
  CHECK(tally.raw[2] == 120);
  CHECK(tally.score(Topology::cluster) == 100);
  CHECK(tally.score(Topology::ha) == 50);
  CHECK(tally.winner() == Topology::cluster);

  advice::Tally half;
  half.add(rule_with("b", {weight(Topology::ha, 2.5), weight(Topology::cluster, -2.5)}));
  CHECK(half.score(Topology::ha) == 53); // 52.5 rounds half away from zero
  CHECK(half.score(Topology::cluster) == 48);
}

TEST_CASE("advice: Tally ties go to the simpler option and blocked options never win", "[advice][scoring]")
{
  advice::Tally tie;
  tie.add(rule_with("a", {weight(Topology::ha, 20), weight(Topology::cluster, 20)}));
  CHECK(tie.winner() == Topology::ha);

  advice::Tally blocked;
  blocked.add(rule_with("a", {weight(Topology::cluster, 45)}));
  blocked.add(rule_with("b", {block(Topology::cluster)}));
  CHECK(blocked.blocked(Topology::cluster));
  CHECK(blocked.score(Topology::cluster) == 95); // kept for reference
  CHECK(blocked.winner() == Topology::standalone);

  advice::Tally all;
  all.add(rule_with("c", {block(Topology::standalone), block(Topology::ha), block(Topology::cluster)}));
  CHECK_FALSE(all.winner().has_value());
  CHECK(all.blocked_by[1] == std::vector<std::string>{"c"});
}

TEST_CASE("advice: score adds the weights of fired evidence rules, and confidence is high when all is known",
          "[advice][scoring]")
{
  const engine::Catalog catalog = load_ok(tiny_rules());
  const advice::Verdict v = verdict_of(catalog, "version: 1\n"
                                                "developers: {total: 2000}\n"
                                                "dr: {survive: [node]}\n"
                                                "operations: {clustering_eligibility: approved}\n"
                                                "features: {remote_ci_farm: false}\n");
  CHECK(score_of(v, Topology::standalone).score == 10); // 50 - 10 - 30
  CHECK(score_of(v, Topology::ha).score == 70);         // 50 + 20
  CHECK(score_of(v, Topology::cluster).score == 80);    // 50 + 30
  CHECK_FALSE(score_of(v, Topology::cluster).blocked);
  REQUIRE(v.topology);
  CHECK(*v.topology == Topology::cluster);
  CHECK(v.margin == 10);
  // plan-manual is not applicable (no plan) and counts neither way.
  CHECK(v.confidence.percent == 100);
  CHECK(v.confidence.level == "high");
  CHECK_FALSE(v.confidence.could_flip);
}

TEST_CASE("advice: a blocked option keeps its score, is listed with its blockers, and the margin skips it",
          "[advice][scoring]")
{
  const engine::Catalog catalog = load_ok(tiny_rules());
  const advice::Verdict v = verdict_of(catalog, "version: 1\n"
                                                "developers: {total: 2000}\n"
                                                "dr: {survive: [node]}\n"
                                                "operations: {clustering_eligibility: denied}\n"
                                                "features: {remote_ci_farm: true}\n");
  const auto& cluster = score_of(v, Topology::cluster);
  CHECK(cluster.score == 80);
  CHECK(cluster.blocked);
  CHECK(cluster.blocked_by == std::vector<std::string>{"operations-approval"});
  REQUIRE(v.topology);
  CHECK(*v.topology == Topology::ha); // 50 + 20 + 15
  CHECK(v.margin == 85 - 10);         // over standalone, not over the blocked cluster
  CHECK(v.confidence.percent == 100);
}

TEST_CASE("advice: the margin is the verdict's own score when every other option is blocked, "
          "no verdict when all are",
          "[advice][scoring]")
{
  std::vector<engine::RuleFileText> files = tiny_rules();
  files.push_back(rule_file("dr/cloud-only.yaml", R"Y(id: dr-cloud-only
title: Cloud only
kind: evidence
when: dr.rto_minutes == 0
message: zero RTO
source: { path: content/admin/zero.md }
effect: [{ option: standalone, block: true }, { option: ha, block: true }]
)Y"));
  const engine::Catalog catalog = load_ok(files);
  const advice::Verdict only = verdict_of(catalog, "version: 1\n"
                                                   "developers: {total: 2000}\n"
                                                   "dr: {survive: [], rto_minutes: 0}\n"
                                                   "operations: {clustering_eligibility: approved}\n"
                                                   "features: {remote_ci_farm: false}\n");
  REQUIRE(only.topology);
  CHECK(*only.topology == Topology::cluster);
  CHECK(only.margin == 80);

  const advice::Verdict none = verdict_of(catalog, "version: 1\n"
                                                   "developers: {total: 2000}\n"
                                                   "dr: {survive: [], rto_minutes: 0}\n"
                                                   "operations: {clustering_eligibility: denied}\n"
                                                   "features: {remote_ci_farm: false}\n");
  CHECK_FALSE(none.topology.has_value());
  CHECK(none.margin == 0);
  for (const auto& s : none.scores)
    CHECK(s.blocked);
}

TEST_CASE("advice: confidence is the decided share of the applicable evidence weight", "[advice][scoring]")
{
  const engine::Catalog catalog = load_ok(tiny_rules());

  SECTION("at least 80 % decided but an undecided rule could tip the verdict: medium")
  {
    // features-ci (w 15) is unknown: decided 30 + 30 + 50 = 110 of 125 -> 88 %. If it fired,
    // ha would reach 85 and beat cluster's 80.
    const advice::Verdict v = verdict_of(catalog, "version: 1\n"
                                                  "developers: {total: 2000}\n"
                                                  "dr: {survive: [node]}\n"
                                                  "operations: {clustering_eligibility: approved}\n");
    REQUIRE(v.topology);
    CHECK(*v.topology == Topology::cluster);
    CHECK(v.confidence.percent == 88);
    CHECK(v.confidence.could_flip);
    CHECK(v.confidence.level == "medium");
  }
  SECTION("below 80 % but nothing undecided could tip the verdict: medium")
  {
    // dr-node (w 30) is unknown: 30 + 50 + 15 = 95 of 125 -> 76 %. If it fired, ha would
    // reach 70, still below cluster's 80.
    const advice::Verdict v = verdict_of(catalog, "version: 1\n"
                                                  "developers: {total: 2000}\n"
                                                  "operations: {clustering_eligibility: approved}\n"
                                                  "features: {remote_ci_farm: false}\n");
    CHECK(v.confidence.percent == 76);
    CHECK_FALSE(v.confidence.could_flip);
    CHECK(v.confidence.level == "medium");
  }
  SECTION("an undecided rule that would block the verdict, and under 50 % decided: low")
  {
    // Only scale-big is decided: 30 of 125 -> 24 %.
    const advice::Verdict v = verdict_of(catalog, "version: 1\ndevelopers: {total: 2000}\n");
    REQUIRE(v.topology);
    CHECK(*v.topology == Topology::cluster);
    CHECK(v.confidence.percent == 24);
    CHECK(v.confidence.could_flip); // operations-approval could block cluster
    CHECK(v.confidence.level == "low");
  }
  SECTION("a rule whose `requires` fact is present but whose condition is unknown counts as undecided")
  {
    // plan-manual now applies (w 10) and is unknown: 125 of 135 -> 93 %. Its +10 would bring
    // ha level with cluster at 80, and ties go to the simpler option.
    const advice::Verdict v = verdict_of(catalog, "version: 1\n"
                                                  "developers: {total: 2000}\n"
                                                  "dr: {survive: [node]}\n"
                                                  "operations: {clustering_eligibility: approved}\n"
                                                  "features: {remote_ci_farm: false}\n"
                                                  "plan: {topology: ha}\n");
    CHECK(v.confidence.percent == 93);
    CHECK(v.confidence.could_flip);
    CHECK(v.confidence.level == "medium");
  }
  SECTION("no applicable evidence rule: 100 %")
  {
    const engine::Catalog only_plan = load_ok({tiny_rules().back()});
    const advice::Verdict v = verdict_of(only_plan, "version: 1\n");
    CHECK(v.confidence.percent == 100);
    CHECK(v.confidence.level == "high");
    REQUIRE(v.topology);
    CHECK(*v.topology == Topology::standalone); // all at 50: the simplest
    CHECK(v.margin == 0);
  }
}

TEST_CASE("advice: tipping points re-evaluate the rules up and down, with the growth projection",
          "[advice][scoring]")
{
  const engine::Catalog catalog = load_ok(tiny_rules());

  SECTION("upward, to the exact integer, with the years at the stated growth")
  {
    const model::Environment env = environment("version: 1\n"
                                               "developers: {total: 600, yearly_growth_percent: 10}\n"
                                               "dr: {survive: [node]}\n"
                                               "operations: {clustering_eligibility: approved}\n"
                                               "features: {remote_ci_farm: false}\n");
    const auto verdict = advice::verdict_for(catalog, env);
    REQUIRE(verdict == Topology::ha); // ha 70, cluster 50
    const auto points = advice::tipping_points(catalog, env, verdict);
    REQUIRE(points.size() == 1);
    CHECK(points[0].fact == "developers.total");
    CHECK(points[0].current == 600);
    CHECK(points[0].threshold == 1000);
    CHECK(points[0].becomes == Topology::cluster);
    REQUIRE(points[0].years);
    CHECK(*points[0].years == Approx(5.4)); // ln(1000 / 600) / ln(1.10) = 5.36
  }
  SECTION("downward: no growth projection")
  {
    const model::Environment env = environment("version: 1\n"
                                               "developers: {total: 1500, yearly_growth_percent: 10}\n"
                                               "dr: {survive: [node]}\n"
                                               "operations: {clustering_eligibility: approved}\n"
                                               "features: {remote_ci_farm: false}\n");
    const auto verdict = advice::verdict_for(catalog, env);
    REQUIRE(verdict == Topology::cluster);
    const auto points = advice::tipping_points(catalog, env, verdict);
    REQUIRE(points.size() == 1);
    CHECK(points[0].threshold == 999);
    CHECK(points[0].becomes == Topology::ha);
    CHECK_FALSE(points[0].years);
  }
  SECTION("an integer fact lands on an integer even when halving passes through fractions")
  {
    // With the threshold at 3, halving 6 probes 3 (same verdict), then 1.5: the first
    // integer with another verdict is 2, not 1.5.
    const engine::Catalog low = load_ok(tiny_rules(), {"scale.big-developers=3"});
    const model::Environment env = environment("version: 1\n"
                                               "developers: {total: 6}\n"
                                               "dr: {survive: [node]}\n"
                                               "operations: {clustering_eligibility: approved}\n"
                                               "features: {remote_ci_farm: false}\n");
    const auto verdict = advice::verdict_for(low, env);
    REQUIRE(verdict == Topology::cluster);
    const auto points = advice::tipping_points(low, env, verdict);
    REQUIRE(points.size() == 1);
    CHECK(points[0].threshold == 2);
    CHECK(points[0].becomes == Topology::ha);
  }
  SECTION("a decimal fact to 0.1")
  {
    const engine::Catalog rto = load_ok({rule_file("dr/rto.yaml", R"Y(id: dr-rto
title: RTO
kind: evidence
when: dr.rto_minutes < 60
message: short RTO
source: { path: content/admin/rto.md }
effect: [{ option: ha, weight: 20 }]
)Y")});
    const model::Environment env = environment("version: 1\ndr: {rto_minutes: 100}\n");
    const auto verdict = advice::verdict_for(rto, env);
    REQUIRE(verdict == Topology::standalone);
    const auto points = advice::tipping_points(rto, env, verdict);
    REQUIRE(points.size() == 1);
    CHECK(points[0].fact == "dr.rto_minutes");
    CHECK(points[0].unit == "minutes");
    CHECK(points[0].threshold == Approx(59.9));
    CHECK(points[0].becomes == Topology::ha);
  }
  SECTION("no tipping point when no value in the valid range changes the verdict")
  {
    // Cluster is blocked; ha (70) stays ahead of standalone (10, or 20 below 1,000 developers).
    const model::Environment env = environment("version: 1\n"
                                               "developers: {total: 1500}\n"
                                               "dr: {survive: [node]}\n"
                                               "operations: {clustering_eligibility: denied}\n");
    const auto verdict = advice::verdict_for(catalog, env);
    REQUIRE(verdict == Topology::ha);
    CHECK(advice::tipping_points(catalog, env, verdict).empty());
  }
}

namespace {

// The verdict of a full re-evaluation: a fresh scope with `probe.fact` set, every evidence
// rule evaluated in full.
std::optional<Topology> full_verdict(const engine::Catalog& catalog, const model::Environment& env,
                                     const advice::Probe& probe)
{
  engine::Scope scope = engine::make_scope(catalog, env, std::nullopt);
  engine::set_fact(scope, probe.fact,
                   probe.integer ? expr::Value::integer(static_cast<std::int64_t>(probe.value))
                                 : expr::Value::decimal(probe.value));
  advice::Tally tally;
  for (const auto& rule : catalog.rules)
    if (rule.kind == engine::RuleKind::evidence &&
        engine::evaluate_rule(rule, scope).status == engine::Status::fired)
      tally.add(rule);
  return tally.winner();
}

std::string slurp_example(const std::string& name)
{
  std::ifstream in(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/examples/" + name + ".yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every probe of `tipping_points` on `env` against a full re-evaluation; the number of probes.
std::size_t check_probes(const engine::Catalog& catalog, const model::Environment& env)
{
  const auto verdict = advice::verdict_for(catalog, env);
  std::vector<advice::Probe> probes;
  const auto points = advice::tipping_points(catalog, env, verdict, &probes);
  for (const auto& probe : probes) {
    INFO(probe.fact << " = " << probe.value);
    CHECK(probe.verdict == full_verdict(catalog, env, probe));
  }
  // Each tipping point is where a probe's verdict differs from the file's.
  for (const auto& point : points)
    CHECK(std::any_of(probes.begin(), probes.end(), [&](const advice::Probe& p) {
      return p.fact == point.fact && p.value == point.threshold && p.verdict != verdict;
    }));
  return probes.size();
}

// Facts `tipping_points` did not probe on `env` although an evidence rule reads them and they
// hold a number: it found that no value of theirs can change the verdict. Checks that claim
// with full re-evaluations across their range; returns how many facts were skipped.
std::size_t check_skipped_facts(const engine::Catalog& catalog, const model::Environment& env)
{
  const auto verdict = advice::verdict_for(catalog, env);
  std::vector<advice::Probe> probes;
  const auto points = advice::tipping_points(catalog, env, verdict, &probes);
  std::set<std::string> facts;
  for (const auto& rule : catalog.rules)
    if (rule.kind == engine::RuleKind::evidence)
      facts.insert(rule.fact_paths.begin(), rule.fact_paths.end());
  std::size_t skipped = 0;
  for (const auto& fact : facts) {
    const model::Value* value = env.root.find(fact);
    if (fact.find('[') != std::string::npos || value == nullptr || !value->is_number() ||
        std::any_of(probes.begin(), probes.end(), [&](const advice::Probe& p) { return p.fact == fact; }))
      continue;
    ++skipped;
    CHECK(std::none_of(points.begin(), points.end(), [&](const auto& p) { return p.fact == fact; }));
    const bool integer = value->kind == model::Value::Kind::integer;
    const double current = value->number();
    for (const double v : {0.0, 1.0, current / 10, current / 2, current - 1, current + 1, current * 2,
                           current * 10, current * 1000 + 1000}) {
      const advice::Probe probe{fact, integer ? std::round(v) : v, integer, std::nullopt};
      INFO(fact << " = " << probe.value);
      CHECK(full_verdict(catalog, env, probe) == verdict);
    }
  }
  return skipped;
}

// The sum of `check(catalog, environment)` over every bundled example, with the built-in catalog.
template <typename Check>
std::size_t sum_over_examples(Check check)
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto catalog = engine::load_catalog(engine::CatalogOptions{}, bag, sources);
  REQUIRE(catalog);
  std::size_t sum = 0;
  for (const char* name : {"clustered-with-dr", "exhausted-top-size", "flawed-plan", "small-single-site",
                           "strict-dr", "three-continents"}) {
    INFO(name);
    sum += check(*catalog, environment(slurp_example(name), std::string(name) + ".yaml"));
  }
  return sum;
}

} // namespace

TEST_CASE("advice: a fact no value of which can change the verdict is not probed", "[advice][scoring]")
{
  // The bound does skip facts: the check is not empty.
  CHECK(sum_over_examples(check_skipped_facts) > 10);
}

TEST_CASE("advice: every incremental tipping-point probe gives the verdict of a full re-evaluation",
          "[advice][scoring]")
{
  SECTION("the built-in catalog on every example")
  {
    CHECK(sum_over_examples(check_probes) > 100); // the examples do probe: the comparison is not empty
  }
  SECTION("a rule reading a list beside the probed fact, and one reading a message fact")
  {
    std::vector<engine::RuleFileText> rules = tiny_rules();
    rules.push_back(rule_file("geography/far.yaml", R"Y(id: geography-far
title: Far
kind: evidence
when: developers.regions.exists(r, r.latency_ms > 100)
message: "far, with {primary.vcpus} vCPUs"
source: { path: content/admin/far.md }
effect: [{ option: standalone, weight: 45 }]
)Y"));
    const engine::Catalog catalog = load_ok(rules);
    const model::Environment env = environment("version: 1\n"
                                               "developers:\n"
                                               "  total: 600\n"
                                               "  regions: [{name: eu, developers: 100, latency_ms: 150}]\n"
                                               "primary: {vcpus: 8}\n"
                                               "dr: {survive: [node]}\n"
                                               "operations: {clustering_eligibility: approved}\n");
    CHECK(check_probes(catalog, env) > 10);
  }
}
