// SPDX-License-Identifier: Apache-2.0
// `ghes-topology rules list|show|test`, run in-process: whole outputs and exit codes.
#include "ghes_topology/cli/run.hpp"
#include "ghes_topology/engine/embedded_rules.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace ghes_topology::cli {
namespace {

// Runs in the source tree so that paths in the outputs read `tests/data/rules/...`.
class InSourceDir
{
public:
  InSourceDir()
      : m_previous(std::filesystem::current_path())
  {
    std::filesystem::current_path(GHES_TOPOLOGY_SOURCE_DIR);
  }
  ~InSourceDir() { std::filesystem::current_path(m_previous); }
  InSourceDir(const InSourceDir&) = delete;
  InSourceDir& operator=(const InSourceDir&) = delete;

private:
  std::filesystem::path m_previous;
};

struct Result
{
  int code;
  std::string out;
  std::string err;
};

Result ghes_topology(std::vector<std::string> args)
{
  InSourceDir here;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  const int code = run(args, in, out, err, Terminal{});
  return Result{code, out.str(), err.str()};
}

const std::string k_small = "tests/data/rules/small";

TEST_CASE("cli: rules list prints an aligned table of a rule folder", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "list", "--no-builtin-rules", "--rules", k_small});
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK(
      r.out ==
      "ID                                KIND         SEVERITY  TITLE\n"
      "failover-ha-dns-ttl               finding      warning   DNS failover with a TTL longer than five\n"
      "                                                         minutes\n"
      "geography-active-replica-latency  finding      error     Active replica farther than 70 ms from the\n"
      "                                                         primary\n"
      "implications-ha-manual-promotion  implication  -         HA failover is a manual promotion\n"
      "scale-large-team                  evidence     -         Tens of thousands of developers\n"
      "\n"
      "4 rules: 2 findings, 1 evidence, 1 implication\n");
}

TEST_CASE("cli: rules list --format json", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "list", "--format", "json", "--no-builtin-rules", "--rules",
                                  k_small, "--param", "failover.max-dns-ttl-seconds=600"});
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith("[\n"
                               "  {\n"
                               "    \"id\": \"failover-ha-dns-ttl\",\n"
                               "    \"kind\": \"finding\",\n"
                               "    \"severity\": \"warning\",\n"
                               "    \"title\": \"DNS failover with a TTL longer than five minutes\",\n"
                               "    \"category\": \"failover\",\n"
                               "    \"source\": {\n"
                               "      \"path\": \"content/admin/monitoring-and-managing-your-instance/"
                               "configuring-high-availability/about-high-availability-configuration.md\",\n"
                               "      \"section\": \"Failover configuration (DNS failover)\",\n"
                               "      \"versions\": null\n"
                               "    },\n"
                               "    \"threshold\": \"documented\",\n"
                               "    \"file\": \"tests/data/rules/small/failover/ha-dns-ttl.yaml\",\n"
                               "    \"origin\": \"user\",\n"
                               "    \"overrides\": null,\n"
                               "    \"params\": [\n"
                               "      \"failover.max_dns_ttl_seconds\"\n"
                               "    ]\n"
                               "  },\n"));
  CHECK_THAT(r.out, Catch::Contains("    \"id\": \"scale-large-team\",\n"
                                    "    \"kind\": \"evidence\",\n"
                                    "    \"severity\": null,\n"));
  CHECK_THAT(r.out, Catch::EndsWith("  }\n]\n"));
}

