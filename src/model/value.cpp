// SPDX-License-Identifier: Apache-2.0
// Typed value helpers.
#include "ghes_topology/model/value.hpp"

namespace ghes_topology::model {

Value::Value() = default;
Value::~Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;

const Value* Value::get(const std::string& key) const
{
  for (const auto& [name, value] : fields)
    if (name == key)
      return &value;
  return nullptr;
}

Value* Value::get(const std::string& key)
{
  for (auto& [name, value] : fields)
    if (name == key)
      return &value;
  return nullptr;
}

const Value* Value::find(const std::string& dotted_path) const
{
  const Value* current = this;
  std::size_t start = 0;
  while (current != nullptr) {
    auto dot = dotted_path.find('.', start);
    current =
        current->get(dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos)
      return current;
    start = dot + 1;
  }
  return nullptr;
}

double Value::number() const
{
  if (kind == Kind::integer)
    return static_cast<double>(integer);
  if (kind == Kind::decimal)
    return decimal;
  return 0.0;
}

} // namespace ghes_topology::model
