// SPDX-License-Identifier: Apache-2.0
// Tests for the expression parser: CEL precedence, node ranges, syntax errors and the nesting bound.
#include "expr_test_support.hpp"

#include "ghes_topology/expr/lexer.hpp"
#include "ghes_topology/expr/parser.hpp"

#include <catch2/catch.hpp>

using namespace expr_test;

namespace {

// The fully parenthesised tree of `text`, or the rendered diagnostics.
std::string tree(std::string_view text, int max_depth = 64)
{
  diag::DiagnosticBag bag;
  SourcePositions positions(text, {"t", 1, 1, 1, 1}, 1);
  auto tokens = lex(text, positions, bag);
  if (!tokens)
    return "lex error";
  auto root = parse(*tokens, max_depth, bag);
  if (!root) {
    REQUIRE(bag.error_count() == 1);
    return bag.all().front().code + ": " + bag.all().front().message;
  }
  REQUIRE(bag.empty());
  return to_string(*root);
}

NodePtr parse_ok(std::string_view text)
{
  diag::DiagnosticBag bag;
  SourcePositions positions(text, {"t", 3, 10, 3, 10}, 1);
  auto tokens = lex(text, positions, bag);
  REQUIRE(tokens);
  auto root = parse(*tokens, 64, bag);
  REQUIRE(root);
  return root;
}

std::string range(const diag::Location& where)
{
  return std::to_string(where.line) + ":" + std::to_string(where.column) + "-" +
         std::to_string(where.end_line) + ":" + std::to_string(where.end_column);
}

} // namespace

TEST_CASE("expr: operators follow CEL precedence", "[expr][parser]")
{
  CHECK(tree("a || b && c") == "(a || (b && c))");
  CHECK(tree("a && b || c") == "((a && b) || c)");
  CHECK(tree("a == b && c != d") == "((a == b) && (c != d))");
  CHECK(tree("a < b + c") == "(a < (b + c))");
  CHECK(tree("a + b * c - d / e % f") == "(a + (b * c) - (d / e % f))");
  CHECK(tree("a - b - c") == "(a - b - c)"); // one left-to-right level: ((a - b) - c)
  CHECK(tree("!a && b") == "((!a) && b)");
  CHECK(tree("-a * b") == "((-a) * b)");
  CHECK(tree("!a.b") == "(!a.b)");
  CHECK(tree("-x[0].y") == "(-x[0].y)");
  CHECK(tree("a in b || c") == "((a in b) || c)");
  CHECK(tree("a + 1 in b") == "((a + 1) in b)");
  CHECK(tree("a ? b : c || d") == "(a ? b : (c || d))");
  CHECK(tree("a || b ? c : d") == "((a || b) ? c : d)");
  CHECK(tree("a ? b : c ? d : e") == "(a ? b : (c ? d : e))");
  CHECK(tree("a ? b ? 1 : 2 : 3") == "expr-syntax: expected ':' of the conditional '?:' but found '?'");
}

TEST_CASE("expr: members, calls, indexes and literals", "[expr][parser]")
{
  CHECK(tree("a.b.c") == "a.b.c");
  CHECK(tree("a.b(1, 'x').c[0][i + 1]") == "a.b(1, \"x\").c[0][(i + 1)]");
  CHECK(tree("size(x) + f()") == "(size(x) + f())");
  CHECK(tree("l.exists(r, r.t == 'a')") == "l.exists(r, (r.t == \"a\"))");
  CHECK(tree("[1, 2.5, 'x', true, null, [],]") == "[1, 2.5, \"x\", true, null, []]");
  CHECK(tree("(((a)))") == "a");
  CHECK(tree("-5 + -2.5") == "(-5 + -2.5)"); // negative literals are folded
  CHECK(tree("-9223372036854775808") == "-9223372036854775808");
  CHECK(tree("- -5") == "(--5)");
  CHECK(tree("-5.size()") == "(-5.size())"); // a member binds tighter than '-'
  CHECK(tree("!!a") == "(!(!a))");
  CHECK(tree("a // comment\n  && b") == "(a && b)");
}

TEST_CASE("expr: nodes keep their file ranges", "[expr][parser]")
{
  auto root = parse_ok("(a + b) > c.d && size(x)");
  CHECK(range(root->where) == "3:10-3:33");
  const Node& relation = *root->children[0];
  CHECK(range(relation.where) == "3:10-3:22");
  CHECK(range(relation.tokens->op_where[0]) == "3:18-3:18");
  CHECK(range(relation.children[0]->where) == "3:10-3:16"); // includes the parentheses
  CHECK(range(relation.children[1]->where) == "3:20-3:22");
  CHECK(range(relation.children[1]->name_where()) == "3:22-3:22");
  const Node& call = *root->children[1];
  CHECK(range(call.where) == "3:27-3:33");
  CHECK(range(call.name_where()) == "3:27-3:30");
}

