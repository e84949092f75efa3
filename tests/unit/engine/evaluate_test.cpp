// SPDX-License-Identifier: Apache-2.0
// Evaluating rules on environments: statuses, locations, messages, facts used.
#include "unit/engine/engine_test_support.hpp"

#include "ghes_topology/engine/expression_env.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

using testing::environment;
using testing::load_ok;
using testing::rule_file;

const char* const k_ttl_rule = R"Y(id: failover-ha-dns-ttl
title: DNS failover with a long TTL
kind: finding
severity: warning
requires: [plan]
when: >-
  topology == "ha" && plan.failover_via == "dns"
  && network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds
point_at: network.dns_ttl_seconds
message: DNS TTL is {network.dns_ttl_seconds} s, more than {params.failover.max_dns_ttl_seconds} s.
remediation: Lower the TTL.
source: { path: content/admin/ha.md }
params:
  failover.max_dns_ttl_seconds: { default: 300, unit: seconds, description: D, basis: documented }
)Y";

const char* const k_replica_rule = R"Y(id: geography-active-replica-latency
title: Active replica too far away
kind: finding
severity: error
for_each: { var: r, in: plan.replicas }
when: r.type == "active" && r.latency_ms > 70
point_at: r.latency_ms
message: "{r.name}: {r.latency_ms} ms"
remediation: Serve the region of {r.name} with a repository cache.
source: { path: content/admin/geo.md }
)Y";

Outcome run(const Catalog& catalog, const std::string& id, const model::Environment& env,
            std::optional<Topology> topology)
{
  const Scope scope = make_scope(catalog, env, topology);
  const Rule* rule = catalog.find(id);
  REQUIRE(rule != nullptr);
  return evaluate_rule(*rule, scope);
}

TEST_CASE("engine: a finding fires, points at its point_at value and renders its message", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", k_ttl_rule)});
  const auto env = environment("version: 1\n"
                               "plan: { topology: ha, failover_via: dns }\n"
                               "network:\n"
                               "  dns_ttl_seconds: 3600\n");
  const Outcome o = run(catalog, "failover-ha-dns-ttl", env, Topology::ha);
  CHECK(o.status == Status::fired);
  REQUIRE(o.occurrences.size() == 1);
  CHECK(o.occurrences[0].where.to_string() == "env.yaml:4:20");
  CHECK(o.occurrences[0].message == "DNS TTL is 3600 s, more than 300 s.");
  CHECK_FALSE(o.occurrences[0].item);
  CHECK(o.missing.empty());
  CHECK_FALSE(o.error);
  REQUIRE(o.facts.size() == 4);
  CHECK(o.facts[0].path == "network.dns_ttl_seconds");
  CHECK(o.facts[0].value == "3600");
  CHECK(o.facts[0].known);
  CHECK(o.facts[0].where.to_string() == "env.yaml:4:20");
  CHECK(o.facts[1].path == "params.failover.max_dns_ttl_seconds");
  CHECK(o.facts[1].value == "300");
  CHECK(o.facts[1].where.to_string() == "rules/failover/ha-dns-ttl.yaml:14:44");
  CHECK(o.facts[2].path == "plan.failover_via");
  CHECK(o.facts[2].value == "\"dns\"");
  CHECK(o.facts[3].path == "topology");
  CHECK(o.facts[3].value == "\"ha\"");
}

TEST_CASE("engine: a condition that is false does not fire", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", k_ttl_rule)});
  const auto env = environment(
      "version: 1\nplan: { topology: ha, failover_via: dns }\nnetwork: { dns_ttl_seconds: 120 }\n");
  const Outcome o = run(catalog, "failover-ha-dns-ttl", env, Topology::ha);
  CHECK(o.status == Status::not_fired);
  CHECK(o.occurrences.empty());
}

TEST_CASE("engine: a rule whose required facts are absent does not apply", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", k_ttl_rule)});
  const auto env = environment("version: 1\nnetwork: { dns_ttl_seconds: 3600 }\n");
  const Outcome o = run(catalog, "failover-ha-dns-ttl", env, std::nullopt);
  CHECK(o.status == Status::not_applicable);
  CHECK(o.missing == std::vector<std::string>{"plan"});
}

