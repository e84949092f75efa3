// SPDX-License-Identifier: Apache-2.0
// The one typing of YAML scalars (YAML 1.2 core schema), for environment files, `--set`
// values, rule parameters and `--param` values alike.
#pragma once

#include "ghes_topology/loader/yaml_tree.hpp"

#include <cstdint>
#include <string_view>

namespace ghes_topology::loader {

// --- Interface ---

// What a scalar is, with its value for the typed kinds.
struct ScalarValue
{
  enum class Kind { null, boolean, integer, decimal, string };
  Kind kind = Kind::string;
  bool boolean = false;          // `boolean`
  std::int64_t integer = 0;      // `integer`
  bool integer_overflow = false; // `integer` whose digits do not fit in 64 bits (`integer` is 0)
  double decimal = 0.0;          // `decimal`; for `integer`, the same number as a double
};

// Types plain scalar text `text` per the YAML 1.2 core schema (tag resolution of
// https://yaml.org/spec/1.2.2/#1032-tag-resolution), case as the schema lists it:
// - null: empty, `~`, `null`, `Null`, `NULL`;
// - boolean: `true`, `True`, `TRUE`, `false`, `False`, `FALSE` (not `yes`, `on`: YAML 1.1);
// - integer: `[-+]?[0-9]+` in base 10 (leading zeros stay decimal: `010` is 10), `0o[0-7]+`,
//   `0x[0-9a-fA-F]+` (no sign on these two);
// - decimal: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (`1e3`, `.5`, `5.`),
//   `[-+]?(.inf|.Inf|.INF)`, `.nan|.NaN|.NAN`;
// - anything else: string.
ScalarValue resolve_plain(std::string_view text);

// Types `node`: a plain scalar as `resolve_plain` does, a quoted or block scalar as a
// string, a null node as null. A sequence or mapping is `string` with no value: check
// `node.kind` first.
ScalarValue resolve_scalar(const YamlNode& node);

} // namespace ghes_topology::loader
