// SPDX-License-Identifier: Apache-2.0
// Job: the grammar of rule message templates (literal text and `{expression}` placeholders,
// `{{`/`}}` for braces) and where each placeholder's expression sits in the rule file.
#include "engine/message_template_internal.hpp"

#include <fmt/format.h>

namespace ghes_topology::engine {
namespace {

// The closing `}` of a placeholder opened before `from`, skipping string literals.
std::size_t closing_brace(std::string_view text, std::size_t from)
{
  char quote = 0;
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

// The first occurrence of `needle` on the line of `from`, at or after its column, or
// further to the right when the line has escapes: searched from the line's start.
std::optional<diag::Location> find_on_line(const SourceLines& lines, const diag::Location& from,
                                           const std::string& needle)
{
  const std::string_view line = lines.line(from.line);
  const auto at = line.find(needle, from.column > 1 ? static_cast<std::size_t>(from.column - 1) : 0);
  if (at == std::string_view::npos)
    return std::nullopt;
  return diag::point(from.file, from.line, static_cast<int>(at) + 1);
}

} // namespace

std::vector<TemplatePiece> split_template(std::string_view text, std::vector<TemplateProblem>& problems)
{
  std::vector<TemplatePiece> pieces;
  TemplatePiece current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      current.literal += c;
      ++i;
      continue;
    }
    if (c != '{') {
      current.literal += c;
      continue;
    }
    const std::size_t close = closing_brace(text, i + 1);
    if (close == std::string_view::npos) {
      problems.push_back({i, "unclosed '{' in the message (write '{{' for a literal brace)"});
      break;
    }
    if (collapse_whitespace(text.substr(i + 1, close - i - 1)).empty()) {
      problems.push_back({i, "empty placeholder '{}' in the message"});
      i = close;
      continue;
    }
    current.has_expression = true;
    current.offset = i + 1;
    current.length = close - i - 1;
    pieces.push_back(std::move(current));
    current = TemplatePiece{};
    i = close;
  }
  pieces.push_back(std::move(current));
  return pieces;
}

bool lay_out_template(const loader::YamlNode& node, const std::string& key, const SourceLines& lines,
                      std::vector<TemplatePart>& parts, diag::DiagnosticBag& bag)
{
  const ScalarLayout layout = scalar_layout(node, lines);
  std::vector<TemplateProblem> problems;
  const auto pieces = split_template(node.text, problems);
  std::vector<TemplateProblem> layout_problems;
  auto layout_pieces = split_template(layout.text, layout_problems);
  // The layout differs from the value only in whitespace, so its placeholders are the
  // same ones, on their own lines of the file; otherwise use the value's own (approximate).
  const bool use_layout = layout_pieces.size() == pieces.size();
  const ScalarLayout& where =
      use_layout ? layout : ScalarLayout{node.text, layout.base, layout.continuation_column};
  const auto& located = use_layout ? layout_pieces : pieces;
  bool ok = true;
  LayoutCursor problem_cursor(where);
  for (const auto& p : (use_layout ? layout_problems : problems)) {
    bag.error("rule-message-placeholder", p.message, problem_cursor.at(p.offset)).key_path = key;
    ok = false;
  }
  LayoutCursor cursor(where);                    // placeholders come in order: one walk over the text
  if (located.size() > k_max_placeholders + 1) { // the last piece is literal text only
    const std::size_t brace = located[k_max_placeholders].offset - 1;
    bag.error("rule-message-placeholder",
              fmt::format("the {} has {} placeholders; the limit is {}", key, located.size() - 1,
                          k_max_placeholders),
              cursor.at(brace))
        .key_path = key;
    return false;
  }
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    TemplatePart part;
    part.literal = pieces[k].literal;
    if (pieces[k].has_expression) {
      const TemplatePiece& at = located[k];
      ScalarLayout sub{where.text.substr(at.offset, at.length), cursor.at(at.offset),
                       where.continuation_column, where.exact};
      // Without an exact layout (escapes in a quoted scalar), the placeholder's own text
      // can usually still be found on its line of the file.
      if (!where.exact && sub.text.find('\n') == std::string::npos)
        if (auto found = find_on_line(lines, sub.base, "{" + sub.text + "}"))
          sub.base = diag::point(found->file, found->line, found->column + 1);
      part.display =
          collapse_whitespace(std::string_view(node.text).substr(pieces[k].offset, pieces[k].length));
      part.expression = std::move(sub);
    }
    parts.push_back(std::move(part));
  }
  return ok;
}

} // namespace ghes_topology::engine
