// SPDX-License-Identifier: Apache-2.0
// The field table: one description of a YAML document's shape that drives the
// loader, the JSON Schema export, the generated docs and the expression checker.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::model {

// --- Interface ---

enum class FieldType {
  boolean,     // true / false
  integer,     // whole number (64-bit)
  decimal,     // number with optional fraction
  string,      // free text
  enumeration, // one of `FieldSpec::values`
  date,        // calendar date, YYYY-MM-DD
  version,     // GHES version string "3.14" or "3.14.2"
  object,      // mapping with the keys in `FieldSpec::fields`
  list,        // sequence; items described by `FieldSpec::item`
};

// Human name of a field type for messages ("an integer", "a date (YYYY-MM-DD)").
std::string describe(FieldType type);

enum class Presence { optional, required };

// One key of a mapping (or, for `item`, the shape of a list element).
struct FieldSpec
{
  std::string name;
  FieldType type = FieldType::string;
  std::string description; // one sentence, for docs and the JSON Schema
  Presence presence = Presence::optional;
  std::string unit;              // "ms", "minutes", "GB", "percent" ...; empty if none
  std::optional<double> minimum; // inclusive bounds for numbers
  std::optional<double> maximum;
  std::vector<std::string> values; // allowed values of an enumeration
  std::vector<FieldSpec> fields;   // keys of an object
  std::vector<FieldSpec> item;     // exactly one element for a list: its item shape
  std::string example;             // YAML text used by `init` and the docs
  std::size_t max_items = 0;       // list length bound; 0 = unbounded

  // The key of `fields` named `key`, or nullptr.
  [[nodiscard]] const FieldSpec* field(const std::string& key) const;
  // The item shape of a list, or nullptr.
  [[nodiscard]] const FieldSpec* item_spec() const { return item.empty() ? nullptr : &item.front(); }
};

// A whole document: a root object plus identity for exports.
struct Schema
{
  std::string title; // "ghes-topology environment file"
  std::string id;    // JSON Schema $id
  int version = 1;   // the `version:` the document must declare
  FieldSpec root;    // type object

  // Resolves a dotted path (`primary.usage.memory_percent`; list steps are
  // skipped, so `plan.replicas.latency_ms` names the item field) to its spec.
  [[nodiscard]] const FieldSpec* find(const std::string& dotted_path) const;
};

// Builder helpers so the tables read like a table.
FieldSpec field(std::string name, FieldType type, std::string description);

} // namespace ghes_topology::model
