// SPDX-License-Identifier: Apache-2.0
// A small JSON Schema checker for tests.
#include "support/json_schema_check.hpp"

#include <regex>

namespace ghes_topology::test {
namespace {

using nlohmann::json;

bool has_type(const json& value, const std::string& type)
{
  if (type == "object")
    return value.is_object();
  if (type == "array")
    return value.is_array();
  if (type == "string")
    return value.is_string();
  if (type == "integer")
    return value.is_number_integer() ||
           (value.is_number_float() &&
            value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>())));
  if (type == "number")
    return value.is_number();
  if (type == "boolean")
    return value.is_boolean();
  if (type == "null")
    return value.is_null();
  return false;
}

class Checker
{
public:
  explicit Checker(const json& root)
      : m_root(root)
  {}

  void check(const json& schema, const json& value, const std::string& pointer,
             std::vector<std::string>& errors)
  {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"].get<std::string>();
      check(m_root.at(json::json_pointer(ref.substr(1))), value, pointer, errors);
      return;
    }
    const std::string at = pointer.empty() ? "/" : pointer;
    if (schema.contains("type")) {
      const json& type = schema["type"];
      bool ok = false;
      if (type.is_array()) {
        for (const auto& t : type)
          ok = ok || has_type(value, t.get<std::string>());
      } else {
        ok = has_type(value, type.get<std::string>());
      }
      if (!ok) {
        errors.push_back(at + ": expected type " + type.dump() + ", found " + value.dump());
        return;
      }
    }
    if (schema.contains("const") && schema["const"] != value)
      errors.push_back(at + ": expected " + schema["const"].dump() + ", found " + value.dump());
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& option : schema["enum"])
        found = found || option == value;
      if (!found)
        errors.push_back(at + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (schema.contains("oneOf")) {
      int matches = 0;
      for (const auto& option : schema["oneOf"]) {
        std::vector<std::string> sub;
        check(option, value, pointer, sub);
        if (sub.empty())
          ++matches;
      }
      if (matches != 1)
        errors.push_back(at + ": matches " + std::to_string(matches) + " of the oneOf alternatives");
    }
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
        errors.push_back(at + ": below minimum");
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
        errors.push_back(at + ": above maximum");
    }
    if (value.is_string() && schema.contains("pattern") &&
        !std::regex_search(value.get<std::string>(), std::regex(schema["pattern"].get<std::string>())))
      errors.push_back(at + ": does not match " + schema["pattern"].dump());
    if (value.is_object()) {
      if (schema.contains("required"))
        for (const auto& key : schema["required"])
          if (!value.contains(key.get<std::string>()))
            errors.push_back(at + ": missing required key " + key.dump());
      const json properties = schema.value("properties", json::object());
      for (const auto& [key, member] : value.items()) {
        if (properties.contains(key))
          check(properties[key], member, pointer + "/" + key, errors);
        else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false)
          errors.push_back(at + ": unexpected key \"" + key + "\"");
      }
    }
    if (value.is_array()) {
      if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
        errors.push_back(at + ": more than " + schema["maxItems"].dump() + " items");
      if (schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
          check(schema["items"], value[i], pointer + "/" + std::to_string(i), errors);
    }
  }

private:
  const json& m_root;
};

} // namespace

std::vector<std::string> check_json_schema(const nlohmann::json& schema, const nlohmann::json& instance)
{
  std::vector<std::string> errors;
  Checker(schema).check(schema, instance, "", errors);
  return errors;
}

} // namespace ghes_topology::test
