// SPDX-License-Identifier: Apache-2.0
// Field table helpers.
#include "ghes_topology/model/schema.hpp"

namespace ghes_topology::model {

std::string describe(FieldType type)
{
  switch (type) {
  case FieldType::boolean:
    return "a boolean (true or false)";
  case FieldType::integer:
    return "an integer";
  case FieldType::decimal:
    return "a number";
  case FieldType::string:
    return "a string";
  case FieldType::enumeration:
    return "one of the listed values";
  case FieldType::date:
    return "a date (YYYY-MM-DD)";
  case FieldType::version:
    return "a GHES version such as \"3.16\" or \"3.16.2\"";
  case FieldType::object:
    return "a mapping";
  case FieldType::list:
    return "a list";
  }
  return "a value";
}

FieldSpec field(std::string name, FieldType type, std::string description)
{
  FieldSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.description = std::move(description);
  return spec;
}

const FieldSpec* FieldSpec::field(const std::string& key) const
{
  for (const auto& f : fields)
    if (f.name == key)
      return &f;
  return nullptr;
}

const FieldSpec* Schema::find(const std::string& dotted_path) const
{
  const FieldSpec* current = &root;
  std::size_t start = 0;
  while (start <= dotted_path.size()) {
    auto dot = dotted_path.find('.', start);
    const std::string key =
        dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    while (current->type == FieldType::list && current->item_spec() != nullptr)
      current = current->item_spec();
    current = current->field(key);
    if (current == nullptr)
      return nullptr;
    if (dot == std::string::npos)
      return current;
    start = dot + 1;
  }
  return current;
}

} // namespace ghes_topology::model
