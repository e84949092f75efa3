// SPDX-License-Identifier: Apache-2.0
// The evaluator's flat records (expr/flat_tree): one pre-order block per checked tree.
#include "expr_test_support.hpp"

#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/flat_tree.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::expr;
using namespace expr_test;

namespace {

std::string flat(std::string_view text)
{
  Compiled c = compile_in_rule(text);
  INFO(c.diagnostics);
  REQUIRE(c.program);
  REQUIRE(c.program->tree() != nullptr);
  return to_string(*flatten(c.program->root));
}

} // namespace

TEST_CASE("expr: a tree flattens to pre-order records with subtree sizes and operators", "[expr][flat]")
{
  CHECK(flat("network.dns_ttl_seconds > 300 && plan.topology in ['ha', 'cluster']") ==
        "0 binary size=11 op='&&'\n"
        "1 binary size=4 op='>'\n"
        "2 select size=2 name=dns_ttl_seconds fact(2)\n"
        "3 identifier size=1 name=network fact(1)\n"
        "4 literal size=1 value=300 before='>'\n"
        "5 binary size=6 op='in' before='&&'\n"
        "6 select size=2 name=topology fact(2)\n"
        "7 identifier size=1 name=plan fact(1)\n"
        // the right of `in`, only read: a constant built once, its items' bytes counted
        "8 list size=3 value=[\"ha\", \"cluster\"] bytes=" +
            std::to_string(2 * sizeof(Value) + 2 + 7) + " before='in'\n" +
            "9 literal size=1 value=\"ha\"\n"
            "10 literal size=1 value=\"cluster\"\n");
}

TEST_CASE("expr: flat records mark macros, their variables, doubles and counted filters", "[expr][flat]")
{
  CHECK(flat("size(plan.replicas.filter(r, r.latency_ms > 50.0)) > 1") ==
        "0 binary size=11 op='>'\n"
        "1 call size=9 builtin=size size-of-filter\n"
        "2 call size=8 macro=filter slot=0 builtin=filter\n"
        "3 select size=2 name=replicas fact(2)\n"
        "4 identifier size=1 name=plan fact(1)\n"
        "5 identifier size=1 name=r slot=0\n"
        "6 binary size=4 op='>'\n"
        "7 select size=2 name=latency_ms decimal\n"
        "8 identifier size=1 name=r slot=0\n"
        "9 literal size=1 value=50.0 decimal before='>'\n"
        "10 literal size=1 value=1 before='>'\n");
  // A list of literals as a macro's range is a constant; one read otherwise is built each time.
  CHECK(flat("[1, 2].exists(x, x == 2) && [1, 2] == [2, 1]").find("value=[1, 2] bytes=") !=
        std::string::npos);
  CHECK(flat("[1, 2] == [2, 1]").find("value=[") == std::string::npos);
}

TEST_CASE("expr: evaluating flat records gives the tree's locations in errors", "[expr][flat]")
{
  // The error's place is found in the tree only for the message.
  CHECK(run("network.dns_ttl_seconds / (anything - 7) > 1") ==
        "error[expr-division-by-zero] division by zero: 600 / 0 @7:7-46");
  CHECK(run("[1, 'a'].all(x, x > 0)") == "error[expr-type] cannot compare string and int with '>' @7:23-27");
  CHECK(run("[2, 1].map(x, 10 / (x - 1)).size() > 0") ==
        "error[expr-division-by-zero] division by zero: 10 / 0 @7:21-32");
}
