// SPDX-License-Identifier: Apache-2.0
// Run-time values of the condition language.
#include "ghes_topology/expr/value.hpp"

#include "ghes_topology/diag/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ghes_topology::expr {
const char* to_string(Value::Kind kind)
{
  switch (kind) {
  case Value::Kind::unknown:
    return "unknown";
  case Value::Kind::null:
    return "null";
  case Value::Kind::boolean:
    return "bool";
  case Value::Kind::integer:
    return "int";
  case Value::Kind::decimal:
    return "double";
  case Value::Kind::string:
    return "string";
  case Value::Kind::list:
    return "list";
  case Value::Kind::map:
    return "map";
  }
  return "value";
}

namespace {

[[noreturn]] void wrong_kind(const char* wanted, Value::Kind actual)
{
  throw Fatal(fmt::format("expression value: wanted {}, have {}", wanted, to_string(actual)));
}

} // namespace

std::string quote_string(const std::string& text)
{
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      else
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string format_double(double d)
{
  if (std::isnan(d))
    return "nan";
  if (std::isinf(d))
    return d > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", d);
  if (text.find_first_of(".eEn") == std::string::npos)
    text += ".0";
  return text;
}

Value Value::unknown(std::vector<std::string> missing_paths)
{
  std::sort(missing_paths.begin(), missing_paths.end());
  missing_paths.erase(std::unique(missing_paths.begin(), missing_paths.end()), missing_paths.end());
  Value v;
  v.m_data = Unknown{std::move(missing_paths)};
  return v;
}

Value Value::null()
{
  return Value{};
}

Value Value::boolean(bool b)
{
  Value v;
  v.m_data = b;
  return v;
}

Value Value::integer(std::int64_t i)
{
  Value v;
  v.m_data = i;
  return v;
}

Value Value::decimal(double d)
{
  Value v;
  v.m_data = d;
  return v;
}

Value Value::string(std::string s)
{
  Value v;
  v.m_data = std::move(s);
  return v;
}

Value Value::list(List items)
{
  Value v;
  v.m_data = std::move(items);
  return v;
}

Value Value::map(Map fields)
{
  Value v;
  v.m_data = std::move(fields);
  return v;
}

Value Value::shared_map(Map fields)
{
  Value v;
  v.m_data = std::make_shared<const Map>(std::move(fields));
  return v;
}

bool Value::as_bool() const
{
  if (const auto* b = std::get_if<bool>(&m_data))
    return *b;
  wrong_kind("bool", kind());
}

std::int64_t Value::as_int() const
{
  if (const auto* i = std::get_if<std::int64_t>(&m_data))
    return *i;
  wrong_kind("int", kind());
}

double Value::as_double() const
{
  if (const auto* d = std::get_if<double>(&m_data))
    return *d;
  if (const auto* i = std::get_if<std::int64_t>(&m_data))
    return static_cast<double>(*i);
  wrong_kind("number", kind());
}

const std::string& Value::as_string() const
{
  if (const auto* s = std::get_if<std::string>(&m_data))
    return *s;
  wrong_kind("string", kind());
}

const Value::List& Value::as_list() const
{
  if (const auto* l = std::get_if<List>(&m_data))
    return *l;
  wrong_kind("list", kind());
}

const Value::Map& Value::as_map() const
{
  if (const auto* m = std::get_if<Map>(&m_data))
    return *m;
  if (const auto* shared = std::get_if<SharedMap>(&m_data))
    return **shared;
  wrong_kind("map", kind());
}

const std::vector<std::string>& Value::missing() const
{
  if (const auto* u = std::get_if<Unknown>(&m_data))
    return u->paths;
  static const std::vector<std::string> k_none;
  return k_none;
}

const Value* Value::field(std::string_view name) const
{
  const Map* m = std::get_if<Map>(&m_data);
  if (const auto* shared = std::get_if<SharedMap>(&m_data))
    m = shared->get();
  if (m != nullptr) {
    auto it = m->find(name);
    if (it != m->end())
      return &it->second;
  }
  return nullptr;
}

Value* Value::field(std::string_view name)
{
  if (const auto* shared = std::get_if<SharedMap>(&m_data)) {
    Map own = **shared; // copy on write: the other copies keep theirs
    m_data = std::move(own);
  }
  if (auto* m = std::get_if<Map>(&m_data)) {
    auto it = m->find(name);
    if (it != m->end())
      return &it->second;
  }
  return nullptr;
}

std::string Value::to_string() const
{
  switch (kind()) {
  case Kind::unknown: {
    std::string out = "unknown(";
    const auto& paths = missing();
    for (std::size_t i = 0; i < paths.size(); ++i)
      out += (i > 0 ? ", " : "") + paths[i];
    return out + ")";
  }
  case Kind::null:
    return "null";
  case Kind::boolean:
    return as_bool() ? "true" : "false";
  case Kind::integer:
    return std::to_string(as_int());
  case Kind::decimal:
    return format_double(std::get<double>(m_data));
  case Kind::string:
    return quote_string(as_string());
  case Kind::list: {
    std::string out = "[";
    const auto& items = as_list();
    for (std::size_t i = 0; i < items.size(); ++i)
      out += (i > 0 ? ", " : "") + items[i].to_string();
    return out + "]";
  }
  case Kind::map: {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : as_map()) {
      out += (first ? "" : ", ") + quote_string(key) + ": " + value.to_string();
      first = false;
    }
    return out + "}";
  }
  }
  return "null";
}

} // namespace ghes_topology::expr
