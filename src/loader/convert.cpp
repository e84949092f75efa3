// SPDX-License-Identifier: Apache-2.0
// Job: convert a YAML tree to typed, located model values checked against a field table
// (the `Converter` and the wording of its messages), and the checks across fields.
#include "loader/convert_internal.hpp"

#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/loader/yaml_scalar.hpp"

#include "loader/text_internal.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <tuple>
#include <utility>

namespace ghes_topology::loader {

using model::FieldSpec;
using model::FieldType;
using model::Value;

namespace {

// Wording shared by all messages.

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

std::string format_number(double value)
{
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

std::string join(const std::vector<std::string>& items)
{
  std::string out;
  for (const auto& item : items) {
    if (!out.empty())
      out += ", ";
    out += item;
  }
  return out;
}

std::string quote_text(const std::string& text)
{
  constexpr std::size_t k_max = 40;
  std::string shown;
  for (char c : text) {
    if (c == '\n')
      shown += "\\n";
    else if (c == '\t')
      shown += "\\t";
    else if (c == '"')
      shown += "\\\"";
    else
      shown += c;
  }
  if (shown.size() > k_max) {
    std::size_t cut = k_max - 3;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80)
      --cut; // do not split a UTF-8 sequence
    shown = shown.substr(0, cut) + "...";
  }
  return "\"" + shown + "\"";
}

// "between 0 and 100", "at least 1", "at most 7"; empty when unbounded.
std::string range_phrase(const FieldSpec& spec)
{
  if (spec.minimum && spec.maximum) {
    if (*spec.minimum == *spec.maximum)
      return "exactly " + format_number(*spec.minimum);
    return fmt::format("between {} and {}", format_number(*spec.minimum), format_number(*spec.maximum));
  }
  if (spec.minimum)
    return "at least " + format_number(*spec.minimum);
  if (spec.maximum)
    return "at most " + format_number(*spec.maximum);
  return {};
}

// The last step of a key path: `memory_percent`, `survive[1]`.
std::string label_of(const std::string& path)
{
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

int days_in_month(int year, int month)
{
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return k_days[month - 1];
}

// Why `text` is not a real YYYY-MM-DD date, or empty when it is one.
std::string date_problem(const std::string& text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return "not in the form YYYY-MM-DD";
  for (std::size_t i : {0UL, 1UL, 2UL, 3UL, 5UL, 6UL, 8UL, 9UL})
    if (!is_digit(text[i]))
      return "not in the form YYYY-MM-DD";
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  if (month < 1 || month > 12)
    return fmt::format("month {} does not exist", text.substr(5, 2));
  const int days = days_in_month(year, month);
  if (day < 1 || day > days)
    return fmt::format("{} has {} days", text.substr(0, 7), days);
  return {};
}

bool is_version(const std::string& text)
{
  std::size_t parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i]) && digits < 9) {
      ++i;
      ++digits;
    }
    if (digits == 0)
      return false;
    ++parts;
    if (i == text.size())
      return parts == 2 || parts == 3;
    if (text[i] != '.' || parts == 3)
      return false;
    ++i;
  }
}

} // namespace

// What the input had, for `= found:` lines: `a string "abc"`, `an integer 5`, `a list`.
std::string describe_found(const YamlNode& node)
{
  switch (node.kind) {
  case YamlNode::Kind::null:
    return node.text.empty() ? "an empty value" : "null";
  case YamlNode::Kind::sequence:
    return "a list";
  case YamlNode::Kind::mapping:
    return "a mapping";
  case YamlNode::Kind::scalar:
    break;
  }
  if (node.style != YamlNode::Style::plain)
    return "a string " + quote_text(node.text);
  const ScalarValue r = resolve_scalar(node);
  switch (r.kind) {
  case ScalarValue::Kind::null:
    return "null";
  case ScalarValue::Kind::boolean:
    return "a boolean " + shorten(node.text);
  case ScalarValue::Kind::integer:
    return "an integer " + shorten(node.text);
  case ScalarValue::Kind::decimal:
    return "a number " + shorten(node.text);
  case ScalarValue::Kind::string:
    break;
  }
  return "a string " + quote_text(node.text);
}

