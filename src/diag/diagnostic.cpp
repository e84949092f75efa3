// SPDX-License-Identifier: Apache-2.0
// Diagnostic collection.
#include "ghes_topology/diag/diagnostic.hpp"

namespace ghes_topology::diag {

const char* to_string(Severity severity)
{
  switch (severity) {
  case Severity::note:
    return "note";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

Diagnostic& DiagnosticBag::add(Diagnostic diagnostic)
{
  if (diagnostic.severity == Severity::error)
    ++m_error_count;
  if (m_items.size() >= m_cap) {
    ++m_dropped;
    m_scratch = std::move(diagnostic);
    return m_scratch;
  }
  m_items.push_back(std::move(diagnostic));
  return m_items.back();
}

Diagnostic& DiagnosticBag::error(std::string code, std::string message, Location where)
{
  Diagnostic d;
  d.severity = Severity::error;
  d.code = std::move(code);
  d.message = std::move(message);
  d.where = std::move(where);
  return add(std::move(d));
}

void DiagnosticBag::merge(const DiagnosticBag& other)
{
  for (const auto& d : other.m_items)
    add(d);
  m_dropped += other.m_dropped;
  // Errors beyond `other`'s cap were counted there but not stored.
  m_error_count += other.m_error_count;
  for (const auto& d : other.m_items)
    if (d.severity == Severity::error)
      --m_error_count;
}

} // namespace ghes_topology::diag
