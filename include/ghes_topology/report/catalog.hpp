// SPDX-License-Identifier: Apache-2.0
// The rule catalog as the outputs describe it (`rules list --format json`, later SARIF's
// `tool.driver.rules`), and the one wording of a rule's effect.
#pragma once

#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

// Writes `catalog` as a pretty-printed JSON array (one object per rule in catalog order:
// id, kind, severity, title, category, source, threshold, file, origin, overrides,
// params), ending in a newline.
void write_catalog_json(std::ostream& out, const engine::Catalog& catalog);

// The rules that use the parameter `p`: those that declare it and those whose expressions
// read it, sorted and unique.
std::vector<std::string> parameter_users(const engine::Catalog& catalog, const engine::Parameter& p);

// Writes the catalog's parameters as a pretty-printed JSON array (one object per parameter in
// catalog order: name, type, default, value, overridden, unit, basis, description,
// declared_by, used_by), ending in a newline. `default` and `value` are JSON numbers,
// strings or booleans as the parameter's type says; `value` is the `--param` override when
// there is one, else the default.
void write_parameters_json(std::ostream& out, const engine::Catalog& catalog);

// An effect as every format words it: "+10 ha", "-20 standalone", "blocks cluster".
std::string effect_text(const engine::Effect& effect);

} // namespace ghes_topology::report