TEST_CASE("engine: a condition that needs unknown facts is undecided and names them", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", k_ttl_rule)});
  SECTION("absent")
  {
    const auto env = environment("version: 1\nplan: { topology: ha, failover_via: dns }\n");
    const Outcome o = run(catalog, "failover-ha-dns-ttl", env, Topology::ha);
    CHECK(o.status == Status::undecided);
    CHECK(o.missing == std::vector<std::string>{"network.dns_ttl_seconds"});
    CHECK(o.facts[0].path == "network.dns_ttl_seconds");
    CHECK(o.facts[0].value == "unknown");
    CHECK_FALSE(o.facts[0].known);
    CHECK_FALSE(o.facts[0].where.has_position());
  }
  SECTION("explicitly null")
  {
    const auto env = environment("version: 1\nplan: { topology: ha, failover_via: dns }\nnetwork:\n"
                                 "  dns_ttl_seconds: null\n");
    const Outcome o = run(catalog, "failover-ha-dns-ttl", env, Topology::ha);
    CHECK(o.status == Status::undecided);
    CHECK(o.missing == std::vector<std::string>{"network.dns_ttl_seconds"});
    CHECK(o.facts[0].where.to_string() == "env.yaml:4:20");
  }
  SECTION("unknown topology")
  {
    const auto env = environment("version: 1\nplan: { topology: ha, failover_via: dns }\n"
                                 "network: { dns_ttl_seconds: 3600 }\n");
    const Outcome o = run(catalog, "failover-ha-dns-ttl", env, std::nullopt);
    CHECK(o.status == Status::undecided);
    CHECK(o.missing == std::vector<std::string>{"topology"});
  }
}

TEST_CASE("engine: for_each gives one occurrence per matching item, located at the item's value", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("geography/active-replica-latency.yaml", k_replica_rule)});
  const auto env = environment("version: 1\n"
                               "plan:\n"
                               "  topology: ha\n"
                               "  replicas:\n"
                               "    - { name: near, type: active, latency_ms: 20 }\n"
                               "    - name: far\n"
                               "      type: active\n"
                               "      latency_ms: 180\n"
                               "    - { name: farther, type: active, latency_ms: 250 }\n"
                               "    - { name: backup, type: passive, latency_ms: 300 }\n");
  const Outcome o = run(catalog, "geography-active-replica-latency", env, Topology::ha);
  CHECK(o.status == Status::fired);
  REQUIRE(o.occurrences.size() == 2);
  CHECK(o.occurrences[0].where.to_string() == "env.yaml:8:19");
  CHECK(o.occurrences[0].message == "far: 180 ms");
  CHECK(o.occurrences[0].remediation == "Serve the region of far with a repository cache.");
  CHECK(o.occurrences[0].item == 1);
  CHECK(o.occurrences[0].item_path == "plan.replicas[1]");
  REQUIRE(o.occurrences[0].item_facts.size() == 2);
  CHECK(o.occurrences[0].item_facts[0].path == "plan.replicas[1].latency_ms");
  CHECK(o.occurrences[0].item_facts[0].value == "180");
  CHECK(o.occurrences[0].item_facts[0].where.to_string() == "env.yaml:8:19");
  CHECK(o.occurrences[0].item_facts[1].path == "plan.replicas[1].type");
  CHECK(o.occurrences[0].item_facts[1].value == "\"active\"");
  CHECK(o.occurrences[1].where.to_string() == "env.yaml:9:50");
  CHECK(o.occurrences[1].message == "farther: 250 ms");
  CHECK(o.occurrences[1].item_path == "plan.replicas[2]");
  REQUIRE(o.facts.size() == 3);
  CHECK(o.facts[0].path == "plan.replicas");
  CHECK(o.facts[0].value == "4 items");
  CHECK(o.facts[0].where.to_string() == "env.yaml:4:3");
  CHECK(o.facts[1].path == "plan.replicas.latency_ms");
  CHECK(o.facts[1].value == "[20, 180, 250, 300]");
  CHECK(o.facts[1].where.to_string() == "env.yaml:4:3");
  CHECK(o.facts[2].path == "plan.replicas.type");
  CHECK(o.facts[2].value == "[\"active\", \"active\", \"active\", \"passive\"]");
}

