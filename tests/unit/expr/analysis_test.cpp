// SPDX-License-Identifier: Apache-2.0
// Tests for the static analysis of compiled expressions (expr/analysis.hpp).
#include "expr_test_support.hpp"

#include "ghes_topology/expr/analysis.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace expr_test;

namespace {

bool cannot_fail_text(std::string_view text)
{
  const Compiled c = compile_in_rule(text);
  REQUIRE(c.diagnostics.empty());
  REQUIRE(c.program);
  return cannot_fail(*c.program);
}

// Bindings of the test environment's types at their extremes: absent sections, null
// sections, the largest and smallest integers, empty strings and lists.
std::vector<Bindings> extreme_bindings()
{
  std::vector<Bindings> all;
  all.emplace_back(); // nothing bound: every fact unknown
  Bindings nulls = test_bindings();
  for (const char* section : {"network", "plan", "developers", "primary"})
    nulls[section] = Value::null();
  all.push_back(nulls);
  Bindings big = test_bindings();
  big["developers"] = Value::map({{"total", Value::integer(std::numeric_limits<std::int64_t>::max())},
                                  {"active", Value::integer(std::numeric_limits<std::int64_t>::min())}});
  big["network"] =
      Value::map({{"dns_ttl_seconds", Value::integer(std::numeric_limits<std::int64_t>::min())}});
  big["plan"] = Value::map({{"replicas", Value::list({})}, {"topology", Value::string("")}});
  all.push_back(big);
  all.push_back(test_bindings());
  return all;
}

} // namespace

TEST_CASE("expr: reads, has(), comparisons, logic and ?: cannot fail", "[expr][analysis]")
{
  const std::vector<std::string> safe = {
      "developers.total",
      "network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds",
      "topology == 'cluster' ? 'node' : 'replica'",
      "has(plan.topology) && plan.topology == 'cluster' ? 'scale out' : topology == 'ha' ? 'HA' : 'one'",
      "!network.geodns_available || primary.usage.memory_percent >= 70",
      "developers.total <= 10 ? 4 : developers.total <= 1000 ? 8 : 16",
      "plan.ghes_version",
  };
  for (const auto& text : safe) {
    INFO(text);
    CHECK(cannot_fail_text(text));
    // The claim holds: no binding of the environment's types makes it fail.
    for (const Bindings& b : extreme_bindings())
      CHECK_FALSE(run(text, b).rfind("error[", 0) == 0);
  }
}

TEST_CASE("expr: arithmetic, indexes, calls, macros, lists and dyn parts may fail", "[expr][analysis]")
{
  // Each of these fails on some binding of the environment's types (shown where it is simple).
  CHECK_FALSE(cannot_fail_text("developers.total + 1"));
  CHECK(run("developers.total + 1", extreme_bindings()[2]).rfind("error[expr-overflow]", 0) == 0);
  CHECK_FALSE(cannot_fail_text("developers.total / developers.active"));
  CHECK_FALSE(cannot_fail_text("-network.dns_ttl_seconds"));
  CHECK(run("-network.dns_ttl_seconds", extreme_bindings()[2]).rfind("error[expr-overflow]", 0) == 0);
  CHECK_FALSE(cannot_fail_text("plan.replicas[0].name"));
  CHECK(run("plan.replicas[0].name", extreme_bindings()[2]).rfind("error[expr-index]", 0) == 0);
  CHECK_FALSE(cannot_fail_text("size(plan.replicas)"));
  CHECK_FALSE(cannot_fail_text("plan.replicas.map(r, r.name)"));
  CHECK_FALSE(cannot_fail_text("[developers.total]"));
  CHECK_FALSE(cannot_fail_text("anything == 7"));
  CHECK_FALSE(cannot_fail_text("'prod' in tags"));
  CHECK_FALSE(cannot_fail_text("version_below(plan.ghes_version, '3.19')"));
}
