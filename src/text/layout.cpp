// SPDX-License-Identifier: Apache-2.0
// Terminal text layout: display width, wrapping, tables, width and charset choice.
#include "ghes_topology/text/layout.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <clocale>
#include <cstdint>
#include <cstring>
#include <cwchar>
#include <locale.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ghes_topology::text {
namespace {

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for an invalid byte).
std::size_t sequence_length(unsigned char lead)
{
  if (lead >= 0xF0 && lead < 0xF8)
    return 4;
  if (lead >= 0xE0)
    return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC2)
    return 2;
  return 1;
}

// One display unit of `text` at `i`: an ANSI CSI escape (width 0), or one code point.
struct Unit
{
  std::size_t bytes;
  std::size_t width;
};

Unit unit_at(std::string_view text, std::size_t i)
{
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
    std::size_t end = i + 2;
    while (end < text.size() && !(text[end] >= 0x40 && text[end] <= 0x7e))
      ++end;
    return {std::min(end + 1, text.size()) - i, 0};
  }
  if (c < 0x80)
    return {1, c >= 0x20 && c != 0x7f ? 1U : 0U};
  const std::size_t n = sequence_length(c);
  if (n == 1 || i + n > text.size())
    return {1, 1};
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80)
      return {1, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {n, static_cast<std::size_t>(code_point_width(cp))};
}

// Length of the run of printable ASCII (0x20 to 0x7e) that `text` starts with.
std::size_t printable_ascii_run(std::string_view text)
{
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: a signed compare puts the bytes from 0x80 below 0x20 too.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const int other = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del)));
    if (other != 0)
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(other)));
  }
#endif
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x20 &&
         static_cast<unsigned char>(text[i]) < 0x7f)
    ++i;
  return i;
}

// The first blank (space or tab) in `text` at or after `from`, or `text.size()`.
std::size_t next_blank(std::string_view text, std::size_t from)
{
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const int blanks = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(x, tab)));
    if (blanks != 0)
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(blanks)));
  }
#endif
  while (i < text.size() && text[i] != ' ' && text[i] != '\t')
    ++i;
  return i;
}

// The longest prefix of `word` at most `room` columns wide that ends just after a '/',
// else the longest that ends at a code point boundary (at least one code point).
std::size_t break_point(std::string_view word, std::size_t room)
{
  if (printable_ascii_run(word) == word.size()) {
    // One column a byte: the prefix that fits is known, and the last '/' in it found directly
    // (a '/' that ends the word does not count).
    const std::size_t fits = std::max<std::size_t>(1, std::min(room, word.size()));
    const auto slash = word.substr(0, std::min(fits, word.size() - 1)).rfind('/');
    return slash != std::string_view::npos ? slash + 1 : fits;
  }
  std::size_t width = 0;
  std::size_t fits = 0;
  std::size_t after_slash = 0;
  for (std::size_t i = 0; i < word.size();) {
    const auto c = static_cast<unsigned char>(word[i]);
    const Unit u = c >= 0x20 && c < 0x7f ? Unit{1, 1} : unit_at(word, i); // printable ASCII: one column
    if (width + u.width > room && fits > 0)
      break;
    width += u.width;
    i += u.bytes;
    fits = i;
    if (word[i - 1] == '/' && i < word.size())
      after_slash = i;
  }
  return after_slash > 0 ? after_slash : fits;
}

// Whether `paragraph` is printable ASCII words separated by single spaces, with no blank at
// either end: its width is its length, and its lines can be cut at spaces found directly.
bool plain_paragraph(std::string_view paragraph)
{
  if (paragraph.empty() || paragraph.front() == ' ' || paragraph.back() == ' ')
    return false;
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_lows = 0x7F7F7F7F7F7F7F7FULL;
  constexpr std::uint64_t k_highs = ~k_lows;
  std::size_t i = 0;
  bool after_space = false; // the byte before `i` is a space
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (every x86-64): bit k of `spaces` is byte k.
  {
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i del = _mm_set1_epi8(0x7f);
    for (; i + 16 <= paragraph.size(); i += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(paragraph.data() + i));
      if (_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del))) != 0)
        return false;
      const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, space)));
      if ((spaces & (spaces >> 1)) != 0 || (after_space && (spaces & 1U) != 0))
        return false;
      after_space = (spaces & 0x8000U) != 0;
    }
  }
