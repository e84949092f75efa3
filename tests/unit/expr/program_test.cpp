// SPDX-License-Identifier: Apache-2.0
// Tests for compile/evaluate as the rules engine uses them: bounds, reuse, accessors.
#include "expr_test_support.hpp"

#include "ghes_topology/diag/error.hpp"

#include <catch2/catch.hpp>

using namespace expr_test;

TEST_CASE("expr: an expression longer than max_length is expr-too-long", "[expr][program][bounds]")
{
  std::string text = "developers.total > 1";
  while (text.size() <= 4096)
    text += " && developers.total > 1";
  CHECK_THAT(errors(text), Catch::StartsWith("rules/failover/ha-dns-ttl.yaml:7:7: error: expression is " +
                                             std::to_string(text.size()) +
                                             " bytes long; the limit is 4096 [expr-too-long]\n"
                                             " 7 | when: developers.total > 1 && developers"));
  CompileOptions options;
  options.max_length = 10;
  CHECK(errors("developers.total > 1", options) == "rules/failover/ha-dns-ttl.yaml:7:7: error: expression is "
                                                   "20 bytes long; the limit is 10 [expr-too-long]\n"
                                                   " 7 | when: developers.total > 1\n"
                                                   "   |       ^\n");
  options.max_length = 20;
  CHECK(errors("developers.total > 1", options).empty());
}

TEST_CASE("expr: a long '!' chain within the length limit is expr-too-deep", "[expr][program][bounds]")
{
  CHECK(errors(std::string(100, '!') + "true") ==
        "rules/failover/ha-dns-ttl.yaml:7:70: error: expression is nested too deeply (more than 64 levels) "
        "[expr-too-deep]\n"
        " 7 | when: " +
            std::string(100, '!') +
            "true\n"
            "   |                                                                      ^\n");
  CHECK(run(std::string(62, '!') + "true") == "true");
}

TEST_CASE("expr: a compiled program is evaluated many times", "[expr][program]")
{
  Compiled c =
      compile_in_rule("topology == 'ha' && network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds");
  REQUIRE(c.program);
  const Program& p = *c.program;
  CHECK(p.text() == "topology == 'ha' && network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds");
  CHECK(to_string(*p.type()) == "bool");
  CHECK(p.where().to_string() == "rules/failover/ha-dns-ttl.yaml:7:7");
  CHECK(p.where().end_column == 87);
  CHECK(p.fact_paths() == std::vector<std::string>{"network.dns_ttl_seconds"});
  Bindings b = test_bindings();
  for (std::int64_t ttl : {60, 300, 301, 3600}) {
    b["network"] = Value::map({{"dns_ttl_seconds", Value::integer(ttl)}});
    Result r = evaluate(p, b);
    REQUIRE_FALSE(r.error);
    CHECK(r.value.as_bool() == (ttl > 300));
  }
  b["topology"] = Value::string("cluster");
  CHECK(evaluate(p, b).value.as_bool() == false);
  Program copy = p; // programs are cheap to copy and share the checked tree
  CHECK(evaluate(copy, b).value.as_bool() == false);
}

namespace {

// Gives a fixed tree (or none) and counts how often it was asked.
class CountingSource final : public TreeSource
{
public:
  CountingSource(std::shared_ptr<const Node> tree, int& calls)
      : m_tree(std::move(tree))
      , m_calls(calls)
  {}
  [[nodiscard]] std::shared_ptr<const Node> decode() const override
  {
    ++m_calls;
    return m_tree;
  }

private:
  std::shared_ptr<const Node> m_tree;
  int& m_calls;
};

} // namespace

TEST_CASE("expr: a deferred tree is decoded on the first evaluation only", "[expr][program]")
{
  Compiled c = compile_in_rule("network.dns_ttl_seconds > 300");
  REQUIRE(c.program);
  int calls = 0;
  Program p = *c.program;
  p.deferred = std::make_shared<CountingSource>(p.root, calls);
  p.root.reset();
  Bindings b = test_bindings();
  b["network"] = Value::map({{"dns_ttl_seconds", Value::integer(600)}});
  CHECK(calls == 0);
  CHECK(evaluate(p, b).value.as_bool());
  CHECK(calls == 1);
  b["network"] = Value::map({{"dns_ttl_seconds", Value::integer(60)}});
  CHECK_FALSE(evaluate(p, b).value.as_bool());
  CHECK(calls == 1);
  CHECK(p.tree() == c.program->root.get()); // the same tree, not a copy

  // A tree that does not decode: the evaluation fails with the program's location, no crash.
  int broken_calls = 0;
  Program broken = *c.program;
  broken.deferred = std::make_shared<CountingSource>(nullptr, broken_calls);
  broken.root.reset();
  const Result r = evaluate(broken, b);
  REQUIRE(r.error);
  CHECK(r.error->code == "expr-type");
  CHECK(r.error->message == "the expression was not compiled");
  CHECK(r.error->where.to_string() == "rules/failover/ha-dns-ttl.yaml:7:7");
  CHECK(broken_calls == 1);
}

TEST_CASE("expr: a failed compile returns nothing and reports into the bag", "[expr][program]")
{
  diag::DiagnosticBag bag;
  auto p = compile("network.dns_tll > 1", diag::Location{"x.yaml", 3, 9, 3, 9}, test_env(), bag);
  CHECK_FALSE(p);
  REQUIRE(bag.all().size() == 1);
  const diag::Diagnostic& d = bag.all().front();
  CHECK(d.code == "expr-unknown-field");
  CHECK(d.where == diag::Location{"x.yaml", 3, 17, 3, 23});
  CHECK(d.message == "unknown field 'network.dns_tll' (did you mean 'network.dns_ttl_seconds'?)");
}

TEST_CASE("expr: values print as CEL-like text", "[expr][program]")
{
  CHECK(Value::integer(42).to_string() == "42");
  CHECK(Value::decimal(4.5).to_string() == "4.5");
  CHECK(Value::decimal(3.0).to_string() == "3.0");
  CHECK(Value::decimal(1e20).to_string() == "1e+20");
  CHECK(Value::string("a\"b\n").to_string() == "\"a\\\"b\\n\"");
  CHECK(Value::boolean(true).to_string() == "true");
  CHECK(Value::null().to_string() == "null");
  CHECK(Value::list({Value::integer(1), Value::string("x")}).to_string() == "[1, \"x\"]");
  CHECK(Value::map({{"b", Value::integer(2)}, {"a", Value::integer(1)}}).to_string() ==
        "{\"a\": 1, \"b\": 2}");
  CHECK(Value::unknown({"b.c", "a", "b.c"}).to_string() == "unknown(a, b.c)");
  CHECK(Value::unknown({"b.c", "a", "b.c"}).missing() == std::vector<std::string>{"a", "b.c"});
  CHECK_THROWS_AS(Value::integer(1).as_string(), ghes_topology::Fatal);
}
