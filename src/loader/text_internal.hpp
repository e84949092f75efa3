// SPDX-License-Identifier: Apache-2.0
// Text helpers shared by the loader's messages.
#pragma once

#include <string>
#include <string_view>

namespace ghes_topology::loader {

// `text` cut to at most `max` bytes (on a UTF-8 boundary) plus "...", so that a
// megabyte-long key or value never makes a megabyte-long message.
inline std::string shorten(std::string_view text, std::size_t max = 60)
{
  if (text.size() <= max)
    return std::string(text);
  std::size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

} // namespace ghes_topology::loader
