// SPDX-License-Identifier: Apache-2.0
// Loading rule files: every diagnostic with its whole rendered text, and what a valid
// rule becomes.
#include "unit/engine/engine_test_support.hpp"

#include "ghes_topology/engine/rule_schema.hpp"

#include <catch2/catch.hpp>

namespace ghes_topology::engine {
namespace {

using testing::load_errors;
using testing::load_ok;
using testing::rule_file;

// A valid finding rule with `extra` appended and `when` replaced when given.
std::string finding(const std::string& id, const std::string& when = "network.dns_ttl_seconds > 300",
                    const std::string& extra = "")
{
  return "id: " + id +
         "\n"
         "title: A finding\n"
         "kind: finding\n"
         "severity: warning\n"
         "when: " +
         when +
         "\n"
         "message: TTL {network.dns_ttl_seconds}\n"
         "remediation: Lower it.\n"
         "source:\n"
         "  path: content/admin/x.md\n" +
         extra;
}

TEST_CASE("engine: a valid finding rule is loaded with its metadata and compiled expressions", "[engine]")
{
  const Catalog catalog = load_ok({rule_file("failover/ha-dns-ttl.yaml", R"Y(id: failover-ha-dns-ttl
title: DNS failover with a long TTL
kind: finding
severity: warning
requires: [plan]
when: >-
  topology == "ha" && plan.failover_via == "dns"
  && network.dns_ttl_seconds > params.failover.max_dns_ttl_seconds
point_at: network.dns_ttl_seconds
message: >-
  DNS TTL is {network.dns_ttl_seconds} s
  (limit {params.failover.max_dns_ttl_seconds} s).
rationale: Clients keep the old address.
remediation: Lower the TTL.
source:
  path: content/admin/ha.md
  section: Failover
threshold: documented
params:
  failover.max_dns_ttl_seconds:
    default: 300
    unit: seconds
    description: Longest TTL.
    basis: documented
)Y")});
  REQUIRE(catalog.rules.size() == 1);
  const Rule& r = catalog.rules.front();
  CHECK(r.id == "failover-ha-dns-ttl");
  CHECK(r.category == "failover");
  CHECK(r.name == "ha-dns-ttl");
  CHECK(r.title == "DNS failover with a long TTL");
  CHECK(r.kind == RuleKind::finding);
  CHECK(r.severity == Severity::warning);
  CHECK(r.required_facts == std::vector<std::string>{"plan"});
  CHECK(r.when.text == "topology == \"ha\" && plan.failover_via == \"dns\" && network.dns_ttl_seconds > "
                       "params.failover.max_dns_ttl_seconds");
  REQUIRE(r.point_at);
  CHECK(r.point_at->text == "network.dns_ttl_seconds");
  CHECK(r.message.text ==
        "DNS TTL is {network.dns_ttl_seconds} s (limit {params.failover.max_dns_ttl_seconds} s).");
  REQUIRE(r.message.parts().size() == 3);
  CHECK(r.message.parts()[0].literal == "DNS TTL is ");
  CHECK(r.message.parts()[0].expression->text == "network.dns_ttl_seconds");
  CHECK(r.message.parts()[1].literal == " s (limit ");
  CHECK(r.message.parts()[1].expression->text == "params.failover.max_dns_ttl_seconds");
  CHECK(r.message.parts()[2].literal == " s).");
  CHECK_FALSE(r.message.parts()[2].expression);
  CHECK(r.rationale == "Clients keep the old address.");
  CHECK(r.remediation.text == "Lower the TTL.");
  CHECK(r.source.path == "content/admin/ha.md");
  CHECK(r.source.section == "Failover");
  CHECK(r.threshold == Threshold::documented);
  CHECK(r.file == "rules/failover/ha-dns-ttl.yaml");
  CHECK(r.origin == RuleOrigin::builtin);
  CHECK(r.overrides.empty());
  CHECK(r.fact_paths == std::vector<std::string>{"network.dns_ttl_seconds", "plan.failover_via"});
  CHECK(r.used_params == std::vector<std::string>{"failover.max_dns_ttl_seconds"});
  CHECK(r.uses_topology);
  REQUIRE(r.params.size() == 1);
  CHECK(r.params[0].name == "failover.max_dns_ttl_seconds");
  CHECK(r.params[0].type == ParamType::integer);
  CHECK(r.params[0].value.to_string() == "300");
  CHECK(r.params[0].value.origin.to_string() == "rules/failover/ha-dns-ttl.yaml:21:14");
  CHECK(r.params[0].unit == "seconds");
  CHECK(r.params[0].basis == Basis::documented);

  // Expressions point into the file exactly, also inside a folded block scalar.
  CHECK(r.when.program.where().to_string() == "rules/failover/ha-dns-ttl.yaml:7:3");
  CHECK(r.message.parts()[1].expression->program.where().to_string() ==
        "rules/failover/ha-dns-ttl.yaml:12:11");

  REQUIRE(catalog.parameters.size() == 1);
  CHECK(catalog.parameters[0].declared_by == std::vector<std::string>{"failover-ha-dns-ttl"});
  CHECK(catalog.fixtures.empty());
}

TEST_CASE("engine: evidence and implication rules keep their effects and section", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("scale/large.yaml", R"Y(id: scale-large
title: Large
kind: evidence
when: developers.total >= 20000
message: Many developers.
source: { path: content/admin/a.md }
effect:
  - { option: cluster, weight: 30 }
  - { option: standalone, weight: -12.5 }
  - { option: ha, block: true }
)Y"),
      rule_file("implications/ha.yaml", R"Y(id: implications-ha
title: HA
kind: implication
section: backups
when: topology == "ha"
message: Back up the primary.
source: { path: content/admin/b.md }
)Y"),
  });
  REQUIRE(catalog.rules.size() == 2);
  const Rule& ha = catalog.rules[0];
  const Rule& large = catalog.rules[1];
  CHECK(ha.id == "implications-ha");
  CHECK(ha.section == Section::backups);
  CHECK_FALSE(ha.severity);
  CHECK(ha.threshold == Threshold::none);
  CHECK(large.id == "scale-large");
  REQUIRE(large.effects.size() == 3);
  CHECK(large.effects[0].option == Topology::cluster);
  CHECK(large.effects[0].weight == 30);
  CHECK_FALSE(large.effects[0].blocks);
  CHECK(large.effects[1].option == Topology::standalone);
  CHECK(large.effects[1].weight == -12.5);
  CHECK(large.effects[2].option == Topology::ha);
  CHECK(large.effects[2].blocks);
  CHECK(large.effects[2].where.to_string() == "rules/scale/large.yaml:10:5");
}

TEST_CASE("engine: rules are sorted by id and fixtures are recognised by their name", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("scale/b.yaml", finding("scale-b")),
      rule_file("backups/a.yaml", finding("backups-a")),
      rule_file("backups/a.test.yaml", "version: 1\n"),
  });
  CHECK(catalog.ids() == std::vector<std::string>{"backups-a", "scale-b"});
  REQUIRE(catalog.fixtures.size() == 1);
  CHECK(catalog.fixtures[0].file == "rules/backups/a.test.yaml");
  CHECK(catalog.fixtures[0].rule_id == "backups-a");
  CHECK(catalog.fixture_for(catalog.rules[0]) == &catalog.fixtures[0]);
  CHECK(catalog.fixture_for(catalog.rules[1]) == nullptr);
}

