// SPDX-License-Identifier: Apache-2.0
// Tests for the expression lexer: tokens, literal decoding, positions and lexical errors.
#include "expr_test_support.hpp"

#include "ghes_topology/expr/lexer.hpp"

#include <catch2/catch.hpp>

using namespace expr_test;

namespace {

std::vector<Token> lex_ok(std::string_view text, diag::Location base = {"f.yaml", 1, 1, 1, 1},
                          int continuation_column = 1)
{
  diag::DiagnosticBag bag;
  SourcePositions positions(text, base, continuation_column);
  auto tokens = lex(text, positions, bag);
  REQUIRE(tokens);
  REQUIRE(bag.empty());
  return *tokens;
}

// "kind text" of every token but the last (`end`), one per line.
std::string dump(std::string_view text)
{
  std::string out;
  auto tokens = lex_ok(text);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
    out += token_name(tokens[i].kind) + " " + tokens[i].text + "\n";
  out += token_name(tokens.back().kind) + "\n";
  return out;
}

std::string position(const Token& t)
{
  return std::to_string(t.where.line) + ":" + std::to_string(t.where.column) + "-" +
         std::to_string(t.where.end_line) + ":" + std::to_string(t.where.end_column);
}

} // namespace

TEST_CASE("expr: the lexer splits operators, names and literals", "[expr][lexer]")
{
  CHECK(dump("a.b[0] >= 1 && !c || d != -2.5 ? 'x' : null in [true, false]") == "identifier a\n"
                                                                                "'.' .\n"
                                                                                "identifier b\n"
                                                                                "'[' [\n"
                                                                                "number 0\n"
                                                                                "']' ]\n"
                                                                                "'>=' >=\n"
                                                                                "number 1\n"
                                                                                "'&&' &&\n"
                                                                                "'!' !\n"
                                                                                "identifier c\n"
                                                                                "'||' ||\n"
                                                                                "identifier d\n"
                                                                                "'!=' !=\n"
                                                                                "'-' -\n"
                                                                                "number 2.5\n"
                                                                                "'?' ?\n"
                                                                                "string 'x'\n"
                                                                                "':' :\n"
                                                                                "'null' null\n"
                                                                                "'in' in\n"
                                                                                "'[' [\n"
                                                                                "'true' true\n"
                                                                                "',' ,\n"
                                                                                "'false' false\n"
                                                                                "']' ]\n"
                                                                                "end of expression\n");
  CHECK(dump("a<b<=c>d==e*f/g%h+i-j,(k)") ==
        "identifier a\n'<' <\nidentifier b\n'<=' <=\nidentifier c\n"
        "'>' >\nidentifier d\n'==' ==\nidentifier e\n'*' *\nidentifier f\n"
        "'/' /\nidentifier g\n'%' %\nidentifier h\n'+' +\nidentifier i\n"
        "'-' -\nidentifier j\n',' ,\n'(' (\nidentifier k\n')' )\n"
        "end of expression\n");
}

TEST_CASE("expr: comments and whitespace are skipped", "[expr][lexer]")
{
  CHECK(dump("a // the first\n\t&& b // the second") ==
        "identifier a\n'&&' &&\nidentifier b\nend of expression\n");
  CHECK(dump("  ") == "end of expression\n");
}

TEST_CASE("expr: number literals", "[expr][lexer]")
{
  auto t = lex_ok("42 0x2A 0XfF 4.5 1e3 2.5E-1 .5 9223372036854775808");
  CHECK(t[0].kind == TokenKind::integer);
  CHECK(t[0].integer_value == 42);
  CHECK(t[1].integer_value == 42);
  CHECK(t[2].integer_value == 255);
  CHECK(t[3].kind == TokenKind::decimal);
  CHECK(t[3].decimal_value == 4.5);
  CHECK(t[4].kind == TokenKind::decimal);
  CHECK(t[4].decimal_value == 1000.0);
  CHECK(t[5].decimal_value == 0.25);
  CHECK(t[6].decimal_value == 0.5);
  // 2^63 lexes (its magnitude is needed for -9223372036854775808); the parser range-checks it.
  CHECK(t[7].integer_value == 9223372036854775808ULL);
  // `1.foo` is a member of 1, not a decimal.
  CHECK(dump("1.size()") == "number 1\n'.' .\nidentifier size\n'(' (\n')' )\nend of expression\n");
}

