// SPDX-License-Identifier: Apache-2.0
// Rule self-tests: markers, mismatches both ways, catalog-level checks, and the fixtures
// of the whole built-in catalog.
#include "unit/engine/engine_test_support.hpp"

#include "ghes_topology/engine/fixtures.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

using testing::load_ok;
using testing::rule_file;

const char* const k_rule = R"Y(id: failover-ttl
title: Long TTL
kind: finding
severity: warning
when: network.dns_ttl_seconds > 300
point_at: network.dns_ttl_seconds
message: TTL {network.dns_ttl_seconds}
remediation: Lower it.
source: { path: p }
)Y";

struct Run
{
  TestReport report;
  std::string diagnostics;
  std::string failures; // every failure's text, one a line
};

Run run(const Catalog& catalog)
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  Run out;
  out.report = run_fixtures(catalog, bag, sources);
  out.diagnostics = diag::render_all(bag, sources);
  for (const auto& result : out.report.results)
    for (const auto& f : result.failures)
      out.failures += f.text() + "\n";
  return out;
}

TEST_CASE("engine: split_fixture finds documents, descriptions and markers", "[engine]")
{
  const FixtureFile fixture{"f.test.yaml", "failover-ttl",
                            "# leading comment only\n"
                            "---\n"
                            "# fires: long TTL\n"
                            "version: 1\n"
                            "network:\n"
                            "  dns_ttl_seconds: 3600  # expect: failover-ttl (one hour)\n"
                            "--- # silent: short TTL\n"
                            "version: 1\n"
                            "network: { dns_ttl_seconds: 60 }\n"
                            "name: \"# expect: not-a-marker\"\n"
                            "---\n",
                            RuleOrigin::builtin, nullptr};
  diag::DiagnosticBag bag;
  const auto docs = split_fixture(fixture, bag);
  CHECK(bag.empty());
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].first_line == 2);
  CHECK(docs[0].last_line == 6);
  CHECK(docs[0].description == "fires: long TTL");
  REQUIRE(docs[0].expects.size() == 1);
  CHECK(docs[0].expects[0].line == 6);
  CHECK(docs[0].expects[0].rule_id == "failover-ttl");
  CHECK(docs[0].text == "   \n# fires: long TTL\nversion: 1\nnetwork:\n"
                        "  dns_ttl_seconds: 3600  # expect: failover-ttl (one hour)\n");
  CHECK(docs[1].first_line == 7);
  CHECK(docs[1].last_line == 10);
  CHECK(docs[1].description == "silent: short TTL");
  CHECK(docs[1].expects.empty());
}

TEST_CASE("engine: malformed expect markers are reported", "[engine]")
{
  const FixtureFile fixture{"f.test.yaml", "failover-ttl",
                            "version: 1  # expect failover-ttl\n"
                            "name: x     # expect:\n"
                            "# expected to fire: not a marker\n",
                            RuleOrigin::builtin, nullptr};
  diag::DiagnosticBag bag;
  split_fixture(fixture, bag);
  diag::SourceMap sources;
  sources.add(fixture.file, fixture.text);
  CHECK(diag::render_all(bag, sources) ==
        "f.test.yaml:1:13: error: malformed expect marker; write '# expect: <rule-id>' [fixture-bad-marker]\n"
        " 1 | version: 1  # expect failover-ttl\n"
        "   |             ^\n"
        "   = found: expect failover-ttl\n"
        "f.test.yaml:2:13: error: malformed expect marker; write '# expect: <rule-id>' [fixture-bad-marker]\n"
        " 2 | name: x     # expect:\n"
        "   |             ^\n"
        "   = found: expect:\n");
}

TEST_CASE("engine: a passing fixture", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("failover/ttl.yaml", k_rule),
      rule_file("failover/ttl.test.yaml", "# fires\n"
                                          "version: 1\n"
                                          "network:\n"
                                          "  dns_ttl_seconds: 3600   # expect: failover-ttl\n"
                                          "---\n"
                                          "# silent\n"
                                          "version: 1\n"
                                          "network: { dns_ttl_seconds: 60 }\n"),
  });
  const Run r = run(catalog);
  CHECK(r.diagnostics.empty());
  CHECK(r.failures.empty());
  REQUIRE(r.report.results.size() == 1);
  CHECK(r.report.results[0].rule_id == "failover-ttl");
  CHECK(r.report.results[0].fixture == "rules/failover/ttl.test.yaml");
  CHECK(r.report.results[0].documents == 2);
  CHECK(r.report.documents == 2);
  CHECK(r.report.passed());
}

