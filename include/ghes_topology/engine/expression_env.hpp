// SPDX-License-Identifier: Apache-2.0
// The adapter between the environment model and the condition language: types for the
// checker, located values for the evaluator. `expr` never sees `model`; this does.
#pragma once

#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/model/schema.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::engine {

// --- Interface ---

// The static type of a field of the environment schema at dotted `path`: objects become
// closed object types named by their path, enumerations `Type::enumeration`, lists list
// types, decimal double, integer int, boolean bool, date/version/string string.
expr::TypePtr type_of(const model::FieldSpec& spec, const std::string& path);

// One entry per top-level field of `model::environment_schema()` (`developers`, `plan`, ...).
expr::TypeEnv environment_types();

// The `params` object: nested objects for the dotted parameter names.
expr::TypePtr params_type(const std::vector<Parameter>& parameters);

// `topology`: an enumeration of standalone, ha, cluster.
expr::TypePtr topology_type();

// The complete environment rules of `kind` are compiled against: `environment_types()`
// plus `params`, plus `topology` except for evidence rules.
expr::TypeEnv rule_types(const std::vector<Parameter>& parameters, RuleKind kind);

// A loaded value as an expression value at dotted `path`: absent keys stay absent,
// an explicit null becomes `Value::unknown({path})`, and every value keeps its file
// location as `origin`.
expr::Value to_expr_value(const model::Value& value, const std::string& path);

// Bindings for every top-level field present in `environment`; absent sections stay unbound.
expr::Bindings environment_bindings(const model::Environment& environment);

// The `params` value (overrides applied); each leaf's `origin` is its default in the rule
// file, or a location naming `--param` for an override.
expr::Value params_value(const std::vector<Parameter>& parameters);

// `topology`: the name, or unknown (missing path `topology`) when not known.
expr::Value topology_value(std::optional<Topology> topology);

// Text for showing a value in a message: strings without quotes, numbers in their
// shortest form, lists as `[a, b]`, unknown as `unknown`.
std::string display_text(const expr::Value& value);

} // namespace ghes_topology::engine