TEST_CASE("expr: string literals decode CEL escapes", "[expr][lexer]")
{
  auto t =
      lex_ok(R"("a\"b\\c\n\t\r" 'it''s' '\x41\u00e9\U0001F600\101' "\a\b\f\v\?\`\'" r"\n\x" '''x'y''' """l1
l2""")");
  CHECK(t[0].string_value == "a\"b\\c\n\t\r");
  CHECK(t[1].string_value == "it");
  CHECK(t[2].string_value == "s");
  CHECK(t[3].string_value == "A\xC3\xA9\xF0\x9F\x98\x80"
                             "A");
  CHECK(t[4].string_value == "\a\b\f\v?`'");
  CHECK(t[5].string_value == "\\n\\x");
  CHECK(t[6].string_value == "x'y");
  CHECK(t[7].string_value == "l1\nl2");
  CHECK(describe(t[0]) == "string \"a\\\"b\\\\c\\n\\t\\r\"");
}

TEST_CASE("expr: token positions start at the base location", "[expr][lexer]")
{
  auto t = lex_ok("network.dns_ttl_seconds > 300", {"r.yaml", 7, 7, 7, 7});
  CHECK(t[0].where.file == "r.yaml");
  CHECK(position(t[0]) == "7:7-7:13");
  CHECK(position(t[1]) == "7:14-7:14");
  CHECK(position(t[2]) == "7:15-7:29");
  CHECK(position(t[3]) == "7:31-7:31");
  CHECK(position(t[4]) == "7:33-7:35");
  CHECK(position(t[5]) == "7:36-7:36"); // end: just past the text
}

TEST_CASE("expr: lines after the first start at the continuation column", "[expr][lexer]")
{
  // A `when: |` block scalar whose content is indented by 4: line 2+ start at column 5.
  auto t = lex_ok("a &&\nbb ||\n  '''x\ny'''", {"r.yaml", 8, 5, 8, 5}, 5);
  CHECK(position(t[0]) == "8:5-8:5");
  CHECK(position(t[1]) == "8:7-8:8");
  CHECK(position(t[2]) == "9:5-9:6");
  CHECK(position(t[3]) == "9:8-9:9");
  CHECK(position(t[4]) == "10:7-11:8"); // a triple-quoted string spans lines
  CHECK(position(t[5]) == "11:9-11:9");
}

TEST_CASE("expr: lexical errors are reported with the exact range", "[expr][lexer]")
{
  CHECK(errors(R"(network.load_balancer == "haproxy)") ==
        "rules/failover/ha-dns-ttl.yaml:7:32: error: unterminated string literal [expr-syntax]\n"
        " 7 | when: network.load_balancer == \"haproxy\n"
        "   |                                ^~~~~~~~\n");
  CHECK(errors(R"("a\qb" == "x")") == "rules/failover/ha-dns-ttl.yaml:7:9: error: invalid escape sequence "
                                      "'\\q' in string literal [expr-syntax]\n"
                                      " 7 | when: \"a\\qb\" == \"x\"\n"
                                      "   |         ^~\n");
  CHECK(errors(R"("\x4" == "x")") ==
        "rules/failover/ha-dns-ttl.yaml:7:8: error: invalid escape sequence '\\x4\"' in "
        "string literal: 2 hexadecimal digits expected [expr-syntax]\n"
        " 7 | when: \"\\x4\" == \"x\"\n"
        "   |        ^~~~\n");
  CHECK(errors(R"("\uD800")") == "rules/failover/ha-dns-ttl.yaml:7:8: error: invalid escape sequence "
                                 "'\\uD800': not a Unicode code point "
                                 "[expr-syntax]\n"
                                 " 7 | when: \"\\uD800\"\n"
                                 "   |        ^~~~~~\n");
  CHECK(errors("developers.total # 2") ==
        "rules/failover/ha-dns-ttl.yaml:7:24: error: unexpected character '#' [expr-syntax]\n"
        " 7 | when: developers.total # 2\n"
        "   |                        ^\n");
  CHECK(errors("developers.total \xC3\xA9 2") ==
        "rules/failover/ha-dns-ttl.yaml:7:24: error: unexpected character '\xC3\xA9' [expr-syntax]\n"
        " 7 | when: developers.total \xC3\xA9 2\n"
        "   |                        ^~\n");
  CHECK(errors("topology = \"ha\"") ==
        "rules/failover/ha-dns-ttl.yaml:7:16: error: unexpected '='; use '==' to "
        "compare [expr-syntax]\n"
        " 7 | when: topology = \"ha\"\n"
        "   |                ^\n");
  CHECK(errors("true & false") ==
        "rules/failover/ha-dns-ttl.yaml:7:12: error: unexpected '&'; use '&&' for a "
        "logical and [expr-syntax]\n"
        " 7 | when: true & false\n"
        "   |            ^\n");
  CHECK(errors("true | false") ==
        "rules/failover/ha-dns-ttl.yaml:7:12: error: unexpected '|'; use '||' for a "
        "logical or [expr-syntax]\n"
        " 7 | when: true | false\n"
        "   |            ^\n");
  CHECK(errors("{\"a\": 1}") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: unexpected '{': map literals are not "
        "supported [expr-syntax]\n"
        " 7 | when: {\"a\": 1}\n"
        "   |       ^\n");
}

