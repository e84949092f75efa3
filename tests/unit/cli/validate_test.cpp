// SPDX-License-Identifier: Apache-2.0
// `validate`, `schema` and `init` run in-process: whole stdout, stderr and exit code.
#include "ghes_topology/cli/run.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/model/schema_export.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ghes_topology;

namespace {

struct Outcome
{
  int exit_code = -1;
  std::string out;
  std::string err;
};

Outcome run(const std::vector<std::string>& args, const std::string& stdin_text = {})
{
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  Outcome outcome;
  outcome.exit_code = cli::run(args, in, out, err, cli::Terminal{});
  outcome.out = out.str();
  outcome.err = err.str();
  return outcome;
}

struct TempDir
{
  fs::path path;
  TempDir()
  {
    std::string tmpl = (fs::temp_directory_path() / "ghes-topology-cli-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const
  {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
};

std::string slurp(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string k_good = "version: 1\ndevelopers:\n  total: 300\n";

} // namespace

TEST_CASE("cli: validate prints 'FILE: ok' for each valid file and exits 0", "[cli][validate]")
{
  TempDir dir;
  const std::string a = dir.write("a.yaml", k_good);
  const std::string b = dir.write("b.yaml", "version: 1\n");
  const Outcome o = run({"validate", a, b});
  CHECK(o.exit_code == 0);
  CHECK(o.out == a + ": ok\n" + b + ": ok\n");
  CHECK(o.err.empty());
}

TEST_CASE("cli: validate escapes control characters of a file name in 'FILE: ok'", "[cli][validate]")
{
  TempDir dir;
  const std::string named = dir.write("\x1b]0;pwned\a\x1b[2J.yaml", k_good);
  const Outcome o = run({"validate", named});
  CHECK(o.exit_code == 0);
  CHECK(o.out == dir.path.string() + "/\\x1b]0;pwned\\x07\\x1b[2J.yaml: ok\n");
  CHECK(o.err.empty());
}

TEST_CASE("cli: validate reports every problem of every file, then a summary, and exits 2", "[cli][validate]")
{
  TempDir dir;
  const std::string good = dir.write("good.yaml", k_good);
  const std::string typo = dir.write("typo.yaml", "version: 1\nnetwork:\n  dns_tll: 300\n");
  const std::string missing = (dir.path / "missing.yaml").string();
  const Outcome o = run({"validate", good, typo, missing});
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty()); // results are written only when the run succeeds
  CHECK(o.err == typo +
                     ":3:3: error: unknown key 'dns_tll' in 'network' [unknown-key]\n"
                     " 3 |   dns_tll: 300\n"
                     "   |   ^~~~~~~\n"
                     "   = key path: network.dns_tll\n"
                     "   = expected: one of dns_ttl_seconds, geodns_available, load_balancer, "
                     "datacenter_latency_ms, dr_site_latency_ms, firewall_between_nodes, "
                     "replication_ports_open, tls_enabled, subdomain_isolation, wildcard_dns\n"
                     "   = found: dns_tll\n"
                     "   = help: did you mean 'dns_ttl_seconds'?\n" +
                     missing + ": error: cannot open '" + missing +
                     "': No such file or directory [file-unreadable]\n"
                     "2 of 3 files have problems\n");
}

TEST_CASE("cli: validate - reads standard input", "[cli][validate]")
{
  const Outcome good = run({"validate", "-"}, k_good);
  CHECK(good.exit_code == 0);
  CHECK(good.out == "<stdin>: ok\n");
  CHECK(good.err.empty());

  const Outcome bad = run({"validate", "-"}, "version: 1\nprimary:\n  vcpus: -4\n");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err == "<stdin>:3:10: error: 'vcpus' must be between 1 and 1024 [out-of-range]\n"
                   " 3 |   vcpus: -4\n"
                   "   |          ^~\n"
                   "   = key path: primary.vcpus\n"
                   "   = expected: an integer between 1 and 1024\n"
                   "   = found: -4\n"
                   "1 of 1 file has problems\n");
}

TEST_CASE("cli: validate refuses hostile inputs with exit code 2", "[cli][validate][hostile]")
{
  TempDir dir;
  const Outcome zero = run({"validate", "/dev/zero"});
  CHECK(zero.exit_code == 2);
  CHECK(zero.err == "/dev/zero: error: input is larger than the 4 MiB limit [file-too-large]\n"
                    "     = expected: at most 4194304 bytes\n"
                    "     = found: more than 4194304 bytes\n"
                    "1 of 1 file has problems\n");
  const Outcome folder = run({"validate", dir.path.string()});
  CHECK(folder.exit_code == 2);
  CHECK(folder.err == dir.path.string() + ": error: '" + dir.path.string() +
                          "' is a directory, not a file to read [not-regular-file]\n"
                          "     = expected: a regular file, a pipe, or - for standard input\n"
                          "     = found: a directory\n"
                          "1 of 1 file has problems\n");
  std::string deep = "a: ";
  for (int i = 0; i < 10'000; ++i)
    deep += "[";
  const Outcome nested = run({"validate", "-"}, deep);
  CHECK(nested.exit_code == 2);
  CHECK(
      nested.err.rfind("<stdin>:1:68: error: nesting is too deep: more than 64 levels of mappings and lists "
                       "[too-deep]\n",
                       0) == 0);
}

TEST_CASE("cli: validate without a file is a usage error", "[cli][validate]")
{
  const Outcome o = run({"validate"});
  CHECK(o.exit_code == 2);
  CHECK(o.out.empty());
  CHECK(o.err == "ghes-topology: error: FILE is required\nRun 'ghes-topology validate --help' for usage.\n");
}

TEST_CASE("cli: validate --help shows examples and exits 0", "[cli][validate]")
{
  const Outcome o = run({"validate", "--help"});
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(o.out ==
        "Check environment files for errors (YAML, keys, types, ranges)\n"
        "Usage: ghes-topology validate [OPTIONS] FILE...\n"
        "\n"
        "Positionals:\n"
        "  FILE TEXT ... REQUIRED      Environment files to check; - reads standard input\n"
        "\n"
        "Options:\n"
        "  -h,--help                   Print this help message and exit\n"
        "  --help-all                  Print help for every subcommand\n"
        "  --rules DIR                 Add the rules in folder DIR (laid out as "
        "<category>/<name>.yaml; repeatable). A rule with the id of a built-in rule replaces it\n"
        "  --no-builtin-rules          Use only the rules of the --rules folders\n"
        "  --param NAME=VALUE          Override a rule parameter, e.g. cluster.min_developers=20000 "
        "(repeatable; '-' may stand for '_' in NAME)\n"
        "  --format FORMAT             Output format: text ('FILE: ok' lines) or sarif (input "
        "errors as SARIF, docs/ci.md)\n"
        "\n"
        "Global options (before or after the command):\n"
        "  -v,--verbose                More log output on stderr (repeat for more)\n"
        "  -q,--quiet                  Only errors on stderr\n"
        "  --color WHEN                Colour: auto (on a terminal, unless NO_COLOR is set), always, never\n"
        "  -o,--output FILE|FORMAT=PATH\n"
        "                              Write the result to FILE (atomically: a failed run leaves FILE "
        "untouched); FORMAT=PATH (repeatable, recommend, check and diff) writes one more output in FORMAT to "
        "PATH ('-' = stdout)\n"
        "\n"
        "Prints 'FILE: ok' for each valid file. Every problem in every file is reported on stderr\n"
        "with file:line:col, the key path, what was expected and what was found; then the exit\n"
        "code is 2. Waivers must name rules of the catalog (built-in and --rules folders).\n"
        "\n"
        "Examples:\n"
        "  ghes-topology validate environment.yaml\n"
        "  ghes-topology validate examples/*.yaml\n"
        "  ghes-topology init | ghes-topology validate -\n"
        "  ghes-topology validate --format sarif -o input-errors.sarif envs/*.yaml\n"
        "\n");
}

TEST_CASE("cli: validate -o writes the result file, and leaves it alone when the run fails",
          "[cli][validate]")
{
  TempDir dir;
  const std::string env = dir.write("env.yaml", k_good);
  const std::string report = dir.write("report.txt", "previous\n");
  CHECK(run({"-o", report, "validate", env}).exit_code == 0);
  CHECK(slurp(report) == env + ": ok\n");
  const std::string bad = dir.write("bad.yaml", "version: 7\n");
  const Outcome o = run({"-o", report, "validate", env, bad});
  CHECK(o.exit_code == 2);
  CHECK(slurp(report) == env + ": ok\n");
}

TEST_CASE("cli: init prints the starter file, and init | validate - exits 0", "[cli][init]")
{
  const Outcome init = run({"init"});
  CHECK(init.exit_code == 0);
  CHECK(init.err.empty());
  CHECK(init.out == model::starter_file(model::environment_schema()));

  const Outcome validate = run({"validate", "-"}, init.out);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out == "<stdin>: ok\n");
  CHECK(validate.err.empty());
}

TEST_CASE("cli: init -o writes the starter file", "[cli][init]")
{
  TempDir dir;
  const std::string path = (dir.path / "environment.yaml").string();
  const Outcome o = run({"init", "-o", path});
  CHECK(o.exit_code == 0);
  CHECK(o.out.empty());
  CHECK(slurp(path) == model::starter_file(model::environment_schema()));
  CHECK(run({"validate", path}).exit_code == 0);
}

TEST_CASE("cli: schema prints JSON Schema by default and Markdown on request", "[cli][schema]")
{
  const Outcome json = run({"schema"});
  CHECK(json.exit_code == 0);
  CHECK(json.err.empty());
  CHECK(json.out == model::to_json_schema(model::environment_schema()));
  const auto parsed = nlohmann::json::parse(json.out); // throws when it is not JSON
  CHECK(parsed["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(run({"schema", "--format", "json"}).out == json.out);

  const Outcome markdown = run({"schema", "--format", "markdown"});
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out == model::to_markdown(model::environment_schema()));

  const Outcome bad = run({"schema", "--format", "xml"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err == "ghes-topology: error: --format must be json or markdown, not 'xml'\n"
                   "Run 'ghes-topology schema --help' for usage.\n");
}
