// SPDX-License-Identifier: Apache-2.0
// Tests for the evaluator: operators, short-circuit, unknown propagation, run-time errors, bounds.
#include "expr_test_support.hpp"

#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/expr/limits.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace expr_test;

namespace {

// The test environment with gaps: network.dns_ttl_seconds absent, network.load_balancer
// explicitly unknown, the second replica without latency_ms, no `primary` at all,
// plan.failover_via and plan.ghes_version absent.
Bindings gappy_bindings()
{
  Bindings b = test_bindings();
  b["network"] = Value::map({{"geodns_available", Value::boolean(false)},
                             {"load_balancer", Value::unknown({"network.load_balancer"})}});
  b["plan"] = Value::map(
      {{"topology", Value::string("ha")},
       {"replicas",
        Value::list({replica("active", 20.0, "dc2", "r1"),
                     Value::map({{"type", Value::string("active")}, {"name", Value::string("r2")}})})}});
  b.erase("primary");
  return b;
}

std::string gappy(std::string_view text)
{
  return run(text, gappy_bindings());
}

} // namespace

TEST_CASE("expr: arithmetic, comparison and membership", "[expr][evaluator]")
{
  CHECK(run("1 + 2 * 3 - 4") == "3");
  CHECK(run("(1 + 2) * 3") == "9");
  CHECK(run("7 / 2") == "3");
  CHECK(run("-7 / 2") == "-3"); // truncated toward zero, as in CEL
  CHECK(run("-7 % 3") == "-1");
  CHECK(run("7 / 2.0") == "3.5");
  CHECK(run("1 + 0.5") == "1.5");
  CHECK(run("-(1.5)") == "-1.5");
  CHECK(run("'ab' + 'cd'") == "\"abcd\"");
  CHECK(run("[1] + [2, 3]") == "[1, 2, 3]");
  CHECK(run("1 == 1.0 && 2 > 1.5 && 1.5 <= 2 && 3 != 3.5") == "true");
  // ints and doubles compare exactly, not through a lossy conversion
  CHECK(run("9007199254740993 > 9007199254740992.0") == "true");
  CHECK(run("9007199254740993 == 9007199254740992.0") == "false");
  CHECK(run("'abc' < 'abd' && 'b' > 'abc' && 'a' <= 'a'") == "true");
  CHECK(run("[1, 2] == [1, 2] && [1, 2] != [2, 1] && [1] != [1, 1]") == "true");
  CHECK(run("anything == 'seven'") == "false"); // different kinds are unequal at run time
  CHECK(run("null == null && anything != null") == "true");
  CHECK(run("'eu' in tags && !('us' in tags) && 2 in [1, 2.0]") == "true");
  CHECK(run("'dns_ttl_seconds' in network && !('x' in network)") == "true");
  CHECK(run("network == network") == "true");
  CHECK(run("topology == 'ha' ? 'two' : 'one'") == "\"two\"");
  CHECK(run("network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds") == "true");
  CHECK(run("plan.replicas[1].name") == "\"r2\"");
  CHECK(run("network['load_balancer']") == "\"haproxy\"");
  CHECK(run("-9223372036854775807 - 1") == "-9223372036854775808");
}

TEST_CASE("expr: macros over lists", "[expr][evaluator]")
{
  CHECK(run("plan.replicas.exists(r, r.type == 'active' && r.latency_ms > 70)") == "false");
  CHECK(run("plan.replicas.exists(r, r.latency_ms > 70)") == "true");
  CHECK(run("plan.replicas.all(r, r.latency_ms > 10)") == "true");
  CHECK(run("plan.replicas.all(r, r.type == 'active')") == "false");
  CHECK(run("plan.replicas.exists_one(r, r.type == 'passive')") == "true");
  CHECK(run("[1, 2, 3].exists_one(x, x > 1)") == "false");
  CHECK(run("plan.replicas.filter(r, r.latency_ms < 50).map(r, r.name)") == "[\"r1\"]");
  CHECK(run("plan.replicas.map(r, r.latency_ms > 50, r.datacenter)") == "[\"dc3\"]");
  CHECK(run("[1, 2, 3].map(x, x * 2)") == "[2, 4, 6]");
  CHECK(run("[].exists(x, true) || [].all(x, false)") == "true");
  CHECK(run("[[1, 2], [3]].exists(l, l.exists(x, x == 3))") == "true");
  // Nested macros may reuse a name; the inner one shadows.
  CHECK(run("[1, 2].all(x, [10].all(x, x == 10)) && [1, 2].all(x, x < 3)") == "true");
}

