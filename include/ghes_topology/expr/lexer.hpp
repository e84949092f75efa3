// SPDX-License-Identifier: Apache-2.0
// Lexer: expression text -> tokens with exact file ranges.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/expr/token.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

// Maps byte offsets of an expression text to positions in its file. The first line
// starts at `base`; the second and later lines start at column `continuation_column`
// (the indentation of a YAML block scalar). Columns count bytes, as `diag` does.
class SourcePositions
{
public:
  SourcePositions(std::string_view text, diag::Location base, int continuation_column);

  // The file range of bytes [`begin`, `end`); a point at `begin` when the range is empty.
  [[nodiscard]] diag::Location range(std::size_t begin, std::size_t end) const;

private:
  diag::Location m_base;
  int m_continuation_column;
  std::vector<std::size_t> m_line_starts;
};

// Splits `text` into tokens ending with a `TokenKind::end` token. On the first
// malformed token, reports `expr-syntax` into `bag` and returns nothing.
std::optional<std::vector<Token>> lex(std::string_view text, const SourcePositions& positions,
                                      diag::DiagnosticBag& bag);

// Appends code point `cp` to `out` as UTF-8 (1 to 4 bytes; `cp` is not checked), as the
// lexer writes `\u{...}` escapes and the engine writes YAML's `\x`, `\u`, `\U` escapes.
void append_utf8(std::string& out, std::uint32_t cp);

} // namespace ghes_topology::expr
