// SPDX-License-Identifier: Apache-2.0
// Reading one rule file in two steps: the YAML and metadata first, the expressions once
// the catalog's parameters are known (private to the engine).
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// What a path relative to a catalog root says: `<category>/<name>.yaml` or
// `<category>/<name>.test.yaml`.
struct RulePath
{
  std::string category;
  std::string name;
  bool fixture = false;
  [[nodiscard]] std::string id() const { return category + "-" + name; }
};

// Parses `relative`; on failure returns nothing and sets `problem` (and `suggestion`
// for a misspelled category).
std::optional<RulePath> parse_rule_path(std::string_view relative, std::string& problem,
                                        std::string& suggestion);

// A rule file read and checked, its expressions not yet compiled.
struct RuleDraft
{
  Rule rule; // metadata; `file`, `origin`, `id` (from the path), `category`, `name` always set
  bool valid = true;
  diag::DiagnosticBag bag;
  const RuleFileText* source = nullptr;
  std::optional<loader::YamlNode> when, point_at, message, remediation, for_each_in;
};

// Parses and checks one rule file: YAML, field table, path and id, kind-specific fields,
// `requires`, `params`. Problems go to `draft.bag`.
RuleDraft read_rule_file(const RuleFileText& file, const RulePath& path);

// Compiles the expressions of `draft` against `types`, which must be
// `rule_types(parameters, draft.rule.kind)` of the catalog's `parameters` (built once per
// catalog and kind, not once per rule).
void compile_rule(RuleDraft& draft, const expr::TypeEnv& types);

// Parses `text` as a value of `type` (`--param` values, typed defaults).
std::optional<expr::Value> parse_param_value(ParamType type, std::string_view text);

// Equal parameter values (same kind and value).
bool same_value(const expr::Value& a, const expr::Value& b);

} // namespace ghes_topology::engine
