// SPDX-License-Identifier: Apache-2.0
// `check` run in-process on tests/data/scenarios: findings the GHES docs call for, exit codes,
// --fail-on, several files, stdin, waivers, -o and determinism.
#include "unit/advice/scenario_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using namespace ghes_topology::test;
using nlohmann::json;

namespace {

// The words of the summary-table row of `file` (FILE PLAN ERRORS WARNINGS INFO WAIVED).
std::vector<std::string> summary_row(const std::string& out, const std::string& file)
{
  std::istringstream lines(out.substr(out.find("\nSummary\n")));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("  " + file + " ", 0) != 0)
      continue;
    std::istringstream words(line);
    std::vector<std::string> row;
    for (std::string w; words >> w;)
      row.push_back(w);
    return row;
  }
  return {};
}

std::string last_line(const std::string& out)
{
  const auto end = out.find_last_not_of('\n');
  const auto start = out.rfind('\n', end);
  return out.substr(start + 1, end - start);
}

} // namespace

TEST_CASE("check: a clean plan passes with exit 0", "[cli][check]")
{
  const std::string file = scenario("ha-plan");
  const Outcome o = run({"check", file});
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(o.out.rfind("ghes-topology check: " + file +
                        " (Lindqvist Insurance) - plan: ha\n"
                        "\n"
                        "Findings: 0 errors, 0 warnings, 0 info\n"
                        "  None.\n"
                        "\n"
                        "Summary\n",
                    0) == 0);
  CHECK(summary_row(o.out, file) == std::vector<std::string>{file, "ha", "0", "0", "0", "0"});
  CHECK(last_line(o.out) ==
        "Result: pass - no finding at or above 'error' (0 errors, 0 warnings, 0 info in 1 file)");

  const json r = json_result({"check", file});
  CHECK(r["topology"] == "ha");
  CHECK(r["findings"].empty());
  CHECK_FALSE(r.contains("verdict")); // check judges the plan, it does not recommend
}

TEST_CASE("check: an HA plan that expects automatic failover is an error: promotion is manual",
          "[cli][check]")
{
  const std::string file = scenario("ha-plan-automatic");
  const Outcome o = run({"check", file});
  INFO(o.out);
  CHECK(o.exit_code == 1);
  CHECK(o.err.empty());
  CHECK(contains(o.out,
                 "\nFindings: 1 error, 0 warnings, 0 info\n"
                 "  error    failover-ha-automatic-expected  " +
                     position(file, "  failover: automatic", "automatic") +
                     "\n"
                     "           The HA plan expects failover to happen automatically, but an HA replica "
                     "must always be\n"
                     "           promoted by an administrator, with DNS failover and behind a load "
                     "balancer alike.\n"));
  CHECK(contains(o.out, "`ghe-repl-promote`"));
  CHECK(last_line(o.out) == "Result: FAIL - 1 finding at or above 'error'");

  const json r = json_result({"check", file}, 1);
  CHECK(finding_lines(r) == std::vector<std::string>{"error failover-ha-automatic-expected " +
                                                     position(file, "  failover: automatic", "automatic")});
  CHECK(r["findings"][0]["source"]["path"] ==
        "content/admin/configuring-settings/configuring-network-settings/"
        "using-github-enterprise-server-with-a-load-balancer.md");

  // The same plan with manual failover is clean: the finding is about that one fact.
  CHECK(run({"check", "--set", "plan.failover=manual", file}).exit_code == 0);
}