TEST_CASE("engine: rule files get the loader's diagnostics: unknown keys, bad values, wrong types",
          "[engine]")
{
  CHECK(load_errors({rule_file("scale/a.yaml", R"Y(id: scale-a
title: A
kind: findng
severty: warning
when: developers.total > 1
message: M
remediation: R
source:
  path: p
  sections: S
parms: {}
effect: {option: ha}
)Y")}) == "rules/scale/a.yaml:3:7: error: unknown value 'findng' for 'kind' [bad-enum-value]\n"
          " 3 | kind: findng\n"
          "   |       ^~~~~~\n"
          "   = key path: kind\n"
          "   = expected: one of finding, evidence, implication\n"
          "   = found: findng\n"
          "   = help: did you mean 'finding'?\n"
          "rules/scale/a.yaml:4:1: error: unknown key 'severty' at the top level [unknown-key]\n"
          " 4 | severty: warning\n"
          "   | ^~~~~~~\n"
          "   = key path: severty\n"
          "   = expected: one of id, title, kind, severity, requires, for_each, when, point_at, message, "
          "rationale, remediation, source, threshold, effect, section, params\n"
          "   = found: severty\n"
          "   = help: did you mean 'severity'?\n"
          "rules/scale/a.yaml:10:3: error: unknown key 'sections' in 'source' [unknown-key]\n"
          " 10 |   sections: S\n"
          "    |   ^~~~~~~~\n"
          "    = key path: source.sections\n"
          "    = expected: one of path, section, versions\n"
          "    = found: sections\n"
          "    = help: did you mean 'section'?\n"
          "rules/scale/a.yaml:11:1: error: unknown key 'parms' at the top level [unknown-key]\n"
          " 11 | parms: {}\n"
          "    | ^~~~~\n"
          "    = key path: parms\n"
          "    = expected: one of id, title, kind, severity, requires, for_each, when, point_at, message, "
          "rationale, remediation, source, threshold, effect, section, params\n"
          "    = found: parms\n"
          "    = help: did you mean 'params'?\n"
          "rules/scale/a.yaml:12:9: error: 'effect' must be a list [wrong-type]\n"
          " 12 | effect: {option: ha}\n"
          "    |         ^\n"
          "    = key path: effect\n"
          "    = expected: a list of mappings (at most 6 items)\n"
          "    = found: a mapping\n");
}

TEST_CASE("engine: an id that does not match the path is rule-id-mismatch", "[engine]")
{
  CHECK(
      load_errors({rule_file("failover/ha-dns-ttl.yaml", finding("failover-dns-ttl"))}) ==
      "rules/failover/ha-dns-ttl.yaml:1:5: error: rule id 'failover-dns-ttl' does not match the file's path "
      "[rule-id-mismatch]\n"
      " 1 | id: failover-dns-ttl\n"
      "   |     ^~~~~~~~~~~~~~~~\n"
      "   = expected: 'failover-ha-dns-ttl' (<category>-<name> of failover/ha-dns-ttl.yaml)\n"
      "   = found: 'failover-dns-ttl'\n");
}

TEST_CASE("engine: a rule outside a known category folder is rule-bad-path", "[engine]")
{
  CHECK(load_errors({rule_file("failvoer/x.yaml", finding("failvoer-x"))}) ==
        "rules/failvoer/x.yaml: error: unknown rule category 'failvoer' [rule-bad-path]\n"
        "     = help: did you mean 'failover'?\n");
  CHECK(load_errors({rule_file("x.yaml", finding("x"))}) ==
        "rules/x.yaml: error: rule files must be laid out as <category>/<name>.yaml [rule-bad-path]\n");
  CHECK(
      load_errors({rule_file("scale/Big_Team.yaml", finding("scale-Big_Team"))}) ==
      "rules/scale/Big_Team.yaml: error: rule name 'Big_Team' is not kebab-case (lower-case letters, digits "
      "and '-') [rule-bad-path]\n");
  CHECK(load_errors({rule_file("scale/a.yml", finding("scale-a"))}) ==
        "rules/scale/a.yml: error: rule and fixture files must end in .yaml [rule-bad-path]\n");
}

TEST_CASE("engine: kind-specific fields are required and others are not allowed", "[engine]")
{
  CHECK(load_errors({rule_file("scale/a.yaml", R"Y(id: scale-a
title: A
kind: finding
when: developers.total > 1
message: M
source: { path: p }
effect:
  - { option: ha, weight: 1 }
)Y")}) == "rules/scale/a.yaml:3:7: error: a finding rule needs 'severity' [rule-missing-field]\n"
          " 3 | kind: finding\n"
          "   |       ^~~~~~~\n"
          "rules/scale/a.yaml:3:7: error: a finding rule needs 'remediation' [rule-missing-field]\n"
          " 3 | kind: finding\n"
          "   |       ^~~~~~~\n"
          "rules/scale/a.yaml:7:1: error: 'effect' is only for evidence rules, not finding rules "
          "[rule-field-not-allowed]\n"
          " 7 | effect:\n"
          "   | ^~~~~~\n");

  CHECK(load_errors({rule_file("scale/b.yaml", R"Y(id: scale-b
title: B
kind: evidence
severity: info
section: failover
for_each: { var: r, in: plan.replicas }
when: r.latency_ms > 1
message: M
source: { path: p }
)Y")}) == "rules/scale/b.yaml:3:7: error: a evidence rule needs 'effect' [rule-missing-field]\n"
          " 3 | kind: evidence\n"
          "   |       ^~~~~~~~\n"
          "rules/scale/b.yaml:4:1: error: 'severity' is only for finding rules, not evidence rules "
          "[rule-field-not-allowed]\n"
          " 4 | severity: info\n"
          "   | ^~~~~~~~\n"
          "rules/scale/b.yaml:5:1: error: 'section' is only for implication rules, not evidence rules "
          "[rule-field-not-allowed]\n"
          " 5 | section: failover\n"
          "   | ^~~~~~~\n"
          "rules/scale/b.yaml:6:1: error: 'for_each' is not for evidence rules; their weights apply once "
          "[rule-field-not-allowed]\n"
          " 6 | for_each: { var: r, in: plan.replicas }\n"
          "   | ^~~~~~~~\n");
}

TEST_CASE("engine: effects need a non-zero weight or block: true", "[engine]")
{
  CHECK(load_errors({rule_file("scale/a.yaml", R"Y(id: scale-a
title: A
kind: evidence
when: developers.total > 1
message: M
source: { path: p }
effect:
  - { option: ha }
  - { option: ha, weight: 3, block: true }
  - { option: ha, block: false }
  - { option: ha, weight: 0 }
)Y")}) == "rules/scale/a.yaml:8:5: error: an effect needs 'weight' or 'block: true' [rule-effect]\n"
          " 8 |   - { option: ha }\n"
          "   |     ^\n"
          "rules/scale/a.yaml:9:5: error: an effect has either 'weight' or 'block', not both [rule-effect]\n"
          " 9 |   - { option: ha, weight: 3, block: true }\n"
          "   |     ^\n"
          "rules/scale/a.yaml:10:26: error: 'block: false' has no effect; remove the entry or write 'block: "
          "true' "
          "[rule-effect]\n"
          " 10 |   - { option: ha, block: false }\n"
          "    |                          ^~~~~\n"
          "rules/scale/a.yaml:11:27: error: 'weight: 0' has no effect [rule-effect]\n"
          " 11 |   - { option: ha, weight: 0 }\n"
          "    |                           ^\n");
}

TEST_CASE("engine: requires names facts outside lists", "[engine]")
{
  CHECK(
      load_errors({rule_file("scale/a.yaml", finding("scale-a", "network.dns_ttl_seconds > 300",
                                                     "requires: [netwrok, plan.replicas.name, plan]\n"))}) ==
      "rules/scale/a.yaml:10:12: error: 'requires' names unknown fact 'netwrok' [rule-requires-path]\n"
      " 10 | requires: [netwrok, plan.replicas.name, plan]\n"
      "    |            ^~~~~~~\n"
      "    = key path: requires\n"
      "    = help: did you mean 'network'?\n"
      "rules/scale/a.yaml:10:21: error: 'requires' names 'plan.replicas.name', which is inside a list "
      "[rule-requires-path]\n"
      " 10 | requires: [netwrok, plan.replicas.name, plan]\n"
      "    |                     ^~~~~~~~~~~~~~~~~~\n"
      "    = note: only facts outside lists can be required; test list items in 'when'\n");
}

TEST_CASE("engine: for_each needs a fresh variable name and a list", "[engine]")
{
  CHECK(load_errors({rule_file("plan/a.yaml", R"Y(id: plan-a
title: A
kind: finding
severity: info
remediation: R
for_each: { var: plan, in: plan.replicas }
when: "true"
message: M
source: { path: p }
)Y")}) == "rules/plan/a.yaml:6:18: error: loop variable 'plan' hides the variable of the same name "
          "[rule-for-each-var]\n"
          " 6 | for_each: { var: plan, in: plan.replicas }\n"
          "   |                  ^~~~\n"
          "   = expected: a name that is not an environment section, 'params' or 'topology'\n");

  CHECK(load_errors({rule_file("plan/b.yaml", R"Y(id: plan-b
title: B
kind: finding
severity: info
remediation: R
for_each: { var: n, in: developers.total }
when: n > 1
message: M
source: { path: p }
)Y")}) == "rules/plan/b.yaml:6:25: error: 'for_each.in' must give a list; it has type int "
          "[rule-for-each-not-list]\n"
          " 6 | for_each: { var: n, in: developers.total }\n"
          "   |                         ^~~~~~~~~~~~~~~~\n"
          "   = key path: for_each.in\n");
}

TEST_CASE("engine: message placeholders must be closed and not empty", "[engine]")
{
  CHECK(load_errors({rule_file("scale/a.yaml", R"Y(id: scale-a
title: A
kind: finding
severity: info
remediation: R
when: "true"
message: "Empty {} and { unclosed"
source: { path: p }
)Y")}) == "rules/scale/a.yaml:7:17: error: empty placeholder '{}' in the message [rule-message-placeholder]\n"
          " 7 | message: \"Empty {} and { unclosed\"\n"
          "   |                 ^\n"
          "   = key path: message\n"
          "rules/scale/a.yaml:7:24: error: unclosed '{' in the message (write '{{' for a literal brace) "
          "[rule-message-placeholder]\n"
          " 7 | message: \"Empty {} and { unclosed\"\n"
          "   |                        ^\n"
          "   = key path: message\n");
}

TEST_CASE("engine: parameter declarations are checked", "[engine]")
{
  CHECK(load_errors({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1", R"Y(params:
  Scale.Min:
    default: 1
    description: D
    basis: documented
  scale.no_default:
    description: D
    basis: documented
  scale.typed:
    type: integer
    default: many
    description: D
    basis: documented
  scale.list:
    default: [1, 2]
    description: D
    basis: assumption
)Y"))}) ==
        "rules/scale/a.yaml:11:3: error: invalid parameter name 'Scale.Min' [rule-param-name]\n"
        " 11 |   Scale.Min:\n"
        "    |   ^~~~~~~~~\n"
        "    = key path: params.Scale.Min\n"
        "    = expected: dotted lower-case names such as 'failover.max_dns_ttl_seconds'\n"
        "rules/scale/a.yaml:15:3: error: parameter 'scale.no_default' has no 'default' [rule-param-default]\n"
        " 15 |   scale.no_default:\n"
        "    |   ^~~~~~~~~~~~~~~~\n"
        "    = key path: params.scale.no_default\n"
        "rules/scale/a.yaml:20:14: error: the default of parameter 'scale.typed' is not an integer "
        "[rule-param-default]\n"
        " 20 |     default: many\n"
        "    |              ^~~~\n"
        "    = key path: params.scale.typed.default\n"
        "    = expected: an integer\n"
        "    = found: many\n"
        "rules/scale/a.yaml:24:14: error: the default of parameter 'scale.list' must be a single value "
        "[rule-param-default]\n"
        " 24 |     default: [1, 2]\n"
        "    |              ^\n"
        "    = key path: params.scale.list.default\n"
        "    = expected: a number, a string or a boolean\n"
        "    = found: a list\n");
}

TEST_CASE("engine: rules that share a parameter must agree on it", "[engine]")
{
  const std::string decl_300 = "params:\n  failover.max_ttl:\n    default: 300\n    unit: seconds\n"
                               "    description: D\n    basis: documented\n";
  const std::string decl_600 = "params:\n  failover.max_ttl:\n    default: 600\n    unit: seconds\n"
                               "    description: D\n    basis: documented\n";
  CHECK(load_errors({
            rule_file("failover/a.yaml",
                      finding("failover-a", "network.dns_ttl_seconds > params.failover.max_ttl", decl_300)),
            rule_file("failover/b.yaml",
                      finding("failover-b", "network.dns_ttl_seconds > params.failover.max_ttl", decl_600)),
        }) ==
        "rules/failover/b.yaml:11:3: error: parameter 'failover.max_ttl' is declared differently by rule "
        "'failover-a' [rule-param-conflict]\n"
        " 11 |   failover.max_ttl:\n"
        "    |   ^~~~~~~~~~~~~~~~\n"
        "    = key path: params.failover.max_ttl\n"
        "    = expected: integer 300 seconds (documented), as in rules/failover/a.yaml:11:3\n"
        "    = found: integer 600 seconds (documented)\n"
        "    = note: rules that share a parameter must declare the same type, default, unit and basis\n");

  // Agreeing declarations merge; both rules are recorded.
  const Catalog catalog = load_ok({
      rule_file("failover/a.yaml",
                finding("failover-a", "network.dns_ttl_seconds > params.failover.max_ttl", decl_300)),
      rule_file("failover/b.yaml",
                finding("failover-b", "network.dns_ttl_seconds > params.failover.max_ttl", decl_300)),
  });
  REQUIRE(catalog.parameters.size() == 1);
  CHECK(catalog.parameters[0].declared_by == std::vector<std::string>{"failover-a", "failover-b"});
}

TEST_CASE("engine: a parameter name cannot also be a group of parameters", "[engine]")
{
  CHECK(
      load_errors({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1", R"Y(params:
  scale.min:
    default: 1
    description: D
    basis: documented
  scale.min.more:
    default: 2
    description: D
    basis: documented
)Y"))}) ==
      "rules/scale/a.yaml:15:3: error: parameter 'scale.min.more' is inside parameter 'scale.min', which is "
      "a value [rule-param-conflict]\n"
      " 15 |   scale.min.more:\n"
      "    |   ^~~~~~~~~~~~~~\n"
      "    = key path: params.scale.min.more\n");
}

TEST_CASE("engine: the params object type has every declared parameter, with did-you-mean", "[engine]")
{
  const std::string decl = "params:\n  cluster.min_developers:\n    default: 10000\n    unit: developers\n"
                           "    description: D\n    basis: assumption\n";
  // A rule may read a parameter another rule declares.
  const Catalog catalog = load_ok({
      rule_file("scale/a.yaml", finding("scale-a", "developers.total > params.cluster.min_developers", decl)),
      rule_file("scale/b.yaml", finding("scale-b", "developers.total < params.cluster.min_developers")),
  });
  CHECK(catalog.find("scale-b")->used_params == std::vector<std::string>{"cluster.min_developers"});

  const std::string errors = load_errors({
      rule_file("scale/a.yaml", finding("scale-a", "developers.total > params.cluster.min_developers", decl)),
      rule_file("scale/b.yaml", finding("scale-b", "developers.total < params.cluster.min_developer")),
  });
  CHECK_THAT(errors,
             Catch::Contains("rules/scale/b.yaml:5:41: error: unknown field 'params.cluster.min_developer'"));
  CHECK_THAT(errors, Catch::Contains("did you mean 'params.cluster.min_developers'?"));
}

TEST_CASE("engine: two user rules with the same id are rule-duplicate-id", "[engine]")
{
  CHECK(load_errors({
            rule_file("scale/a.yaml", finding("scale-a"), RuleOrigin::user),
            RuleFileText{"more-rules/scale/a.yaml", "scale/a.yaml", finding("scale-a"), RuleOrigin::user},
        }) == "more-rules/scale/a.yaml: error: rule 'scale-a' is defined twice [rule-duplicate-id]\n"
              "     = note: first defined in my-rules/scale/a.yaml\n");
}

TEST_CASE("engine: a user rule replaces the built-in rule with its id", "[engine]")
{
  const Catalog catalog = load_ok({
      rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1")),
      rule_file("scale/a.test.yaml", "version: 1\n"),
      rule_file("scale/b.yaml", finding("scale-b")),
      rule_file("scale/a.yaml", finding("scale-a", "developers.total > 2"), RuleOrigin::user),
  });
  REQUIRE(catalog.rules.size() == 2);
  const Rule& a = catalog.rules[0];
  CHECK(a.file == "my-rules/scale/a.yaml");
  CHECK(a.origin == RuleOrigin::user);
  CHECK(a.overrides == "rules/scale/a.yaml");
  CHECK(a.when.text == "developers.total > 2");
  CHECK(catalog.rules[1].overrides.empty());
  // The built-in fixture belongs to the replaced rule.
  CHECK(catalog.fixtures.empty());
}

TEST_CASE("engine: a replaced built-in rule's problems do not matter, the user rule's do", "[engine]")
{
  const std::string errors = load_errors({
      rule_file("scale/a.yaml", finding("scale-a", "developers.totl > 1")),
      rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1", "threshold: maybe\n"),
                RuleOrigin::user),
  });
  CHECK_THAT(errors, Catch::StartsWith("my-rules/scale/a.yaml:10:12: error: "));
  CHECK_THAT(errors, !Catch::Contains("\nrules/scale/a.yaml"));
}

TEST_CASE("engine: evidence rules may not use topology", "[engine]")
{
  const std::string errors = load_errors({rule_file("scale/a.yaml", R"Y(id: scale-a
title: A
kind: evidence
when: topology == "ha"
message: M
source: { path: p }
effect: [{ option: ha, weight: 1 }]
)Y")});
  CHECK_THAT(errors, Catch::StartsWith("rules/scale/a.yaml:4:7: error: "));
  CHECK_THAT(errors, Catch::Contains("[expr-unknown-variable]"));
  CHECK_THAT(errors,
             Catch::EndsWith("= note: evidence rules are evaluated before a topology is chosen, so they "
                             "cannot use 'topology'\n"));
}

TEST_CASE("engine: --param overrides are typed, named with did-you-mean and recorded", "[engine]")
{
  const std::vector<RuleFileText> files = {rule_file(
      "scale/a.yaml", finding("scale-a", "developers.total > params.cluster.min_developers",
                              "params:\n  cluster.min_developers:\n    default: 10000\n    unit: developers\n"
                              "    description: D\n    basis: assumption\n"))};
  const Catalog catalog = load_ok(files, {"cluster.min-developers=20000"});
  const Parameter* p = catalog.parameter("cluster.min_developers");
  REQUIRE(p != nullptr);
  CHECK(p->default_value.to_string() == "10000");
  REQUIRE(p->override_value);
  CHECK(p->value().to_string() == "20000");
  CHECK(p->override_text == "20000");
  CHECK(p->value().origin.to_string() == "--param cluster.min_developers=20000");
  CHECK(catalog.overridden_parameters().size() == 1);

  CHECK(
      load_errors(files, {"cluster.min-develpers=5"}) ==
      "error: unknown parameter 'cluster.min_develpers' in --param cluster.min-develpers=5 [param-unknown]\n"
      "     = help: did you mean 'cluster.min_developers'?\n");
  CHECK(load_errors(files, {"cluster.min_developers=lots"}) ==
        "error: invalid value for parameter 'cluster.min_developers' in --param cluster.min_developers=lots "
        "[param-bad-value]\n"
        "     = expected: an integer\n"
        "     = found: lots\n");
  CHECK(load_errors(files, {"cluster.min_developers"}) ==
        "error: --param expects NAME=VALUE, got 'cluster.min_developers' [param-syntax]\n"
        "     = expected: NAME=VALUE, e.g. cluster.min_developers=20000\n");
}

TEST_CASE("engine: parameter types are inferred from the default or pinned by type", "[engine]")
{
  const Catalog catalog =
      load_ok({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1", R"Y(params:
  x.count: { default: 3, description: D, basis: documented }
  x.ratio: { default: 0.5, description: D, basis: documented }
  x.flag: { default: true, description: D, basis: documented }
  x.name: { default: "3.14", description: D, basis: documented }
  x.limit: { type: decimal, default: 70, description: D, basis: documented }
)Y"))});
  REQUIRE(catalog.parameters.size() == 5);
  CHECK(catalog.parameter("x.count")->type == ParamType::integer);
  CHECK(catalog.parameter("x.ratio")->type == ParamType::decimal);
  CHECK(catalog.parameter("x.flag")->type == ParamType::boolean);
  CHECK(catalog.parameter("x.name")->type == ParamType::string);
  CHECK(catalog.parameter("x.limit")->type == ParamType::decimal);
  CHECK(catalog.parameter("x.limit")->default_value.kind() == expr::Value::Kind::decimal);
  CHECK(load_ok({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1",
                                                   "params:\n  x.limit: { type: decimal, default: 70, "
                                                   "description: D, basis: documented }\n"))},
                {"x.limit=70.5"})
            .parameter("x.limit")
            ->value()
            .to_string() == "70.5");
}

TEST_CASE("engine: parameter defaults and --param values are typed as YAML types environment values",
          "[engine][yaml-scalar]")
{
  // The same YAML 1.2 core schema as an environment file (loader::resolve_plain).
  const Catalog catalog =
      load_ok({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1", R"Y(params:
  x.hex: { default: 0x10, description: D, basis: documented }
  x.octal: { default: 0o17, description: D, basis: documented }
  x.exp: { default: 1e3, description: D, basis: documented }
  x.zeros: { default: 010, description: D, basis: documented }
  x.flag: { default: True, description: D, basis: documented }
  x.quoted: { default: "0x10", description: D, basis: documented }
  x.word: { default: yes, description: D, basis: documented }
)Y"))},
              {"x.octal=0x20"});
  const auto typed = [&](const std::string& name) {
    const Parameter* p = catalog.parameter(name);
    REQUIRE(p != nullptr);
    return std::string(to_string(p->type)) + " " + p->value().to_string();
  };
  CHECK(typed("x.hex") == "integer 16");
  CHECK(typed("x.octal") == "integer 32");
  CHECK(typed("x.exp") == "decimal 1000.0");
  CHECK(typed("x.zeros") == "integer 10");
  CHECK(typed("x.flag") == "boolean true");
  CHECK(typed("x.quoted") == "string \"0x10\"");
  CHECK(typed("x.word") == "string \"yes\"");

  CHECK(load_errors({rule_file("scale/a.yaml", finding("scale-a", "developers.total > 1",
                                                       "params:\n  x.limit: { type: decimal, default: .inf, "
                                                       "description: D, basis: documented }\n"))}) ==
        "rules/scale/a.yaml:11:38: error: the default of parameter 'x.limit' is not a number "
        "[rule-param-default]\n"
        " 11 |   x.limit: { type: decimal, default: .inf, description: D, basis: documented }\n"
        "    |                                      ^~~~\n"
        "    = key path: params.x.limit.default\n"
        "    = expected: a number\n"
        "    = found: .inf\n");
}

TEST_CASE("engine: the rule schema lists every top-level key of a rule file", "[engine]")
{
  std::vector<std::string> keys;
  for (const auto& f : rule_schema().root.fields)
    keys.push_back(f.name);
  CHECK(keys == std::vector<std::string>{"id", "title", "kind", "severity", "requires", "for_each", "when",
                                         "point_at", "message", "rationale", "remediation", "source",
                                         "threshold", "effect", "section", "params"});
}

} // namespace
} // namespace ghes_topology::engine

namespace ghes_topology::engine {
namespace {

TEST_CASE("engine: expression errors point into the rule file in every scalar style", "[engine]")
{
  CHECK(testing::load_errors({testing::rule_file("failover/a.yaml", R"Y(id: failover-a
title: A
kind: finding
severity: warning
when: >-
  topology == "ha"
  && network.dns_tll > 300
point_at: |
  network.dns_ttl_secnds
message: >-
  TTL {network.dns_ttl_seconds} s,
  limit {params.failover.max_ttl} s.
remediation: >
  Lower it.
source: { path: p }
)Y")}) == "rules/failover/a.yaml:7:14: error: unknown field 'network.dns_tll' (did you mean "
          "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
          " 7 |   && network.dns_tll > 300\n"
          "   |              ^~~~~~~\n"
          "rules/failover/a.yaml:9:11: error: unknown field 'network.dns_ttl_secnds' (did you mean "
          "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
          " 9 |   network.dns_ttl_secnds\n"
          "   |           ^~~~~~~~~~~~~~\n"
          "rules/failover/a.yaml:12:17: error: unknown field 'params.failover' [expr-unknown-field]\n"
          " 12 |   limit {params.failover.max_ttl} s.\n"
          "    |                 ^~~~~~~~\n");
  CHECK(testing::load_errors({testing::rule_file("failover/b.yaml", R"Y(id: failover-b
title: B
kind: finding
severity: warning
when: topology == "ha" &&
  network.dns_tll > 300
point_at: 'network.dns_ttl_secnds'
message: "TTL \"{network.dns_ttl_seconds}\" s, {network.dns_tll}"
remediation: R
source: { path: p }
)Y")}) == "rules/failover/b.yaml:6:11: error: unknown field 'network.dns_tll' (did you mean "
          "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
          " 6 |   network.dns_tll > 300\n"
          "   |           ^~~~~~~\n"
          "rules/failover/b.yaml:7:20: error: unknown field 'network.dns_ttl_secnds' (did you mean "
          "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
          " 7 | point_at: 'network.dns_ttl_secnds'\n"
          "   |                    ^~~~~~~~~~~~~~\n"
          "rules/failover/b.yaml:8:57: error: unknown field 'network.dns_tll' (did you mean "
          "'network.dns_ttl_seconds'?) [expr-unknown-field]\n"
          " 8 | message: \"TTL \\\"{network.dns_ttl_seconds}\\\" s, {network.dns_tll}\"\n"
          "   |                                                         ^~~~~~~\n");
}

} // namespace
} // namespace ghes_topology::engine
