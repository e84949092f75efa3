// SPDX-License-Identifier: Apache-2.0
// Making input text safe to print: control characters escaped, long values cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ghes_topology::diag {

// --- Interface ---

// The longest run of non-space bytes `shorten_long_words` leaves whole.
constexpr std::size_t k_max_shown_word = 200;

// `text` with every character that could drive a terminal escaped: C0 controls other
// than newline and tab, and DEL, become `\xNN`; C1 controls (U+0080-U+009F) become
// `\u00NN`. Everything else (printable UTF-8, invalid bytes) is unchanged.
std::string escape_controls(std::string_view text);

// False when `text` has no byte any of the escaping functions below act on (no C0
// control other than newline and tab, no DEL, no C1 lead byte): each returns it unchanged.
bool may_escape(std::string_view text);

// Like `escape_controls`, but keeps colour sequences (`ESC [ digits/; m`) whole: for
// text whose colours we added ourselves. Every other escape sequence is escaped.
std::string escape_controls_keep_colors(std::string_view text);

// For a whole result that may be JSON: escapes only C0 controls other than newline
// and tab (JSON never holds them raw, so JSON passes unchanged); with `keep_colors`,
// colour sequences stay whole. The last line of defence for any text on stdout.
std::string escape_c0_controls(std::string_view text, bool keep_colors);

// `text` with every run of non-space bytes longer than `max` cut to its first
// `max - 3` bytes (at a UTF-8 boundary) followed by "...", so that a message never
// echoes a huge argument or value whole.
std::string shorten_long_words(std::string_view text, std::size_t max = k_max_shown_word);

// `escape_controls(shorten_long_words(text))`: how any message text built from input is printed.
std::string printable(std::string_view text);

} // namespace ghes_topology::diag
