// SPDX-License-Identifier: Apache-2.0
// Lexer for the condition language (CEL token syntax, without bytes and unsigned literals).
#include "ghes_topology/expr/lexer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace ghes_topology::expr {

SourcePositions::SourcePositions(std::string_view text, diag::Location base, int continuation_column)
    : m_base(std::move(base))
    , m_continuation_column(continuation_column > 0 ? continuation_column : 1)
{
  if (m_base.line <= 0)
    m_base.line = 1;
  if (m_base.column <= 0)
    m_base.column = 1;
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      m_line_starts.push_back(i + 1);
}

diag::Location SourcePositions::range(std::size_t begin, std::size_t end) const
{
  auto position = [this](std::size_t offset, int& line, int& column) {
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    const auto index = static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
    line = m_base.line + static_cast<int>(index);
    column = (index == 0 ? m_base.column : m_continuation_column) +
             static_cast<int>(offset - m_line_starts[index]);
  };
  diag::Location where;
  where.file = m_base.file;
  position(begin, where.line, where.column);
  if (end <= begin) {
    where.end_line = where.line;
    where.end_column = where.column;
  } else {
    position(end - 1, where.end_line, where.end_column);
  }
  return where;
}

namespace {

bool is_ident_start(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_ident_char(char c)
{
  return is_ident_start(c) || is_digit(c);
}

int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for invalid bytes).
std::size_t utf8_length(unsigned char lead)
{
  if (lead >= 0xF0 && lead < 0xF8)
    return 4;
  if (lead >= 0xE0)
    return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

// Whether a string literal decodes backslash escapes (`r"..."` does not).
enum class Escapes { decode, raw };

class Lexer
{
public:
  Lexer(std::string_view text, const SourcePositions& positions, diag::DiagnosticBag& bag)
      : m_text(text)
      , m_positions(positions)
      , m_bag(bag)
  {}

  std::optional<std::vector<Token>> run()
  {
    std::vector<Token> tokens;
    while (true) {
      skip_space_and_comments();
      if (m_pos >= m_text.size()) {
        Token end;
        end.kind = TokenKind::end;
        end.where = m_positions.range(m_text.size(), m_text.size());
        tokens.push_back(std::move(end));
        return tokens;
      }
      auto token = next();
      if (!token)
        return std::nullopt;
      tokens.push_back(std::move(*token));
    }
  }

private:
  std::string_view m_text;
  const SourcePositions& m_positions;
  diag::DiagnosticBag& m_bag;
  std::size_t m_pos = 0;

  [[nodiscard]] char peek(std::size_t ahead = 0) const
  {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }

  void skip_space_and_comments()
  {
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++m_pos;
      } else if (c == '/' && peek(1) == '/') {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n')
          ++m_pos;
      } else {
        return;
      }
    }
  }

  std::nullopt_t fail(std::size_t begin, std::size_t end, std::string message)
  {
    m_bag.error("expr-syntax", std::move(message), m_positions.range(begin, end));
    return std::nullopt;
  }

  Token make(TokenKind kind, std::size_t begin)
  {
    Token t;
    t.kind = kind;
    t.text = std::string(m_text.substr(begin, m_pos - begin));
    t.where = m_positions.range(begin, m_pos);
    return t;
  }

  std::optional<Token> next()
  {
    const std::size_t begin = m_pos;
    const char c = m_text[m_pos];
    if (is_ident_start(c))
      return identifier_or_string();
    if (is_digit(c) || (c == '.' && is_digit(peek(1))))
      return number();
    if (c == '"' || c == '\'')
      return string_literal(begin, m_pos, Escapes::decode);
    auto single = [&](TokenKind kind) {
      ++m_pos;
      return make(kind, begin);
    };
    auto pair = [&](char second, TokenKind two, std::optional<TokenKind> one) -> std::optional<Token> {
      if (peek(1) == second) {
        m_pos += 2;
        return make(two, begin);
      }
      if (one)
        return single(*one);
      return std::nullopt;
    };
    switch (c) {
    case '(':
      return single(TokenKind::left_paren);
    case ')':
      return single(TokenKind::right_paren);
    case '[':
      return single(TokenKind::left_bracket);
    case ']':
      return single(TokenKind::right_bracket);
    case ',':
      return single(TokenKind::comma);
    case '.':
      return single(TokenKind::dot);
    case '?':
      return single(TokenKind::question);
    case ':':
      return single(TokenKind::colon);
    case '+':
      return single(TokenKind::plus);
    case '-':
      return single(TokenKind::minus);
    case '*':
      return single(TokenKind::star);
    case '/':
      return single(TokenKind::slash);
    case '%':
      return single(TokenKind::percent);
    case '!':
      return pair('=', TokenKind::bang_equal, TokenKind::bang);
    case '<':
      return pair('=', TokenKind::less_equal, TokenKind::less);
    case '>':
      return pair('=', TokenKind::greater_equal, TokenKind::greater);
    case '=':
      if (auto t = pair('=', TokenKind::equal_equal, std::nullopt))
        return t;
      return fail(begin, begin + 1, "unexpected '='; use '==' to compare");
    case '&':
      if (auto t = pair('&', TokenKind::and_and, std::nullopt))
        return t;
      return fail(begin, begin + 1, "unexpected '&'; use '&&' for a logical and");
    case '|':
      if (auto t = pair('|', TokenKind::or_or, std::nullopt))
        return t;
      return fail(begin, begin + 1, "unexpected '|'; use '||' for a logical or");
    case '{':
      return fail(begin, begin + 1, "unexpected '{': map literals are not supported");
    default:
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f)
      return fail(begin, begin + 1, fmt::format("unexpected control character '\\x{:02x}'", unsigned{byte}));
    const std::size_t length = std::min(utf8_length(byte), m_text.size() - begin);
    return fail(begin, begin + length,
                fmt::format("unexpected character '{}'", std::string(m_text.substr(begin, length))));
  }