TEST_CASE("cli: a broken rule folder gives every diagnostic and exit code 2", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "list", "--rules", "tests/data/rules/broken"});
  CHECK(r.out.empty());
  CHECK(r.code == 2);
  CHECK(r.err ==
        "tests/data/rules/broken/failover/ha-dns-ttl.yaml:6:35: error: unknown field 'network.dns_tll' "
        "(did you mean 'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
        " 6 | when: topology == \"ha\" && network.dns_tll > 300\n"
        "   |                                   ^~~~~~~\n"
        "tests/data/rules/broken/scale/large-team.yaml:5:3: error: unknown function 'cnt' (did you mean "
        "'int'?) [expr-unknown-function]\n"
        " 5 |   cnt(developers.regions) > 2\n"
        "   |   ^~~\n"
        "tests/data/rules/broken/scale/large-team.yaml:7:12: error: cannot add int and string with '+' "
        "[expr-type]\n"
        " 7 | message: \"{developers.total + ' developers'} is the scale clustering is designed for.\"\n"
        "   |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("cli: rules show prints everything about a rule", "[cli][rules]")
{
  const Result r =
      ghes_topology({"rules", "show", "failover-ha-dns-ttl", "--no-builtin-rules", "--rules", k_small});
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK(
      r.out ==
      "failover-ha-dns-ttl: DNS failover with a TTL longer than five minutes\n"
      "\n"
      "  kind:        finding\n"
      "  severity:    warning\n"
      "  category:    failover\n"
      "  file:        tests/data/rules/small/failover/ha-dns-ttl.yaml\n"
      "  requires:    plan\n"
      "  condition:   topology == \"ha\" && plan.failover_via == \"dns\" && network.dns_ttl_seconds >\n"
      "               params.failover.max_dns_ttl_seconds\n"
      "  points at:   network.dns_ttl_seconds\n"
      "  message:     DNS TTL is {network.dns_ttl_seconds} s; after a failover, clients keep resolving the\n"
      "               old primary for up to that long.\n"
      "  facts read:  network.dns_ttl_seconds, plan.failover_via\n"
      "\n"
      "Rationale:\n"
      "  With HA, users reach the promoted replica only once their cached DNS record expires. GitHub\n"
      "  recommends a TTL between 60 seconds and 5 minutes.\n"
      "\n"
      "Remediation:\n"
      "  Lower the TTL to 60-300 seconds, or fail over through a load balancer.\n"
      "\n"
      "Source:\n"
      "  docs:        content/admin/monitoring-and-managing-your-instance/configuring-high-availability/\n"
      "               about-high-availability-configuration.md\n"
      "  section:     Failover configuration (DNS failover)\n"
      "  versions:    every version the docs cover\n"
      "  threshold:   documented (the GHES docs state it)\n"
      "\n"
      "Parameters:\n"
      "  failover.max_dns_ttl_seconds = 300 seconds (default), integer, documented\n"
      "    Longest DNS TTL GitHub recommends for DNS failover.\n"
      "\n"
      "Fixtures: tests/data/rules/small/failover/ha-dns-ttl.test.yaml (3 documents)\n"
      "  lines 1-5: fires at line 5 - fires: TTL of one hour\n"
      "  lines 6-11: must not fire - does not fire: TTL within 60-300 s\n"
      "  lines 12-16: must not fire - does not fire: no plan, so the rule does not apply\n");
}

TEST_CASE("cli: rules show marks parameter overrides", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "show", "scale-large-team", "--no-builtin-rules", "--rules",
                                  k_small, "--param", "scale.cluster-developers=30000"});
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("  effect:      +30 cluster, -20 standalone\n"));
  CHECK_THAT(r.out, Catch::Contains(
                        "Parameters:\n"
                        "  scale.cluster_developers = 30000 developers (--param; default 20000), integer, "
                        "assumption (the\n"
                        "    advisor's own number)\n"
                        "    Developer count from which clustering is worth its overhead.\n"));
}

TEST_CASE("cli: a user rule with a built-in rule's id replaces it, and the outputs say so", "[cli][rules]")
{
  bool builtin = false;
  for (const auto& f : engine::embedded_rule_files())
    builtin = builtin || f.path == "rules/failover/ha-dns-ttl.yaml";
  const Result show =
      ghes_topology({"rules", "show", "failover-ha-dns-ttl", "--rules", "tests/data/rules/override"});
  CHECK(show.err.empty());
  CHECK(show.code == 0);
  CHECK_THAT(show.out, Catch::StartsWith("failover-ha-dns-ttl: DNS TTL above our own ten-minute limit\n"));
  const Result list =
      ghes_topology({"rules", "list", "--format", "json", "--rules", "tests/data/rules/override"});
  CHECK(list.code == 0);
  if (builtin) {
    CHECK_THAT(show.out, Catch::Contains("\n  overrides:   built-in rule rules/failover/ha-dns-ttl.yaml\n"));
    CHECK_THAT(list.out,
               Catch::Contains("    \"file\": \"tests/data/rules/override/failover/ha-dns-ttl.yaml\",\n"
                               "    \"origin\": \"user\",\n"
                               "    \"overrides\": \"rules/failover/ha-dns-ttl.yaml\",\n"));
  } else {
    CHECK_THAT(show.out, !Catch::Contains("overrides:"));
    CHECK_THAT(list.out, Catch::Contains("    \"overrides\": null,\n"));
  }
  const Result test = ghes_topology({"rules", "test", "--no-builtin-rules", "tests/data/rules/override"});
  CHECK(test.code == 0);
  CHECK(test.out ==
        "PASS  failover-ha-dns-ttl  2 documents\n\nrules test: 1 rule, 2 documents: 1 passed, 0 failed\n");
}

TEST_CASE("cli: rules show with an unknown id suggests the closest", "[cli][rules]")
{
  const Result r =
      ghes_topology({"rules", "show", "failover-ha-dns-tl", "--no-builtin-rules", "--rules", k_small});
  CHECK(r.out.empty());
  CHECK(r.code == 2);
  CHECK(r.err == "error: unknown rule 'failover-ha-dns-tl' [unknown-rule]\n"
                 "     = help: did you mean 'failover-ha-dns-ttl'?\n");
}

