// SPDX-License-Identifier: Apache-2.0
// State shared by the subcommands of one run: streams, global options, sources.
#pragma once

#include "cli/outputs.hpp"

#include "ghes_topology/cli/exit_code.hpp"
#include "ghes_topology/cli/run.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/text/layout.hpp"

#include <functional>
#include <iosfwd>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ghes_topology::cli {

enum class ColorMode { automatic, always, never };

struct Context
{
  Context(std::istream& in_stream, std::ostream& err_stream, const Terminal& term)
      : in(in_stream)
      , err(err_stream)
      , terminal(term)
  {}

  std::istream& in;
  std::ostream& err;
  Terminal terminal;

  // Global options.
  int verbosity = 0; // -v count
  bool quiet = false;
  ColorMode color_mode = ColorMode::automatic;
  std::string output_path; // -o FILE: the `--format` output; empty = stdout
  // -o FORMAT=PATH (recommend and check): more outputs of the same run, in order.
  std::vector<OutputRequest> output_requests;
  // Their spools, opened by the command; written after `result` when the run succeeds.
  std::vector<std::unique_ptr<ExtraOutput>> extra_outputs;

  // The subcommand's result, written to stdout or `output_path` only when the run
  // ends with exit code 0 or 1 (`run` points it at a `Spool`; write-only until then).
  std::ostream result{nullptr};
  // Set when the result is written even though the exit code is 2: an incomplete
  // assessment (a rule could not be evaluated) is shown, but is not an answer.
  bool write_incomplete_result = false;
  // The run-wide sources (rule files), for quoting lines under diagnostics. An
  // environment file's text lives only while that file is processed (see `load_input`).
  diag::SourceMap sources;
  // Set by the chosen subcommand's parse callback; runs after parsing.
  std::function<ExitCode()> action;

  // Whether results written to stdout / the output file may use colour.
  [[nodiscard]] diag::Color result_color() const;
  // The width text results are laid out for: the terminal's when the result goes to one,
  // else COLUMNS, else 100 (`text::choose_width`).
  [[nodiscard]] std::size_t text_width() const;
  // The character set of text results: the locale's (`text::charset_of_locale`); UTF-8
  // when no locale is known (`Terminal{}` in tests).
  [[nodiscard]] text::Charset charset() const;
  // Whether diagnostics on stderr may use colour.
  [[nodiscard]] diag::Color diagnostic_color() const;
  // Prints every diagnostic of `bag` to stderr, quoting lines from `sources`.
  void report(const diag::DiagnosticBag& bag);
  // The same, quoting lines from `file_sources` (one input's text).
  void report(const diag::DiagnosticBag& bag, const diag::SourceMap& file_sources);
};

// One subcommand: adds itself to `app` and sets `ctx.action` when chosen.
struct Command
{
  const char* name;
  void (*add)(CLI::App& app, Context& ctx);
};

// Subcommand registration functions, one per file in src/cli/.
void add_recommend_command(CLI::App& app, Context& ctx);
void add_check_command(CLI::App& app, Context& ctx);
void add_validate_command(CLI::App& app, Context& ctx);
void add_schema_command(CLI::App& app, Context& ctx);
void add_init_command(CLI::App& app, Context& ctx);
void add_rules_command(CLI::App& app, Context& ctx);
void add_render_command(CLI::App& app, Context& ctx);
void add_diff_command(CLI::App& app, Context& ctx);
void add_completion_command(CLI::App& app, Context& ctx);

} // namespace ghes_topology::cli
