// SPDX-License-Identifier: Apache-2.0
// Usage errors in plain sentences (issue 11.6): unknown commands with did-you-mean, option
// values naming the allowed ones, repeated options, missing values, and a "--help" hint
// naming the command the user was typing.
#include "unit/advice/scenario_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ghes_topology::test;

namespace {

const std::string k_example = std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/examples/small-single-site.yaml";

// The whole stderr of a usage error: the sentence, then the hint.
std::string usage_error(const std::string& sentence, const std::string& command)
{
  return "ghes-topology: error: " + sentence + "\nRun '" + command + " --help' for usage.\n";
}

void check_usage_error(const std::vector<std::string>& args, const std::string& sentence,
                       const std::string& command)
{
  const Outcome outcome = run(args);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err == usage_error(sentence, command));
}

} // namespace

TEST_CASE("usage: a mistyped command is unknown, with did-you-mean", "[cli][usage]")
{
  check_usage_error({"recomend", k_example}, "unknown command 'recomend'; did you mean 'recommend'?",
                    "ghes-topology");
  check_usage_error({"-q", "valdate", k_example}, "unknown command 'valdate'; did you mean 'validate'?",
                    "ghes-topology");
  check_usage_error({"rules", "lsit"}, "unknown command 'rules lsit'; did you mean 'rules list'?",
                    "ghes-topology rules");
  check_usage_error(
      {"frobnicate"},
      "unknown command 'frobnicate'; the commands are recommend, check, validate, schema, init, "
      "rules, render, diff, baseline or completion",
      "ghes-topology");
}

TEST_CASE("usage: a missing command lists the commands", "[cli][usage]")
{
  check_usage_error({},
                    "no command given; the commands are recommend, check, validate, schema, init, rules, "
                    "render, diff, baseline or completion",
                    "ghes-topology");
  check_usage_error({"rules"}, "'rules' needs a command: list, show, params or test", "ghes-topology rules");
}

TEST_CASE("usage: a value outside an option's choices names the option and every allowed value",
          "[cli][usage]")
{
  check_usage_error({"recommend", "--format", "junit", k_example},
                    "--format must be text, json, sarif, github, markdown or html, not 'junit'",
                    "ghes-topology recommend");
  check_usage_error(
      {"check", "--format", "jsno", k_example},
      "--format must be text, json, sarif, junit, github, markdown or html, not 'jsno'; did you mean 'json'?",
      "ghes-topology check");
  check_usage_error({"check", "--fail-on", "fatal", k_example},
                    "--fail-on must be error, warning, info or none, not 'fatal'", "ghes-topology check");
  check_usage_error({"schema", "--format", "sarif"}, "--format must be json or markdown, not 'sarif'",
                    "ghes-topology schema");
  check_usage_error({"rules", "list", "--format", "markdown"},
                    "--format must be text or json, not 'markdown'", "ghes-topology rules list");
  check_usage_error({"--color", "sometimes", "recommend", k_example},
                    "--color must be auto, always or never, not 'sometimes'", "ghes-topology recommend");
}

TEST_CASE("usage: choices that ignore case still accept any spelling", "[cli][usage]")
{
  const Outcome upper = run({"rules", "list", "--format", "JSON"});
  CHECK(upper.exit_code == 0);
  CHECK(upper.out == run({"rules", "list", "--format", "json"}).out);
  const Outcome color = run({"--color", "NEVER", "recommend", k_example});
  CHECK(color.exit_code == 0);
  CHECK(color.out == run({"recommend", k_example}).out);
}

TEST_CASE("usage: an option given twice, or without its value, is named", "[cli][usage]")
{
  check_usage_error({"schema", "--format", "json", "--format", "markdown"}, "--format may be given only once",
                    "ghes-topology schema");
  check_usage_error({"-o", "a.yaml", "-o", "b.yaml", "init"},
                    "-o FILE is given twice ('a.yaml' and 'b.yaml'); write other formats with -o FORMAT=PATH",
                    "ghes-topology init");
  check_usage_error(
      {"-o", "sarif=a.sarif", "validate", k_example},
      "-o sarif=a.sarif: several outputs (-o FORMAT=PATH) are for 'recommend', 'check' and 'diff' only, "
      "not 'validate'",
      "ghes-topology validate");
  check_usage_error({"schema", "--format"}, "--format needs a value: json or markdown",
                    "ghes-topology schema");
  check_usage_error({"recommend", "--today"}, "--today needs a value (YYYY-MM-DD)",
                    "ghes-topology recommend");
}

TEST_CASE("usage: the --help hint names the subcommand being typed", "[cli][usage]")
{
  check_usage_error({"rules", "list", "--frob"}, "The following argument was not expected: --frob",
                    "ghes-topology rules list");
  check_usage_error({"rules", "show", "a", "b"}, "The following argument was not expected: b",
                    "ghes-topology rules show");
}