// The short type phrase for "'x' must be ...".
std::string type_phrase(const FieldSpec& spec)
{
  switch (spec.type) {
  case FieldType::boolean:
    return "true or false";
  case FieldType::integer:
    return "an integer";
  case FieldType::decimal:
    return "a number";
  case FieldType::string:
    return "a string";
  case FieldType::enumeration:
    return "one of " + join(spec.values);
  case FieldType::date:
    return "a date (YYYY-MM-DD)";
  case FieldType::version:
    return "a version such as 3.16 or 3.16.2";
  case FieldType::object:
    return "a mapping";
  case FieldType::list:
    return "a list";
  }
  return "a value";
}

// The full expectation for "= expected:" lines.
std::string expectation(const FieldSpec& spec)
{
  if (spec.minimum && spec.maximum && *spec.minimum == *spec.maximum)
    return format_number(*spec.minimum); // `version`: one allowed value
  std::string out = type_phrase(spec);
  if (spec.type == FieldType::integer || spec.type == FieldType::decimal) {
    const std::string range = range_phrase(spec);
    if (!range.empty())
      out += " " + range;
    if (!spec.unit.empty())
      out += fmt::format(" ({})", spec.unit);
  } else if (spec.type == FieldType::list) {
    if (const FieldSpec* item = spec.item_spec()) {
      if (item->type == FieldType::enumeration)
        out = "a list of values from " + join(item->values);
      else if (item->type == FieldType::object)
        out = "a list of mappings";
    }
    if (spec.max_items > 0)
      out += fmt::format(" (at most {} items)", spec.max_items);
  } else if (spec.type == FieldType::object) {
    std::vector<std::string> keys;
    for (const auto& f : spec.fields)
      keys.push_back(f.name);
    out += " with keys from " + join(keys);
  }
  return out;
}

std::string key_names(const FieldSpec& spec)
{
  std::vector<std::string> keys;
  for (const auto& f : spec.fields)
    keys.push_back(f.name);
  return "one of " + join(keys);
}

std::string child_path(const std::string& parent, const std::string& key)
{
  return parent.empty() ? key : parent + "." + key;
}

std::string in_container(const std::string& path)
{
  return path.empty() ? "at the top level" : fmt::format("in '{}'", path);
}

namespace {

// A key path built only when a message needs it: each level names its parent and adds
// `.key` (just `key` under an empty path) or `[index]`, as `child_path` and the list
// items' `path[i]` do.
struct Path
{
  const Path* parent = nullptr;
  const std::string* key = nullptr; // the whole path at the root, the key below
  std::size_t index = 0;            // a list item's index when `key` is null

  [[nodiscard]] std::string str() const
  {
    if (parent == nullptr)
      return key != nullptr ? *key : std::string();
    std::string out = parent->str();
    if (key == nullptr)
      return fmt::format("{}[{}]", out, index);
    return child_path(out, *key);
  }
};

class Converter
{
public:
  explicit Converter(diag::DiagnosticBag& bag)
      : m_bag(bag)
  {}

  // True when any problem was reported.
  [[nodiscard]] bool failed() const { return m_failed; }

  // Converts `node` into `out` (a default Value); false when the node itself is wrong. A
  // mapping or list with wrong parts comes back without them (and `failed()` is set), so
  // that checks across fields can still run on the rest. `key_where` is the key naming `node`.
  bool convert(const YamlNode& node, const FieldSpec& spec, const Path& path, const diag::Location& key_where,
               Value& out)
  {
    // A scalar is typed once: for the null test here and for its conversion.
    const ScalarValue r = node.kind == YamlNode::Kind::scalar ? resolve_scalar(node) : ScalarValue{};
    if (node.kind == YamlNode::Kind::null ||
        (node.kind == YamlNode::Kind::scalar && r.kind == ScalarValue::Kind::null)) {
      if (spec.presence == model::Presence::required) {
        auto& d = wrong_type(node, spec, path);
        m_failed = true;
        d.notes.push_back(fmt::format("'{}' is required, so it cannot be unknown", label_of(path.str())));
        return false;
      }
      out.kind = Value::Kind::unknown;
      out.where = node.where;
      out.key_where = node.where;
      return true;
    }
    bool ok = false;
    switch (spec.type) {
    case FieldType::object:
      ok = convert_object(node, spec, path, key_where, out);
      break;
    case FieldType::list:
      ok = convert_list(node, spec, path, out);
      break;
    default:
      ok = convert_scalar(node, r, spec, path, out);
      break;
    }
    if (!ok)
      m_failed = true;
    else
      out.key_where = key_where;
    return ok;
  }

private:
  static bool is_null(const YamlNode& node)
  {
    return node.kind == YamlNode::Kind::null ||
           (node.kind == YamlNode::Kind::scalar && resolve_scalar(node).kind == ScalarValue::Kind::null);
  }