#endif
  // Eight bytes at a time: none at or above 0x7f, none below 0x20, no two spaces in a row.
  // Each mask is exact per byte (no carry crosses a byte), its high bit set where it holds.
  constexpr bool k_little_endian = std::endian::native == std::endian::little; // else byte by byte
  for (; k_little_endian && i + 8 <= paragraph.size(); i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, paragraph.data() + i, 8);
    const std::uint64_t below_space = ~(((x & k_lows) + k_ones * (0x80 - 0x20)) | x) & k_highs;
    const std::uint64_t high = (x | ((x & k_lows) + k_ones)) & k_highs; // 0x7f becomes 0x80
    const std::uint64_t y = x ^ (k_ones * ' ');
    const std::uint64_t space = ~(((y & k_lows) + k_lows) | y) & k_highs;
    // Bytes are in memory order from the lowest: a space whose next byte is a space too.
    const std::uint64_t doubled = (space & (space >> 8)) | (after_space ? space & 0x80U : 0U);
    if ((below_space | high | doubled) != 0)
      return false;
    after_space = (space >> 63) != 0;
  }
  for (; i < paragraph.size(); ++i) {
    const auto c = static_cast<unsigned char>(paragraph[i]);
    if (c < 0x20 || c >= 0x7f || (c == ' ' && after_space))
      return false;
    after_space = c == ' ';
  }
  return true;
}

std::string trimmed(std::string line)
{
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  return line;
}

} // namespace

int code_point_width(char32_t cp)
{
  if (cp < 0x80)
    return cp >= 0x20 && cp != 0x7f ? 1 : 0;
  // glibc's tables, whatever the process's locale: C.UTF-8 exists on every glibc system.
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  if (utf8 == static_cast<locale_t>(nullptr))
    return 1;
  const locale_t previous = uselocale(utf8);
  const int width = wcwidth(static_cast<wchar_t>(cp));
  uselocale(previous);
  return width < 0 ? 1 : width;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = printable_ascii_run(text); // one column a byte: the common case
  for (std::size_t i = width; i < text.size();) {
    if (const auto c = static_cast<unsigned char>(text[i]); c >= 0x20 && c < 0x7f) {
      ++width; // printable ASCII, the common case
      ++i;
      continue;
    }
    const Unit u = unit_at(text, i);
    width += u.width;
    i += u.bytes;
  }
  return width;
}

void wrap_into(std::string& out, std::string_view text, std::size_t width, std::string_view first_indent,
               std::string_view rest_indent)
{
  // Lines are built in place at the end of `out`; `line_start` is where the current one begins.
  const std::size_t first_width = display_width(first_indent);
  const std::size_t rest_width = display_width(rest_indent);
  out.reserve(out.size() + text.size() + text.size() / 8 + first_indent.size() + 1);
  bool first_line = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::size_t line_start = out.size();
    out.append(first_line ? first_indent : rest_indent);
    std::size_t line_width = first_line ? first_width : rest_width;
    bool line_has_word = false;
    auto new_line = [&] {
      out += '\n';
      line_start = out.size();
      out.append(rest_indent);
      line_width = rest_width;
      line_has_word = false;
    };
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    bool blank_paragraph = true;
    std::size_t at = 0;
    if (plain_paragraph(paragraph)) {
      // Each line takes the words up to the last space within its room, found directly;
      // a line whose first word does not fit is left to the word-by-word loop below.
      blank_paragraph = false;
      const std::size_t n = paragraph.size();
      while (at < n) {
        const std::size_t room = width > line_width ? width - line_width : 0;
        std::size_t cut = n;
        if (n - at > room) {
          if (paragraph[at + room] == ' ') {
            cut = at + room;
          } else {
            const auto space = room == 0 ? std::string_view::npos : paragraph.rfind(' ', at + room - 1);
            if (space == std::string_view::npos || space <= at)
              break;
            cut = space;
          }
        }
        out.append(paragraph.substr(at, cut - at));
        line_width += cut - at;
        line_has_word = true;
        at = cut;
        if (at < n) {
          new_line();
          ++at; // the single space the line was cut at
        }
      }
    }
    while (at < paragraph.size()) {
      while (at < paragraph.size() && blank(paragraph[at]))
        ++at;
      if (at == paragraph.size())
        break;
      blank_paragraph = false;
      // The word and its width in one pass (printable ASCII, the common case, is one column).
      const std::size_t stop = next_blank(paragraph, at);
      std::string_view word = paragraph.substr(at, stop - at);
      at = stop;
      std::size_t w = display_width(word);
      if (line_has_word && line_width + 1 + w > width)
        new_line();
      // A word wider than a whole line: broken into pieces that fit.
      while (line_width + (line_has_word ? 1 : 0) + w > width) {
        if (line_has_word)
          new_line();
        if (line_width + w <= width)
          break;
        const std::size_t room = width > line_width ? width - line_width : 1;
        const std::size_t cut = break_point(word, room);
        if (cut >= word.size())
          break;
        out.append(word.substr(0, cut));
        line_has_word = true;
        new_line(); // the rest of the word goes on, without a blank, on the next line
        word.remove_prefix(cut);
        w = display_width(word);
      }
      if (line_has_word) {
        out += ' ';
        ++line_width;
      }
      out.append(word);
      line_width += w;
      line_has_word = true;
    }
    if (line_has_word) {
      out += '\n'; // a line with a word never ends with a blank
    } else if (blank_paragraph) {
      while (out.size() > line_start && out.back() == ' ')
        out.pop_back(); // an empty paragraph: the indent without its trailing blanks
      out += '\n';
    } else {
      out.resize(line_start);
    }
    first_line = false;
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
}