TEST_CASE("expr: && and || short-circuit and absorb errors like CEL", "[expr][evaluator]")
{
  CHECK(run("false && 1 / 0 == 1") == "false");
  CHECK(run("true || 1 / 0 == 1") == "true");
  CHECK(run("1 / 0 == 1 && false") == "false"); // commutative: false decides
  CHECK(run("1 / 0 == 1 || true") == "true");
  CHECK(run("1 / 0 == 1 && true") == "error[expr-division-by-zero] division by zero: 1 / 0 @7:7-11");
  CHECK(run("true ? 1 : 1 / 0") == "1");
  CHECK(run("false ? 1 / 0 : 2") == "2");
  CHECK(run("[1, 0].exists(x, x == 1 || 1 / x == 1)") == "true");
  CHECK(run("[0, 1].exists(x, 1 / x == 1)") == "true"); // an error item does not hide a true one
  CHECK(run("[0, 1].all(x, 1 / x == 5)") == "false");
  CHECK(run("[0, 1].all(x, 1 / x == 1)") == "error[expr-division-by-zero] division by zero: 1 / 0 @7:21-25");
  // The right side is not evaluated at all: it would exceed the step bound.
  EvalOptions few;
  few.max_steps = 20;
  CHECK(run("false && [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, x > 0)", test_bindings(), few) == "false");
  CHECK(run("true && [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, x > 0)", test_bindings(), few) ==
        "error[expr-too-costly] evaluation needs more than 20 steps @7:7-59");
}

TEST_CASE("expr: a missing fact is unknown, with its path", "[expr][evaluator][unknown]")
{
  CHECK(gappy("network.dns_ttl_seconds > 300") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("network.load_balancer == 'haproxy'") == "unknown(network.load_balancer)");
  // A missing section: the needed fact is the field, not the section.
  CHECK(gappy("primary.usage.memory_percent > 70") == "unknown(primary.usage.memory_percent)");
  CHECK(gappy("primary") == "unknown(primary)");
  // Through a macro variable and an index, the concrete path of the item.
  CHECK(gappy("plan.replicas.exists(r, r.latency_ms > 70)") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas[1].latency_ms") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.filter(r, r.type == 'active')[1].latency_ms > 1") ==
        "unknown(plan.replicas[1].latency_ms)");
  // A missing list: indexing it still needs the list.
  CHECK(gappy("plan.failover_via == 'dns'") == "unknown(plan.failover_via)");
  Bindings no_replicas = gappy_bindings();
  no_replicas["plan"] = Value::map({{"topology", Value::string("ha")}});
  CHECK(run("plan.replicas[0].latency_ms > 1", no_replicas) == "unknown(plan.replicas)");
  CHECK(run("plan.replicas.exists(r, r.latency_ms > 1)", no_replicas) == "unknown(plan.replicas)");
  CHECK(run("size(plan.replicas) > 1", no_replicas) == "unknown(plan.replicas)");
  // An identifier without a binding, and a null section.
  Bindings unbound = gappy_bindings();
  unbound.erase("developers");
  unbound["network"] = Value::null();
  CHECK(run("developers.total > 1", unbound) == "unknown(developers.total)");
  CHECK(run("network.dns_ttl_seconds > 1", unbound) == "unknown(network.dns_ttl_seconds)");
  // Through `?:`, the path of the branch taken.
  CHECK(gappy("(true ? network : network).dns_ttl_seconds > 300") == "unknown(network.dns_ttl_seconds)");
  CHECK(run("(false ? developers : developers).total > 1", unbound) == "unknown(developers.total)");
}