TEST_CASE("expr: control characters are named by their code", "[expr][lexer]")
{
  diag::DiagnosticBag bag;
  const std::string text = std::string("true ") + '\x01';
  SourcePositions positions(text, {"f.yaml", 2, 3, 2, 3}, 1);
  CHECK_FALSE(lex(text, positions, bag));
  REQUIRE(bag.all().size() == 1);
  CHECK(bag.all()[0].code == "expr-syntax");
  CHECK(bag.all()[0].message == "unexpected control character '\\x01'");
  CHECK(bag.all()[0].where == diag::Location{"f.yaml", 2, 8, 2, 8});
}

TEST_CASE("expr: malformed numbers are lexical errors", "[expr][lexer]")
{
  CHECK(errors("developers.total > 10u") ==
        "rules/failover/ha-dns-ttl.yaml:7:26: error: unsigned integer literals "
        "are not supported; write a plain integer [expr-syntax]\n"
        " 7 | when: developers.total > 10u\n"
        "   |                          ^~~\n");
  CHECK(errors("developers.total > 12abc") ==
        "rules/failover/ha-dns-ttl.yaml:7:26: error: malformed number '12abc' [expr-syntax]\n"
        " 7 | when: developers.total > 12abc\n"
        "   |                          ^~~~~\n");
  CHECK(errors("1e+ > 2") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: malformed number '1e+': digits expected in the exponent "
        "[expr-syntax]\n"
        " 7 | when: 1e+ > 2\n"
        "   |       ^~~\n");
  CHECK(
      errors("0x > 2") ==
      "rules/failover/ha-dns-ttl.yaml:7:7: error: malformed hexadecimal literal: digits expected after '0x' "
      "[expr-syntax]\n"
      " 7 | when: 0x > 2\n"
      "   |       ^~\n");
  CHECK(errors("99999999999999999999 > 2") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: integer literal 99999999999999999999 is out of range "
        "[expr-syntax]\n"
        " 7 | when: 99999999999999999999 > 2\n"
        "   |       ^~~~~~~~~~~~~~~~~~~~\n");
  CHECK(errors("1e999 > 2") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: number 1e999 is out of range [expr-syntax]\n"
        " 7 | when: 1e999 > 2\n"
        "   |       ^~~~~\n");
  CHECK(errors("b\"x\" == 1") ==
        "rules/failover/ha-dns-ttl.yaml:7:7: error: bytes literals are not supported "
        "[expr-syntax]\n"
        " 7 | when: b\"x\" == 1\n"
        "   |       ^\n");
}

TEST_CASE("expr: an error on a later line of a block scalar points there", "[expr][lexer]")
{
  CHECK(errors("topology == \"ha\"\n&& network.load_balancer == 'x\n") ==
        "rules/failover/ha-dns-ttl.yaml:9:31: error: unterminated string literal [expr-syntax]\n"
        " 9 |   && network.load_balancer == 'x\n"
        "   |                               ^~\n");
}
