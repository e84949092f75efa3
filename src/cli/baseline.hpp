// SPDX-License-Identifier: Apache-2.0
// Baselines (issue 14): `ghes-topology baseline FILE... -o baseline.json` records the current
// unwaived findings by fingerprint; `check --baseline FILE` reports and gates only the others
// and lists the entries that no longer occur.
#pragma once

#include "cli/context.hpp"

#include "ghes_topology/advice/assessment.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ghes_topology::cli {

// --- Interface ---

// One recorded finding: the file as given on the command line, the finding's fingerprint
// (never a line: see `advice::Finding::fingerprint`), and for people its rule and key path.
struct BaselineEntry
{
  std::string file;
  std::string fingerprint;
  std::string rule;
  std::string key_path;
  bool seen = false; // matched a finding of this run
};

struct Baseline
{
  std::string path;
  std::vector<BaselineEntry> entries;
};

// The entries of `file`'s unwaived findings, in report order.
std::vector<BaselineEntry> baseline_entries(const advice::FileResult& file);

// A baseline document: `{"version": 1, "findings": [{"file", "fingerprint", "rule",
// "key_path"}...]}` (key_path null when the finding is about the whole document), two-space
// indented, ending in a newline.
std::string baseline_json(const std::vector<BaselineEntry>& entries);

// Reads the baseline at `path`; on an unreadable file or a document that is not a baseline,
// prints `ghes-topology: error: ...` to `ctx.err` and returns nothing (exit 2).
std::optional<Baseline> read_baseline(Context& ctx, const std::string& path);

// Removes from `file` the unwaived findings recorded in `baseline` for the same file (each
// entry matches one finding) and marks those entries seen. Returns how many were removed.
int apply_baseline(Baseline& baseline, advice::FileResult& file);

// What `check --baseline` says on stderr after the run: how many known findings were not
// reported, and each entry of a file in `checked` that no longer occurs ("resolved").
std::string describe_baseline(const Baseline& baseline, int known, const std::set<std::string>& checked);

// The `baseline` command (registered by `app`).
void add_baseline_command(CLI::App& app, Context& ctx);

} // namespace ghes_topology::cli
