// SPDX-License-Identifier: Apache-2.0
// The command-line frame: colour, logging levels, exit codes of the frame itself.
#include "ghes_topology/cli/run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using ghes_topology::cli::Terminal;

namespace {

struct Run
{
  int code = 0;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args, Terminal terminal = {})
{
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Run r;
  r.code = ghes_topology::cli::run(args, in, out, err, terminal);
  r.out = out.str();
  r.err = err.str();
  return r;
}

const std::string k_root = GHES_TOPOLOGY_SOURCE_DIR;
const std::string k_bad = std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/error.unknown-key.yaml";
const std::string k_example = k_root + "/examples/small-single-site.yaml";
const std::string k_eval_error_rules = std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/rules-eval-error";

bool has_escape(const std::string& text)
{
  return text.find("\x1b[") != std::string::npos;
}

} // namespace

TEST_CASE("cli: diagnostics are coloured only on a terminal without NO_COLOR, or when asked", "[cli]")
{
  CHECK_FALSE(has_escape(run({"validate", k_bad}).err));
  CHECK(has_escape(run({"validate", k_bad}, Terminal{false, true, false}).err));
  CHECK_FALSE(has_escape(run({"validate", k_bad}, Terminal{false, true, true}).err)); // NO_COLOR
  CHECK(has_escape(run({"--color", "always", "validate", k_bad}).err));
  CHECK_FALSE(has_escape(run({"--color", "never", "validate", k_bad}, Terminal{true, true, false}).err));
  CHECK(run({"--color", "sometimes", "validate", k_bad}).code == 2);
}

TEST_CASE("cli: results are coloured on a terminal, never in a file or a pipe unless asked", "[cli]")
{
  const Run tty = run({"recommend", k_example}, Terminal{true, true, false});
  CHECK(tty.code == 0);
  CHECK(has_escape(tty.out));
  CHECK_FALSE(has_escape(run({"recommend", k_example}).out));
  CHECK_FALSE(has_escape(run({"recommend", k_example}, Terminal{true, true, true}).out));
  CHECK(has_escape(run({"--color", "always", "recommend", k_example}).out));
  CHECK_FALSE(has_escape(run({"recommend", "--format", "json", k_example}, Terminal{true, true, false}).out));
}

TEST_CASE("cli: logs go to stderr: quiet by default, -v for progress, -q for errors only", "[cli]")
{
  const Run plain = run({"recommend", k_example});
  CHECK(plain.err.empty());
  const Run verbose = run({"-v", "recommend", k_example});
  CHECK(verbose.err.find("ghes-topology: info: ") == 0);
  CHECK(verbose.err.find(k_example + ": assessed for topology standalone") != std::string::npos);
  CHECK(verbose.out == plain.out); // logs never reach the result

  const std::vector<std::string> failing_rule{"recommend", "--rules", k_eval_error_rules, k_example};
  const std::string error_line =
      "ghes-topology: error: " + k_example +
      ": rule scale-divide-by-zero could not be evaluated: division by zero: 300 / 0 (" + k_eval_error_rules +
      "/scale/divide-by-zero.yaml:6:7)\n";
  const Run failed = run(failing_rule);
  CHECK(failed.err == error_line);
  std::vector<std::string> quiet = failing_rule;
  quiet.insert(quiet.begin(), "-q");
  CHECK(run(quiet).err == error_line); // -q keeps errors
}

