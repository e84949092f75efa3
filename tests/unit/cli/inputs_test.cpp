// SPDX-License-Identifier: Apache-2.0
// Tests for the shared "load this environment file" helper of the commands.
#include "cli/inputs.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ghes_topology;

TEST_CASE("cli: load_input loads a good file and keeps its text for quoting", "[cli][inputs]")
{
  std::istringstream in("version: 1\nprimary: {vcpus: 8}\n");
  std::ostringstream err;
  cli::Context ctx(in, err, cli::Terminal{});
  diag::SourceMap sources;
  diag::DiagnosticBag bag;
  const auto environment = cli::load_input(ctx, "-", sources, bag);
  REQUIRE(environment);
  CHECK(environment->source == "<stdin>");
  CHECK(environment->root.find("primary.vcpus")->integer == 8);
  CHECK(bag.empty());
  CHECK(err.str().empty());                                   // the caller prints the diagnostics
  CHECK(sources.line("<stdin>", 2) == "primary: {vcpus: 8}"); // for quoting lines of later findings
  CHECK_FALSE(ctx.sources.contains("<stdin>"));               // dropped with the file, not kept for the run
}

TEST_CASE("cli: load_input returns nothing for a bad file and leaves its errors in the bag", "[cli][inputs]")
{
  std::istringstream in;
  std::ostringstream err;
  cli::Context ctx(in, err, cli::Terminal{});
  diag::SourceMap sources;
  diag::DiagnosticBag bag;
  CHECK_FALSE(cli::load_input(ctx, "/nonexistent/env.yaml", sources, bag));
  REQUIRE(bag.all().size() == 1);
  CHECK(bag.all()[0].message == "cannot open '/nonexistent/env.yaml': No such file or directory");
  CHECK(cli::problems_summary(1, 2) == "1 of 2 files has problems");
  CHECK(cli::problems_summary(2, 3) == "2 of 3 files have problems");
  CHECK(cli::problems_summary(1, 1) == "1 of 1 file has problems");
}

TEST_CASE("cli: apply_overrides applies every --set and reports the bad ones", "[cli][inputs]")
{
  std::istringstream in("version: 1\n");
  std::ostringstream err;
  cli::Context ctx(in, err, cli::Terminal{});
  diag::SourceMap sources;
  diag::DiagnosticBag load_bag;
  auto environment = cli::load_input(ctx, "-", sources, load_bag);
  REQUIRE(environment);
  model::Environment& env = *environment;
  diag::DiagnosticBag good;
  CHECK(cli::apply_overrides(env, {"developers.total=30000", "dr.rto_minutes=15"}, good));
  CHECK(env.root.find("developers.total")->integer == 30000);
  CHECK(env.root.find("dr.rto_minutes")->decimal == 15.0);
  CHECK(good.empty());

  diag::DiagnosticBag bad;
  CHECK_FALSE(cli::apply_overrides(env, {"dr.rto_minutes=-1", "dr.rpo_minutes=5"}, bad));
  CHECK(env.root.find("dr.rpo_minutes")->decimal == 5.0); // the good one still applies
  CHECK(diag::render_all(bad, sources) ==
        "--set dr.rto_minutes=-1: error: 'rto_minutes' must be between 0 and 525600 [out-of-range]\n"
        "     = key path: dr.rto_minutes\n"
        "     = expected: a number between 0 and 525600 (minutes)\n"
        "     = found: -1\n");
}
