// SPDX-License-Identifier: Apache-2.0
// The renderer table.
#include "ghes_topology/report/renderer.hpp"

namespace ghes_topology::report {

const std::vector<Renderer>& renderers()
{
  static const std::vector<Renderer> table = {
      {"text", "human-readable report for a terminal (colour on a TTY)", render_text},
      {"json", "machine-readable report (docs/output-json.md)", render_json},
  };
  return table;
}

const Renderer* find_renderer(std::string_view name)
{
  for (const auto& r : renderers())
    if (name == r.name)
      return &r;
  return nullptr;
}

} // namespace ghes_topology::report