TEST_CASE("check: a cluster spread over two datacenters is an error: nodes need under 1 ms", "[cli][check]")
{
  const std::string file = scenario("cluster-two-sites");
  const json r = json_result({"check", file}, 1);
  const auto lines = finding_lines(r);
  CHECK(has(lines, "error geography-cluster-node-latency " + position(file, "node_latency_ms: 12", "12")));
  // One finding per node outside the first node's datacenter, at that node's datacenter.
  int across = 0;
  for (const auto& f : r["findings"])
    if (f["rule"] == "geography-cluster-nodes-across-sites") {
      ++across;
      CHECK(f["severity"] == "error");
    }
  CHECK(across == 4);
  CHECK(has(lines, "error geography-cluster-nodes-across-sites " +
                       position(file, "      datacenter: cmh-dc2", "cmh-dc2")));

  const Outcome o = run({"check", file});
  CHECK(o.exit_code == 1);
  CHECK(contains(o.out,
                 "  error    geography-cluster-node-latency  " + position(file, "node_latency_ms: 12", "12") +
                     "\n"
                     "           The largest latency between two planned cluster nodes is 12 ms; cluster "
                     "nodes need less\n"
                     "           than 1 ms between them.\n"));
  CHECK(contains(o.out,
                 "           Cluster node ghe-fe-2 is in cmh-dc2, while ghe-fe-1 is in iad-dc1; all nodes "
                 "of a cluster\n"
                 "           belong in one datacenter.\n"));

  // The single-datacenter plan of the same company has neither error.
  const json one_site = json_result({"check", scenario("cluster-plan")}, 1);
  const auto rules = finding_rules(one_site);
  CHECK_FALSE(has(rules, "geography-cluster-node-latency"));
  CHECK_FALSE(has(rules, "geography-cluster-nodes-across-sites"));
  // 1 ms itself is too much: the docs ask for less than 1 ms.
  const json at_limit =
      json_result({"check", "--set", "plan.node_latency_ms=1", scenario("cluster-plan")}, 1);
  CHECK(has(finding_rules(at_limit), "geography-cluster-node-latency"));
}

TEST_CASE("check: no backups is an error whatever the topology", "[cli][check]")
{
  for (const char* name : {"no-backups-standalone", "no-backups-ha", "no-backups-cluster"}) {
    const std::string file = scenario(name);
    INFO(file);
    const json r = json_result({"check", file}, 1);
    CHECK(has(finding_lines(r), "error backups-required " + position(file, "  tool: none", "none")));
    for (const auto& f : r["findings"])
      if (f["rule"] == "backups-required") {
        CHECK(f["message"] ==
              "The instance is not backed up. Backups are required in every topology: neither HA "
              "nor clustering replaces them.");
        CHECK(f["source"]["path"] ==
              "content/admin/monitoring-and-managing-your-instance/configuring-clustering/"
              "differences-between-clustering-and-high-availability-ha.md");
      }
  }
  // recommend reports it too, whatever it recommends.
  const json rec = json_result({"recommend", scenario("no-backups-ha")});
  CHECK(has(finding_rules(rec), "backups-required"));
}

// A file without a backups section does not say there are no backups: the fact is unknown,
// so `check` asks about it (a question) instead of reporting an error it cannot know.
TEST_CASE("check: without a backups section, backups.tool is the first question", "[cli][check]")
{
  const json r = json_result({"check", scenario("no-backups-section")});
  REQUIRE_FALSE(r["questions"].empty());
  CHECK(r["questions"][0]["fact"] == "backups.tool");
  CHECK(std::find(r["questions"][0]["rules"].begin(), r["questions"][0]["rules"].end(), "backups-required") !=
        r["questions"][0]["rules"].end());
}

