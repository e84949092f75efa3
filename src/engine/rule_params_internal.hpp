// SPDX-License-Identifier: Apache-2.0
// Rule parameters: their declarations in rule files, their types and the typing of their
// values (private to the engine).
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// The type named `text` (`integer`, `decimal`, `string`, `boolean`), or nothing.
std::optional<ParamType> parse_param_type(std::string_view text);

// "an integer", "a number", "a string", "a boolean (true or false)".
std::string describe(ParamType type);

// Reads the `params` mapping of a rule file into `out`, sorted by name: each name a dotted
// identifier (`rule-param-name`), each declaration a mapping (`wrong-type`) checked against
// `param_schema()`, with a single-value `default` (`rule-param-default`) that parses as the
// declared `type` or, without one, gives the type (YAML 1.2 core schema: `0x10` is an
// integer, `"10"` a string). A null `params` declares nothing. Problems go to `bag`; false
// when there was any (well-formed declarations are still added).
bool read_params(const loader::YamlNode& params, std::vector<ParamDecl>& out, diag::DiagnosticBag& bag);

// Parses `text` as a value of `type` (`--param` values, typed defaults), typed as a plain
// YAML scalar (`loader::resolve_plain`): an integer as YAML reads one (`0x10`, `0o17`, `+5`),
// a number also from an integer and only when finite (not `.inf`, `.nan`), a boolean from
// `true`/`True`/`TRUE`/`false`/..., a string from any text as is.
std::optional<expr::Value> parse_param_value(ParamType type, std::string_view text);

// Equal parameter values (same kind and value).
bool same_value(const expr::Value& a, const expr::Value& b);

} // namespace ghes_topology::engine
