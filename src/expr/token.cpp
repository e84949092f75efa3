// SPDX-License-Identifier: Apache-2.0
// Token names for messages.
#include "ghes_topology/expr/token.hpp"

#include "ghes_topology/expr/value.hpp"

namespace ghes_topology::expr {

std::string token_name(TokenKind kind)
{
  switch (kind) {
  case TokenKind::end:
    return "end of expression";
  case TokenKind::integer:
  case TokenKind::decimal:
    return "number";
  case TokenKind::string:
    return "string";
  case TokenKind::identifier:
    return "identifier";
  case TokenKind::kw_true:
    return "'true'";
  case TokenKind::kw_false:
    return "'false'";
  case TokenKind::kw_null:
    return "'null'";
  case TokenKind::kw_in:
    return "'in'";
  case TokenKind::left_paren:
    return "'('";
  case TokenKind::right_paren:
    return "')'";
  case TokenKind::left_bracket:
    return "'['";
  case TokenKind::right_bracket:
    return "']'";
  case TokenKind::comma:
    return "','";
  case TokenKind::dot:
    return "'.'";
  case TokenKind::question:
    return "'?'";
  case TokenKind::colon:
    return "':'";
  case TokenKind::plus:
    return "'+'";
  case TokenKind::minus:
    return "'-'";
  case TokenKind::star:
    return "'*'";
  case TokenKind::slash:
    return "'/'";
  case TokenKind::percent:
    return "'%'";
  case TokenKind::bang:
    return "'!'";
  case TokenKind::less:
    return "'<'";
  case TokenKind::less_equal:
    return "'<='";
  case TokenKind::greater:
    return "'>'";
  case TokenKind::greater_equal:
    return "'>='";
  case TokenKind::equal_equal:
    return "'=='";
  case TokenKind::bang_equal:
    return "'!='";
  case TokenKind::and_and:
    return "'&&'";
  case TokenKind::or_or:
    return "'||'";
  }
  return "token";
}

std::string describe(const Token& token)
{
  switch (token.kind) {
  case TokenKind::identifier:
    return "identifier '" + token.text + "'";
  case TokenKind::integer:
  case TokenKind::decimal:
    return "number " + token.text;
  case TokenKind::string:
    return "string " + quote_string(token.string_value);
  default:
    return token_name(token.kind);
  }
}

} // namespace ghes_topology::expr
