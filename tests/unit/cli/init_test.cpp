// SPDX-License-Identifier: Apache-2.0
// `init`: the starter file, and -o never replacing an existing file without --force.
#include "unit/advice/scenario_support.hpp"

#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ghes_topology::test;

TEST_CASE("init: -o FILE writes the starter file when FILE does not exist", "[cli][init]")
{
  TempDir dir;
  const std::string file = (dir.path / "environment.yaml").string();
  const Outcome written = run({"init", "-o", file});
  CHECK(written.exit_code == 0);
  CHECK(written.out.empty());
  CHECK(written.err.empty());
  CHECK(slurp(file) == ghes_topology::model::starter_file(ghes_topology::model::environment_schema()));
}

TEST_CASE("init: -o FILE refuses to replace an existing file without --force", "[cli][init]")
{
  TempDir dir;
  const std::string file = dir.write("environment.yaml", "company: edited by hand\n");
  for (const auto& args :
       {std::vector<std::string>{"init", "-o", file}, std::vector<std::string>{"-o", file, "init"}}) {
    const Outcome refused = run(args);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.empty());
    CHECK(refused.err == "ghes-topology: error: '" + file + "' already exists; add --force to replace it\n");
    CHECK(slurp(file) == "company: edited by hand\n");
  }

  const Outcome forced = run({"init", "--force", "-o", file});
  CHECK(forced.exit_code == 0);
  CHECK(forced.err.empty());
  CHECK(slurp(file) == ghes_topology::model::starter_file(ghes_topology::model::environment_schema()));
}

TEST_CASE("init: without -o, or with -o -, the starter file goes to stdout", "[cli][init]")
{
  const std::string starter = ghes_topology::model::starter_file(ghes_topology::model::environment_schema());
  const Outcome plain = run({"init"});
  CHECK(plain.exit_code == 0);
  CHECK(plain.out == starter);
  const Outcome dash = run({"init", "-o", "-"});
  CHECK(dash.exit_code == 0);
  CHECK(dash.out == starter);
}