TEST_CASE("check: --fail-on sets the severity that fails the run", "[cli][check]")
{
  const std::string file = scenario("ha-plan");
  struct Case
  {
    std::string set;      // makes exactly one finding
    std::string severity; // of that finding
    std::string fail_on;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {"plan.failover=automatic", "error", "error", 1},
      {"plan.failover=automatic", "error", "warning", 1},
      {"plan.failover=automatic", "error", "info", 1},
      {"plan.failover=automatic", "error", "none", 0},
      {"network.dns_ttl_seconds=3600", "warning", "error", 0},
      {"network.dns_ttl_seconds=3600", "warning", "warning", 1},
      {"network.dns_ttl_seconds=3600", "warning", "info", 1},
      {"network.dns_ttl_seconds=3600", "warning", "none", 0},
      {"network.dns_ttl_seconds=30", "info", "error", 0},
      {"network.dns_ttl_seconds=30", "info", "warning", 0},
      {"network.dns_ttl_seconds=30", "info", "info", 1},
      {"network.dns_ttl_seconds=30", "info", "none", 0},
  };
  for (const auto& c : cases) {
    INFO(c.set << " --fail-on " << c.fail_on);
    const Outcome o = run({"check", "--fail-on", c.fail_on, "--set", c.set, file});
    CHECK(o.exit_code == c.exit_code);
    CHECK(o.err.empty());
    const std::string counts = c.severity == "error"     ? "1 error, 0 warnings, 0 info"
                               : c.severity == "warning" ? "0 errors, 1 warning, 0 info"
                                                         : "0 errors, 0 warnings, 1 info";
    CHECK(contains(o.out, "\nFindings: " + counts + "\n"));
    if (c.exit_code == 1)
      CHECK(last_line(o.out) == "Result: FAIL - 1 finding at or above '" + c.fail_on + "'");
    else
      CHECK(last_line(o.out) ==
            "Result: pass - no finding at or above '" + c.fail_on + "' (" + counts + " in 1 file)");

    const json report =
        parse_report(run({"check", "--format", "json", "--fail-on", c.fail_on, "--set", c.set, file}).out);
    CHECK(report["summary"]["fail_on"] == c.fail_on);
    CHECK(report["summary"]["failing"] == c.exit_code);
    CHECK(report["summary"]["passed"] == (c.exit_code == 0));
    CHECK(report["summary"]["findings"][c.severity] == 1);
  }
}

TEST_CASE("check: a file without a plan is exit 2 with the whole message", "[cli][check]")
{
  const std::string file = scenario("small-team");
  const Outcome o = run({"check", file});
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty());
  CHECK(o.err == file +
                     ": error: no 'plan' section: 'check' validates a planned topology [no-plan]\n"
                     "     = note: describe the topology you intend under 'plan:', or run 'ghes-topology "
                     "recommend " +
                     file + "'\n");

  // Even next to a file with findings and with --fail-on none: a missing plan is an input
  // problem. The other file is still reported (a partial result).
  const Outcome mixed = run({"check", "--fail-on", "none", scenario("ha-plan-automatic"), file});
  CHECK(mixed.exit_code == 2);
  CHECK(contains(mixed.out,
                 "\nResult: INCOMPLETE - 1 file could not be assessed (see the errors on stderr); 0 "
                 "findings at or above 'none'\n"));
  CHECK(contains(mixed.err, "[no-plan]"));

  // From stdin, the hint names `-`, the way to pass stdin again.
  const Outcome piped = run({"check", "-"}, slurp(file));
  CHECK(piped.exit_code == 2);
  CHECK(piped.err == "<stdin>: error: no 'plan' section: 'check' validates a planned topology [no-plan]\n"
                     "     = note: describe the topology you intend under 'plan:', or run 'ghes-topology "
                     "recommend -'\n");
}

TEST_CASE("check: a null plan is no plan: exit 2, not a pass", "[cli][check]")
{
  const std::string file = scenario("null-plan");
  const int line = line_of(file, "plan: ~");
  const Outcome o = run({"check", file});
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty());
  CHECK(o.err == file + ":" + std::to_string(line) +
                     ":7: error: 'plan' is empty: 'check' validates a planned topology [no-plan]\n"
                     " " +
                     std::to_string(line) +
                     " | plan: ~  # to be decided at the spring planning meeting\n"
                     "    |       ^\n"
                     "    = key path: plan\n"
                     "    = expected: a mapping with at least 'topology'\n"
                     "    = found: null\n");

  // Emptying the plan with --set is the same.
  const Outcome emptied = run({"check", "--set", "plan=", scenario("ha-plan")});
  CHECK(emptied.exit_code == 2);
  CHECK(emptied.out.empty());
  CHECK(emptied.err == "--set plan=: error: 'plan' is empty: 'check' validates a planned topology [no-plan]\n"
                       "     = key path: plan\n"
                       "     = expected: a mapping with at least 'topology'\n"
                       "     = found: null\n");
}

