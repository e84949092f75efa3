// SPDX-License-Identifier: Apache-2.0
// Renderers: the events of one run, written as they happen in one format, chosen from one table.
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/text/layout.hpp"
#include "ghes_topology/text/style.hpp"

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

using Color = text::Color;

// What the text format prints: the whole report, or (`--compact`) one line per finding,
// `file:line:col: severity: message [rule-id]`, then the summary line.
enum class TextLayout { report, compact };

struct RenderOptions
{
  Color color = Color::no;
  std::size_t width = text::k_default_width;   // text only: the widest line (text::wrap breaks longer words)
  text::Charset charset = text::Charset::utf8; // text only: ascii draws score bars with '#'
  TextLayout layout = TextLayout::report;      // text only
  // github only: the file the Markdown job summary is appended to at `end`
  // (`$GITHUB_STEP_SUMMARY`); empty = no summary.
  std::string step_summary;
};

// The version of the JSON output's structure (docs/output-json.md).
constexpr int k_json_schema_version = 1;

// What cross-file output keeps of one assessed file once the file itself is dropped.
struct FileSummary
{
  // One option's score in the comparison of several files.
  struct Score
  {
    engine::Topology option = engine::Topology::standalone;
    int score = 0;
    bool blocked = false;
  };

  std::string file;
  std::string name; // the environment's `name`, if any
  std::optional<engine::Topology> assessed;
  bool has_verdict = false;  // recommend: the fields below are set
  std::vector<Score> scores; // standalone, ha, cluster
  int margin = 0;
  int confidence_percent = 0;
  std::string confidence_level; // high | medium | low
  int errors = 0;               // unwaived findings, by severity
  int warnings = 0;
  int info = 0;
  int waived = 0;
};

// The totals of a run, given to `Renderer::end`. Grows by one small row per file.
struct RunSummary
{
  std::vector<FileSummary> files; // one per assessed file, in argument order
  int errors = 0;                 // unwaived findings over all files, by severity
  int warnings = 0;
  int info = 0;
  int waived = 0;
  int failing = 0;               // unwaived findings at or above the run's `fail_on`
  std::size_t invalid_files = 0; // files rejected with input errors (never assessed)
  int evaluation_errors = 0;     // rules that could not be evaluated, over all files: not a pass

  // Adds the row and counts of `file`; `fail_on` is the run's (empty = `none`).
  void add(const advice::FileResult& file, const std::optional<engine::Severity>& fail_on);
};

// One output in one format. The caller calls `begin` once, then `file` once per input as
// soon as it is assessed (and drops the input after it) or `input_errors` for an input
// that could not be assessed, in argument order, then `end` once. The `RunInfo` given to
// `begin` stays alive and unchanged until `end` returns: renderers keep a pointer to it, not
// a copy. A renderer writes only to the stream given to its `Format::make`, and keeps only
// small cross-file data.
class Renderer
{
public:
  // What a renderer reads of a `FileResult` or of the `RunInfo` that costs the run extra
  // work; the caller leaves out what no renderer of the run needs (the field then stays empty).
  struct Needs
  {
    bool diagram = false;        // `FileResult::diagram`
    bool input_sha256 = false;   // `FileResult::input_sha256`
    bool rule_list = false;      // `RunInfo::rules`
    bool catalog_digest = false; // `RunInfo::catalog_digest`
  };

  virtual ~Renderer() = default;
  // What this renderer reads beyond the findings; by default nothing.
  [[nodiscard]] virtual Needs needs() const { return {}; }
  // The run starts: command, date, overrides in force.
  virtual void begin(const advice::RunInfo& run) = 0;
  // One assessed file.
  virtual void file(const advice::FileResult& result) = 0;
  // The error diagnostics of one input that was rejected (`validate`, or an invalid file
  // of `check`); they are printed on stderr too. Formats without a place for them ignore them.
  virtual void input_errors(const std::vector<diag::Diagnostic>& errors) = 0;
  // The run ends: totals and per-file rows.
  virtual void end(const RunSummary& summary) = 0;
};

// Several outputs of one run (`-o FORMAT=PATH` given more than once): every event goes
// to each renderer, in the order they were added.
class Broadcast final : public Renderer
{
public:
  void add(std::unique_ptr<Renderer> renderer);
  [[nodiscard]] Needs needs() const override;
  void begin(const advice::RunInfo& run) override;
  void file(const advice::FileResult& result) override;
  void input_errors(const std::vector<diag::Diagnostic>& errors) override;
  void end(const RunSummary& summary) override;

private:
  std::vector<std::unique_ptr<Renderer>> m_renderers;
};

// One output format: a row of the table `formats()`.
struct Format
{
  const char* name;                       // the `--format` value
  const char* description;                // one line for `--help`
  std::vector<std::string_view> commands; // the subcommands whose `--format` offers it
  // A renderer writing to `out`, which must outlive it.
  std::unique_ptr<Renderer> (*make)(std::ostream& out, const RenderOptions& options);

  // Whether the subcommand `command` offers this format.
  [[nodiscard]] bool serves(std::string_view command) const;
};

// Every format, in `--help` order (text first: the default).
const std::vector<Format>& formats();

// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);

} // namespace ghes_topology::report
