// SPDX-License-Identifier: Apache-2.0
// Diagnostics: user-input problems collected (never thrown) and reported together.
#pragma once

#include "ghes_topology/diag/location.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::diag {

// --- Interface ---

enum class Severity { note, warning, error };

// "note", "warning" or "error".
const char* to_string(Severity severity);

// One problem in the input. `code` is a stable kebab-case id (`unknown-key`,
// `expr-unknown-field`); the optional fields are rendered as `= key path:`,
// `= expected:`, `= found:` and `= help: did you mean ...` lines.
struct Diagnostic
{
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  Location where;
  std::string key_path;   // `primary.usage.memory_percent`; empty when not about a key
  std::string expected;   // what the schema or grammar wanted
  std::string found;      // what the input had
  std::string suggestion; // the "did you mean" candidate, without quotes
  std::vector<std::string> notes;
};

// Collects diagnostics in the order they are reported, up to a cap; past the cap
// further reports are counted but not stored (see `dropped()`).
class DiagnosticBag
{
public:
  static constexpr std::size_t k_default_cap = 50;

  explicit DiagnosticBag(std::size_t cap = k_default_cap)
      : m_cap(cap)
  {}

  // Adds `diagnostic`; returns a reference to the stored copy, or to a scratch
  // copy when the cap is reached.
  Diagnostic& add(Diagnostic diagnostic);

  // Shorthand for an error with `code`, `message` at `where`.
  Diagnostic& error(std::string code, std::string message, Location where);

  // Appends every diagnostic of `other`.
  void merge(const DiagnosticBag& other);

  [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }
  [[nodiscard]] bool has_errors() const { return m_error_count > 0; }
  [[nodiscard]] std::size_t error_count() const { return m_error_count; }
  [[nodiscard]] std::size_t dropped() const { return m_dropped; }
  [[nodiscard]] bool full() const { return m_items.size() >= m_cap; }
  [[nodiscard]] bool empty() const { return m_items.empty() && m_dropped == 0; }

private:
  std::size_t m_cap;
  std::vector<Diagnostic> m_items;
  std::size_t m_error_count = 0;
  std::size_t m_dropped = 0;
  Diagnostic m_scratch;
};

} // namespace ghes_topology::diag