std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent)
{
  std::string out;
  wrap_into(out, text, width, first_indent, rest_indent);
  return out;
}

std::string shorten_to_width(std::string_view text, std::size_t width)
{
  if (display_width(text) <= width)
    return std::string(text);
  std::size_t start = 0;
  while (start < text.size() && display_width(text.substr(start)) + 3 > width) {
    ++start;
    while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      ++start;
  }
  return "..." + std::string(text.substr(start));
}

Table::Table(std::vector<std::string> header)
    : m_header(std::move(header))
{}

void Table::add_row(std::vector<std::string> cells)
{
  m_rows.push_back(std::move(cells));
}

std::string Table::render(std::size_t width, std::string_view indent) const
{
  std::vector<const std::vector<std::string>*> all;
  if (!m_header.empty())
    all.push_back(&m_header);
  for (const auto& row : m_rows)
    all.push_back(&row);
  std::size_t columns = 0;
  for (const auto* row : all)
    columns = std::max(columns, row->size());
  if (columns == 0)
    return {};
  std::vector<std::size_t> widths(columns, 0);
  for (const auto* row : all)
    for (std::size_t i = 0; i + 1 < row->size(); ++i)
      widths[i] = std::max(widths[i], display_width((*row)[i]));
  std::size_t prefix_width = display_width(indent);
  for (std::size_t i = 0; i + 1 < columns; ++i)
    prefix_width += widths[i] + 2;

  std::string out;
  // At the default width and wider rows are never folded (long file names overflow
  // instead, as scripts reading the table expect one row per line).
  if (columns > 1 && prefix_width + k_min_last_column > width && width < k_default_width) {
    // Folded: too narrow for the columns side by side.
    const std::string rest = std::string(indent) + "    ";
    for (const auto& row : m_rows) {
      if (row.empty())
        continue;
      out += wrap(row.front(), width, indent, indent);
      std::string others;
      for (std::size_t i = 1; i < row.size(); ++i)
        if (!row[i].empty())
          others += (others.empty() ? "" : "  ") + row[i];
      if (!others.empty())
        out += wrap(others, width, rest, rest);
    }
    return out;
  }
  for (const auto* row : all) {
    std::string prefix(indent);
    for (std::size_t i = 0; i + 1 < row->size(); ++i)
      prefix += (*row)[i] + std::string(widths[i] - display_width((*row)[i]) + 2, ' ');
    const std::string last = row->empty() ? std::string() : row->back();
    const std::size_t used = display_width(prefix);
    if (used + display_width(last) <= width)
      out += trimmed(prefix + last) + '\n';
    else
      out += wrap(last, width, prefix, std::string(used, ' '));
  }
  return out;
}

std::size_t choose_width(std::size_t terminal_columns, std::string_view columns_env)
{
  std::size_t width = terminal_columns;
  if (width == 0) {
    std::size_t parsed = 0;
    const auto [end, ec] =
        std::from_chars(columns_env.data(), columns_env.data() + columns_env.size(), parsed);
    width = ec == std::errc() && end == columns_env.data() + columns_env.size() && parsed > 0
                ? parsed
                : k_default_width;
  }
  return std::clamp(width, k_min_width, k_max_width);
}

Charset charset_of_locale(std::string_view locale)
{
  const auto dot = locale.find('.');
  if (dot == std::string_view::npos)
    return Charset::ascii;
  std::string codeset;
  for (const char c : locale.substr(dot + 1)) {
    if (c == '@')
      break;
    if (c != '-' && c != '_')
      codeset += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return codeset == "utf8" ? Charset::utf8 : Charset::ascii;
}

} // namespace ghes_topology::text
