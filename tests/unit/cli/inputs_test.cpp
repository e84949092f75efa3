// SPDX-License-Identifier: Apache-2.0
// Tests for the shared "load these environment files" helper of the commands.
#include "cli/inputs.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ghes_topology;

TEST_CASE("cli: load_inputs loads good files, reports bad ones and counts both", "[cli][inputs]")
{
  std::istringstream in("version: 1\nprimary: {vcpus: 8}\n");
  std::ostringstream err;
  cli::Context ctx(in, err, cli::Terminal{});
  const cli::LoadedInputs inputs = cli::load_inputs(ctx, {"-", "/nonexistent/env.yaml"});
  CHECK(inputs.total == 2);
  REQUIRE(inputs.environments.size() == 1);
  CHECK(inputs.environments[0].source == "<stdin>");
  CHECK(inputs.environments[0].root.find("primary.vcpus")->integer == 8);
  CHECK(inputs.failed == std::vector<std::string>{"/nonexistent/env.yaml"});
  CHECK_FALSE(inputs.all_ok());
  CHECK(err.str() == "/nonexistent/env.yaml: error: cannot open '/nonexistent/env.yaml': No such file or "
                     "directory [file-unreadable]\n");
  CHECK(cli::problems_summary(inputs) == "1 of 2 files has problems");
  CHECK(ctx.sources.contains("<stdin>")); // for quoting lines of later findings
}

TEST_CASE("cli: apply_overrides applies every --set and reports the bad ones", "[cli][inputs]")
{
  std::istringstream in("version: 1\n");
  std::ostringstream err;
  cli::Context ctx(in, err, cli::Terminal{});
  cli::LoadedInputs inputs = cli::load_inputs(ctx, {"-"});
  REQUIRE(inputs.environments.size() == 1);
  model::Environment& env = inputs.environments[0];
  CHECK(cli::apply_overrides(ctx, env, {"developers.total=30000", "dr.rto_minutes=15"}));
  CHECK(env.root.find("developers.total")->integer == 30000);
  CHECK(env.root.find("dr.rto_minutes")->decimal == 15.0);
  CHECK(err.str().empty());

  CHECK_FALSE(cli::apply_overrides(ctx, env, {"dr.rto_minutes=-1", "dr.rpo_minutes=5"}));
  CHECK(env.root.find("dr.rpo_minutes")->decimal == 5.0); // the good one still applies
  CHECK(err.str() ==
        "--set dr.rto_minutes=-1: error: 'rto_minutes' must be between 0 and 525600 [out-of-range]\n"
        "     = key path: dr.rto_minutes\n"
        "     = expected: a number between 0 and 525600 (minutes)\n"
        "     = found: -1\n");
}