TEST_CASE("expr: unknown propagates through operators and functions", "[expr][evaluator][unknown]")
{
  CHECK(gappy("network.dns_ttl_seconds + 1") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("-network.dns_ttl_seconds") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("!network.geodns_available && network.dns_ttl_seconds > 1") ==
        "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("network.dns_ttl_seconds == network.dns_ttl_seconds") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("primary.usage.memory_percent > 70 || network.dns_ttl_seconds > 1") ==
        "unknown(network.dns_ttl_seconds, primary.usage.memory_percent)");
  CHECK(gappy("network.load_balancer in ['a', 'b']") == "unknown(network.load_balancer)");
  CHECK(gappy("'a' in [network.load_balancer, 'a']") == "true"); // a known match decides
  CHECK(gappy("'c' in [network.load_balancer, 'a']") == "unknown(network.load_balancer)");
  CHECK(gappy("version_at_least(plan.ghes_version, '3.14')") == "unknown(plan.ghes_version)");
  CHECK(gappy("sum(plan.replicas.map(r, r.latency_ms))") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("max(plan.replicas.map(r, r.latency_ms))") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.map(r, r.latency_ms)") == "[20.0, unknown(plan.replicas[1].latency_ms)]");
  CHECK(gappy("size(plan.replicas.map(r, r.latency_ms))") == "2"); // the count is known
  CHECK(gappy("size(primary.usage)") == "unknown(primary.usage)");
  CHECK(gappy("plan.failover_via == 'dns' ? 1 : 2") == "unknown(plan.failover_via)");
  // An unknown wins over an error: once the fact is given, false might absorb the error.
  CHECK(gappy("1 / 0 > 1 && network.dns_ttl_seconds > 1") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("network.dns_ttl_seconds / 0") == "unknown(network.dns_ttl_seconds)");
}

TEST_CASE("expr: false && unknown is false, true || unknown is true", "[expr][evaluator][unknown]")
{
  CHECK(gappy("topology == 'standalone' && network.dns_ttl_seconds > 300") == "false");
  CHECK(gappy("network.dns_ttl_seconds > 300 && topology == 'standalone'") == "false");
  CHECK(gappy("network.dns_ttl_seconds > 300 || topology == 'ha'") == "true");
  CHECK(gappy("network.dns_ttl_seconds > 300 && topology == 'ha'") == "unknown(network.dns_ttl_seconds)");
  CHECK(gappy("network.dns_ttl_seconds > 300 || topology == 'standalone'") ==
        "unknown(network.dns_ttl_seconds)");
}

TEST_CASE("expr: macros decide despite unknown items when they can", "[expr][evaluator][unknown]")
{
  CHECK(gappy("plan.replicas.exists(r, r.latency_ms > 10)") == "true");
  CHECK(gappy("plan.replicas.exists(r, r.latency_ms > 70)") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.all(r, r.latency_ms > 70)") == "false");
  CHECK(gappy("plan.replicas.all(r, r.latency_ms > 10)") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.exists_one(r, r.latency_ms > 10)") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.filter(r, r.latency_ms > 10)") == "unknown(plan.replicas[1].latency_ms)");
  CHECK(gappy("plan.replicas.filter(r, r.type == 'active').size()") == "2");
}

TEST_CASE("expr: has() tells whether a fact is present and known, never unknown",
          "[expr][evaluator][unknown]")
{
  CHECK(gappy("has(network.geodns_available)") == "true");
  CHECK(gappy("has(network.dns_ttl_seconds)") == "false");
  CHECK(gappy("has(network.load_balancer)") == "false"); // explicitly unknown
  CHECK(gappy("has(primary.usage.cpu_percent)") == "false");
  CHECK(gappy("has(plan.replicas)") == "true");
  CHECK(gappy("plan.replicas.all(r, has(r.latency_ms))") == "false");
  CHECK(gappy("!has(network.dns_ttl_seconds) || network.dns_ttl_seconds > 300") == "true");
  CHECK(run("has(anything.foo)") == "error[expr-type] has() cannot look for field 'foo' in an int @7:11-22");
}

TEST_CASE("expr: run-time errors carry a code, a whole message and the sub-expression", "[expr][evaluator]")
{
  CHECK(run("developers.total / (developers.active - 3500) > 1") ==
        "error[expr-division-by-zero] division by zero: 4000 / 0 @7:7-51");
  CHECK(run("developers.total > 1 && developers.total % (developers.active - 3500) == 0") ==
        "error[expr-division-by-zero] modulo by zero: 4000 % 0 @7:31-75");
  CHECK(run("primary.usage.memory_percent / 0.0") ==
        "error[expr-division-by-zero] division by zero: 72.5 / 0.0 @7:7-40");
  CHECK(run("9223372036854775807 + 1") ==
        "error[expr-overflow] integer overflow: 9223372036854775807 + 1 does not fit in 64 bits @7:7-29");
  CHECK(run("-9223372036854775807 - 2") ==
        "error[expr-overflow] integer overflow: -9223372036854775807 - 2 does not fit in 64 bits @7:7-30");
  CHECK(run("4611686018427387904 * 2") ==
        "error[expr-overflow] integer overflow: 4611686018427387904 * 2 does not fit in 64 bits @7:7-29");
  CHECK(run("-9223372036854775808 / -1") ==
        "error[expr-overflow] integer overflow: -9223372036854775808 / -1 does not fit in 64 bits @7:7-31");
  CHECK(run("-9223372036854775808 % -1") == "0");
  CHECK(run("-(-9223372036854775807 - 1)") ==
        "error[expr-overflow] integer overflow: -(-9223372036854775808) does not fit in 64 bits @7:7-33");
  CHECK(run("1e308 * 10.0") ==
        "error[expr-overflow] double overflow: 1e+308 * 10.0 does not fit in a double @7:7-18");
  CHECK(run("plan.replicas[2].latency_ms") ==
        "error[expr-index] index 2 is out of range for a list of 2 items @7:7-22");
  CHECK(run("tags[-1]") == "error[expr-index] index -1 is out of range for a list of 2 items @7:7-14");
  CHECK(run("[5][1]") == "error[expr-index] index 1 is out of range for a list of 1 item @7:7-12");
}

TEST_CASE("expr: run-time type errors on dyn values", "[expr][evaluator]")
{
  // `anything` is a dyn bound to the int 7.
  CHECK(run("anything.foo") == "error[expr-type] cannot select field 'foo' of an int @7:7-18");
  CHECK(run("anything && true") == "error[expr-type] '&&' needs bool operands, found an int @7:7-14");
  CHECK(run("!anything") == "error[expr-type] '!' needs a bool, found an int @7:8-15");
  CHECK(run("-('x' + anything)") == "error[expr-type] cannot add string and int with '+' @7:9-22");
  CHECK(run("anything[0]") == "error[expr-type] cannot index an int @7:7-17");
  CHECK(run("tags[anything - 6.5]") ==
        "error[expr-type] a list index must be an int, found a double @7:12-25");
  CHECK(run("size(anything)") ==
        "error[expr-type] cannot call size(int); expected size(list), size(string) or size(map) @7:7-20");
  CHECK(run("anything.exists(x, true)") == "error[expr-type] exists() needs a list, found an int @7:7-14");
  CHECK(run("[anything].exists(x, x)") ==
        "error[expr-type] the condition of exists() must be a bool, found an int @7:28-28");
  CHECK(run("anything ? 1 : 2") ==
        "error[expr-type] the condition of '?:' must be a bool, found an int @7:7-14");
  CHECK(run("anything < 'a'") == "error[expr-type] cannot compare int and string with '<' @7:7-20");
  CHECK(run("1 in anything") ==
        "error[expr-type] 'in' needs a list or a map on the right, found an int @7:7-19");
  CHECK(run("anything % 2.0 == 1") ==
        "compile error: rules/failover/ha-dns-ttl.yaml:7:7: error: '%' needs ints, "
        "found dyn and double [expr-type]\n"
        " 7 | when: anything % 2.0 == 1\n"
        "   |       ^~~~~~~~~~~~~~\n");
  CHECK(run("[anything, 2.5][1] % 2 == 1") ==
        "error[expr-type] '%' needs ints, found double and int @7:7-28");
}

TEST_CASE("expr: a double-typed fact given as an int reads as a double", "[expr][evaluator]")
{
  Bindings b = test_bindings();
  Value seventy = Value::integer(70);
  seventy.origin = diag::span("env.yaml", 12, 21, 2);
  b["primary"] = Value::map({{"usage", Value::map({{"memory_percent", seventy}})}});
  CHECK(run("primary.usage.memory_percent / 3", b) == "23.333333333333332");
  Compiled c = compile_in_rule("primary.usage.memory_percent");
  REQUIRE(c.program);
  Result r = evaluate(*c.program, b);
  CHECK(r.value.to_string() == "70.0");
  CHECK(r.value.origin == diag::span("env.yaml", 12, 21, 2)); // still points at the fact
}

TEST_CASE("expr: results keep the origin of the fact they read", "[expr][evaluator]")
{
  Bindings b = test_bindings();
  Value ttl = Value::integer(3600);
  ttl.origin = diag::span("env.yaml", 9, 20, 4);
  b["network"] = Value::map({{"dns_ttl_seconds", ttl}});
  Compiled c = compile_in_rule("topology == 'ha' ? network.dns_ttl_seconds : 0");
  REQUIRE(c.program);
  Result r = evaluate(*c.program, b);
  REQUIRE_FALSE(r.error);
  CHECK(r.value.as_int() == 3600);
  CHECK(r.value.origin.to_string() == "env.yaml:9:20");
}

TEST_CASE("expr: the engine can name the concrete path of a bound item", "[expr][evaluator][unknown]")
{
  Bindings b = test_bindings();
  b["anything"] = Value::map({{"name", Value::string("r2")}});
  EvalOptions options;
  options.variable_paths = {{"anything", "plan.replicas[1]"}};
  CHECK(run("anything.latency_ms > 70", b, options) == "unknown(plan.replicas[1].latency_ms)");
  b.erase("anything");
  CHECK(run("anything.latency_ms > 70", b, options) == "unknown(plan.replicas[1].latency_ms)");
}

TEST_CASE("expr: one variable can be bound to a borrowed item, with its concrete path",
          "[expr][evaluator][unknown]")
{
  Bindings b = test_bindings();
  b["anything"] = Value::integer(7); // the variable wins over a binding of the same name
  const Value item = Value::map({{"name", Value::string("r2")}, {"latency_ms", Value::null()}});
  EvalOptions options;
  options.variable = "anything";
  options.variable_value = &item;
  options.variable_path = "plan.replicas[1]";
  CHECK(run("anything.name", b, options) == "\"r2\"");
  CHECK(run("anything.zone == 'dc2'", b, options) == "unknown(plan.replicas[1].zone)");
  CHECK(run("anything.latency_ms > 70", b, options) ==
        "error[expr-type] cannot compare null and int with '>' @7:7-30");
  CHECK(run("[anything].exists(x, x.zone == 'dc2')", b, options) ==
        "unknown(zone)"); // an item of a computed list has no fact path
}

TEST_CASE("expr: evaluation is bounded in steps, never loops", "[expr][evaluator][bounds]")
{
  Bindings b = test_bindings();
  Value::List many;
  for (int i = 0; i < 1000; ++i)
    many.push_back(Value::integer(i));
  b["anything"] = Value::list(many);
  // 10^9 iterations without the bound; stops after the default 1,000,000 steps.
  CHECK(run("anything.all(a, anything.all(b, anything.all(c, a + b + c >= 0)))", b) ==
        "error[expr-too-costly] evaluation needs more than 1000000 steps @7:7-71");
  EvalOptions roomy;
  roomy.max_steps = 10'000'000;
  CHECK(run("anything.all(a, anything.all(b, a + b >= 0))", b, roomy) == "true");
}

TEST_CASE("expr: values built with + are bounded in size", "[expr][evaluator][bounds][hostile]")
{
  // 26 nested variables, each doubling the string before: 128 MiB without the bound.
  std::string doubling = "s26 != \"\"";
  for (int i = 26; i > 0; --i)
    doubling = "[s" + std::to_string(i - 1) + " + s" + std::to_string(i - 1) + "].exists(s" +
               std::to_string(i) + ", " + doubling + ")";
  doubling = "[\"ab\"].exists(s0, " + doubling + ")";
  CHECK(run(doubling) == "error[expr-too-costly] the result would be a string of 2097152 bytes; the limit is "
                         "1048576 bytes @7:453-461");
  Bindings b = test_bindings();
  b["anything"] = Value::list(Value::List(60'000, Value::integer(1)));
  CHECK(run("size(anything + anything) > 0", b) == "error[expr-too-costly] the result would be a list of "
                                                   "120000 items; the limit is 100000 items @7:12-30");
  CHECK(run("size(anything + [1]) > 0", b) == "true");
}

TEST_CASE("expr: every value an evaluation builds counts against one size budget",
          "[expr][evaluator][bounds][hostile]")
{
  Bindings b = test_bindings();
  // 100 copies of a 1 MiB string, each under the per-string bound: 100 MiB in total.
  b["anything"] = Value::string(std::string(k_max_string_bytes, 'x'));
  std::string hundred = "[";
  for (int i = 0; i < 100; ++i)
    hundred += i == 0 ? "0" : ", 0";
  hundred += "]";
  CHECK(run("size(" + hundred + ".map(x, anything)) > 0", b) ==
        "error[expr-too-costly] evaluation builds more than 67108864 bytes of values in total @7:12-" +
            std::to_string(12 + hundred.size() + 17 - 1));
  // The same through a list literal, filter(), a copied part and a builtin result.
  CHECK(run("size([anything, anything, anything]) > 0", b) == "true");
  std::string literal = "[anything";
  for (int i = 1; i < 70; ++i)
    literal += ", anything";
  literal += "]";
  CHECK(run("size(" + literal + ") > 0", b) ==
        "error[expr-too-costly] evaluation builds more than 67108864 bytes of values in total @7:12-" +
            std::to_string(12 + literal.size() - 1));
  CHECK(run(literal.substr(0, 30) + "].filter(s, true).size() > 0", b) == "true");
  // A string past the per-value bound made by a builtin is refused at the call.
  b["anything"] = Value::string(std::string(k_max_string_bytes + 1, 'x'));
  CHECK(run("string(anything) != ''", b) == "error[expr-too-costly] the result would be a string of 1048577 "
                                            "bytes; the limit is 1048576 bytes @7:7-22");
}

TEST_CASE("expr: evaluating a program that was never compiled is an error, not a crash", "[expr][evaluator]")
{
  Program empty;
  Result r = evaluate(empty, Bindings{});
  REQUIRE(r.error);
  CHECK(r.error->code == "expr-type");
  CHECK(r.error->message == "the expression was not compiled");
}

TEST_CASE("expr: evaluation never throws, whatever a dyn value holds", "[expr][evaluator][bounds]")
{
  const std::vector<std::string> expressions = {"anything + 1",
                                                "anything - 1.5",
                                                "anything * anything",
                                                "anything / 0",
                                                "anything % 3",
                                                "-anything",
                                                "!anything",
                                                "anything && true",
                                                "anything || false",
                                                "anything ? 1 : 2",
                                                "anything < 1",
                                                "anything >= 'a'",
                                                "anything == null",
                                                "anything != [1]",
                                                "1 in anything",
                                                "'a' in anything",
                                                "anything.x.y",
                                                "anything[0]",
                                                "anything['k']",
                                                "anything[anything]",
                                                "size(anything)",
                                                "anything.size()",
                                                "min(anything)",
                                                "max(anything)",
                                                "sum(anything)",
                                                "abs(anything)",
                                                "percent(anything, anything)",
                                                "anything.startsWith('a')",
                                                "anything.contains(anything)",
                                                "int(anything)",
                                                "double(anything)",
                                                "string(anything)",
                                                "version_at_least(anything, '3.14')",
                                                "version_minor(anything)",
                                                "has(anything.x)",
                                                "anything.exists(x, x)",
                                                "anything.all(x, x > 1)",
                                                "anything.exists_one(x, x == 1)",
                                                "anything.filter(x, x)",
                                                "anything.map(x, x + 1)",
                                                "anything.map(x, x, x)",
                                                "[anything, anything] == [anything, 1]"};
  Value::List mixed{Value::integer(1),    Value::string("a"), Value::null(), Value::unknown({"u"}),
                    Value::boolean(true), Value::list({}),    Value::map({})};
  const std::vector<Value> values = {Value::null(),
                                     Value::unknown({"anything"}),
                                     Value::boolean(true),
                                     Value::integer(std::numeric_limits<std::int64_t>::min()),
                                     Value::integer(0),
                                     Value::decimal(std::numeric_limits<double>::quiet_NaN()),
                                     Value::decimal(std::numeric_limits<double>::max()),
                                     Value::string(""),
                                     Value::string("3.14.x"),
                                     Value::list(mixed),
                                     Value::list({}),
                                     Value::map({{"x", Value::map({})}, {"k", Value::null()}})};
  for (const auto& text : expressions) {
    Compiled c = compile_in_rule(text);
    INFO(text << "\n" << c.diagnostics);
    REQUIRE(c.program);
    for (const auto& v : values) {
      Bindings b = test_bindings();
      b["anything"] = v;
      INFO("anything = " << v.to_string());
      Result r;
      CHECK_NOTHROW(r = evaluate(*c.program, b));
      if (r.error) {
        CHECK_FALSE(r.error->code.empty());
        CHECK_FALSE(r.error->message.empty());
        CHECK(r.error->where.line == 7);
      }
    }
  }
}

TEST_CASE("expr: fact paths read through a cache give what reading the bindings gives",
          "[expr][evaluator][cache]")
{
  // Every expression on the same bindings, first without a cache, then all sharing one cache
  // (twice: filled, then full), including missing sections, missing and unknown fields, a
  // null section, macro variables and for_each variables that shadow environment names.
  const std::vector<std::string> texts = {
      "network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds",
      "network.load_balancer == 'haproxy'",
      "network.geodns_available || topology == 'ha'",
      "primary.usage.memory_percent > 50.0",
      "primary.cpus * 2",
      "plan.failover_via == 'dns'",
      "plan.ghes_version",
      "has(primary.usage.cpu_percent) && has(network.dns_ttl_seconds)",
      "plan.replicas.exists(r, r.latency_ms > params.geography.max_replica_latency_ms)",
      "plan.replicas.filter(r, r.type == 'active').size()",
      "developers.total / developers.active",
      "size(tags) + anything",
      "network",
      "primary.usage",
  };
  Bindings holes = gappy_bindings();
  holes["developers"] = Value::null();
  for (const Bindings& bindings : {test_bindings(), holes}) {
    std::vector<std::string> plain;
    for (const auto& text : texts)
      plain.push_back(run(text, bindings));
    FactCache cache;
    EvalOptions cached;
    cached.cache = &cache;
    for (int round = 0; round < 2; ++round)
      for (std::size_t i = 0; i < texts.size(); ++i)
        CHECK(run(texts[i], bindings, cached) == plain[i]);
  }
  CHECK(run("primary.usage.memory_percent > 50.0") == "true");
  CHECK(gappy("network.dns_ttl_seconds > 1") == "unknown(network.dns_ttl_seconds)");

  // A for_each variable named like a binding is read, not the cached binding.
  const Bindings bindings = test_bindings(); // one object for the cache's life
  FactCache cache;
  EvalOptions options;
  options.cache = &cache;
  CHECK(run("network.dns_ttl_seconds", bindings, options) == "600");
  const Value item = Value::map({{"dns_ttl_seconds", Value::integer(5)}});
  options.variable = "network";
  options.variable_value = &item;
  options.variable_path = "plan.replicas[0]";
  CHECK(run("network.dns_ttl_seconds", bindings, options) == "5");
  options.variable_value = nullptr;
  CHECK(run("network.dns_ttl_seconds", bindings, options) == "600");

  // The step bound counts the nodes of a path read from the cache.
  EvalOptions bounded;
  bounded.max_steps = 3;
  const std::string deep = "primary.usage.memory_percent > 50.0";
  const std::string expected = "error[expr-too-costly] evaluation needs more than 3 steps @7:7-41";
  CHECK(run(deep, bindings, bounded) == expected);
  bounded.cache = &cache;
  CHECK(run(deep, bindings, bounded) == expected); // fills the cache
  CHECK(run(deep, bindings, bounded) == expected); // reads it
  bounded.max_steps = 5;
  CHECK(run(deep, bindings, bounded) == "true");
}

TEST_CASE("expr: a fact path's id is the same built from its text or field by field",
          "[expr][program][cache]")
{
  const int network = fact_field_id(-1, "network");
  CHECK(network == fact_path_id("network"));
  const int balancer = fact_field_id(network, "load_balancer");
  CHECK(balancer == fact_path_id("network.load_balancer"));
  CHECK(fact_field_id(balancer, "present") == fact_path_id("network.load_balancer.present"));
  CHECK(fact_field_id(network, "load_balancer") == balancer); // the same id again
  CHECK(fact_field_id(-1, "load_balancer") != balancer);      // a root is not a field
}

TEST_CASE("expr: a program's tree marks its environment fact paths", "[expr][program][cache]")
{
  Compiled c = compile_in_rule("primary.usage.memory_percent > 1.0 && plan.replicas.all(r, r.name != '')");
  REQUIRE(c.program);
  const Node& root = *c.program->tree();
  const Node& compare = *root.children[0];
  const Node& memory = *compare.children[0];
  CHECK(memory.fact == fact_path_id("primary.usage.memory_percent"));
  CHECK(memory.fact_depth == 3);
  CHECK(memory.children[0]->fact == fact_path_id("primary.usage"));
  CHECK(memory.children[0]->children[0]->fact == fact_path_id("primary"));
  CHECK(memory.children[0]->children[0]->fact_depth == 1);
  CHECK(compare.fact == -1);
  CHECK(compare.children[1]->fact == -1); // a literal
  const Node& all = *root.children[1];
  CHECK(all.children[0]->fact == fact_path_id("plan.replicas"));
  const Node& name = *all.children[2]->children[0]; // r.name: through a macro variable
  CHECK(name.kind == NodeKind::select);
  CHECK(name.fact == -1);
  CHECK(name.children[0]->fact == -1);
  CHECK(fact_path_id("primary.usage") == fact_path_id(std::string("primary.") + "usage"));
  CHECK(fact_path_id("primary.usage") != fact_path_id("primary"));
}

TEST_CASE("expr: size() of a filter() counts the kept items as the built list would",
          "[expr][evaluator][filter]")
{
  // `[] + l.filter(...)` builds the list; `size(l.filter(...))` only counts.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plan.replicas.filter(r, r.type == 'active')", "1"},
      {"plan.replicas.filter(r, r.latency_ms > 10.0)", "2"},
      {"plan.replicas.filter(r, r.name == 'none')", "0"},
      {"tags.filter(t, t != 'x')", "2"},
  };
  for (const auto& [filter, count] : cases) {
    CHECK(run("size(" + filter + ")") == count);
    CHECK(run(filter + ".size()") == count);
    CHECK(run("size([] + " + filter + ")") == count);
  }
  // Unknown items or range: the same unknown; an error in the predicate: the same error.
  CHECK(gappy("size(plan.replicas.filter(r, r.latency_ms > 10.0))") ==
        gappy("size([] + plan.replicas.filter(r, r.latency_ms > 10.0))"));
  CHECK(gappy("size(plan.replicas.filter(r, r.latency_ms > 10.0))") ==
        "unknown(plan.replicas[1].latency_ms)");
  CHECK(run("size(network.unknown_list.filter(x, x > 1))").starts_with("compile error"));
  Bindings b = test_bindings();
  b["anything"] = Value::list({Value::integer(1), Value::integer(0)});
  // (the same error, five columns further right in the longer text)
  CHECK(run("size([] + anything.filter(x, 10 / x > 1))", b) ==
        "error[expr-division-by-zero] division by zero: 10 / 0 @7:36-41");
  CHECK(run("size(anything.filter(x, 10 / x > 1))", b) ==
        "error[expr-division-by-zero] division by zero: 10 / 0 @7:31-36");

  // The same steps: the call, the filter, the range (2 nodes), then per item one step and the
  // predicate's 4 nodes.
  EvalOptions bounded;
  bounded.max_steps = 14;
  CHECK(run("size(plan.replicas.filter(r, r.type == 'active'))", test_bindings(), bounded) == "1");
  bounded.max_steps = 13;
  CHECK(run("size(plan.replicas.filter(r, r.type == 'active'))", test_bindings(), bounded) ==
        "error[expr-too-costly] evaluation needs more than 13 steps @7:7-55");
}

TEST_CASE("expr: a list of literals read as a range or by 'in' is built once, same steps and results",
          "[expr][evaluator][constant]")
{
  Compiled c = compile_in_rule(
      "['eu', 'us'].exists(t, t in tags) && !('x' in ['y', 'z']) && size(['a'] + ['b']) == 2");
  REQUIRE(c.program);
  REQUIRE(c.program->tree() != nullptr);
  const auto flat = flatten(c.program->root); // the constants are the evaluator's records'
  const FlatNode& root = flat->nodes[0];
  const FlatNode& range = child(child(root, 0), 0);
  REQUIRE(range.value() != nullptr);
  CHECK(range.value()->to_string() == "[\"eu\", \"us\"]");
  const FlatNode& in_list = child(child(child(root, 1), 0), 1);
  REQUIRE(in_list.value() != nullptr);
  CHECK(in_list.value()->to_string() == "[\"y\", \"z\"]");
  const FlatNode& concatenation = child(child(child(root, 2), 0), 0);
  REQUIRE(concatenation.kind == NodeKind::binary);
  CHECK(child(concatenation, 0).kind == NodeKind::list);
  CHECK(child(concatenation, 0).value() == nullptr); // built: `+` makes a new list of it
  CHECK(evaluate(*c.program, test_bindings()).value.to_string() == "true");
  CHECK(run("['eu', 'us'].filter(t, !(t in tags))") == "[\"us\"]");
  CHECK(run("[1, 2, 3].map(x, x * 2)") == "[2, 4, 6]");

  // The steps of building it: `in`, its left side, the list and its two items.
  EvalOptions bounded;
  bounded.max_steps = 5;
  CHECK(run("'eu' in ['us', 'eu']", test_bindings(), bounded) == "true");
  bounded.max_steps = 4;
  CHECK(run("'eu' in ['us', 'eu']", test_bindings(), bounded) ==
        "error[expr-too-costly] evaluation needs more than 4 steps @7:7-26");
}