TEST_CASE("cli: a rule that cannot be evaluated makes check and recommend exit 2, result still shown",
          "[cli][hostile]")
{
  const std::string flawed = k_root + "/examples/flawed-plan.yaml";
  const std::string where = k_eval_error_rules + "/scale/divide-by-zero.yaml:6:7";
  const std::string problem_text =
      "Rules that could not be evaluated\n"
      "  - scale-divide-by-zero: division by zero: 300 / 0 [expr-division-by-zero]\n"
      "    (" +
      where + ")\n";
  for (const char* fail_on : {"error", "none"}) {
    INFO(fail_on);
    const Run check = run({"check", "--fail-on", fail_on, "--rules", k_eval_error_rules, "--set",
                           "developers.total=300", flawed});
    CHECK(check.code == 2);
    CHECK(check.out.find(problem_text) != std::string::npos);
    CHECK(check.out.find("Result: pass") == std::string::npos);
    CHECK(
        check.out.find(
            "\nResult: INCOMPLETE - 1 rule evaluation failed (see 'Rules that could not be evaluated'); ") !=
        std::string::npos);
  }
  const Run recommend = run({"recommend", "--rules", k_eval_error_rules, k_example});
  CHECK(recommend.code == 2);
  CHECK(recommend.out.find(problem_text) != std::string::npos);
  const Run json = run({"check", "--fail-on", "none", "--format", "json", "--rules", k_eval_error_rules,
                        "--set", "developers.total=300", flawed});
  CHECK(json.code == 2);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["summary"]["passed"] == false);
  const auto& location = parsed["results"][0]["evaluation_errors"][0]["location"];
  CHECK(location["file"] == k_eval_error_rules + "/scale/divide-by-zero.yaml");
  CHECK(location["line"] == 6);
  CHECK(location["column"] == 7);
}

TEST_CASE("cli: --help and --version exit 0 on stdout, usage errors exit 2 on stderr", "[cli]")
{
  for (const char* command : {"recommend", "check", "validate", "schema", "init", "rules"}) {
    const Run help = run({command, "--help"});
    INFO(command);
    CHECK(help.code == 0);
    CHECK(help.out.find("Examples:") != std::string::npos);
    CHECK(help.err.empty());
  }
  const Run version = run({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.rfind("ghes-topology ", 0) == 0);
  const Run unknown = run({"recommend", "--frobnicate", k_example});
  CHECK(unknown.code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err == "ghes-topology: error: The following argument was not expected: --frobnicate\n"
                       "Run 'ghes-topology recommend --help' for usage.\n");
}

namespace {

// A stream buffer that fails every write, as stdout on a full disk does.
struct FailingBuffer : std::streambuf
{
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

} // namespace

TEST_CASE("cli: a result that cannot be written is an error with exit code 2", "[cli][hostile]")
{
  std::istringstream in;
  FailingBuffer buffer;
  std::ostream out(&buffer);
  std::ostringstream err;
  CHECK(ghes_topology::cli::run({"recommend", k_example}, in, out, err, Terminal{}) == 2);
  CHECK(err.str() == "ghes-topology: error: cannot write the result to standard output\n");

  Terminal closed;
  closed.stdout_closed = true;
  const Run r = run({"recommend", k_example}, closed);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "ghes-topology: error: cannot write the result to standard output: it is closed\n");
}

TEST_CASE("cli: a closed standard input is named, not read as an empty document", "[cli][hostile]")
{
  Terminal closed;
  closed.stdin_closed = true;
  const Run r = run({"validate", "-"}, closed);
  CHECK(r.code == 2);
  CHECK(r.err == "<stdin>: error: cannot read standard input: it is closed [file-unreadable]\n"
                 "1 of 1 file has problems\n");
}

TEST_CASE("cli: a huge argument is cut in messages, not echoed whole", "[cli][hostile]")
{
  const std::string huge(100'000, 'x');
  const std::string shown = std::string(197, 'x') + "...";
  const Run fail_on = run({"check", "--fail-on", huge, k_example});
  CHECK(fail_on.code == 2);
  CHECK(fail_on.err == "ghes-topology: error: --fail-on must be error, warning, info or none, not '" +
                           std::string(196, 'x') + "..." + "\nRun 'ghes-topology check --help' for usage.\n");
  const Run path = run({"validate", huge});
  CHECK(path.code == 2);
  CHECK(path.err == shown + ": error: cannot open '" + std::string(196, 'x') +
                        "... File name too long [file-unreadable]\n1 of 1 file has problems\n");
  const Run set = run({"recommend", "--set", huge + "=1", k_example});
  CHECK(set.code == 2);
  CHECK(set.err ==
        "--set " + std::string(77, 'x') + "...: error: unknown key '" + std::string(57, 'x') +
            "...' at the top level [unknown-key]\n"
            "     = key path: " +
            shown +
            "\n"
            "     = expected: one of version, name, ghes_version, developers, features, primary, dr, "
            "network, operations, backups, monitoring, plan, waivers\n"
            "     = found: " +
            std::string(57, 'x') + "...\n");
}

TEST_CASE("cli: a rule that builds too much is stopped at the expression, with its location, exit 2",
          "[cli][hostile]")
{
  // The rule doubles a string to 512 KiB and copies it 128 times with map(): 64 MiB and more
  // without the budget. It stops at the map() call (line 8, column 453 of the rule file).
  const std::string rules = std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/rules-too-costly";
  const Run r = run({"recommend", "--rules", rules, k_example});
  CHECK(r.code == 2);
  CHECK(r.err == "ghes-topology: error: " + k_example +
                     ": rule scale-too-many-copies could not be evaluated: evaluation builds more than "
                     "67108864 bytes of values in total (" +
                     rules + "/scale/too-many-copies.yaml:8:453)\n");
  const Run json = run({"recommend", "--format", "json", "--rules", rules, k_example});
  CHECK(json.code == 2);
  CHECK(nlohmann::json::parse(json.out)["results"][0]["evaluation_errors"] ==
        nlohmann::json::parse(R"([{"rule": "scale-too-many-copies", "code": "expr-too-costly",
          "message": "evaluation builds more than 67108864 bytes of values in total",
          "location": {"file": ")" +
                              rules + R"(/scale/too-many-copies.yaml", "line": 8, "column": 453,
          "end_line": 8, "end_column": 996}}])"));
}

namespace {

// The widest line of `text` in display columns (score bars are 3 bytes, 1 column).
std::size_t widest_line(const std::string& text)
{
  std::size_t widest = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::size_t width = 0;
    for (const char c : line)
      width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    widest = std::max(widest, width);
  }
  return widest;
}

} // namespace

