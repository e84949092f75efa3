// SPDX-License-Identifier: Apache-2.0
// A small JSON Schema checker for tests: the keywords our published schemas use.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ghes_topology::test {

// Checks `instance` against `schema` (keywords: type, const, enum, properties, required,
// additionalProperties: false, items, maxItems, minimum, maximum, pattern, oneOf, $ref to
// "#/$defs/..." or "#/definitions/..."). Returns one message per violation, each starting
// with the JSON pointer of the offending value; empty when valid.
std::vector<std::string> check_json_schema(const nlohmann::json& schema, const nlohmann::json& instance);

} // namespace ghes_topology::test
