// SPDX-License-Identifier: Apache-2.0
// Helpers for the recommend/check tests: run the program in-process on tests/data/scenarios.
#pragma once

#include "ghes_topology/cli/run.hpp"

#include "support/json_schema_check.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace ghes_topology::test {

// What one run of the program showed the user.
struct Outcome
{
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `ghes-topology ARGS...` in-process (no terminal, so no colour).
inline Outcome run(const std::vector<std::string>& args, const std::string& stdin_text = {})
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

// The path of `tests/data/scenarios/<name>.yaml`.
inline std::string scenario(const std::string& name)
{
  return std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/scenarios/" + name + ".yaml";
}

inline std::string slurp(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The 1-based line of the first line of `file` that contains `needle` (0 when none), so that
// tests name a finding's line by what is written there rather than by a bare number.
inline int line_of(const std::string& file, const std::string& needle)
{
  std::istringstream lines(slurp(file));
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (line.find(needle) != std::string::npos)
      return n;
  return 0;
}

// `file:LINE:COL` of `token` on the first line of `file` that contains `line_text` (the way
// findings point at a value), so tests name positions by what is written there.
inline std::string position(const std::string& file, const std::string& line_text, const std::string& token)
{
  std::istringstream lines(slurp(file));
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find(line_text) == std::string::npos)
      continue;
    const auto column = line.find(token, line.find(line_text));
    REQUIRE(column != std::string::npos);
    return file + ":" + std::to_string(n) + ":" + std::to_string(column + 1);
  }
  FAIL("'" << line_text << "' is not in " << file);
  return {};
}

// Parses the JSON the program printed and checks it against docs/output-json.schema.json.
inline nlohmann::json parse_report(const std::string& text)
{
  INFO(text);
  nlohmann::json report;
  REQUIRE_NOTHROW(report = nlohmann::json::parse(text));
  static const nlohmann::json schema =
      nlohmann::json::parse(slurp(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/docs/output-json.schema.json"));
  const std::vector<std::string> violations = check_json_schema(schema, report);
  std::string all;
  for (const auto& v : violations)
    all += v + "\n";
  INFO(all);
  CHECK(violations.empty());
  return report;
}

// `recommend --format json` (or `check`) on one scenario, exit code checked; the first result.
inline nlohmann::json json_result(const std::vector<std::string>& args, int expected_exit = 0)
{
  std::vector<std::string> full = args;
  full.insert(full.begin() + 1, {"--format", "json"});
  const Outcome o = run(full);
  INFO(o.err);
  REQUIRE(o.exit_code == expected_exit);
  const nlohmann::json report = parse_report(o.out);
  REQUIRE(report["results"].size() == 1);
  return report["results"][0];
}

// Whether `text` contains `part`.
inline bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// Whether `list` holds `item`.
inline bool has(const std::vector<std::string>& list, const std::string& item)
{
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The rule ids of `result["reasons"]`, strongest first as reported.
inline std::vector<std::string> reason_rules(const nlohmann::json& result)
{
  std::vector<std::string> rules;
  for (const auto& r : result["reasons"])
    rules.push_back(r["rule"].get<std::string>());
  return rules;
}

// The entry of `result[section]` whose `key` is `value`, or nullptr.
inline const nlohmann::json* entry(const nlohmann::json& result, const char* section, const char* key,
                                   const std::string& value)
{
  for (const auto& e : result[section])
    if (e[key] == value)
      return &e;
  return nullptr;
}

// The finding of `rule` in `result`, or nullptr.
inline const nlohmann::json* finding(const nlohmann::json& result, const std::string& rule)
{
  return entry(result, "findings", "rule", rule);
}

// The implication of `rule` in `result`, or nullptr.
inline const nlohmann::json* implication(const nlohmann::json& result, const std::string& rule)
{
  return entry(result, "implications", "rule", rule);
}

// The rule ids of `result["findings"]` that are not waived, in report order.
inline std::vector<std::string> finding_rules(const nlohmann::json& result)
{
  std::vector<std::string> rules;
  for (const auto& f : result["findings"])
    if (!f["waived"].get<bool>())
      rules.push_back(f["rule"].get<std::string>());
  return rules;
}

// The unwaived findings of `result` as `severity rule file:line:col`, in report order.
inline std::vector<std::string> finding_lines(const nlohmann::json& result)
{
  std::vector<std::string> lines;
  for (const auto& f : result["findings"]) {
    if (f["waived"].get<bool>())
      continue;
    const auto& at = f["location"];
    lines.push_back(f["severity"].get<std::string>() + " " + f["rule"].get<std::string>() + " " +
                    at["file"].get<std::string>() + ":" + std::to_string(at["line"].get<int>()) + ":" +
                    std::to_string(at["column"].get<int>()));
  }
  return lines;
}

// A temporary folder, removed with everything in it.
struct TempDir
{
  std::filesystem::path path;
  TempDir()
  {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ghes-topology-advice-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const
  {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
};

} // namespace ghes_topology::test