  diag::Diagnostic& wrong_type(const YamlNode& node, const FieldSpec& spec, const Path& at)
  {
    const std::string path = at.str();
    const std::string label = path.empty() ? "the document" : label_of(path);
    auto& d = m_bag.error("wrong-type", fmt::format("'{}' must be {}", label, type_phrase(spec)), node.where);
    d.key_path = path;
    d.expected = expectation(spec);
    d.found = describe_found(node);
    return d;
  }

  void out_of_range(const YamlNode& node, const FieldSpec& spec, const Path& at)
  {
    const std::string path = at.str();
    auto& d = m_bag.error("out-of-range", fmt::format("'{}' must be {}", label_of(path), range_phrase(spec)),
                          node.where);
    d.key_path = path;
    d.expected = expectation(spec);
    d.found = shorten(node.text);
  }

  [[nodiscard]] static bool in_range(const FieldSpec& spec, double value)
  {
    if (std::isnan(value))
      return false;
    if (spec.minimum && value < *spec.minimum)
      return false;
    if (spec.maximum && value > *spec.maximum)
      return false;
    return true;
  }

  // `r` is `resolve_scalar(node)`.
  bool convert_scalar(const YamlNode& node, const ScalarValue& r, const FieldSpec& spec, const Path& at,
                      Value& v)
  {
    if (node.kind != YamlNode::Kind::scalar) {
      wrong_type(node, spec, at);
      return false;
    }
    const bool plain = node.style == YamlNode::Style::plain;

    switch (spec.type) {
    case FieldType::boolean:
      if (r.kind != ScalarValue::Kind::boolean) {
        auto& d = wrong_type(node, spec, at);
        if (plain && (node.text == "yes" || node.text == "Yes" || node.text == "on" || node.text == "On"))
          d.suggestion = "true";
        else if (plain &&
                 (node.text == "no" || node.text == "No" || node.text == "off" || node.text == "Off"))
          d.suggestion = "false";
        return false;
      }
      v.kind = Value::Kind::boolean;
      v.boolean = r.boolean;
      v.where = node.where;
      return true;

    case FieldType::integer: {
      const bool integral_float = r.kind == ScalarValue::Kind::decimal && std::isfinite(r.decimal) &&
                                  r.decimal == std::floor(r.decimal) && std::fabs(r.decimal) < 9e15;
      if (r.kind != ScalarValue::Kind::integer && !integral_float) {
        wrong_type(node, spec, at);
        return false;
      }
      if (r.integer_overflow || !in_range(spec, r.decimal)) {
        out_of_range(node, spec, at);
        return false;
      }
      v.kind = Value::Kind::integer;
      v.integer = r.kind == ScalarValue::Kind::integer ? r.integer : static_cast<std::int64_t>(r.decimal);
      v.where = node.where;
      return true;
    }

    case FieldType::decimal:
      if (r.kind != ScalarValue::Kind::integer && r.kind != ScalarValue::Kind::decimal) {
        wrong_type(node, spec, at);
        return false;
      }
      if (!std::isfinite(r.decimal) || !in_range(spec, r.decimal)) {
        out_of_range(node, spec, at);
        return false;
      }
      v.kind = Value::Kind::decimal;
      v.decimal = r.decimal;
      v.where = node.where;
      return true;

    case FieldType::string:
      v.kind = Value::Kind::string;
      v.string = node.text;
      v.where = node.where;
      return true;

    case FieldType::enumeration: {
      for (const auto& allowed : spec.values) {
        if (allowed == node.text) {
          v.kind = Value::Kind::string;
          v.string = node.text;
          v.where = node.where;
          return true;
        }
      }
      const std::string path = at.str();
      auto& d = m_bag.error("bad-enum-value",
                            fmt::format("unknown value '{}' for '{}'", shorten(node.text), label_of(path)),
                            node.where);
      d.key_path = path;
      d.expected = "one of " + join(spec.values);
      d.found = shorten(node.text);
      d.suggestion = diag::closest_match(node.text, spec.values);
      return false;
    }

    case FieldType::date: {
      const std::string problem = date_problem(node.text);
      if (!problem.empty()) {
        const std::string path = at.str();
        auto& d = m_bag.error("bad-date",
                              fmt::format("'{}' must be a real date in the form YYYY-MM-DD", label_of(path)),
                              node.where);
        d.key_path = path;
        d.expected = "a date such as 2027-06-30";
        d.found = shorten(node.text);
        d.notes.push_back(problem);
        return false;
      }
      v.kind = Value::Kind::string;
      v.string = node.text;
      v.where = node.where;
      return true;
    }

    case FieldType::version:
      if (!is_version(node.text)) {
        const std::string path = at.str();
        auto& d = m_bag.error("bad-version",
                              fmt::format("'{}' must be a version such as 3.16 or 3.16.2", label_of(path)),
                              node.where);
        d.key_path = path;
        d.expected = "MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. \"3.16\"";
        d.found = shorten(node.text);
        return false;
      }
      v.kind = Value::Kind::string;
      v.string = node.text;
      v.where = node.where;
      return true;

    case FieldType::object:
    case FieldType::list:
      break;
    }
    wrong_type(node, spec, at);
    return false;
  }