TEST_CASE("check: invalid input is exit 2, never findings", "[cli][check]")
{
  const std::string bad = scenario("invalid-plan");
  const std::string expected_err = bad +
                                   ":79:13: error: unknown value 'automatc' for 'failover' [bad-enum-value]\n"
                                   " 79 |   failover: automatc\n"
                                   "    |             ^~~~~~~~\n"
                                   "    = key path: plan.failover\n"
                                   "    = expected: one of manual, automatic\n"
                                   "    = found: automatc\n"
                                   "    = help: did you mean 'automatic'?\n" +
                                   bad +
                                   ":83:13: error: unknown value 'pasive' for 'type' [bad-enum-value]\n"
                                   " 83 |       type: pasive\n"
                                   "    |             ^~~~~~\n"
                                   "    = key path: plan.replicas[0].type\n"
                                   "    = expected: one of passive, active, cache\n"
                                   "    = found: pasive\n"
                                   "    = help: did you mean 'passive'?\n";
  CHECK(line_of(bad, "  failover: automatc") == 79);

  const Outcome alone = run({"check", bad});
  CHECK(alone.exit_code == 2);
  CHECK(alone.out.empty());
  CHECK(alone.err == expected_err + "ghes-topology: 1 of 1 file has problems\n");

  // With a file that has findings, and whatever --fail-on says, the result is 2; the valid
  // file is reported, the invalid one counted as not assessed (partial result).
  for (const char* fail_on : {"error", "none"}) {
    const Outcome both = run({"check", "--fail-on", fail_on, scenario("ha-plan-automatic"), bad});
    CHECK(both.exit_code == 2);
    CHECK(contains(both.out,
                   "\nResult: INCOMPLETE - 1 file could not be assessed (see the errors on stderr); "));
    CHECK(both.err == expected_err + "ghes-topology: 1 of 2 files has problems\n");
  }

  const Outcome missing = run({"check", scenario("ha-plan-automatic") + ".missing"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == scenario("ha-plan-automatic") + ".missing: error: cannot open '" +
                           scenario("ha-plan-automatic") +
                           ".missing': No such file or directory [file-unreadable]\n"
                           "ghes-topology: 1 of 1 file has problems\n");

  const Outcome bad_param =
      run({"check", "--param", "cluster.min-developer=5", scenario("ha-plan-automatic")});
  CHECK(bad_param.exit_code == 2);
  CHECK(bad_param.out.empty());
  CHECK(bad_param.err ==
        "error: unknown parameter 'cluster.min_developer' in --param cluster.min-developer=5 "
        "[param-unknown]\n"
        "     = help: did you mean 'cluster.min_developers'?\n");

  const Outcome bad_date = run({"check", "--today", "2025-02-30", scenario("ha-plan")});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.out.empty());
  CHECK(bad_date.err == "ghes-topology: error: --today '2025-02-30' is not a date (expected YYYY-MM-DD)\n");

  const Outcome bad_gate = run({"check", "--fail-on", "never", scenario("ha-plan")});
  CHECK(bad_gate.exit_code == 2);
  CHECK(bad_gate.err == "ghes-topology: error: --fail-on must be error, warning, info or none, not 'never'\n"
                        "Run 'ghes-topology check --help' for usage.\n");
}

TEST_CASE("check: several files give one combined result with a per-file summary", "[cli][check]")
{
  const std::string clean = scenario("ha-plan");
  const std::string automatic = scenario("ha-plan-automatic");
  const std::string no_backups = scenario("no-backups-standalone");
  const Outcome o = run({"check", clean, automatic, no_backups});
  INFO(o.out);
  CHECK(o.exit_code == 1);
  CHECK(contains(o.out, "ghes-topology check: " + clean + " (Lindqvist Insurance) - plan: ha\n"));
  CHECK(contains(o.out, "ghes-topology check: " + automatic + " (Lindqvist Insurance) - plan: ha\n"));
  CHECK(contains(o.out,
                 "ghes-topology check: " + no_backups + " (Harbour Design Studio) - plan: standalone\n"));
  // One summary, at the end, one row per file in the order given.
  CHECK(o.out.find("\nSummary\n") == o.out.rfind("\nSummary\n"));
  CHECK(summary_row(o.out, clean) == std::vector<std::string>{clean, "ha", "0", "0", "0", "0"});
  CHECK(summary_row(o.out, automatic) == std::vector<std::string>{automatic, "ha", "1", "0", "0", "0"});
  CHECK(summary_row(o.out, no_backups) ==
        std::vector<std::string>{no_backups, "standalone", "1", "1", "1", "0"});
  CHECK(o.out.find("  " + clean + " ") < o.out.find("  " + automatic + " "));
  CHECK(last_line(o.out) == "Result: FAIL - 2 findings at or above 'error'");

  std::vector<std::string> args = {"check", "--format", "json", clean, automatic, no_backups};
  const json report = parse_report(run(args).out);
  REQUIRE(report["results"].size() == 3);
  CHECK(report["results"][0]["file"] == clean);
  CHECK(report["results"][2]["file"] == no_backups);
  CHECK(report["summary"]["files"] == 3);
  CHECK(report["summary"]["findings"] == json{{"error", 2}, {"warning", 1}, {"info", 1}, {"waived", 0}});
  CHECK(report["summary"]["failing"] == 2);
  CHECK(report["summary"]["passed"] == false);

  // All clean: pass, with the totals.
  const Outcome pass = run({"check", clean, clean});
  CHECK(pass.exit_code == 0);
  CHECK(last_line(pass.out) ==
        "Result: pass - no finding at or above 'error' (0 errors, 0 warnings, 0 info in 2 files)");
}

