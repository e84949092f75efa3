// SPDX-License-Identifier: Apache-2.0
// Renderers: one Assessment, many output formats, chosen from one table.
#pragma once

#include "ghes_topology/advice/assessment.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

enum class Color { no, yes };

struct RenderOptions
{
  Color color = Color::no;
  std::size_t width = 100; // text only: the widest line (words longer than it overflow)
};

// The version of the JSON output's structure (docs/output-json.md).
constexpr int k_json_schema_version = 1;

// One output format.
struct Renderer
{
  const char* name;        // the `--format` value
  const char* description; // one line for `--help`
  std::string (*render)(const advice::Assessment& assessment, const RenderOptions& options);
};

// Every renderer, in `--help` order (text first: the default).
const std::vector<Renderer>& renderers();

// The renderer called `name`, or nullptr.
const Renderer* find_renderer(std::string_view name);

// The terminal report.
std::string render_text(const advice::Assessment& assessment, const RenderOptions& options);

// The machine report: pretty-printed JSON, keys in a fixed order, ending in a newline.
std::string render_json(const advice::Assessment& assessment, const RenderOptions& options);

} // namespace ghes_topology::report