TEST_CASE("engine: fixture mismatches are reported both ways with file:line", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("failover/ttl.yaml", k_rule),
      rule_file("failover/ttl.test.yaml", "# marker on the wrong line\n"
                                          "version: 1           # expect: failover-ttl\n"
                                          "network:\n"
                                          "  dns_ttl_seconds: 3600\n"
                                          "---\n"
                                          "# should be silent but fires\n"
                                          "version: 1\n"
                                          "network: { dns_ttl_seconds: 900 }\n"
                                          "---\n"
                                          "# cannot be decided\n"
                                          "version: 1           # expect: failover-ttl\n"),
  });
  const Run r = run(catalog);
  CHECK(r.diagnostics.empty());
  CHECK(r.failures == "rules/failover/ttl.test.yaml:2: missing finding failover-ttl\n"
                      "rules/failover/ttl.test.yaml:4: unexpected finding failover-ttl (TTL 3600)\n"
                      "rules/failover/ttl.test.yaml:8: unexpected finding failover-ttl (TTL 900)\n"
                      "rules/failover/ttl.test.yaml:11: missing finding failover-ttl (could not be decided: "
                      "needs network.dns_ttl_seconds)\n");
  CHECK(r.report.failed() == 1);
  CHECK(r.report.results[0].documents == 3);
}

TEST_CASE("engine: catalog-level fixture checks", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("failover/ttl.yaml", k_rule),
      rule_file("failover/ttl.test.yaml", "# only firing documents\n"
                                          "version: 1\n"
                                          "network:\n"
                                          "  dns_ttl_seconds: 3600  # expect: failover-ttl\n"
                                          "name: x                  # expect: failover-tll\n"
                                          "ghes_version: \"3.16\"     # expect: backups-missing\n"),
      rule_file("backups/missing.yaml", R"Y(id: backups-missing
title: T
kind: finding
severity: error
when: "!has(backups.tool)"
message: M
remediation: R
source: { path: p }
)Y"),
      rule_file("backups/orphan.test.yaml", "version: 1\n"),
      rule_file("backups/silent.yaml", R"Y(id: backups-silent
title: T
kind: finding
severity: error
when: "false"
message: M
remediation: R
source: { path: p }
)Y"),
      rule_file("backups/silent.test.yaml", "# nothing fires\nversion: 1\n"),
  });
  const Run r = run(catalog);
  CHECK(r.diagnostics.empty());
  CHECK(
      r.failures ==
      "rules/backups/missing.yaml: rule backups-missing has no fixture file (expected "
      "rules/backups/missing.test.yaml)\n"
      "rules/backups/orphan.test.yaml: fixture for rule backups-orphan, but there is no rule file "
      "rules/backups/orphan.yaml\n"
      "rules/backups/silent.test.yaml: no document on which backups-silent fires (mark the line it points at "
      "with '# expect: backups-silent')\n"
      "rules/failover/ttl.test.yaml:5: expect marker names unknown rule failover-tll (did you mean "
      "failover-ttl?)\n"
      "rules/failover/ttl.test.yaml:6: expect marker names rule backups-missing, but this file tests only "
      "failover-ttl\n"
      "rules/failover/ttl.test.yaml: no document on which failover-ttl must stay silent (add one without "
      "markers)\n");
  CHECK(r.report.failed() == 4);
  CHECK_FALSE(r.report.passed());
}

TEST_CASE("engine: a fixture document that is not a valid environment is an input error", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("failover/ttl.yaml", k_rule),
      rule_file("failover/ttl.test.yaml", "version: 1\n"
                                          "network:\n"
                                          "  dns_ttl_seconds: 3600  # expect: failover-ttl\n"
                                          "---\n"
                                          "version: 1\n"
                                          "network: { dns_ttl: 60 }\n"),
  });
  const Run r = run(catalog);
  CHECK_THAT(r.diagnostics, Catch::StartsWith("rules/failover/ttl.test.yaml:6:12: error: "));
  CHECK_THAT(r.diagnostics, Catch::Contains(" 6 | network: { dns_ttl: 60 }\n"));
}

TEST_CASE("engine: the fixtures of the whole built-in catalog pass", "[engine][catalog]")
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto catalog = load_catalog(CatalogOptions{}, bag, sources);
  INFO(diag::render_all(bag, sources));
  REQUIRE(catalog);
  REQUIRE(bag.empty());
  const TestReport report = run_fixtures(*catalog, bag, sources);
  INFO(diag::render_all(bag, sources));
  CHECK(bag.empty());
  std::string failures;
  for (const auto& result : report.results)
    for (const auto& f : result.failures)
      failures += f.text() + "\n";
  CHECK(failures.empty());
  CHECK(report.results.size() == catalog->rules.size());
  for (const auto& rule : catalog->rules) {
    INFO(rule.id);
    CHECK_FALSE(rule.source.path.empty());
  }
}

} // namespace
} // namespace ghes_topology::engine