TEST_CASE("cli: an unknown --param is an error with did-you-mean", "[cli][rules]")
{
  const Result r = ghes_topology(
      {"rules", "list", "--no-builtin-rules", "--rules", k_small, "--param", "failover.max_dns_ttl=600"});
  CHECK(r.out.empty());
  CHECK(r.code == 2);
  CHECK(r.err == "error: unknown parameter 'failover.max_dns_ttl' in --param failover.max_dns_ttl=600 "
                 "[param-unknown]\n"
                 "     = help: did you mean 'failover.max_dns_ttl_seconds'?\n");
}

TEST_CASE("cli: a missing rule folder is an input error", "[cli][rules]")
{
  const Result r =
      ghes_topology({"rules", "list", "--no-builtin-rules", "--rules", "tests/data/rules/nowhere"});
  CHECK(r.out.empty());
  CHECK(r.code == 2);
  CHECK(r.err == "error: rule folder 'tests/data/rules/nowhere' does not exist [rules-dir-not-found]\n");
}

TEST_CASE("cli: rules test passes on a folder whose fixtures hold", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "test", "--no-builtin-rules", k_small});
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK(r.out == "PASS  failover-ha-dns-ttl               3 documents\n"
                 "PASS  geography-active-replica-latency  2 documents\n"
                 "PASS  implications-ha-manual-promotion  2 documents\n"
                 "PASS  scale-large-team                  2 documents\n"
                 "\n"
                 "rules test: 4 rules, 9 documents: 4 passed, 0 failed\n");
}

TEST_CASE("cli: rules test lists every failure with file:line and exits 1", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "test", "--no-builtin-rules", "tests/data/rules/failing"});
  CHECK(r.err.empty());
  CHECK(r.code == 1);
  CHECK(r.out ==
        "FAIL  backups-no-fixture  0 documents\n"
        "tests/data/rules/failing/backups/no-fixture.yaml: rule backups-no-fixture has no fixture file "
        "(expected tests/data/rules/failing/backups/no-fixture.test.yaml)\n"
        "FAIL  failover-ttl        2 documents\n"
        "tests/data/rules/failing/failover/ttl.test.yaml:2: missing finding failover-ttl\n"
        "tests/data/rules/failing/failover/ttl.test.yaml:4: unexpected finding failover-ttl (DNS TTL is "
        "3600 s.)\n"
        "tests/data/rules/failing/failover/ttl.test.yaml:9: unexpected finding failover-ttl (DNS TTL is "
        "900 s.)\n"
        "\n"
        "rules test: 2 rules, 2 documents: 0 passed, 2 failed\n");
}

TEST_CASE("cli: a fixture document that is not a valid environment file is an input error", "[cli][rules]")
{
  const Result r = ghes_topology({"rules", "test", "--no-builtin-rules", "tests/data/rules/bad-fixture"});
  CHECK(r.out.empty());
  CHECK(r.code == 2);
  CHECK(r.err ==
        "tests/data/rules/bad-fixture/failover/ttl.test.yaml:9:3: error: unknown key 'dns_ttl' in "
        "'network' [unknown-key]\n"
        " 9 |   dns_ttl: 60\n"
        "   |   ^~~~~~~\n"
        "   = key path: network.dns_ttl\n"
        "   = expected: one of dns_ttl_seconds, geodns_available, load_balancer, datacenter_latency_ms, "
        "dr_site_latency_ms, firewall_between_nodes, replication_ports_open, tls_enabled, "
        "subdomain_isolation, wildcard_dns\n"
        "   = found: dns_ttl\n"
        "   = help: did you mean 'dns_ttl_seconds'?\n");
}

TEST_CASE("cli: rules test of the built-in catalog passes", "[cli][rules][catalog]")
{
  const Result r = ghes_topology({"rules", "test"});
  INFO(r.out);
  CHECK(r.err.empty());
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains(" 0 failed\n"));
}

TEST_CASE("cli: rules subcommands have help with examples", "[cli][rules]")
{
  for (const char* sub : {"list", "show", "test"}) {
    const Result r = ghes_topology({"rules", sub, "--help"});
    INFO(sub);
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("--rules DIR"));
    CHECK_THAT(r.out, Catch::Contains("--no-builtin-rules"));
    CHECK_THAT(r.out, Catch::Contains("--param NAME=VALUE"));
    CHECK_THAT(r.out, Catch::Contains("Examples:\n  ghes-topology rules " + std::string(sub)));
  }
}

} // namespace
} // namespace ghes_topology::cli
