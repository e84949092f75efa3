// SPDX-License-Identifier: Apache-2.0
// Source text registry for quoting lines.
#include "ghes_topology/diag/source_text.hpp"

#include <algorithm>

namespace ghes_topology::diag {

void SourceMap::add(std::string name, std::string text)
{
  m_texts.insert_or_assign(std::move(name), Text{std::move(text), {}, false});
}

void SourceMap::add_borrowed(std::string name, std::string_view text)
{
  m_texts.insert_or_assign(std::move(name), Text{{}, text, true});
}

void SourceMap::add_resolver(Resolver resolver)
{
  if (std::find(m_resolvers.begin(), m_resolvers.end(), resolver) == m_resolvers.end())
    m_resolvers.push_back(resolver);
}

std::optional<std::string_view> SourceMap::text(std::string_view name) const
{
  if (auto it = m_texts.find(name); it != m_texts.end())
    return it->second.is_borrowed ? it->second.borrowed : std::string_view(it->second.owned);
  for (const Resolver resolver : m_resolvers)
    if (auto found = resolver(name))
      return found;
  return std::nullopt;
}

bool SourceMap::contains(const std::string& name) const
{
  return text(name).has_value();
}

std::optional<std::string_view> SourceMap::line(const std::string& name, int line) const
{
  const auto found = this->text(name);
  if (!found || line <= 0)
    return std::nullopt;
  const std::string_view text = *found;
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
