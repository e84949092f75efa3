// SPDX-License-Identifier: Apache-2.0
// Escaping control characters and cutting long words in printed text.
#include "ghes_topology/diag/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ghes_topology::diag {
namespace {

bool is_c0_or_del(unsigned char c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
}

// Length of a colour sequence `ESC [ [0-9;]* m` at `i`, or 0.
std::size_t color_sequence_length(std::string_view text, std::size_t i)
{
  if (i + 2 >= text.size() || text[i] != '\x1b' || text[i + 1] != '[')
    return 0;
  std::size_t k = i + 2;
  while (k < text.size() && ((text[k] >= '0' && text[k] <= '9') || text[k] == ';'))
    ++k;
  return k < text.size() && text[k] == 'm' ? k + 1 - i : 0;
}

// Whether `escape` may change `text`: a C0 control other than newline and tab, DEL, or a
// C1 lead byte (0xC2). Eight bytes at a time; each test below is exact per byte (no carry
// crosses a byte), its high bit set where the byte matches.
bool needs_escape(std::string_view text)
{
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_lows = 0x7F7F7F7F7F7F7F7FULL;
  constexpr std::uint64_t k_highs = ~k_lows;
  const auto equal = [](std::uint64_t x, unsigned char c) {
    const std::uint64_t y = x ^ (k_ones * c);
    return ~(((y & k_lows) + k_lows) | y) & k_highs;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (every x86-64).
  const __m128i space_less_one = _mm_set1_epi8(0x1f);
  const auto escaped = [&](const __m128i x) { // the bytes `escape` may change
    const __m128i c0 = _mm_andnot_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))),
        _mm_cmpeq_epi8(_mm_min_epu8(x, space_less_one), x)); // bytes at most 0x1f
    const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)),
                                       _mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC2))));
    return _mm_movemask_epi8(_mm_or_si128(c0, other)) != 0;
  };
  // Thirty-two bytes at a time, first asking the cheaper question "printable ASCII or
  // newline only?" (a report, mostly); a block that is not gets the exact test.
  const auto plain = [&](const __m128i x) {
    return _mm_or_si128(
        _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)), _mm_cmpgt_epi8(x, space_less_one)),
        _mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
  };
  for (; i + 32 <= text.size(); i += 32) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 16));
    if (_mm_movemask_epi8(_mm_and_si128(plain(a), plain(b))) != 0xFFFF && (escaped(a) || escaped(b)))
      return true;
  }
  for (; i + 16 <= text.size(); i += 16)
    if (escaped(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i))))
      return true;
#endif
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, text.data() + i, 8);
    const std::uint64_t below_space = ~(((x & k_lows) + k_ones * (0x80 - 0x20)) | x) & k_highs;
    const std::uint64_t c0 = below_space & ~equal(x, '\n') & ~equal(x, '\t');
    if ((c0 | equal(x, 0x7f) | equal(x, 0xC2)) != 0)
      return true;
  }
  return std::any_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return is_c0_or_del(c) || c == 0xC2;
  });
}

std::string escape(std::string_view text, bool keep_colors, bool c1)
{
  // Most text has no control character and no C1 lead byte: copied as it is.
  if (!needs_escape(text))
    return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (keep_colors && c == 0x1b) {
      if (const std::size_t n = color_sequence_length(text, i); n > 0) {
        out.append(text.substr(i, n));
        i += n - 1;
        continue;
      }
    }
    if (is_c0_or_del(c) && (c1 || c != 0x7f)) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c1 && c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

} // namespace

bool may_escape(std::string_view text)
{
  return needs_escape(text);
}

std::string escape_controls(std::string_view text)
{
  return escape(text, false, true);
}

std::string escape_controls_keep_colors(std::string_view text)
{
  return escape(text, true, true);
}

std::string escape_c0_controls(std::string_view text, bool keep_colors)
{
  return escape(text, keep_colors, false);
}

std::string shorten_long_words(std::string_view text, std::size_t max)
{
  if (max < 4)
    max = 4;
  std::string out;
  out.reserve(std::min(text.size(), 4 * max));
  std::size_t i = 0;
  while (i < text.size()) {
    const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
    if (is_space(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]))
      ++end;
    if (end - i <= max) {
      out.append(text.substr(i, end - i));
    } else {
      std::size_t cut = i + max - 3;
      while (cut > i && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
      out.append(text.substr(i, cut - i));
      out += "...";
    }
    i = end;
  }
  return out;
}

std::string printable(std::string_view text)
{
  return escape_controls(shorten_long_words(text));
}

} // namespace ghes_topology::diag
