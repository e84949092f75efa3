// SPDX-License-Identifier: Apache-2.0
// Reading one rule file in two steps: the YAML and metadata first, the expressions once
// the catalog's parameters are known (private to the engine).
#pragma once

#include "engine/rule_params_internal.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"
#include "ghes_topology/model/value.hpp"

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
// for a misspelled category). With `house_categories` (user rule folders) a category that
// is not built in is a house category (an organisation's namespace, `acme/x.yaml` gives
// `acme-x`) when it is kebab-case and does not look like a misspelt built-in one.
std::optional<RulePath> parse_rule_path(std::string_view relative, std::string& problem,
                                        std::string& suggestion, bool house_categories = false);

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

// Helpers for reading rule-file YAML, shared with rule_params.cpp.

// Dotted lower-case identifiers: `failover.max_dns_ttl_seconds`.
bool is_dotted_identifier(std::string_view s);

// The value of entry `key` of mapping `map` (and its key node in `key_node`), or null.
const loader::YamlNode* find_entry(const loader::YamlNode& map, std::string_view key,
                                   const loader::YamlNode** key_node = nullptr);

// `map` without the entry `key`.
loader::YamlNode without(const loader::YamlNode& map, std::string_view key);

// A node for `= found:` lines: `'text'`, `null`, `a list`, `a mapping`.
std::string describe_node(const loader::YamlNode& node);

// The string of `v`, or empty when `v` is null or not a string.
std::string text_of(const model::Value* v);

} // namespace ghes_topology::engine