TEST_CASE("engine: for_each over an absent list is undecided, and items with unknown facts are listed",
          "[engine]")
{
  const Catalog catalog = load_ok({rule_file("geography/active-replica-latency.yaml", k_replica_rule)});
  {
    const Outcome o = run(catalog, "geography-active-replica-latency",
                          environment("version: 1\nplan: { topology: ha }\n"), Topology::ha);
    CHECK(o.status == Status::undecided);
    CHECK(o.missing == std::vector<std::string>{"plan.replicas"});
  }
  {
    const Outcome o = run(catalog, "geography-active-replica-latency",
                          environment("version: 1\nplan:\n  topology: ha\n  replicas:\n"
                                      "    - { name: a, type: active }\n"
                                      "    - { name: b, type: active, latency_ms: 100 }\n"),
                          Topology::ha);
    CHECK(o.status == Status::fired);
    CHECK(o.occurrences.size() == 1);
    CHECK(o.missing == std::vector<std::string>{"plan.replicas[0].latency_ms"});
  }
  {
    const Outcome o = run(catalog, "geography-active-replica-latency",
                          environment("version: 1\nplan:\n  topology: ha\n  replicas:\n"
                                      "    - { name: a, type: active }\n"),
                          Topology::ha);
    CHECK(o.status == Status::undecided);
    CHECK(o.missing == std::vector<std::string>{"plan.replicas[0].latency_ms"});
  }
}

TEST_CASE("engine: without point_at a rule points at the first fact of its condition", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("backups/interval.yaml", R"Y(id: backups-interval
title: T
kind: finding
severity: warning
when: backups.interval_minutes > dr.rpo_minutes
message: M
remediation: R
source: { path: p }
)Y"),
      rule_file("backups/required.yaml", R"Y(id: backups-required
title: T
kind: finding
severity: error
when: "!has(backups.tool) || backups.tool == 'none'"
message: No backups.
remediation: R
source: { path: p }
)Y"),
  });
  const auto env = environment("version: 1\n"
                               "dr:\n"
                               "  rpo_minutes: 60\n"
                               "backups:\n"
                               "  interval_minutes: 1440\n");
  const Outcome interval = run(catalog, "backups-interval", env, std::nullopt);
  REQUIRE(interval.status == Status::fired);
  CHECK(interval.occurrences[0].where.to_string() == "env.yaml:5:21");
  // `backups.tool` is absent: the nearest known parent, the `backups` key.
  const Outcome required = run(catalog, "backups-required", env, std::nullopt);
  REQUIRE(required.status == Status::fired);
  CHECK(required.occurrences[0].where.to_string() == "env.yaml:4:1");
  // Nothing known: the document's first key.
  const Outcome nothing =
      run(catalog, "backups-required", environment("version: 1\nname: x\n"), std::nullopt);
  REQUIRE(nothing.status == Status::fired);
  CHECK(nothing.occurrences[0].where.to_string() == "env.yaml:1:1");
}

TEST_CASE("engine: an evaluation error is reported for its rule and the others carry on", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("scale/per-admin.yaml", R"Y(id: scale-per-admin
title: T
kind: finding
severity: warning
when: developers.total / operations.admins > 500
message: M
remediation: R
source: { path: p }
)Y"),
      rule_file("scale/big.yaml", R"Y(id: scale-big
title: T
kind: finding
severity: info
when: developers.total > 100
message: "{developers.total} developers"
remediation: R
source: { path: p }
)Y"),
  });
  const auto env = environment("version: 1\ndevelopers: { total: 3000 }\noperations: { admins: 0 }\n");
  const Evaluation evaluation = evaluate(catalog, env, std::nullopt);
  REQUIRE(evaluation.outcomes.size() == 2);
  const Outcome& big = evaluation.outcomes[0];
  const Outcome& per_admin = evaluation.outcomes[1];
  CHECK(big.rule->id == "scale-big");
  CHECK(big.status == Status::fired);
  CHECK(big.occurrences[0].message == "3000 developers");
  CHECK(per_admin.rule->id == "scale-per-admin");
  CHECK(per_admin.status == Status::error);
  REQUIRE(per_admin.error);
  CHECK(per_admin.error->code == "expr-division-by-zero");
  CHECK(per_admin.error->where.to_string() == "rules/scale/per-admin.yaml:5:7");
  CHECK(evaluation.find("scale-big") == &big);

  diag::SourceMap sources;
  CHECK(diag::render(to_diagnostic(per_admin), sources) ==
        "rules/scale/per-admin.yaml:5:7: error: rule 'scale-per-admin' could not be evaluated: " +
            per_admin.error->message +
            " [rule-evaluation-failed]\n"
            "     = note: expr-division-by-zero; the other rules were evaluated\n");
}

