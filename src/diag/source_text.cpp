// SPDX-License-Identifier: Apache-2.0
// Source text registry for quoting lines.
#include "ghes_topology/diag/source_text.hpp"

namespace ghes_topology::diag {

void SourceMap::add(std::string name, std::string text)
{
  m_texts.insert_or_assign(std::move(name), Text{std::move(text), {}, false});
}

void SourceMap::add_borrowed(std::string name, std::string_view text)
{
  m_texts.insert_or_assign(std::move(name), Text{{}, text, true});
}

bool SourceMap::contains(const std::string& name) const
{
  return m_texts.find(name) != m_texts.end();
}

std::optional<std::string_view> SourceMap::line(const std::string& name, int line) const
{
  auto it = m_texts.find(name);
  if (it == m_texts.end() || line <= 0)
    return std::nullopt;
  std::string_view text = it->second.is_borrowed ? it->second.borrowed : it->second.owned;
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos)
      return std::nullopt;
    start = nl + 1;
  }
  if (start > text.size())
    return std::nullopt;
  auto end = text.find('\n', start);
  auto result = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (!result.empty() && result.back() == '\r')
    result.remove_suffix(1);
  return result;
}

} // namespace ghes_topology::diag
