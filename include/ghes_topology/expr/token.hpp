// SPDX-License-Identifier: Apache-2.0
// Tokens of the condition language, each with its exact range in the source file.
#pragma once

#include "ghes_topology/diag/location.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace ghes_topology::expr {

// --- Interface ---

enum class TokenKind {
  end,        // end of the expression
  integer,    // 42, 0x2A
  decimal,    // 4.5, 1e3, .5
  string,     // "text", 'text', """text""", r"raw"
  identifier, // network, size, _x1
  kw_true,
  kw_false,
  kw_null,
  kw_in,
  left_paren,
  right_paren,
  left_bracket,
  right_bracket,
  comma,
  dot,
  question,
  colon,
  plus,
  minus,
  star,
  slash,
  percent,
  bang,
  less,
  less_equal,
  greater,
  greater_equal,
  equal_equal,
  bang_equal,
  and_and,
  or_or,
};

// One token. `text` is the lexeme as written; literals also carry their value
// (`integer_value` holds the magnitude, so that `-9223372036854775808` can be folded).
struct Token
{
  TokenKind kind = TokenKind::end;
  std::string text;
  std::string string_value;        // decoded string literal
  std::uint64_t integer_value = 0; // integer literal
  double decimal_value = 0.0;      // decimal literal
  diag::Location where;            // file range of the lexeme (a point for `end`)
};

// Readable name of a token kind for messages: "')'", "identifier", "end of expression".
std::string token_name(TokenKind kind);

// How a token reads in "expected X but found Y": "end of expression", "identifier 'foo'",
// "'=='", "number 42", "string \"x\"".
std::string describe(const Token& token);

} // namespace ghes_topology::expr
