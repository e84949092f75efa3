// SPDX-License-Identifier: Apache-2.0
// Message templates of rule files: `Replica {r.name} is {r.latency_ms} ms away` as literal
// text and placeholders, each placeholder located in the file (private to the engine).
#pragma once

#include "engine/scalar_layout_internal.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// Literal text up to a placeholder, and the placeholder's expression text (if any).
struct TemplatePiece
{
  std::string literal;         // `{{` and `}}` already turned into `{` and `}`
  bool has_expression = false; // false only for the text after the last placeholder
  std::size_t offset = 0;      // of the expression text inside the template
  std::size_t length = 0;
};

// A malformed placeholder at byte `offset` of the template.
struct TemplateProblem
{
  std::size_t offset;
  std::string message; // "unclosed '{' in the message ..." or "empty placeholder '{}' ..."
};

// Splits template `text` into pieces; the last piece has no expression. A `}` inside a
// string literal of an expression does not close it. An unclosed `{` ends the split and an
// empty `{}` is skipped, each with a problem in `problems`.
std::vector<TemplatePiece> split_template(std::string_view text, std::vector<TemplateProblem>& problems);

// A piece of a template ready to compile: its literal and, for a placeholder, the
// expression's layout in the file and its text with whitespace collapsed (for display).
struct TemplatePart
{
  std::string literal;
  std::optional<ScalarLayout> expression;
  std::string display;
};

// The most placeholders one template may hold: a message is a sentence or two, so more
// is a mistake (or an attack on the loader), reported before any of them is compiled.
inline constexpr std::size_t k_max_placeholders = 1000;

// Splits the template scalar `node` (the value of `key`, `message` or `remediation`) into
// `parts`, each placeholder laid out where it sits in the file (through the scalar's
// layout, so also over several lines). Reports `rule-message-placeholder` for an unclosed
// or empty placeholder, and for more than `k_max_placeholders` placeholders (at the first
// one past the limit; then `parts` stays empty), with `key` as key path; false when it did.
bool lay_out_template(const loader::YamlNode& node, const std::string& key, const SourceLines& lines,
                      std::vector<TemplatePart>& parts, diag::DiagnosticBag& bag);

} // namespace ghes_topology::engine
