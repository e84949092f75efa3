// SPDX-License-Identifier: Apache-2.0
// Tests for the static checker: every compile-time message in full, types and fact paths.
#include "expr_test_support.hpp"

#include <catch2/catch.hpp>

using namespace expr_test;

namespace {

std::string type_of(std::string_view text)
{
  Compiled c = compile_in_rule(text);
  REQUIRE(c.diagnostics.empty());
  REQUIRE(c.program);
  return to_string(*c.program->type());
}

std::vector<std::string> facts(std::string_view text, CompileOptions options = {})
{
  Compiled c = compile_in_rule(text, std::move(options));
  REQUIRE(c.diagnostics.empty());
  REQUIRE(c.program);
  return c.program->fact_paths();
}

} // namespace

TEST_CASE("expr: a misspelled field is expr-unknown-field with a suggestion", "[expr][checker]")
{
  CHECK(errors("network.dns_tll > 300") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.dns_tll' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 7 | when: network.dns_tll > 300\n"
        "   |               ^~~~~~~\n");
  CHECK(
      errors("network.dns_ttl_seconds > params.failover.max_dns_tll") ==
      "rules/failover/ha-dns-ttl.yaml:7:49: error: unknown field 'params.failover.max_dns_tll' (did you mean "
      "'params.failover.max_dns_ttl_seconds'?) [expr-unknown-field]\n"
      " 7 | when: network.dns_ttl_seconds > params.failover.max_dns_tll\n"
      "   |                                                 ^~~~~~~~~~~\n");
  CHECK(errors("plan.replicas.exists(r, r.latncy > 70)") ==
        "rules/failover/ha-dns-ttl.yaml:7:33: error: unknown field 'r.latncy' (did you mean 'r.latency_ms'?) "
        "[expr-unknown-field]\n"
        " 7 | when: plan.replicas.exists(r, r.latncy > 70)\n"
        "   |                                 ^~~~~~\n");
  CHECK(errors("plan.replicas[0].latncy > 70") ==
        "rules/failover/ha-dns-ttl.yaml:7:24: error: unknown field 'plan.replicas[0].latncy' (did you mean "
        "'plan.replicas[0].latency_ms'?) [expr-unknown-field]\n"
        " 7 | when: plan.replicas[0].latncy > 70\n"
        "   |                        ^~~~~~\n");
  CHECK(errors("network[\"dns_tll\"] > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.dns_tll' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 7 | when: network[\"dns_tll\"] > 1\n"
        "   |               ^~~~~~~~~\n");
}

TEST_CASE("expr: an unknown field without a close match lists the fields", "[expr][checker]")
{
  CHECK(errors("network.zzz > 300") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.zzz' [expr-unknown-field]\n"
        " 7 | when: network.zzz > 300\n"
        "   |               ^~~\n"
        "   = expected: a field of 'network': dns_ttl_seconds, geodns_available, load_balancer\n");
}

TEST_CASE("expr: an unknown root name is expr-unknown-variable", "[expr][checker]")
{
  CHECK(errors("netwrk.dns_ttl_seconds > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: unknown variable 'netwrk' (did you mean 'network'?) "
        "[expr-unknown-variable]\n"
        " 7 | when: netwrk.dns_ttl_seconds > 1\n"
        "   |       ^~~~~~\n");
  CHECK(errors("zzz > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: unknown variable 'zzz' [expr-unknown-variable]\n"
        " 7 | when: zzz > 1\n"
        "   |       ^~~\n"
        "   = expected: one of anything, developers, network, params, plan, primary, tags, topology\n");
  // A macro variable is only in scope inside its macro.
  CHECK(errors("tags.exists(t, t == 'eu') && t == 'x'") ==
        "rules/failover/ha-dns-ttl.yaml:7:36: error: unknown variable 't' [expr-unknown-variable]\n"
        " 7 | when: tags.exists(t, t == 'eu') && t == 'x'\n"
        "   |                                    ^\n"
        "   = expected: one of anything, developers, network, params, plan, primary, tags, topology\n");
}

TEST_CASE("expr: a string that is not a value of an enumeration is expr-bad-enum-value", "[expr][checker]")
{
  CHECK(
      errors("plan.topology == \"clsuter\"") ==
      "rules/failover/ha-dns-ttl.yaml:7:24: error: 'clsuter' is not a value of 'plan.topology' (did you mean "
      "'cluster'?) [expr-bad-enum-value]\n"
      " 7 | when: plan.topology == \"clsuter\"\n"
      "   |                        ^~~~~~~~~\n"
      "   = expected: one of standalone, ha, cluster\n");
  CHECK(
      errors("\"clsuter\" == plan.topology") ==
      "rules/failover/ha-dns-ttl.yaml:7:7: error: 'clsuter' is not a value of 'plan.topology' (did you mean "
      "'cluster'?) [expr-bad-enum-value]\n"
      " 7 | when: \"clsuter\" == plan.topology\n"
      "   |       ^~~~~~~~~\n"
      "   = expected: one of standalone, ha, cluster\n");
  CHECK(errors("topology != 'standalon'") ==
        "rules/failover/ha-dns-ttl.yaml:7:19: error: 'standalon' is not a value of 'topology' (did you mean "
        "'standalone'?) [expr-bad-enum-value]\n"
        " 7 | when: topology != 'standalon'\n"
        "   |                   ^~~~~~~~~~~\n"
        "   = expected: one of standalone, ha, cluster\n");
  CHECK(
      errors("plan.topology in [\"ha\", \"clsuter\"]") ==
      "rules/failover/ha-dns-ttl.yaml:7:31: error: 'clsuter' is not a value of 'plan.topology' (did you mean "
      "'cluster'?) [expr-bad-enum-value]\n"
      " 7 | when: plan.topology in [\"ha\", \"clsuter\"]\n"
      "   |                               ^~~~~~~~~\n"
      "   = expected: one of standalone, ha, cluster\n");
  CHECK(errors("plan.replicas.exists(r, r.type == \"actve\")") ==
        "rules/failover/ha-dns-ttl.yaml:7:41: error: 'actve' is not a value of 'r.type' (did you mean "
        "'active'?) "
        "[expr-bad-enum-value]\n"
        " 7 | when: plan.replicas.exists(r, r.type == \"actve\")\n"
        "   |                                         ^~~~~~~\n"
        "   = expected: one of active, passive\n");
  CHECK(errors("topology == \"kubernetes\"") ==
        "rules/failover/ha-dns-ttl.yaml:7:19: error: 'kubernetes' is not a value of 'topology' "
        "[expr-bad-enum-value]\n"
        " 7 | when: topology == \"kubernetes\"\n"
        "   |                   ^~~~~~~~~~~~\n"
        "   = expected: one of standalone, ha, cluster\n");
  // The right values compile; comparing with a non-literal is checked at run time.
  CHECK(errors("plan.topology == 'cluster' && topology in ['ha', 'cluster'] && topology == plan.topology")
            .empty());
}

TEST_CASE("expr: unknown functions and the wrong call style", "[expr][checker]")
{
  CHECK(errors("sizee(tags) > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: unknown function 'sizee' (did you mean 'size'?) "
        "[expr-unknown-function]\n"
        " 7 | when: sizee(tags) > 1\n"
        "   |       ^~~~~\n");
  CHECK(errors("frobnicate(1)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: unknown function 'frobnicate' [expr-unknown-function]\n"
        " 7 | when: frobnicate(1)\n"
        "   |       ^~~~~~~~~~\n"
        "   = note: the built-in functions are listed in docs/expression-language.md\n");
  CHECK(
      errors("network.load_balancer.startWith('ha')") ==
      "rules/failover/ha-dns-ttl.yaml:7:29: error: unknown function 'startWith' (did you mean 'startsWith'?) "
      "[expr-unknown-function]\n"
      " 7 | when: network.load_balancer.startWith('ha')\n"
      "   |                             ^~~~~~~~~\n");
  CHECK(errors("tags.percent(1)") == "rules/failover/ha-dns-ttl.yaml:7:12: error: percent() is a function, "
                                     "not a method: write percent(x, ...) "
                                     "instead of x.percent(...) [expr-call-style]\n"
                                     " 7 | when: tags.percent(1)\n"
                                     "   |            ^~~~~~~\n");
  CHECK(errors("startsWith(\"a\", \"b\")") == "rules/failover/ha-dns-ttl.yaml:7:7: error: startsWith() is a "
                                              "method: write x.startsWith(...) instead of "
                                              "startsWith(x, ...) [expr-call-style]\n"
                                              " 7 | when: startsWith(\"a\", \"b\")\n"
                                              "   |       ^~~~~~~~~~\n");
  CHECK(errors("exists(tags, t, true)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: exists() is a method: write x.exists(...) instead of "
        "exists(x, ...) [expr-call-style]\n"
        " 7 | when: exists(tags, t, true)\n"
        "   |       ^~~~~~\n");
}

TEST_CASE("expr: the wrong number of arguments is expr-arity", "[expr][checker]")
{
  CHECK(errors("size(tags, tags)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: size() takes 1 argument, found 2 "
        "[expr-arity]\n"
        " 7 | when: size(tags, tags)\n"
        "   |       ^~~~~~~~~~~~~~~~\n");
  CHECK(errors("tags.size(1) > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: size() takes 0 arguments, found "
        "1 [expr-arity]\n"
        " 7 | when: tags.size(1) > 1\n"
        "   |       ^~~~~~~~~~~~\n");
  CHECK(errors("\"a\".startsWith()") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: startsWith() takes 1 argument, "
        "found 0 [expr-arity]\n"
        " 7 | when: \"a\".startsWith()\n"
        "   |       ^~~~~~~~~~~~~~~~\n");
  CHECK(errors("min() > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: min() takes 1 or at least 2 arguments, "
        "found 0 [expr-arity]\n"
        " 7 | when: min() > 1\n"
        "   |       ^~~~~\n");
  CHECK(errors("percent(1) > 1") == "rules/failover/ha-dns-ttl.yaml:7:7: error: percent() takes 2 arguments, "
                                    "found 1 [expr-arity]\n"
                                    " 7 | when: percent(1) > 1\n"
                                    "   |       ^~~~~~~~~~\n");
  CHECK(errors("tags.exists(t)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: exists() takes 2 arguments, found "
        "1 [expr-arity]\n"
        " 7 | when: tags.exists(t)\n"
        "   |       ^~~~~~~~~~~~~~\n");
  CHECK(errors("tags.map(t)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: map() takes 2 or 3 arguments, found 1 "
        "[expr-arity]\n"
        " 7 | when: tags.map(t)\n"
        "   |       ^~~~~~~~~~~\n");
  CHECK(errors("has(network.dns_ttl_seconds, 1)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: has() takes 1 argument, found 2 [expr-arity]\n"
        " 7 | when: has(network.dns_ttl_seconds, 1)\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("expr: static type mismatches are expr-type", "[expr][checker]")
{
  CHECK(errors("size(3)") == "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot call size(int); expected "
                             "size(list), size(string) or size(map) [expr-type]\n"
                             " 7 | when: size(3)\n"
                             "   |       ^~~~~~~\n");
  CHECK(errors("size(developers.total) > 1") == "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot call "
                                                "size(int); expected size(list), size(string) or "
                                                "size(map) [expr-type]\n"
                                                " 7 | when: size(developers.total) > 1\n"
                                                "   |       ^~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("\"a\".startsWith(1)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot call "
        "string.startsWith(int); expected string.startsWith(string) [expr-type]\n"
        " 7 | when: \"a\".startsWith(1)\n"
        "   |       ^~~~~~~~~~~~~~~~~\n");
  CHECK(errors("min(tags) > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot call min(list(string)); "
        "expected min(list(number)) or min(number, number, ...) [expr-type]\n"
        " 7 | when: min(tags) > 1\n"
        "   |       ^~~~~~~~~\n");
  CHECK(errors("network.load_balancer > 10") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot compare string and int with '>' [expr-type]\n"
        " 7 | when: network.load_balancer > 10\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("plan.topology == 3") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot compare string and int with '==' [expr-type]\n"
        " 7 | when: plan.topology == 3\n"
        "   |       ^~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("!plan.topology") ==
        "rules/failover/ha-dns-ttl.yaml:7:8: error: '!' needs a bool, found a string "
        "[expr-type]\n"
        " 7 | when: !plan.topology\n"
        "   |        ^~~~~~~~~~~~~\n");
  CHECK(errors("-network.load_balancer > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:8: error: '-' needs a number, found a string [expr-type]\n"
        " 7 | when: -network.load_balancer > 1\n"
        "   |        ^~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("developers.total && true") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: '&&' needs bool operands, found an int [expr-type]\n"
        " 7 | when: developers.total && true\n"
        "   |       ^~~~~~~~~~~~~~~~\n");
  CHECK(errors("true || 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: '||' needs bool operands, found an int "
        "[expr-type]\n"
        " 7 | when: true || 1\n"
        "   |               ^\n");
  CHECK(errors("developers.total ? 1 : 2") == "rules/failover/ha-dns-ttl.yaml:7:7: error: the condition of "
                                              "'?:' must be a bool, found an int [expr-type]\n"
                                              " 7 | when: developers.total ? 1 : 2\n"
                                              "   |       ^~~~~~~~~~~~~~~~\n");
  CHECK(errors("primary.usage.memory_percent % 2 == 0") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: '%' needs ints, found double and int [expr-type]\n"
        " 7 | when: primary.usage.memory_percent % 2 == 0\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("network.load_balancer + 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot add string and int with '+' [expr-type]\n"
        " 7 | when: network.load_balancer + 1\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~~~~~~\n");
  // In a chain, the caret covers the operands up to the failing operator.
  CHECK(errors("developers.total * 2 - \"a\" + 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot subtract int and string with '-' [expr-type]\n"
        " 7 | when: developers.total * 2 - \"a\" + 1\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("1 in tags") == "rules/failover/ha-dns-ttl.yaml:7:7: error: cannot look for an int in a "
                               "list(string) [expr-type]\n"
                               " 7 | when: 1 in tags\n"
                               "   |       ^~~~~~~~~\n");
  CHECK(errors("1 in developers.total") ==
        "rules/failover/ha-dns-ttl.yaml:7:12: error: 'in' needs a list or a map on the right, found an int "
        "[expr-type]\n"
        " 7 | when: 1 in developers.total\n"
        "   |            ^~~~~~~~~~~~~~~~\n");
}

TEST_CASE("expr: selecting and indexing the wrong kind of value is expr-type", "[expr][checker]")
{
  CHECK(errors("plan.replicas.latency_ms > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:21: error: cannot select field 'latency_ms' of a list "
        "('plan.replicas' is "
        "a list(replica)); use exists(), all() or map() to reach the items [expr-type]\n"
        " 7 | when: plan.replicas.latency_ms > 1\n"
        "   |                     ^~~~~~~~~~\n");
  CHECK(errors("network.dns_ttl_seconds.value > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:31: error: cannot select field 'value': 'network.dns_ttl_seconds' "
        "is an "
        "int [expr-type]\n"
        " 7 | when: network.dns_ttl_seconds.value > 1\n"
        "   |                               ^~~~~\n");
  CHECK(
      errors("tags[\"a\"] == \"b\"") ==
      "rules/failover/ha-dns-ttl.yaml:7:12: error: a list index must be an int, found a string [expr-type]\n"
      " 7 | when: tags[\"a\"] == \"b\"\n"
      "   |            ^~~\n");
  CHECK(errors("developers.total[0] > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:23: error: cannot index an int [expr-type]\n"
        " 7 | when: developers.total[0] > 1\n"
        "   |                       ^\n");
  CHECK(
      errors("network[0] == 1") ==
      "rules/failover/ha-dns-ttl.yaml:7:15: error: a field name must be a string, found an int [expr-type]\n"
      " 7 | when: network[0] == 1\n"
      "   |               ^\n");
}

TEST_CASE("expr: macro misuse is reported", "[expr][checker]")
{
  CHECK(errors("tags.exists(t, size(t))") ==
        "rules/failover/ha-dns-ttl.yaml:7:22: error: the condition of exists() must be a bool, found an int "
        "[expr-type]\n"
        " 7 | when: tags.exists(t, size(t))\n"
        "   |                      ^~~~~~~\n");
  CHECK(errors("developers.total.all(t, true)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: all() needs a list, found an int [expr-type]\n"
        " 7 | when: developers.total.all(t, true)\n"
        "   |       ^~~~~~~~~~~~~~~~\n");
  CHECK(errors("tags.exists(t.x, true)") == "rules/failover/ha-dns-ttl.yaml:7:19: error: the first argument "
                                            "of exists() must be a variable name, found "
                                            "'t.x' [expr-syntax]\n"
                                            " 7 | when: tags.exists(t.x, true)\n"
                                            "   |                   ^~~\n");
  CHECK(errors("has(network)") ==
        "rules/failover/ha-dns-ttl.yaml:7:11: error: has() needs a field selection, such "
        "as has(network.dns_ttl_seconds) [expr-syntax]\n"
        " 7 | when: has(network)\n"
        "   |           ^~~~~~~\n");
  CHECK(errors("has(network.dns_tll)") ==
        "rules/failover/ha-dns-ttl.yaml:7:19: error: unknown field 'network.dns_tll' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 7 | when: has(network.dns_tll)\n"
        "   |                   ^~~~~~~\n");
}

TEST_CASE("expr: malformed GHES version literals are compile errors", "[expr][checker]")
{
  CHECK(errors("version_below(plan.ghes_version, \"3\")") ==
        "rules/failover/ha-dns-ttl.yaml:7:40: error: '3' is not a GHES version (expected a version like "
        "'3.14' or "
        "'3.14.2') [expr-bad-version]\n"
        " 7 | when: version_below(plan.ghes_version, \"3\")\n"
        "   |                                        ^~~\n");
  CHECK(errors("version_at_least(\"3.x\", \"3.14\")") ==
        "rules/failover/ha-dns-ttl.yaml:7:24: error: '3.x' is not a GHES version (expected a version like "
        "'3.14' or "
        "'3.14.2') [expr-bad-version]\n"
        " 7 | when: version_at_least(\"3.x\", \"3.14\")\n"
        "   |                        ^~~~~\n");
}

TEST_CASE("expr: every independent problem is reported once", "[expr][checker]")
{
  CHECK(
      errors("network.dns_tll > 1 && plan.topology == \"clsuter\" && frob()") ==
      "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.dns_tll' (did you mean "
      "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
      " 7 | when: network.dns_tll > 1 && plan.topology == \"clsuter\" && frob()\n"
      "   |               ^~~~~~~\n"
      "rules/failover/ha-dns-ttl.yaml:7:47: error: 'clsuter' is not a value of 'plan.topology' (did you mean "
      "'cluster'?) [expr-bad-enum-value]\n"
      " 7 | when: network.dns_tll > 1 && plan.topology == \"clsuter\" && frob()\n"
      "   |                                               ^~~~~~~~~\n"
      "   = expected: one of standalone, ha, cluster\n"
      "rules/failover/ha-dns-ttl.yaml:7:60: error: unknown function 'frob' [expr-unknown-function]\n"
      " 7 | when: network.dns_tll > 1 && plan.topology == \"clsuter\" && frob()\n"
      "   |                                                            ^~~~\n"
      "   = note: the built-in functions are listed in docs/expression-language.md\n");
  // The comparison with "x" is not reported again: its left side is already wrong.
  CHECK(errors("network.dns_tll + 1 > \"x\"") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.dns_tll' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 7 | when: network.dns_tll + 1 > \"x\"\n"
        "   |               ^~~~~~~\n");
}

TEST_CASE("expr: a condition must be a bool when the caller expects one", "[expr][checker]")
{
  CompileOptions options;
  options.expect = Expect::boolean;
  CHECK(errors("developers.total + 1", options) ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: a condition must be a bool, found an int [expr-type]\n"
        " 7 | when: developers.total + 1\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("anything", options).empty()); // dyn is checked at run time
  CHECK(errors("developers.total + 1").empty());
}

TEST_CASE("expr: a block scalar error points at its line", "[expr][checker]")
{
  CHECK(errors("topology == \"ha\"\n&& network.dns_tll > 300") ==
        "rules/failover/ha-dns-ttl.yaml:9:14: error: unknown field 'network.dns_tll' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 9 |   && network.dns_tll > 300\n"
        "   |              ^~~~~~~\n");
}

TEST_CASE("expr: static types", "[expr][checker]")
{
  CHECK(type_of("1 + 2") == "int");
  CHECK(type_of("1 + 2.0") == "double");
  CHECK(type_of("developers.total / 3") == "int");
  CHECK(type_of("primary.usage.memory_percent / 3") == "double");
  CHECK(type_of("'a' + 'b'") == "string");
  CHECK(type_of("[1, 2]") == "list(int)");
  CHECK(type_of("[1, 2.5]") == "list(dyn)");
  CHECK(type_of("[]") == "list(dyn)");
  CHECK(type_of("plan.replicas") == "list(replica)");
  CHECK(type_of("plan.replicas[0]") == "replica");
  CHECK(type_of("plan.replicas.map(r, r.latency_ms)") == "list(double)");
  CHECK(type_of("plan.replicas.filter(r, r.type == 'active')") == "list(replica)");
  CHECK(type_of("max(plan.replicas.map(r, r.latency_ms))") == "double");
  CHECK(type_of("min(1, 2)") == "int");
  CHECK(type_of("min(1, 2.5)") == "double");
  CHECK(type_of("abs(anything)") == "dyn");
  CHECK(type_of("percent(1, 2)") == "double");
  CHECK(type_of("topology == 'ha' ? 1 : 2") == "int");
  CHECK(type_of("topology == 'ha' ? 1 : 'x'") == "dyn");
  CHECK(type_of("anything.foo.bar") == "dyn");
  CHECK(type_of("has(network.dns_ttl_seconds)") == "bool");
  CHECK(type_of("tags.contains('eu')") == "bool");
  CHECK(type_of("int('3') + double(2) > 1.0 && string(1) == '1'") == "bool");
}

TEST_CASE("expr: fact_paths lists the environment facts read", "[expr][checker]")
{
  using V = std::vector<std::string>;
  CHECK(facts("topology == 'ha' && network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds") ==
        V{"network.dns_ttl_seconds"});
  CHECK(facts("plan.replicas.exists(r, r.type == 'active' && r.latency_ms > 70)") ==
        V{"plan.replicas.latency_ms", "plan.replicas.type"});
  CHECK(facts("plan.replicas[1].latency_ms > primary.usage.cpu_percent") ==
        V{"plan.replicas.latency_ms", "primary.usage.cpu_percent"});
  CHECK(facts("has(network.dns_ttl_seconds) && network.dns_ttl_seconds > 1 && size(plan.replicas) > 1") ==
        V{"network.dns_ttl_seconds", "plan.replicas"});
  CHECK(facts("plan.replicas.filter(r, r.type == 'active').exists(s, s.latency_ms > 1)") ==
        V{"plan.replicas.latency_ms", "plan.replicas.type"});
  CHECK(facts("network == network") == V{"network"});
  CHECK(facts("1 + 1").empty());
  // A shadowing macro variable is not the environment's `network`.
  CHECK(facts("tags.exists(network, network == 'eu')") == V{"tags"});
  // The engine's `for_each` variable stands for the list items.
  CompileOptions options;
  options.variable_paths = {{"anything", "plan.replicas"}};
  CHECK(facts("anything.latency_ms > 70", options) == V{"plan.replicas.latency_ms"});
  options.non_fact_roots = {};
  CHECK(facts("topology == 'ha' && params.failover.max_dns_ttl_seconds > 1", options) ==
        V{"params.failover.max_dns_ttl_seconds", "topology"});
}

TEST_CASE("expr: a field with the wrong unit gets the same suggestion as in an environment file",
          "[expr][checker][suggest]")
{
  // The environment-file side of this pair is in tests/unit/loader/environment_loader_test.cpp.
  CHECK(errors("network.dns_ttl_minutes > 60") ==
        "rules/failover/ha-dns-ttl.yaml:7:15: error: unknown field 'network.dns_ttl_minutes' (did you mean "
        "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 7 | when: network.dns_ttl_minutes > 60\n"
        "   |               ^~~~~~~~~~~~~~~\n");
}