TEST_CASE("engine: evidence rules fire without a topology and keep their effects", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("scale/large.yaml", R"Y(id: scale-large
title: T
kind: evidence
when: developers.total >= params.scale.cluster_developers
message: "{developers.total} developers"
source: { path: p }
effect: [{ option: cluster, weight: 30 }, { option: ha, block: true }]
params:
  scale.cluster_developers: { default: 20000, description: D, basis: assumption }
)Y")});
  const auto env = environment("version: 1\ndevelopers:\n  total: 40000\n");
  const Outcome o = run(catalog, "scale-large", env, std::nullopt);
  CHECK(o.status == Status::fired);
  CHECK(o.occurrences[0].where.to_string() == "env.yaml:3:10");
  CHECK(o.occurrences[0].message == "40000 developers");
  CHECK(o.rule->effects.size() == 2);

  const Catalog overridden = load_ok({rule_file("scale/large.yaml", R"Y(id: scale-large
title: T
kind: evidence
when: developers.total >= params.scale.cluster_developers
message: "{developers.total} developers"
source: { path: p }
effect: [{ option: cluster, weight: 30 }]
params:
  scale.cluster_developers: { default: 20000, description: D, basis: assumption }
)Y")},
                                     {"scale.cluster-developers=30000"});
  const Outcome o2 = run(overridden, "scale-large", env, std::nullopt);
  CHECK(o2.status == Status::fired);
  REQUIRE(o2.facts.size() == 2);
  CHECK(o2.facts[1].path == "params.scale.cluster_developers");
  CHECK(o2.facts[1].value == "30000");
  CHECK(o2.facts[1].where.to_string() == "--param scale.cluster_developers=30000");

  // Facts are only gathered for outcomes that can be shown: not for a rule that did not fire.
  const Catalog higher = load_ok({rule_file("scale/large.yaml", R"Y(id: scale-large
title: T
kind: evidence
when: developers.total >= params.scale.cluster_developers
message: "{developers.total} developers"
source: { path: p }
effect: [{ option: cluster, weight: 30 }]
params:
  scale.cluster_developers: { default: 20000, description: D, basis: assumption }
)Y")},
                                 {"scale.cluster-developers=50000"});
  const Outcome o3 = run(higher, "scale-large", env, std::nullopt);
  CHECK(o3.status == Status::not_fired);
  CHECK(o3.facts.empty());
}

TEST_CASE("engine: evaluate_status gives evaluate_rule's status without the rest", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", k_ttl_rule),
                                   rule_file("geography/active-replica-latency.yaml", k_replica_rule)});
  const std::vector<std::string> envs = {
      "version: 1\nplan: { topology: ha, failover_via: dns }\nnetwork:\n  dns_ttl_seconds: 3600\n",
      "version: 1\nplan: { topology: ha, failover_via: dns }\nnetwork:\n  dns_ttl_seconds: 60\n",
      "version: 1\nplan: { topology: ha, failover_via: dns }\n",
      "version: 1\n",
      "version: 1\nplan:\n  topology: ha\n  replicas:\n    - { name: a, type: active, latency_ms: 180 }\n",
      "version: 1\nplan:\n  topology: ha\n  replicas:\n    - { name: a, type: active, latency_ms: 10 }\n"};
  const std::vector<std::vector<Status>> expected = {
      {Status::fired, Status::undecided},     {Status::not_fired, Status::undecided},
      {Status::undecided, Status::undecided}, {Status::not_applicable, Status::undecided},
      {Status::undecided, Status::fired},     {Status::undecided, Status::not_fired}};
  for (std::size_t i = 0; i < envs.size(); ++i) {
    INFO(envs[i]);
    const Scope scope = make_scope(catalog, environment(envs[i]), Topology::ha);
    for (std::size_t k = 0; k < catalog.rules.size(); ++k) {
      const Rule& rule = catalog.rules[k];
      INFO(rule.id);
      CHECK(evaluate_status(rule, scope) == evaluate_rule(rule, scope).status);
      CHECK(evaluate_status(rule, scope) == expected[i][k]);
    }
  }
  CHECK(sections_read(*catalog.find("failover-ha-dns-ttl")) == std::vector<std::string>{"network", "plan"});
  CHECK(sections_read(*catalog.find("geography-active-replica-latency")) == std::vector<std::string>{"plan"});
}