TEST_CASE("check: - reads the environment from stdin", "[cli][check]")
{
  const Outcome o = run({"check", "-"}, slurp(scenario("ha-plan-automatic")));
  CHECK(o.exit_code == 1);
  CHECK(o.err.empty());
  CHECK(o.out.rfind("ghes-topology check: <stdin> (Lindqvist Insurance) - plan: ha\n", 0) == 0);
  CHECK(contains(o.out, "  error    failover-ha-automatic-expected  <stdin>:79:13\n"));
  CHECK(summary_row(o.out, "<stdin>") == std::vector<std::string>{"<stdin>", "ha", "1", "0", "0", "0"});

  // A file and stdin in one run.
  const Outcome both = run({"check", scenario("ha-plan"), "-"}, slurp(scenario("ha-plan-automatic")));
  CHECK(both.exit_code == 1);
  CHECK(summary_row(both.out, scenario("ha-plan")).size() == 6);
  CHECK(summary_row(both.out, "<stdin>").size() == 6);
}

TEST_CASE("check: a waiver silences its rule's findings and is listed as applied", "[cli][check]")
{
  const std::string file = scenario("waivers");
  const std::string utils_at = position(file, "backup_utils_version", "\"3.16.2\"");
  const Outcome o = run({"check", "--today", "2025-06-01", file});
  INFO(o.out);
  // The waived error no longer fails the run; the expired waiver's warnings do not either.
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nFindings: 0 errors, 2 warnings, 0 info, 1 waived\n"
                        "  waived   backups-utils-older-than-ghes  " +
                            utils_at + "\n"));
  CHECK(contains(o.out,
                 "\nWaivers\n"
                 "  - backups-utils-older-than-ghes (applied, silenced 1 finding; owner\n"
                 "    platform-team@lindqvist.example, expires 2030-06-30): backup-utils 3.17 is rolled "
                 "out with the\n"
                 "    GHES 3.17 upgrade window\n"));
  CHECK(summary_row(o.out, file) == std::vector<std::string>{file, "ha", "0", "2", "0", "1"});

  const json r = json_result({"check", "--today", "2025-06-01", file});
  REQUIRE(r["waivers"].size() == 2);
  CHECK(r["waivers"][0]["rule"] == "backups-utils-older-than-ghes");
  CHECK(r["waivers"][0]["state"] == "applied");
  CHECK(r["waivers"][0]["silenced"] == 1);
  CHECK(r["waivers"][0]["owner"] == "platform-team@lindqvist.example");
  bool waived = false;
  for (const auto& f : r["findings"])
    if (f["rule"] == "backups-utils-older-than-ghes") {
      CHECK(f["waived"] == true);
      waived = true;
    }
  CHECK(waived);

  // The waiver applies through its last day, and not the day after: then the error counts.
  CHECK(run({"check", "--today", "2030-06-30", file}).exit_code == 0);
  const Outcome later = run({"check", "--today", "2030-07-01", file});
  CHECK(later.exit_code == 1);
  CHECK(contains(later.out, "  error    backups-utils-older-than-ghes  " + utils_at + "\n"));
}

