// SPDX-License-Identifier: Apache-2.0
// Tests for the built-in functions and macros, their table and its documentation.
#include "expr_test_support.hpp"

#include "ghes_topology/expr/builtins.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace expr_test;

TEST_CASE("expr: size() counts list items, characters and fields", "[expr][builtins]")
{
  CHECK(run("size(tags)") == "2");
  CHECK(run("tags.size()") == "2");
  CHECK(run("size('h\u00e9llo')") == "5"); // code points, not bytes
  CHECK(run("size(network)") == "3");
  CHECK(run("size([])") == "0");
}

TEST_CASE("expr: string and list functions", "[expr][builtins]")
{
  CHECK(run("network.load_balancer.startsWith('ha')") == "true");
  CHECK(run("network.load_balancer.startsWith('proxy')") == "false");
  CHECK(run("network.load_balancer.endsWith('proxy')") == "true");
  CHECK(run("'x'.endsWith('long suffix')") == "false");
  CHECK(run("network.load_balancer.contains('apr')") == "true");
  CHECK(run("tags.contains('eu') && !tags.contains('us')") == "true");
  CHECK(run("[1, 2].contains(2.0)") == "true");
}

TEST_CASE("expr: min, max, sum and abs", "[expr][builtins]")
{
  CHECK(run("min([3, 1, 2])") == "1");
  CHECK(run("max([3, 1, 2])") == "3");
  CHECK(run("min(3, 1, 2)") == "1");
  CHECK(run("max(2, 7)") == "7");
  CHECK(run("max(1, 2.5)") == "2.5");
  CHECK(run("min(1, 2.5)") == "1.0"); // a double among the numbers makes the result a double
  CHECK(run("max(plan.replicas.map(r, r.latency_ms))") == "80.5");
  CHECK(run("sum([1, 2, 3])") == "6");
  CHECK(run("sum([1, 2.5])") == "3.5");
  CHECK(run("sum([])") == "0");
  CHECK(run("sum(plan.replicas.map(r, r.latency_ms))") == "100.5");
  CHECK(run("abs(-3)") == "3");
  CHECK(run("abs(-2.5)") == "2.5");
  CHECK(run("min([])") == "error[expr-empty-list] min() of an empty list @7:7-13");
  CHECK(run("max([])") == "error[expr-empty-list] max() of an empty list @7:7-13");
  CHECK(run("sum([9223372036854775807, 1])") ==
        "error[expr-overflow] sum() overflows a 64-bit integer @7:7-35");
  CHECK(run("sum([1e308, 1e308])") == "error[expr-overflow] sum() overflows a double @7:7-25");
  CHECK(run("abs(-9223372036854775807 - 1)") ==
        "error[expr-overflow] abs(-9223372036854775808) overflows a 64-bit integer @7:7-35");
  CHECK(run("max([1, anything, 'x'])") ==
        "error[expr-type] max() needs numbers, found a string \"x\" @7:7-29");
}

TEST_CASE("expr: percent()", "[expr][builtins]")
{
  CHECK(run("percent(developers.active, developers.total)") == "87.5");
  CHECK(run("percent(1, 3)") == "33.333333333333336");
  CHECK(run("percent(developers.total, developers.active - 3500)") ==
        "error[expr-division-by-zero] percent(4000, 0) divides by zero @7:7-57");
  CHECK(run("percent(1e308, 0.5)") == "error[expr-overflow] percent(1e+308, 0.5) overflows a double @7:7-25");
}

