// SPDX-License-Identifier: Apache-2.0
// Exports of the field table: JSON Schema, Markdown reference, starter file.
#pragma once

#include "ghes_topology/model/schema.hpp"

#include <string>

namespace ghes_topology::model {

// --- Interface ---

// `schema` as a JSON Schema (draft 2020-12) for editors (yaml-language-server):
// 2-space indented, keys in table order, ending in a newline. Optional fields also
// accept null ("explicitly unknown").
std::string to_json_schema(const Schema& schema);

// The field reference of `schema` as Markdown: one table per mapping (key path,
// type, unit, range or values, required, description). Embedded in docs/environment.md.
std::string to_markdown(const Schema& schema);

// A commented starter document for `ghes-topology init` that validates against
// `schema`: every field with its example value, the optional `plan` and `waivers`
// sections commented out.
std::string starter_file(const Schema& schema);

} // namespace ghes_topology::model