TEST_CASE("check: an expired waiver silences nothing and is itself reported", "[cli][check]")
{
  const std::string file = scenario("waivers");
  const std::string ttl_at = position(file, "dns_ttl_seconds: 3600", "3600");
  const std::string expiry_at = position(file, "expires: 2025-01-31", "2025-01-31");

  const json r = json_result({"check", "--today", "2025-06-01", file});
  CHECK(finding_lines(r) == std::vector<std::string>{"warning failover-ha-dns-ttl " + ttl_at,
                                                     "warning waiver-expired " + expiry_at});
  CHECK(r["waivers"][1]["state"] == "expired");
  CHECK(r["waivers"][1]["silenced"] == 0);
  for (const auto& f : r["findings"])
    if (f["rule"] == "waiver-expired")
      CHECK(f["message"] ==
            "the waiver for 'failover-ha-dns-ttl' (owner: network-team@lindqvist.example) expired "
            "on 2025-01-31; its findings count again");

  const Outcome o = run({"check", "--today", "2025-06-01", file});
  CHECK(contains(o.out, "  warning  waiver-expired  " + expiry_at + "\n"));
  CHECK(contains(o.out,
                 "  - failover-ha-dns-ttl (EXPIRED, silences nothing; owner network-team@lindqvist.example, "
                 "expires\n"
                 "    2025-01-31): the DNS provider migration will lower the TTL\n"));
  // At --fail-on warning the expired waiver and its finding fail the run.
  CHECK(run({"check", "--fail-on", "warning", "--today", "2025-06-01", file}).exit_code == 1);

  // On its last day it still silenced the TTL finding; it is only announced as expiring
  // (an info finding, issue 14), which does not fail the run at --fail-on warning.
  const json before = json_result({"check", "--today", "2025-01-31", file});
  CHECK(finding_rules(before) == std::vector<std::string>{"waiver-expiring"});
  for (const auto& f : before["findings"])
    if (f["rule"] == "waiver-expiring")
      CHECK(f["message"] ==
            "the waiver for 'failover-ha-dns-ttl' (owner: network-team@lindqvist.example) expires "
            "on 2025-01-31, in 0 days; its findings will count again");
  // Outside the warning window (14 days by default) nothing is reported about it.
  CHECK(finding_rules(json_result({"check", "--today", "2025-01-16", file})).empty());
  CHECK(finding_rules(json_result({"check", "--today", "2025-01-17", file})) ==
        std::vector<std::string>{"waiver-expiring"});
  CHECK(finding_rules(json_result({"check", "--waiver-warning-days", "0", "--today", "2025-01-31", file}))
            .empty());
  CHECK(before["waivers"][1]["state"] == "applied");
  CHECK(run({"check", "--fail-on", "warning", "--today", "2025-01-31", file}).exit_code == 0);
}

TEST_CASE("check: a waiver naming an unknown rule is exit 2 with did-you-mean", "[cli][check]")
{
  const std::string file = scenario("waiver-unknown-rule");
  const int line = line_of(file, "rule: backups-utils-older-than-ghe");
  const std::string n = std::to_string(line);
  const Outcome o = run({"check", file});
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty());
  CHECK(o.err ==
        file + ":" + n +
            ":11: error: waiver names unknown rule 'backups-utils-older-than-ghe' [waiver-unknown-rule]\n"
            " " +
            n +
            " |   - rule: backups-utils-older-than-ghe\n"
            "    |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "    = key path: waivers[0].rule\n"
            "    = expected: the id of a rule in the catalog (see 'ghes-topology rules list')\n"
            "    = found: backups-utils-older-than-ghe\n"
            "    = help: did you mean 'backups-utils-older-than-ghes'?\n");
  // recommend reads the same waivers and refuses them the same way.
  const Outcome rec = run({"recommend", file});
  CHECK(rec.exit_code == 2);
  CHECK(rec.err == o.err);
  // validate catches it first: a file validate accepts is never refused by check.
  const Outcome val = run({"validate", file});
  CHECK(val.exit_code == 2);
  CHECK(val.out.empty());
  CHECK(val.err == o.err + "1 of 1 file has problems\n");
}

