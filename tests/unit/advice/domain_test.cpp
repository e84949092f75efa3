// SPDX-License-Identifier: Apache-2.0
// Issue 9: verdicts and findings that follow the GHES documentation (backups and the RPO,
// hardware rows as minimums, unsolved problems, ties, plans that differ from the verdict).
#include "unit/advice/scenario_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ghes_topology::test;
using nlohmann::json;

TEST_CASE("domain: an RPO under an hour is met by backups that run that often, with no replica needed",
          "[advice][domain]")
{
  const std::string file = scenario("small-team");
  const json met =
      json_result({"recommend", "--set", "dr.rpo_minutes=30", "--set", "backups.interval_minutes=15", file});
  CHECK(met["verdict"]["topology"] == "standalone");
  CHECK_FALSE(has(reason_rules(met), "dr-rpo-below-backup-interval"));
  CHECK(has(reason_rules(met), "dr-objectives-met-by-backups"));

  const json hourly =
      json_result({"recommend", "--set", "dr.rpo_minutes=30", "--set", "backups.interval_minutes=60", file});
  REQUIRE(has(reason_rules(hourly), "dr-rpo-below-backup-interval"));
  for (const auto& r : hourly["reasons"])
    if (r["rule"] == "dr-rpo-below-backup-interval")
      CHECK(r["message"] ==
            "The RPO of 30 minutes is shorter than the backups achieve today: backups at least "
            "every 30 minutes would meet it for every kind of loss; a replica additionally "
            "limits the loss when a node or site fails, but not for corruption or deletion, "
            "which replicate.");
}

TEST_CASE("domain: a primary below the row for its licences leads the reasons: scale up first",
          "[advice][domain]")
{
  const std::string file = scenario("large-exhausted");
  const json r =
      json_result({"recommend", "--set", "primary.vcpus=32", "--set", "primary.memory_gb=128", file});
  CHECK(r["verdict"]["topology"] == "ha");
  REQUIRE_FALSE(r["reasons"].empty());
  CHECK(r["reasons"][0]["rule"] == "scale-undersized-primary");
  CHECK(r["reasons"][0]["message"] ==
        "With 32 vCPUs and 128 GB the primary is below the row of GitHub's newest hardware table (GHES 3.20 "
        "documentation) for 25000 licences (64 vCPUs, 512 GB): scale it up to at least that row first; its "
        "routine resource exhaustion is no case for clustering until then.");
  CHECK_FALSE(has(reason_rules(r), "scale-routine-exhaustion-top-size"));

  // A primary beyond the largest row is not "un-growable": it still counts as at or above its row.
  const json big =
      json_result({"recommend", "--set", "primary.vcpus=96", "--set", "primary.memory_gb=768", file});
  CHECK(big["verdict"]["topology"] == "cluster");
  CHECK(has(reason_rules(big), "scale-routine-exhaustion-top-size"));
  CHECK_FALSE(has(reason_rules(big), "scale-undersized-primary"));
}

TEST_CASE("domain: when clustering is blocked, routine exhaustion is reported as unsolved",
          "[advice][domain]")
{
  const std::string file = scenario("large-exhausted-packages");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nVerdict: High availability (primary + replicas)\n"));
  CHECK(contains(
      o.out,
      "  - Unsolved: HA does not fix the primary's 8 resource-exhaustion events a month (it is "
      "already at\n    or above its hardware row), and clustering, GitHub's answer to that, is not the "
      "verdict here\n    (see Scores): grow the appliance beyond the minimum row and reduce load "
      "meanwhile.\n"));

  const json r = json_result({"recommend", file});
  CHECK(implication(r, "implications-scale-exhaustion-unsolved") != nullptr);
  const json* f = finding(r, "scale-exhaustion-unsolved");
  REQUIRE(f != nullptr);
  CHECK((*f)["severity"] == "warning");
  CHECK((*f)["message"] ==
        "The primary is at or above its hardware row and still runs out of resources 8 times a "
        "month; HA adds no capacity (replicas take no load), so with ha that problem stays "
        "unsolved. Clustering is what GitHub recommends for it.");

  // With clustering possible the problem is solved, and nothing says otherwise.
  const json cluster = json_result({"recommend", scenario("large-exhausted")});
  CHECK(cluster["verdict"]["topology"] == "cluster");
  CHECK(implication(cluster, "implications-scale-exhaustion-unsolved") == nullptr);
  CHECK(finding(cluster, "scale-exhaustion-unsolved") == nullptr);
}