TEST_CASE("cli: text results fit the terminal's width, else COLUMNS, else 100", "[cli][width]")
{
  const std::string three = k_root + "/examples/three-continents.yaml";
  Terminal narrow{true, false, true};
  narrow.stdout_columns = 60;
  const Run tty = run({"recommend", three}, narrow);
  CHECK(tty.code == 0);
  CHECK(widest_line(tty.out) <= 60);
  CHECK(widest_line(tty.out) > 50);
  Terminal columns;
  columns.columns_env = "80";
  CHECK(widest_line(run({"recommend", three}, columns).out) <= 80);
  CHECK(widest_line(run({"rules", "list"}, columns).out) <= 80);
  CHECK(widest_line(run({"rules", "show", "failover-ha-dns-ttl"}, columns).out) <= 80);
  CHECK(widest_line(run({"recommend", three}).out) <= 100);
  CHECK(widest_line(run({"rules", "list"}).out) <= 100);
  // The terminal's width applies only to a result that goes to the terminal.
  CHECK(run({"recommend", three}, narrow).out != run({"recommend", three}).out);
  Terminal piped = narrow;
  piped.stdout_is_tty = false;
  CHECK(run({"recommend", three}, piped).out == run({"recommend", three}).out);
}

TEST_CASE("cli: a locale that is not UTF-8 gets ASCII score bars", "[cli][width]")
{
  Terminal ascii;
  ascii.locale = "C";
  const Run r = run({"recommend", k_example}, ascii);
  CHECK(r.code == 0);
  CHECK(r.out.find("\xe2\x96\x88") == std::string::npos);
  CHECK(r.out.find("  standalone ") != std::string::npos);
  CHECK(r.out.find("#########") != std::string::npos);
  Terminal utf8;
  utf8.locale = "en_US.UTF-8";
  CHECK(run({"recommend", k_example}, utf8).out == run({"recommend", k_example}).out);
}

TEST_CASE("cli: progress goes to stderr only when it is a terminal, for several files", "[cli][progress]")
{
  const std::string flawed = k_root + "/examples/flawed-plan.yaml";
  Terminal tty{false, true, true};
  const Run shown = run({"recommend", k_example, flawed}, tty);
  CHECK(shown.code == 0);
  CHECK(shown.err == "\r\x1b[K[1/2] " + k_example + "\r\x1b[K[2/2] " + flawed + "\r\x1b[K");
  CHECK(run({"recommend", k_example, flawed}).err.empty()); // a pipe
  CHECK(run({"recommend", k_example}, tty).err.empty());    // one file
  CHECK(run({"-q", "recommend", k_example, flawed}, tty).err.empty());
}
