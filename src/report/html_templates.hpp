// SPDX-License-Identifier: Apache-2.0
// The HTML report's Mustache templates (src/report/*.mustache), embedded in the binary at
// build time by src/cmake/embed_text.cmake.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// The text of `src/report/<name>.mustache` ("html_begin", "html_file", "html_end",
// "html_diagram"), or an empty view when there is no such template.
std::string_view embedded_template(std::string_view name);

// The template `name` rendered with `values`, every `{{value}}` escaped with `escape_html`
// (`{{{raw}}}` only for markup the report itself made). Throws `Error` for a template that
// does not parse (a build defect).
std::string render_template(std::string_view name, const kainjow::mustache::data& values);

} // namespace ghes_topology::report