TEST_CASE("expr: syntax errors name what was expected and what was found", "[expr][parser]")
{
  CHECK(errors("(network.dns_ttl_seconds > 300") ==
        "rules/failover/ha-dns-ttl.yaml:7:37: error: expected ')' but found end of expression [expr-syntax]\n"
        " 7 | when: (network.dns_ttl_seconds > 300\n"
        "   |                                     ^\n");
  CHECK(errors("network.dns_ttl_seconds > 300 300") == "rules/failover/ha-dns-ttl.yaml:7:37: error: expected "
                                                       "an operator or the end of the expression but found "
                                                       "number 300 [expr-syntax]\n"
                                                       " 7 | when: network.dns_ttl_seconds > 300 300\n"
                                                       "   |                                     ^~~\n");
  CHECK(errors("network.dns_ttl_seconds >") ==
        "rules/failover/ha-dns-ttl.yaml:7:32: error: expected an expression but found end of expression "
        "[expr-syntax]\n"
        " 7 | when: network.dns_ttl_seconds >\n"
        "   |                                ^\n");
  CHECK(errors("network. > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:16: error: expected a field or method name "
        "after '.' but found '>' [expr-syntax]\n"
        " 7 | when: network. > 1\n"
        "   |                ^\n");
  CHECK(errors("tags[0 == 'x'") ==
        "rules/failover/ha-dns-ttl.yaml:7:20: error: expected ']' but found end of expression [expr-syntax]\n"
        " 7 | when: tags[0 == 'x'\n"
        "   |                    ^\n");
  CHECK(errors("size(tags 1)") == "rules/failover/ha-dns-ttl.yaml:7:17: error: expected ',' or ')' in the "
                                  "arguments of size() but found number 1 [expr-syntax]\n"
                                  " 7 | when: size(tags 1)\n"
                                  "   |                 ^\n");
  CHECK(errors("[1, 2 3]") ==
        "rules/failover/ha-dns-ttl.yaml:7:13: error: expected ',' or ']' in the list but "
        "found number 3 [expr-syntax]\n"
        " 7 | when: [1, 2 3]\n"
        "   |             ^\n");
  CHECK(errors("topology == 'ha' ? 1") == "rules/failover/ha-dns-ttl.yaml:7:27: error: expected ':' of the "
                                          "conditional '?:' but found end of expression [expr-syntax]\n"
                                          " 7 | when: topology == 'ha' ? 1\n"
                                          "   |                           ^\n");
  CHECK(errors(".network") == "rules/failover/ha-dns-ttl.yaml:7:7: error: unexpected '.': a name is expected "
                              "before '.' [expr-syntax]\n"
                              " 7 | when: .network\n"
                              "   |       ^\n");
  CHECK(errors("if(true)") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: 'if' is a reserved word and cannot be "
        "used as a name [expr-syntax]\n"
        " 7 | when: if(true)\n"
        "   |       ^~\n");
  CHECK(errors("9223372036854775808 > 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: integer literal 9223372036854775808 is out of range "
        "[expr-syntax]\n"
        " 7 | when: 9223372036854775808 > 1\n"
        "   |       ^~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("") == "rules/failover/ha-dns-ttl.yaml:7:7: error: expected an expression but found end of "
                      "expression [expr-syntax]\n"
                      " 7 | when: \n"
                      "   |       ^\n");
}

TEST_CASE("expr: nesting up to max_depth parses, one more level is expr-too-deep", "[expr][parser]")
{
  // The whole expression is level 1; each parenthesis adds one.
  CHECK(tree(std::string(63, '(') + "a" + std::string(63, ')')) == "a");
  CHECK(tree(std::string(64, '(') + "a" + std::string(64, ')')) ==
        "expr-too-deep: expression is nested too deeply (more than 64 levels)");
  CHECK(tree(std::string(63, '!') + "a").size() == 63 * 3 + 1);
  CHECK(tree(std::string(64, '!') + "a") ==
        "expr-too-deep: expression is nested too deeply (more than 64 levels)");
  // Member chains do not recurse in the parser but make the tree taller.
  std::string chain = "a";
  for (int i = 0; i < 63; ++i)
    chain += ".b";
  CHECK(tree(chain) == chain);
  CHECK(tree(chain + ".b") == "expr-too-deep: expression is nested too deeply (more than 64 levels)");
  // A long chain of one operator is one level, however long.
  std::string sum = "1";
  for (int i = 0; i < 1000; ++i)
    sum += " + 1";
  CHECK(tree(sum).size() == sum.size() + 2);
  CHECK(tree("((a))", 2) == "expr-too-deep: expression is nested too deeply (more than 2 levels)");
  // max_depth is capped so a large request cannot exhaust the stack.
  CHECK(tree(std::string(300, '(') + "a" + std::string(300, ')'), 100000) ==
        "expr-too-deep: expression is nested too deeply (more than 250 levels)");
}

TEST_CASE("expr: 100,000 nested parentheses or '!' are reported, not a stack overflow",
          "[expr][parser][bounds]")
{
  CompileOptions options;
  options.max_length = 1'000'000;
  const std::string parens = std::string(100'000, '(') + "true" + std::string(100'000, ')');
  // The 65th '(' opens the 65th level.
  CHECK_THAT(
      errors(parens, options),
      Catch::StartsWith(
          "rules/failover/ha-dns-ttl.yaml:7:71: error: expression is nested too deeply (more than 64 levels) "
          "[expr-too-deep]\n"
          " 7 | when: (((((((((((((((("));
  const std::string bangs = std::string(100'000, '!') + "true";
  // The whole expression is level 1, so the 64th '!' is the 65th level.
  CHECK_THAT(errors(bangs, options),
             Catch::StartsWith("rules/failover/ha-dns-ttl.yaml:7:70: error: expression is nested too deeply "
                               "(more than 64 levels) ["));
  std::string brackets;
  for (int i = 0; i < 100'000; ++i)
    brackets += "[";
  CHECK_THAT(errors(brackets, options),
             Catch::StartsWith("rules/failover/ha-dns-ttl.yaml:7:71: error: expression is nested too deeply "
                               "(more than 64 levels) ["));
  std::string calls;
  for (int i = 0; i < 100'000; ++i)
    calls += "size(";
  // The 65th `size(` (at offset 320) is the 65th level.
  CHECK_THAT(errors(calls, options),
             Catch::StartsWith("rules/failover/ha-dns-ttl.yaml:7:327: error: expression is nested too deeply "
                               "(more than 64 levels) "));
}
