// SPDX-License-Identifier: Apache-2.0
// The rule catalog as JSON (`rules list --format json`).
#include "ghes_topology/report/catalog.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace ghes_topology::report {
namespace {

using Json = nlohmann::ordered_json;

// A parameter value (a scalar: parameters are integers, decimals, strings or booleans).
Json scalar_json(const expr::Value& v)
{
  switch (v.kind()) {
  case expr::Value::Kind::boolean:
    return v.as_bool();
  case expr::Value::Kind::integer:
    return v.as_int();
  case expr::Value::Kind::decimal:
    return v.as_double();
  case expr::Value::Kind::string:
    return v.as_string();
  default:
    return nullptr;
  }
}

} // namespace

void write_catalog_json(std::ostream& out, const engine::Catalog& catalog)
{
  auto array = Json::array();
  for (const auto& rule : catalog.rules) {
    Json j;
    j["id"] = rule.id;
    j["kind"] = engine::to_string(rule.kind);
    j["severity"] = rule.severity ? Json(engine::to_string(*rule.severity)) : nullptr;
    j["title"] = rule.title;
    j["category"] = rule.category;
    j["source"] = {{"path", rule.source.path},
                   {"section", rule.source.section},
                   {"versions", rule.source.versions.empty() ? Json(nullptr) : Json(rule.source.versions)}};
    j["threshold"] = engine::to_string(rule.threshold);
    j["file"] = rule.file;
    j["origin"] = rule.origin == engine::RuleOrigin::builtin ? "builtin" : "user";
    j["overrides"] = rule.overrides.empty() ? Json(nullptr) : Json(rule.overrides);
    auto params = Json::array();
    for (const auto& p : rule.params)
      params.push_back(p.name);
    j["params"] = params;
    array.push_back(std::move(j));
  }
  out << array.dump(2) << '\n';
}

std::vector<std::string> parameter_users(const engine::Catalog& catalog, const engine::Parameter& p)
{
  std::vector<std::string> users = p.declared_by;
  for (const auto& rule : catalog.rules)
    if (std::binary_search(rule.used_params.begin(), rule.used_params.end(), p.name))
      users.push_back(rule.id);
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  return users;
}

void write_parameters_json(std::ostream& out, const engine::Catalog& catalog)
{
  auto array = Json::array();
  for (const auto& p : catalog.parameters) {
    Json j;
    j["name"] = p.name;
    j["type"] = engine::to_string(p.type);
    j["default"] = scalar_json(p.default_value);
    j["value"] = scalar_json(p.value());
    j["overridden"] = p.override_value.has_value();
    j["unit"] = p.unit.empty() ? Json(nullptr) : Json(p.unit);
    j["basis"] = engine::to_string(p.basis);
    j["description"] = p.description;
    j["declared_by"] = p.declared_by;
    j["used_by"] = parameter_users(catalog, p);
    array.push_back(std::move(j));
  }
  out << array.dump(2) << '\n';
}

} // namespace ghes_topology::report
