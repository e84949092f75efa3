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

// Compiles the expressions of `draft` against the catalog's `parameters`.
void compile_rule(RuleDraft& draft, const std::vector<Parameter>& parameters);

// Parses `text` as a value of `type` (`--param` values, typed defaults), typed as a plain
// YAML scalar (`loader::resolve_plain`): an integer as YAML reads one (`0x10`, `0o17`, `+5`),
// a number also from an integer and only when finite (not `.inf`, `.nan`), a boolean from
// `true`/`True`/`TRUE`/`false`/..., a string from any text as is.
std::optional<expr::Value> parse_param_value(ParamType type, std::string_view text);

// Equal parameter values (same kind and value).
bool same_value(const expr::Value& a, const expr::Value& b);

} // namespace ghes_topology::engine
