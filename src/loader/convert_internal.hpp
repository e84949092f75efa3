// SPDX-License-Identifier: Apache-2.0
// Converting a YAML tree to model values, and the wording of its messages, shared by the
// environment loader and `--set` overrides (private to the loader).
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"
#include "ghes_topology/model/schema.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>

namespace ghes_topology::loader {

// What the input had, for `= found:` lines: `a string "abc"`, `an integer 5`, `a list`.
std::string describe_found(const YamlNode& node);

// The short type phrase for "'x' must be ...": `an integer`, `one of a, b`.
std::string type_phrase(const model::FieldSpec& spec);

// The full expectation for "= expected:" lines: `an integer between 0 and 100 (minutes)`.
std::string expectation(const model::FieldSpec& spec);

// "one of " and the keys of mapping field `spec`.
std::string key_names(const model::FieldSpec& spec);

// `parent.key`, or `key` at the top level.
std::string child_path(const std::string& parent, const std::string& key);

// "at the top level" or "in 'path'".
std::string in_container(const std::string& path);

// Converts `node` (the document root) like `convert`, but returns what could be converted
// even when parts were wrong (then `failed` is set), so that the cross-field checks can
// still run on the rest. Nothing when the root itself is wrong.
std::optional<model::Value> convert_partial(const YamlNode& node, const model::FieldSpec& spec,
                                            diag::DiagnosticBag& bag, bool& failed);

// The checks across fields of an environment: `duplicate-name` for regions, replicas
// and cluster nodes.
void cross_checks(const model::Value& root, diag::DiagnosticBag& bag);

} // namespace ghes_topology::loader
