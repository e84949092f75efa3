// SPDX-License-Identifier: Apache-2.0
// The HTML report's Mustache templates (src/report/*.mustache), embedded in the binary at
// build time by src/cmake/embed_text.cmake.
#pragma once

#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// The text of `src/report/<name>.mustache` ("html_begin", "html_file", "html_end",
// "html_diagram"), or an empty view when there is no such template.
std::string_view embedded_template(std::string_view name);

} // namespace ghes_topology::report