TEST_CASE("domain: a tie is shown as a tie, with the rule that broke it", "[advice][domain]")
{
  const std::string rules = std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/scenarios/rules-tie";
  const Outcome o = run({"recommend", "--rules", rules, scenario("small-team")});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nVerdict: Standalone appliance\n"
                        "  confidence high (100%), tied with ha at 70 points: ties go to the simpler option "
                        "(standalone, then\n"
                        "  ha, then cluster; docs/scoring.md)\n"));
  const json r = json_result({"recommend", "--rules", rules, scenario("small-team")});
  CHECK(r["verdict"]["margin"] == 0);
}

TEST_CASE("domain: check says when the plan differs from what recommend would choose, with both scores",
          "[advice][domain]")
{
  const std::string file = scenario("ha-plan");
  const json same = json_result({"check", file});
  CHECK(finding(same, "plan-differs-from-recommendation") == nullptr);

  const json differs = json_result({"check", "--set", "plan.topology=standalone", file}, 1);
  const json* f = finding(differs, "plan-differs-from-recommendation");
  REQUIRE(f != nullptr);
  CHECK((*f)["severity"] == "info");
  CHECK(
      (*f)["message"] ==
      "The plan's topology is standalone (score 0); `recommend` would choose ha (score 100) for this file.");
}

TEST_CASE("domain: hardware advice follows GitHub's own rows and minimums", "[advice][domain]")
{
  const std::string file = scenario("small-team");
  // 120 licences: GitHub's row is 8 vCPUs / 48 GB, and Actions needs 64 GB whatever the uplift says.
  const json row = json_result({"recommend", "--set", "primary.memory_gb=48", file});
  CHECK(finding(row, "hardware-memory-per-vcpu") == nullptr);
  const json* uplift = finding(row, "hardware-actions-uplift");
  REQUIRE(uplift != nullptr);
  CHECK(
      (*uplift)["message"] ==
      "GitHub Actions is enabled, so for 120 licences GitHub asks for 25% more CPU and memory than the row "
      "of "
      "its newest hardware table (GHES 3.20 documentation), and never less than Actions' minimum of 8 vCPUs "
      "and 64 GB: at least 10 vCPUs and 64 GB. The primary has 8 vCPUs and 48 GB.");

  // CPU added beyond the row needs 6.5 GB each: 16 vCPUs for 120 licences need 48 + 8 x 6.5 = 100 GB.
  const json added = json_result({"recommend", "--set", "primary.vcpus=16", file});
  const json* ratio = finding(added, "hardware-memory-per-vcpu");
  REQUIRE(ratio != nullptr);
  CHECK(
      (*ratio)["message"] ==
      "The primary has 16 vCPUs, 8 more (counted up to 16) than the row of GitHub's newest hardware table "
      "(GHES 3.20 documentation) for 120 licences (8 vCPUs, 48 GB); with 6.5 GB for each added vCPU it needs "
      "at least 100 GB, and has 64 GB.");
}

TEST_CASE("domain: stated requirements a plan cannot meet are errors; partial ones warnings",
          "[advice][domain]")
{
  const json ha = json_result({"check", "--set", "dr.automatic_failover=required", scenario("ha-plan")}, 1);
  const json* required = finding(ha, "failover-ha-automatic-required");
  REQUIRE(required != nullptr);
  CHECK((*required)["severity"] == "error");

  const json cluster =
      json_result({"check", "--set", "dr.automatic_failover=required", scenario("cluster-plan")}, 1);
  const json* database = finding(cluster, "failover-cluster-database-manual");
  REQUIRE(database != nullptr);
  CHECK((*database)["severity"] == "warning");
  CHECK(
      (*database)["message"] ==
      "The DR goals require automatic failover; a cluster's load balancer moves traffic off failed front-end "
      "nodes by itself, but losing the MySQL or Redis primary node needs a manual promotion of a replica "
      "node, with some downtime.");
}
