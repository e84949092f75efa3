// SPDX-License-Identifier: Apache-2.0
// `init`: the starter file, and -o never replacing an existing file without --force.
#include "unit/advice/scenario_support.hpp"

#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <utility>

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

namespace {

// The starter file with its `which`-th optional block (1-based: plan A, plan B, waivers)
// uncommented; 0 keeps them all commented.
std::string uncomment_block(const std::string& starter, int which)
{
  std::string out;
  std::istringstream lines(starter);
  int block = 0;
  bool on = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "# plan:" || line == "# waivers:")
      on = ++block == which;
    else if (line.empty())
      on = false;
    out += (on ? line.substr(2) : line) + "\n";
  }
  return out;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to)
{
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The lines of `text` that name a finding ("  error    rule-id  file:line:col").
std::string finding_lines(const std::string& text)
{
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("  error ", 0) == 0 || line.rfind("  warning ", 0) == 0 || line.rfind("  info ", 0) == 0)
      out += line + "\n";
  return out;
}

} // namespace

TEST_CASE("init: the starter file is a healthy example: recommend finds nothing", "[cli][init]")
{
  TempDir dir;
  const std::string starter = ghes_topology::model::starter_file(ghes_topology::model::environment_schema());
  const std::string file = dir.write("starter.yaml", starter);
  CHECK(run({"validate", file}).out == file + ": ok\n");
  const Outcome recommend = run({"recommend", "--today", "2026-01-01", file});
  CHECK(recommend.exit_code == 0);
  CHECK(recommend.err.empty());
  CHECK(recommend.out.find("Verdict: High availability (primary + replicas)\n") != std::string::npos);
  CHECK(recommend.out.find("\nFindings: 0 errors, 0 warnings, 0 info\n  None.\n") != std::string::npos);
  // Without a plan `check` has nothing to check: the plans are the user's choice.
  const Outcome check = run({"check", "--today", "2026-01-01", file});
  CHECK(check.exit_code == 2);
  CHECK(check.err.rfind(file + ": error: no 'plan' section", 0) == 0);
}

TEST_CASE("init: each optional block, uncommented, passes validate, recommend and check", "[cli][init]")
{
  TempDir dir;
  const std::string starter = ghes_topology::model::starter_file(ghes_topology::model::environment_schema());
  CHECK(uncomment_block(starter, 0) == starter);

  // Plan A (HA, what recommend advises) and the waiver example with it: all clean.
  const std::string ha = uncomment_block(starter, 1);
  CHECK(ha.find("\nplan:\n  topology: ha ") != std::string::npos);
  const std::string waivers = uncomment_block(starter, 3);
  CHECK(waivers.find("\nwaivers:\n  - rule: monitoring-memory-warning ") != std::string::npos);
  const std::string ha_and_waivers = uncomment_block(waivers, 1);
  for (const auto& [name, text] :
       {std::pair{"plan-a.yaml", ha}, std::pair{"plan-a-waivers.yaml", ha_and_waivers},
        std::pair{"waivers.yaml", waivers}}) {
    INFO(name);
    const std::string file = dir.write(name, text);
    const Outcome validate = run({"validate", file});
    CHECK(validate.exit_code == 0);
    CHECK(validate.out == file + ": ok\n");
    const Outcome recommend = run({"recommend", "--today", "2026-01-01", file});
    CHECK(recommend.exit_code == 0);
    CHECK(recommend.err.empty());
    CHECK(finding_lines(recommend.out).empty());
    if (text == waivers)
      continue; // no plan: check says so (see the test above)
    const Outcome check = run({"check", "--today", "2026-01-01", file});
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());
    CHECK(finding_lines(check.out).empty());
    CHECK(check.out.find(
              "\nResult: pass - no finding at or above 'error' (0 errors, 0 warnings, 0 info in 1 file)\n") !=
          std::string::npos);
  }

  // Plan B (a cluster): valid, and check names exactly the two prerequisites its heading
  // states; with them met, only the note that recommend would choose HA remains.
  const std::string cluster = uncomment_block(starter, 2);
  CHECK(cluster.find("\nplan:\n  topology: cluster ") != std::string::npos);
  const std::string file = dir.write("plan-b.yaml", cluster);
  CHECK(run({"validate", file}).exit_code == 0);
  const Outcome recommend = run({"recommend", "--today", "2026-01-01", file});
  CHECK(recommend.exit_code == 0);
  CHECK(finding_lines(recommend.out).empty());
  const Outcome check = run({"check", "--today", "2026-01-01", file});
  CHECK(check.exit_code == 1);
  CHECK(finding_lines(check.out) == "  error    failover-cluster-needs-load-balancer  " + file +
                                        ":69:14\n"
                                        "  error    operations-cluster-not-approved  " +
                                        file +
                                        ":91:27\n"
                                        "  info     plan-differs-from-recommendation  " +
                                        file + ":147:13\n");
  std::string met = replace_once(cluster, "\n    present: false ", "\n    present: true  ");
  met = replace_once(met, "clustering_eligibility: unknown ", "clustering_eligibility: approved");
  const std::string met_file = dir.write("plan-b-met.yaml", met);
  const Outcome passed = run({"check", "--today", "2026-01-01", met_file});
  CHECK(passed.exit_code == 0);
  CHECK(finding_lines(passed.out) ==
        "  info     plan-differs-from-recommendation  " + met_file + ":147:13\n");
}
