// SPDX-License-Identifier: Apache-2.0
// Baselines: recording findings by fingerprint, and reading them back for `check`.
#include "cli/baseline.hpp"

#include "cli/assess_command.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/diag/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ghes_topology::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string plural(std::size_t n, const char* one, const char* many)
{
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

} // namespace

std::vector<BaselineEntry> baseline_entries(const advice::FileResult& file)
{
  std::vector<BaselineEntry> entries;
  for (const auto& f : file.findings)
    if (!f.waived)
      entries.push_back(BaselineEntry{file.file, f.fingerprint, f.rule_id, f.key_path, false});
  return entries;
}

std::string baseline_json(const std::vector<BaselineEntry>& entries)
{
  Json findings = Json::array();
  for (const auto& e : entries)
    findings.push_back(Json{{"file", e.file},
                            {"fingerprint", e.fingerprint},
                            {"rule", e.rule},
                            {"key_path", e.key_path.empty() ? Json(nullptr) : Json(e.key_path)}});
  const Json document{{"version", 1}, {"findings", findings}};
  return document.dump(2) + "\n";
}

std::optional<Baseline> read_baseline(Context& ctx, const std::string& path)
{
  const auto fail = [&](const std::string& why) {
    ctx.err << "ghes-topology: error: " << diag::printable(fmt::format("baseline {}: {}", path, why)) << '\n';
    return std::optional<Baseline>();
  };
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail("cannot be read (create it with 'ghes-topology baseline FILE... -o " + path + "')");
  std::ostringstream text;
  text << in.rdbuf();
  Json j;
  try {
    j = Json::parse(text.str());
  } catch (const nlohmann::json::exception&) {
    return fail("is not JSON");
  }
  if (!j.is_object() || !j.contains("version") || j["version"] != 1 || !j.contains("findings") ||
      !j["findings"].is_array())
    return fail("is not a ghes-topology baseline (expected {\"version\": 1, \"findings\": [...]})");
  Baseline baseline;
  baseline.path = path;
  for (std::size_t i = 0; i < j["findings"].size(); ++i) {
    const Json& e = j["findings"][i];
    const auto text_at = [&e](const char* key) {
      return e.is_object() && e.contains(key) && e[key].is_string() ? e[key].get<std::string>()
                                                                    : std::string();
    };
    BaselineEntry entry{text_at("file"), text_at("fingerprint"), text_at("rule"), text_at("key_path"), false};
    if (entry.file.empty() || entry.fingerprint.empty())
      return fail(fmt::format("findings[{}] has no 'file' and 'fingerprint' strings", i));
    baseline.entries.push_back(std::move(entry));
  }
  return baseline;
}

int apply_baseline(Baseline& baseline, advice::FileResult& file)
{
  int removed = 0;
  std::erase_if(file.findings, [&](const advice::Finding& f) {
    if (f.waived)
      return false;
    for (auto& e : baseline.entries)
      if (!e.seen && e.file == file.file && e.fingerprint == f.fingerprint) {
        e.seen = true;
        ++removed;
        return true;
      }
    return false;
  });
  return removed;
}

std::string describe_baseline(const Baseline& baseline, int known, const std::set<std::string>& checked)
{
  std::vector<const BaselineEntry*> resolved;
  for (const auto& e : baseline.entries)
    if (!e.seen && checked.count(e.file) > 0)
      resolved.push_back(&e);
  std::string out = fmt::format("ghes-topology: baseline {}: {} in the baseline not reported", baseline.path,
                                plural(static_cast<std::size_t>(known), "known finding", "known findings"));
  if (resolved.empty())
    return out + "\n";
  out += fmt::format("; {} no longer found (record the baseline again to drop {}):\n",
                     plural(resolved.size(), "entry", "entries"), resolved.size() == 1 ? "it" : "them");
  for (const auto* e : resolved)
    out += fmt::format("  resolved  {}  {}{}  [{}]\n", e->file, e->rule,
                       e->key_path.empty() ? "" : " at " + e->key_path, e->fingerprint);
  return out;
}

void add_baseline_command(CLI::App& app, Context& ctx)
{
  auto args = std::make_shared<AssessArgs>();
  args->record_baseline = true;
  CLI::App* sub = app.add_subcommand(
      "baseline", "Record the current findings of 'check' by fingerprint, for 'check --baseline'");
  add_assess_options(*sub, *args);
  sub->footer("Writes {\"version\": 1, \"findings\": [...]}: each unwaived finding's file (as given),\n"
              "fingerprint (rule, key path and item; never a line), rule and key path. Settings come\n"
              "from the same flags, variables and config file as 'check'.\n\n"
              "Examples:\n"
              "  ghes-topology baseline envs/*.yaml -o baseline.json\n"
              "  ghes-topology check --baseline baseline.json envs/*.yaml\n"
              "Exit codes: 0 recorded, 2 invalid input or usage, 3 internal error.\n");
  sub->parse_complete_callback([&ctx, args] {
    require_files(*args);
    ctx.action = [&ctx, args] { return run_assessment(ctx, *args, advice::Command::check); };
  });
}

} // namespace ghes_topology::cli