TEST_CASE("engine: set_fact changes a fact for what-if re-evaluation", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("scale/large.yaml", R"Y(id: scale-large
title: T
kind: evidence
when: developers.total >= 20000 && operations.admins >= 2
message: "{developers.total} developers"
source: { path: p }
effect: [{ option: cluster, weight: 30 }]
)Y")});
  const Rule& rule = *catalog.find("scale-large");
  Scope scope = make_scope(catalog, environment("version: 1\ndevelopers:\n  total: 3000\n"), std::nullopt);
  CHECK(evaluate_rule(rule, scope).status == Status::not_fired);

  expr::Value more = expr::Value::integer(25000);
  more.origin = diag::Location{"--set developers.total=25000"};
  set_fact(scope, "developers.total", more);
  const Outcome undecided = evaluate_rule(rule, scope);
  CHECK(undecided.status == Status::undecided);
  CHECK(undecided.missing == std::vector<std::string>{"operations.admins"});

  set_fact(scope, "operations.admins", expr::Value::integer(3)); // an absent section is created
  const Outcome fired = evaluate_rule(rule, scope);
  CHECK(fired.status == Status::fired);
  CHECK(fired.occurrences[0].message == "25000 developers");
  CHECK(fired.occurrences[0].where.to_string() == "--set developers.total=25000");
}

TEST_CASE("engine: messages show values without quotes and numbers in their shortest form", "[engine]")
{
  CHECK(display_text(expr::Value::string("dns")) == "dns");
  CHECK(display_text(expr::Value::integer(300)) == "300");
  CHECK(display_text(expr::Value::decimal(70.0)) == "70");
  CHECK(display_text(expr::Value::decimal(0.5)) == "0.5");
  CHECK(display_text(expr::Value::boolean(true)) == "true");
  CHECK(display_text(expr::Value::list({expr::Value::string("a"), expr::Value::integer(2)})) == "[a, 2]");
  CHECK(display_text(expr::Value::unknown({"x"})) == "unknown");
}

TEST_CASE("engine: environment values keep their locations and absent keys stay absent", "[engine]")
{
  const auto env = environment("version: 1\n"
                               "network:\n"
                               "  dns_ttl_seconds: ~\n"
                               "plan:\n"
                               "  topology: ha\n"
                               "  replicas:\n"
                               "    - { name: r1, type: passive }\n");
  const expr::Bindings b = environment_bindings(env);
  CHECK(b.count("backups") == 0);
  const expr::Value& ttl = *b.at("network").field("dns_ttl_seconds");
  CHECK(ttl.is_unknown());
  CHECK(ttl.missing() == std::vector<std::string>{"network.dns_ttl_seconds"});
  CHECK(ttl.origin.to_string() == "env.yaml:3:20");
  CHECK(b.at("network").origin.to_string() == "env.yaml:2:1");
  const expr::Value& replica = b.at("plan").field("replicas")->as_list().at(0);
  CHECK(replica.origin.to_string() == "env.yaml:7:7");
  CHECK(replica.field("latency_ms") == nullptr);
}

TEST_CASE("engine: the type environment mirrors the environment schema", "[engine]")
{
  const expr::TypeEnv env = environment_types();
  CHECK(expr::to_string(*env.at("network")) == "network");
  const auto& network = *env.at("network");
  CHECK(network.fields.at("dns_ttl_seconds")->kind == expr::Type::Kind::integer);
  CHECK(network.fields.at("datacenter_latency_ms")->kind == expr::Type::Kind::decimal);
  const auto& plan = *env.at("plan");
  CHECK(plan.fields.at("topology")->values == std::vector<std::string>{"standalone", "ha", "cluster"});
  CHECK(plan.fields.at("replicas")->kind == expr::Type::Kind::list);
  CHECK(plan.fields.at("replicas")->element->name == "plan.replicas");
  CHECK(env.at("ghes_version")->kind == expr::Type::Kind::string);
  CHECK(topology_type()->values == std::vector<std::string>{"standalone", "ha", "cluster"});
}