  bool convert_object(const YamlNode& node, const FieldSpec& spec, const Path& at,
                      const diag::Location& key_where, Value& v)
  {
    if (node.kind != YamlNode::Kind::mapping) {
      wrong_type(node, spec, at);
      return false;
    }
    v.kind = Value::Kind::object;
    v.where = node.where;
    v.fields.reserve(node.entries.size());
    for (const auto& [key, value] : node.entries) {
      if (key.kind != YamlNode::Kind::scalar) {
        const std::string path = at.str();
        auto& d = m_bag.error("wrong-type", fmt::format("a key {} must be a string", in_container(path)),
                              key.where);
        d.key_path = path;
        d.expected = key_names(spec);
        d.found = describe_found(key);
        m_failed = true;
        continue;
      }
      const FieldSpec* field = spec.field(key.text);
      if (field == nullptr) {
        const std::string path = at.str();
        auto& d =
            m_bag.error("unknown-key",
                        fmt::format("unknown key '{}' {}", shorten(key.text), in_container(path)), key.where);
        d.key_path = child_path(path, shorten(key.text));
        d.expected = key_names(spec);
        d.found = shorten(key.text);
        std::vector<std::string> names; // the suggestion's candidates: only for this error
        names.reserve(spec.fields.size());
        for (const auto& f : spec.fields)
          names.push_back(f.name);
        d.suggestion = diag::closest_match(key.text, names);
        if (key.text == "<<")
          d.notes.push_back("YAML merge keys ('<<') are not supported; write the keys out");
        m_failed = true;
        continue;
      }
      const Path key_path{&at, &key.text};
      Value& converted =
          v.fields.emplace_back(std::piecewise_construct, std::forward_as_tuple(key.text), std::tuple<>())
              .second;
      if (!convert(value, *field, key_path, key.where, converted))
        v.fields.pop_back();
    }
    for (const auto& f : spec.fields) {
      if (f.presence != model::Presence::required)
        continue;
      bool present = false;
      for (const auto& [key, value] : node.entries)
        present = present || (key.kind == YamlNode::Kind::scalar && key.text == f.name);
      if (!present) {
        // Point at the key that names the mapping (`plan:`), or at the mapping itself.
        const std::string path = at.str();
        const diag::Location& where = key_where.has_position() ? key_where : node.where;
        auto& d = m_bag.error("missing-key",
                              fmt::format("missing required key '{}' {}", f.name, in_container(path)), where);
        d.key_path = child_path(path, f.name);
        d.expected = expectation(f);
        m_failed = true;
      }
    }
    return true;
  }