  std::optional<Token> identifier_or_string()
  {
    const std::size_t begin = m_pos;
    while (m_pos < m_text.size() && is_ident_char(m_text[m_pos]))
      ++m_pos;
    const std::string_view word = m_text.substr(begin, m_pos - begin);
    const char after = peek();
    if (after == '"' || after == '\'') {
      if (word == "r" || word == "R")
        return string_literal(begin, m_pos, Escapes::raw);
      if (word == "b" || word == "B" || word == "rb" || word == "rB" || word == "Rb" || word == "RB" ||
          word == "br" || word == "bR" || word == "Br" || word == "BR")
        return fail(begin, m_pos, "bytes literals are not supported");
    }
    if (word == "true")
      return make(TokenKind::kw_true, begin);
    if (word == "false")
      return make(TokenKind::kw_false, begin);
    if (word == "null")
      return make(TokenKind::kw_null, begin);
    if (word == "in")
      return make(TokenKind::kw_in, begin);
    return make(TokenKind::identifier, begin);
  }

  std::optional<Token> number()
  {
    const std::size_t begin = m_pos;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      m_pos += 2;
      const std::size_t digits = m_pos;
      while (hex_digit(peek()) >= 0)
        ++m_pos;
      if (m_pos == digits)
        return fail(begin, m_pos, "malformed hexadecimal literal: digits expected after '0x'");
      if (trailing(begin))
        return std::nullopt;
      std::uint64_t value = 0;
      auto result = std::from_chars(m_text.data() + digits, m_text.data() + m_pos, value, 16);
      if (result.ec != std::errc{} ||
          value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1)
        return fail(begin, m_pos,
                    fmt::format("integer literal {} is out of range", m_text.substr(begin, m_pos - begin)));
      Token t = make(TokenKind::integer, begin);
      t.integer_value = value;
      return t;
    }
    bool is_decimal = false;
    while (is_digit(peek()))
      ++m_pos;
    if (peek() == '.' && is_digit(peek(1))) {
      is_decimal = true;
      ++m_pos;
      while (is_digit(peek()))
        ++m_pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      std::size_t ahead = 1;
      if (peek(1) == '+' || peek(1) == '-')
        ahead = 2;
      if (!is_digit(peek(ahead))) {
        m_pos += ahead;
        return fail(begin, m_pos,
                    fmt::format("malformed number '{}': digits expected in the exponent",
                                m_text.substr(begin, m_pos - begin)));
      }
      is_decimal = true;
      m_pos += ahead;
      while (is_digit(peek()))
        ++m_pos;
    }
    if (trailing(begin))
      return std::nullopt;
    const char* first = m_text.data() + begin;
    const char* last = m_text.data() + m_pos;
    if (is_decimal) {
      double value = 0.0;
      auto result = std::from_chars(first, last, value);
      if (result.ec != std::errc{} || result.ptr != last)
        return fail(begin, m_pos,
                    fmt::format("number {} is out of range", m_text.substr(begin, m_pos - begin)));
      Token t = make(TokenKind::decimal, begin);
      t.decimal_value = value;
      return t;
    }
    std::uint64_t value = 0;
    auto result = std::from_chars(first, last, value, 10);
    if (result.ec != std::errc{} ||
        value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1)
      return fail(begin, m_pos,
                  fmt::format("integer literal {} is out of range", m_text.substr(begin, m_pos - begin)));
    Token t = make(TokenKind::integer, begin);
    t.integer_value = value;
    return t;
  }

  // Rejects a number glued to letters (`12abc`, `1u`); true when it reported an error.
  bool trailing(std::size_t begin)
  {
    if (!is_ident_char(peek()))
      return false;
    const bool unsigned_suffix = (peek() == 'u' || peek() == 'U') && !is_ident_char(peek(1));
    while (is_ident_char(peek()))
      ++m_pos;
    if (unsigned_suffix)
      fail(begin, m_pos, "unsigned integer literals are not supported; write a plain integer");
    else
      fail(begin, m_pos, fmt::format("malformed number '{}'", m_text.substr(begin, m_pos - begin)));
    return true;
  }

  // A string literal starting at `begin` (prefix included) whose quote is at `quote_at`.
  std::optional<Token> string_literal(std::size_t begin, std::size_t quote_at, Escapes escapes)
  {
    const char quote = m_text[quote_at];
    const bool triple = peek_at(quote_at + 1) == quote && peek_at(quote_at + 2) == quote;
    m_pos = quote_at + (triple ? 3 : 1);
    std::string value;
    while (true) {
      if (m_pos >= m_text.size() || (!triple && m_text[m_pos] == '\n')) {
        return fail(begin, m_pos, "unterminated string literal");
      }
      const char c = m_text[m_pos];
      if (c == quote) {
        if (!triple) {
          ++m_pos;
          break;
        }
        if (peek(1) == quote && peek(2) == quote) {
          m_pos += 3;
          break;
        }
      }
      if (c == '\\' && escapes == Escapes::decode) {
        if (!escape(value))
          return std::nullopt;
        continue;
      }
      value += c;
      ++m_pos;
    }
    Token t = make(TokenKind::string, begin);
    t.string_value = std::move(value);
    return t;
  }

  [[nodiscard]] char peek_at(std::size_t offset) const
  {
    return offset < m_text.size() ? m_text[offset] : '\0';
  }

  // Decodes the escape sequence at m_pos (a backslash) into `out`.
  bool escape(std::string& out)
  {
    const std::size_t begin = m_pos;
    const char c = peek(1);
    auto simple = [&](char decoded) {
      out += decoded;
      m_pos += 2;
      return true;
    };
    switch (c) {
    case 'a':
      return simple('\a');
    case 'b':
      return simple('\b');
    case 'f':
      return simple('\f');
    case 'n':
      return simple('\n');
    case 'r':
      return simple('\r');
    case 't':
      return simple('\t');
    case 'v':
      return simple('\v');
    case '\\':
    case '\'':
    case '"':
    case '`':
    case '?':
      return simple(c);
    case 'x':
    case 'X':
      return code_point(begin, 2, 2, 16, out);
    case 'u':
      return code_point(begin, 2, 4, 16, out);
    case 'U':
      return code_point(begin, 2, 8, 16, out);
    default:
      break;
    }
    if (c >= '0' && c <= '3')
      return code_point(begin, 1, 3, 8, out);
    if (c == '\0' || c == '\n') {
      fail(begin, begin + 1, "unterminated escape sequence in string literal");
      return false;
    }
    const std::size_t length =
        std::min(utf8_length(static_cast<unsigned char>(c)), m_text.size() - begin - 1);
    fail(begin, begin + 1 + length,
         fmt::format("invalid escape sequence '\\{}' in string literal", m_text.substr(begin + 1, length)));
    return false;
  }

  // `\xHH`, `\uHHHH`, `\UHHHHHHHH` or `\ooo`: `digits` digits in `base` after `skip` bytes.
  bool code_point(std::size_t begin, std::size_t skip, std::size_t digits, int base, std::string& out)
  {
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const int d = hex_digit(peek_at(begin + skip + i));
      if (d < 0 || d >= base) {
        const std::size_t end = std::min(begin + skip + i + 1, m_text.size());
        fail(begin, end,
             fmt::format("invalid escape sequence '{}' in string literal: {} {} digits expected",
                         m_text.substr(begin, end - begin), digits, base == 16 ? "hexadecimal" : "octal"));
        return false;
      }
      cp = cp * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
    }
    const std::size_t end = begin + skip + digits;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      fail(begin, end,
           fmt::format("invalid escape sequence '{}': not a Unicode code point",
                       m_text.substr(begin, end - begin)));
      return false;
    }
    append_utf8(out, cp);
    m_pos = end;
    return true;
  }
};

} // namespace

std::optional<std::vector<Token>> lex(std::string_view text, const SourcePositions& positions,
                                      diag::DiagnosticBag& bag)
{
  return Lexer(text, positions, bag).run();
}

void append_utf8(std::string& out, std::uint32_t cp)
{
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

} // namespace ghes_topology::expr