TEST_CASE("expr: GHES version comparisons", "[expr][builtins]")
{
  CHECK(run("version_at_least(plan.ghes_version, '3.14')") == "true"); // 3.14.2
  CHECK(run("version_at_least(plan.ghes_version, '3.14.2')") == "true");
  CHECK(run("version_at_least(plan.ghes_version, '3.14.3')") == "false");
  CHECK(run("version_at_least(plan.ghes_version, '3.9')") == "true"); // numeric, not text, order
  CHECK(run("version_at_least('3.14', '3.14.1')") == "false");        // a missing patch is 0
  CHECK(run("version_below(plan.ghes_version, '3.15')") == "true");
  CHECK(run("version_below(plan.ghes_version, '3.14')") == "false");
  CHECK(run("version_below('2.22.9', '3.0')") == "true");
  CHECK(run("version_major(plan.ghes_version)") == "3");
  CHECK(run("version_minor(plan.ghes_version)") == "14");
  CHECK(run("version_at_least(plan.ghes_version + '-rc1', '3.14')") ==
        "error[expr-bad-version] version_at_least(): '3.14.2-rc1' is not a GHES version (expected a version "
        "like "
        "'3.14' or '3.14.2') @7:7-58");
  CHECK(run("version_minor(network.load_balancer)") ==
        "error[expr-bad-version] version_minor(): 'haproxy' is not a GHES version (expected a version like "
        "'3.14' "
        "or '3.14.2') @7:7-42");
}

TEST_CASE("expr: parse_version accepts major.minor[.patch] only", "[expr][builtins]")
{
  using V = std::array<int, 3>;
  CHECK(parse_version("3.14") == V{3, 14, 0});
  CHECK(parse_version("3.14.2") == V{3, 14, 2});
  CHECK(parse_version("10.0.11") == V{10, 0, 11});
  for (const char* bad :
       {"", "3", "3.", ".14", "3.14.", "3.14.2.1", "v3.14", "3.14-rc1", "3.x", " 3.14", "3..14", "3.1234567"})
    CHECK_FALSE(parse_version(bad));
}

TEST_CASE("expr: conversions", "[expr][builtins]")
{
  CHECK(run("int('42') + int(3.9) + int(-3.9)") == "42");
  CHECK(run("int(-42)") == "-42");
  CHECK(run("double('2.5') + double(1)") == "3.5");
  CHECK(run("string(4.5) + string(3) + string(true) + string('x')") == "\"4.53truex\"");
  CHECK(run("string(3.0)") == "\"3.0\"");
  CHECK(run("int('4x')") == "error[expr-conversion] int(): \"4x\" is not an integer @7:7-15");
  CHECK(run("int('')") == "error[expr-conversion] int(): \"\" is not an integer @7:7-13");
  CHECK(run("double('x')") == "error[expr-conversion] double(): \"x\" is not a number @7:7-17");
  CHECK(run("int(1e30)") == "error[expr-overflow] int(1e+30) is out of the 64-bit integer range @7:7-15");
}

TEST_CASE("expr: the built-in table is well formed", "[expr][builtins]")
{
  std::set<std::string_view> names;
  for (const auto& b : builtins()) {
    INFO(b.name);
    CHECK(names.insert(b.name).second);
    CHECK_FALSE(b.doc.empty());
    CHECK(find_builtin(b.name) == &b);
    if (b.kind == BuiltinKind::macro) {
      CHECK(b.impl == nullptr);
      CHECK_FALSE(b.forms.empty());
    } else {
      CHECK(b.impl != nullptr);
      CHECK_FALSE(b.overloads.empty());
      for (const auto& o : b.overloads)
        CHECK_FALSE(o.params.empty());
    }
  }
  for (const char* required :
       {"size", "has", "min", "max", "sum", "abs", "startsWith", "endsWith", "contains", "version_at_least",
        "version_below", "percent", "exists", "all", "exists_one", "filter", "map"})
    CHECK(names.count(required) == 1);
  CHECK(find_builtin("nope") == nullptr);
  CHECK(signature(*find_builtin("min"), find_builtin("min")->overloads[1]) ==
        "min(number, number, ...) -> number");
  CHECK(signature(*find_builtin("startsWith"), find_builtin("startsWith")->overloads[0]) ==
        "string.startsWith(string) -> bool");
}

TEST_CASE("expr: docs/expression-language.md shows the built-in table", "[expr][builtins][docs]")
{
  std::ifstream in(GHES_TOPOLOGY_SOURCE_DIR "/docs/expression-language.md", std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string begin = "<!-- builtins:begin -->\n";
  const std::string end = "<!-- builtins:end -->";
  const auto from = doc.find(begin);
  const auto to = doc.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  // On failure, paste the left side between the markers.
  CHECK(builtins_markdown_table() == doc.substr(from + begin.size(), to - from - begin.size()));
}