  bool convert_list(const YamlNode& node, const FieldSpec& spec, const Path& at, Value& v)
  {
    if (node.kind != YamlNode::Kind::sequence) {
      wrong_type(node, spec, at);
      return false;
    }
    const FieldSpec* item = spec.item_spec();
    if (item == nullptr)
      return false; // a table bug; the schema tests rule it out
    v.kind = Value::Kind::list;
    v.where = node.where;
    std::size_t count = node.items.size();
    if (spec.max_items > 0 && count > spec.max_items) {
      const std::string path = at.str();
      auto& d = m_bag.error("too-many-items", fmt::format("'{}' has too many items", label_of(path)),
                            node.items[spec.max_items].where);
      d.key_path = path;
      d.expected = fmt::format("at most {} items", spec.max_items);
      d.found = fmt::format("{} items", count);
      count = spec.max_items;
      m_failed = true;
    }
    v.items.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      // A list item has no key: its "key" location is its own. An item cannot be
      // null: "unknown" is for facts, and a list of unknowns says nothing.
      const Path item_path{&at, nullptr, i};
      if (is_null(node.items[i])) {
        auto& d = wrong_type(node.items[i], *item, item_path);
        d.notes.push_back("a list item cannot be null (~); remove it or give it a value");
        m_failed = true;
        continue;
      }
      Value& converted = v.items.emplace_back();
      if (!convert(node.items[i], *item, item_path, node.items[i].where, converted))
        v.items.pop_back();
    }
    return true;
  }

  diag::DiagnosticBag& m_bag;
  bool m_failed = false;
};

// Checks that the `name` fields of the objects in list `list_path` are unique.
void check_unique_names(const Value& root, const std::string& list_path, const char* what,
                        diag::DiagnosticBag& bag)
{
  const Value* list = root.find(list_path);
  if (list == nullptr || list->kind != Value::Kind::list)
    return;
  std::map<std::string, std::pair<std::size_t, diag::Location>> seen;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const Value* name = list->items[i].get("name");
    if (name == nullptr || name->kind != Value::Kind::string)
      continue;
    const auto [it, inserted] = seen.emplace(name->string, std::make_pair(i, name->where));
    if (inserted)
      continue;
    auto& d = bag.error("duplicate-name", fmt::format("duplicate {} name '{}'", what, shorten(name->string)),
                        name->where);
    d.key_path = fmt::format("{}[{}].name", list_path, i);
    d.expected = fmt::format("a name no other {} in '{}' has", what, list_path);
    d.found = shorten(name->string);
    d.notes.push_back(fmt::format("first used by {}[{}] at {}", list_path, it->second.first,
                                  it->second.second.to_string()));
  }
}

} // namespace

void cross_checks(const Value& root, diag::DiagnosticBag& bag)
{
  check_unique_names(root, "developers.regions", "region", bag);
  check_unique_names(root, "plan.replicas", "replica", bag);
  check_unique_names(root, "plan.nodes", "node", bag);
}

std::optional<model::Value> convert(const YamlNode& node, const model::FieldSpec& spec,
                                    const std::string& path, diag::DiagnosticBag& bag)
{
  Converter converter(bag);
  std::optional<Value> value{std::in_place};
  const Path at{nullptr, &path};
  if (!converter.convert(node, spec, at, node.where, *value) || converter.failed())
    return std::nullopt;
  return value;
}

std::optional<Value> convert_partial(const YamlNode& node, const FieldSpec& spec, diag::DiagnosticBag& bag,
                                     bool& failed)
{
  Converter converter(bag);
  std::optional<Value> value{std::in_place};
  const std::string root_path;
  const Path at{nullptr, &root_path};
  if (!converter.convert(node, spec, at, node.where, *value))
    value.reset();
  failed = converter.failed();
  return value;
}

} // namespace ghes_topology::loader
