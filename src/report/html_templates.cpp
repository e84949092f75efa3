// SPDX-License-Identifier: Apache-2.0
// The HTML report's templates, parsed once each, escaping with `escape_html`.
#include "report/html_templates.hpp"

#include "ghes_topology/diag/error.hpp"
#include "report/escape.hpp"

#include <fmt/format.h>
#include <memory>
#include <vector>

namespace ghes_topology::report {

std::string render_template(std::string_view name, const kainjow::mustache::data& values)
{
  struct Parsed
  {
    std::string name;
    std::unique_ptr<kainjow::mustache::mustache> tmpl;
  };
  static std::vector<Parsed> parsed; // a handful of templates: a list is enough
  kainjow::mustache::mustache* found = nullptr;
  for (auto& p : parsed)
    if (p.name == name)
      found = p.tmpl.get();
  if (found == nullptr) {
    auto tmpl = std::make_unique<kainjow::mustache::mustache>(std::string(embedded_template(name)));
    if (!tmpl->is_valid())
      throw Error(fmt::format("internal error: template {}: {}", name, tmpl->error_message()));
    tmpl->set_custom_escape([](const std::string& text) { return escape_html(text); });
    found = tmpl.get();
    parsed.push_back(Parsed{std::string(name), std::move(tmpl)});
  }
  return found->render(values);
}

} // namespace ghes_topology::report