TEST_CASE("validate: waivers are checked against the catalog the options describe", "[cli][validate]")
{
  TempDir dir;
  const std::string file =
      dir.write("env.yaml", "version: 1\nwaivers:\n  - rule: monitoring-memory-warning\n    reason: planned\n"
                            "    owner: me\n    expires: 2027-01-01\n");
  const Outcome ok = run({"validate", file});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == file + ": ok\n");
  CHECK(ok.err.empty());
  const Outcome none = run({"validate", "--no-builtin-rules", file});
  CHECK(none.exit_code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find(file + ":3:11: error: waiver names unknown rule 'monitoring-memory-warning' "
                             "[waiver-unknown-rule]\n") == 0);
}

TEST_CASE("check: --set on several files applies to each and is listed", "[cli][check]")
{
  const std::string a = scenario("ha-plan");
  const std::string b = scenario("waivers");
  const Outcome o = run({"check", "--today", "2025-06-01", "--set", "plan.failover=automatic", a, b});
  INFO(o.err);
  CHECK(o.exit_code == 1);
  CHECK(contains(o.out, "ghes-topology check: " + a +
                            " (Lindqvist Insurance) - plan: ha\n"
                            "Overrides: --set plan.failover=automatic\n"));
  CHECK(contains(o.out, "ghes-topology check: " + b +
                            " (Lindqvist Insurance) - plan: ha\n"
                            "Overrides: --set plan.failover=automatic\n"));
  CHECK(summary_row(o.out, a) == std::vector<std::string>{a, "ha", "1", "0", "0", "0"});
  CHECK(summary_row(o.out, b) == std::vector<std::string>{b, "ha", "1", "2", "0", "1"});
}

// A finding about a fact overridden with `--set` points at the `--set`, not at a line of the file.
TEST_CASE("check: a finding about an overridden fact points at the --set", "[cli][check]")
{
  const json r = json_result({"check", "--set", "network.dns_ttl_seconds=30", scenario("ha-plan")});
  REQUIRE(r["findings"].size() == 1);
  CHECK(r["findings"][0]["rule"] == "failover-ha-dns-ttl-short");
  CHECK(r["findings"][0]["location"] == json{{"file", "--set network.dns_ttl_seconds=30"}});
}

TEST_CASE("check: the same input gives byte-identical text and JSON", "[cli][check]")
{
  const std::vector<std::string> files = {scenario("cluster-two-sites"), scenario("waivers"),
                                          scenario("no-backups-ha")};
  std::vector<std::string> text_args = {"check", "--today", "2025-06-01"};
  text_args.insert(text_args.end(), files.begin(), files.end());
  std::vector<std::string> json_args = text_args;
  json_args.insert(json_args.begin() + 1, {"--format", "json"});

  const Outcome t1 = run(text_args);
  const Outcome t2 = run(text_args);
  CHECK(t1.exit_code == 1);
  CHECK(t1.out == t2.out);
  const Outcome j1 = run(json_args);
  const Outcome j2 = run(json_args);
  CHECK(j1.out == j2.out);
  parse_report(j1.out);
}

TEST_CASE("check: -o FILE is untouched by a failing run and written by a run with findings", "[cli][check]")
{
  TempDir dir;
  const std::string report = dir.write("findings.json", "{\"previous\": true}\n");

  const Outcome bad = run({"-o", report, "check", "--format", "json", scenario("small-team")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(slurp(report) == "{\"previous\": true}\n");

  const Outcome invalid = run({"-o", report, "check", scenario("invalid-plan")});
  CHECK(invalid.exit_code == 2);
  CHECK(slurp(report) == "{\"previous\": true}\n");

  const Outcome findings = run(
      {"-o", report, "check", "--format", "json", "--today", "2025-06-01", scenario("ha-plan-automatic")});
  CHECK(findings.exit_code == 1);
  CHECK(findings.out.empty());
  const json written = parse_report(slurp(report));
  CHECK(written["summary"]["failing"] == 1);
  CHECK(slurp(report) ==
        run({"check", "--format", "json", "--today", "2025-06-01", scenario("ha-plan-automatic")}).out);
}