TEST_CASE("engine: Describe::findings describes only finding rules, with the same statuses and errors",
          "[engine][describe]")
{
  const Catalog catalog = load_ok({
      rule_file("scale/big.yaml", R"Y(id: scale-big
title: T
kind: finding
severity: info
when: developers.total > 100
message: "{developers.total} developers"
remediation: R
source: { path: p }
)Y"),
      rule_file("scale/large.yaml", R"Y(id: scale-large
title: T
kind: evidence
when: developers.total >= 1000
message: "{developers.total} developers"
source: { path: p }
effect: [{ option: cluster, weight: 30 }]
)Y"),
      rule_file("scale/broken.yaml", R"Y(id: scale-broken
title: T
kind: evidence
when: developers.total >= 1000
message: "{developers.total / operations.admins} developers per admin"
source: { path: p }
effect: [{ option: cluster, weight: 30 }]
)Y"),
      rule_file("scale/items.yaml", R"Y(id: scale-items
title: T
kind: finding
severity: warning
for_each: { var: r, in: plan.replicas }
when: r.latency_ms > 70
point_at: r.latency_ms
message: "{r.name}: {r.latency_ms} ms"
remediation: R
source: { path: p }
)Y"),
      rule_file("implications/many.yaml", R"Y(id: implications-many
title: T
kind: implication
section: topology
when: developers.total > 100
point_at: developers.total
message: "{developers.total} developers"
source: { path: p }
)Y"),
  });
  const auto env = environment("version: 1\ndevelopers: { total: 3000 }\noperations: { admins: 0 }\n"
                               "plan:\n  topology: ha\n  replicas:\n"
                               "    - { type: active, name: r1, datacenter: a, latency_ms: 90 }\n"
                               "    - { type: active, name: r2, datacenter: b, latency_ms: 20 }\n"
                               "    - { type: active, name: r3, datacenter: c, latency_ms: 80 }\n");
  const Evaluation all = evaluate(catalog, env, std::nullopt, Facts::skip, Describe::all);
  const Evaluation findings = evaluate(catalog, env, std::nullopt, Facts::skip, Describe::findings);
  REQUIRE(all.outcomes.size() == 5);
  REQUIRE(findings.outcomes.size() == 5);
  for (std::size_t i = 0; i < all.outcomes.size(); ++i) {
    const Outcome& a = all.outcomes[i];
    const Outcome& f = findings.outcomes[i];
    CHECK(a.rule == f.rule);
    CHECK(a.status == f.status);
    CHECK(a.missing == f.missing);
    CHECK(a.error.has_value() == f.error.has_value());
    if (a.error && f.error) {
      CHECK(a.error->code == f.error->code);
      CHECK(a.error->message == f.error->message);
      CHECK(a.error->where == f.error->where);
    }
    REQUIRE(a.occurrences.size() == f.occurrences.size());
    for (std::size_t k = 0; k < a.occurrences.size(); ++k) {
      CHECK(a.occurrences[k].item == f.occurrences[k].item);
      CHECK(a.occurrences[k].item_path == f.occurrences[k].item_path);
    }
  }
  const Outcome* big = findings.find("scale-big");
  REQUIRE(big != nullptr);
  REQUIRE(big->occurrences.size() == 1);
  CHECK(big->occurrences[0].message == "3000 developers");
  CHECK(big->occurrences[0].where.to_string() == "env.yaml:2:22");

  const Outcome* large = findings.find("scale-large");
  REQUIRE(large != nullptr);
  CHECK(large->status == Status::fired);
  REQUIRE(large->occurrences.size() == 1);
  CHECK(large->occurrences[0].message.empty());
  CHECK(all.find("scale-large")->occurrences[0].message == "3000 developers");

  const Outcome* broken = findings.find("scale-broken");
  REQUIRE(broken != nullptr);
  CHECK(broken->status == Status::error);
  REQUIRE(broken->error);
  CHECK(broken->error->code == "expr-division-by-zero");

  const Outcome* items = findings.find("scale-items");
  REQUIRE(items != nullptr);
  CHECK(items->status == Status::fired);
  REQUIRE(items->occurrences.size() == 2);
  CHECK(items->occurrences[0].item_path == "plan.replicas[0]");
  CHECK(items->occurrences[1].item_path == "plan.replicas[2]");
  CHECK(items->occurrences[1].message == "r3: 80 ms"); // a finding: described

  const Outcome* many = findings.find("implications-many");
  REQUIRE(many != nullptr);
  CHECK(many->status == Status::fired);
  REQUIRE(many->occurrences.size() == 1);
  CHECK(many->occurrences[0].message.empty());
  CHECK_FALSE(many->occurrences[0].where.has_file());
  CHECK(all.find("implications-many")->occurrences[0].message == "3000 developers");
}

} // namespace
} // namespace ghes_topology::engine
