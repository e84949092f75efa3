// SPDX-License-Identifier: Apache-2.0
// Job: apply `--set PATH=VALUE` overrides to a loaded environment.
#include "ghes_topology/loader/environment_loader.hpp"

#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include "loader/convert_internal.hpp"
#include "loader/text_internal.hpp"

#include <fmt/format.h>

#include <charconv>

namespace ghes_topology::loader {
namespace {

using model::FieldSpec;
using model::FieldType;
using model::Value;

// Replaces the location of `value` and everything in it by `where`.
void relocate(Value& value, const diag::Location& where)
{
  value.where = where;
  value.key_where = where;
  for (auto& item : value.items)
    relocate(item, where);
  for (auto& [name, field] : value.fields)
    relocate(field, where);
}

// One step of an override path: a key or a list index.
struct Step
{
  std::string key;
  std::optional<std::size_t> index;
};

// `plan.replicas[0].latency_ms` as steps; nothing when it is not a key path.
std::optional<std::vector<Step>> split_path(const std::string& path)
{
  std::vector<Step> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = i;
    while (end < path.size() && path[end] != '.' && path[end] != '[')
      ++end;
    if (end == i)
      return std::nullopt;
    steps.push_back(Step{path.substr(i, end - i), std::nullopt});
    i = end;
    while (i < path.size() && path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string::npos || close == i + 1)
        return std::nullopt;
      std::size_t index = 0;
      const auto [ptr, ec] = std::from_chars(path.data() + i + 1, path.data() + close, index);
      if (ec != std::errc{} || ptr != path.data() + close)
        return std::nullopt;
      steps.push_back(Step{{}, index});
      i = close + 1;
    }
    if (i < path.size()) {
      if (path[i] != '.' || i + 1 == path.size())
        return std::nullopt;
      ++i;
    }
  }
  if (steps.empty())
    return std::nullopt;
  return steps;
}

} // namespace

bool apply_override(model::Environment& environment, const std::string& assignment, diag::DiagnosticBag& bag)
{
  // The location names the assignment, cut: every node of the value keeps a copy,
  // and a message must not echo a huge argument.
  const diag::Location where{"--set " + shorten(assignment, 80)};
  const auto equals = assignment.find('=');
  const std::string path = equals == std::string::npos ? assignment : assignment.substr(0, equals);
  const auto steps = equals == std::string::npos ? std::nullopt : split_path(path);
  if (!steps) {
    auto& d = bag.error("bad-override", "--set needs PATH=VALUE with PATH a dotted key path", where);
    d.expected = "PATH=VALUE, e.g. developers.total=30000 or plan.replicas[0].latency_ms=2";
    d.found = shorten(assignment);
    return false;
  }

  // Resolve PATH against the schema.
  const FieldSpec* spec = &model::environment_schema().root;
  std::string resolved;
  for (const Step& step : *steps) {
    if (step.index) {
      if (spec->type != FieldType::list || spec->item_spec() == nullptr) {
        auto& d = bag.error("bad-override", fmt::format("'{}' is not a list", resolved), where);
        d.key_path = resolved;
        d.expected = expectation(*spec);
        return false;
      }
      spec = spec->item_spec();
      resolved += fmt::format("[{}]", *step.index);
      continue;
    }
    if (spec->type != FieldType::object) {
      auto& d = bag.error("bad-override",
                          fmt::format("'{}' has no keys: it is {}", resolved, type_phrase(*spec)), where);
      d.key_path = resolved;
      d.expected = expectation(*spec);
      return false;
    }
    const FieldSpec* field = spec->field(step.key);
    if (field == nullptr) {
      std::vector<std::string> names;
      for (const auto& f : spec->fields)
        names.push_back(f.name);
      auto& d =
          bag.error("unknown-key",
                    fmt::format("unknown key '{}' {}", shorten(step.key), in_container(resolved)), where);
      d.key_path = child_path(resolved, step.key);
      d.expected = key_names(*spec);
      d.found = shorten(step.key);
      d.suggestion = diag::closest_match(step.key, names);
      return false;
    }
    spec = field;
    resolved = child_path(resolved, step.key);
  }

  // Parse and check VALUE; diagnostics point at the synthetic source.
  const std::string text = assignment.substr(equals + 1);
  diag::DiagnosticBag local;
  std::optional<Value> value;
  const bool blank = text.find_first_not_of(" \t") == std::string::npos;
  if (blank) {
    value = Value{};
  } else if (auto documents = parse_yaml(where.file, text, local, Documents::exactly_one)) {
    value = convert(documents->front(), *spec, resolved, local);
  }
  if (!value) {
    for (auto d : local.all()) {
      d.where = where;
      bag.add(std::move(d));
    }
    return false;
  }
  relocate(*value, where);

  // Insert it, creating absent (or unknown) mappings on the way.
  model::Environment updated = environment;
  Value* current = &updated.root;
  std::string walked;
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const Step& step = (*steps)[i];
    const bool last = i + 1 == steps->size();
    if (step.index) {
      if (current->kind != Value::Kind::list || *step.index >= current->items.size()) {
        auto& d = bag.error("bad-override", fmt::format("'{}' has no item [{}]", walked, *step.index), where);
        d.key_path = walked;
        d.expected = current->kind == Value::Kind::list && !current->items.empty()
                         ? fmt::format("an index from 0 to {}", current->items.size() - 1)
                         : "an item that exists in the file";
        if (current->kind != Value::Kind::list)
          d.found = "no list";
        else
          d.found = current->items.size() == 1 ? "1 item" : fmt::format("{} items", current->items.size());
        return false;
      }
      walked += fmt::format("[{}]", *step.index);
      current = &current->items[*step.index];
      if (last)
        *current = *value;
      continue;
    }
    walked = child_path(walked, step.key);
    if (current->kind != Value::Kind::object) {
      *current = Value{};
      current->kind = Value::Kind::object;
      current->where = where;
      current->key_where = where;
    }
    Value* next = current->get(step.key);
    if (next == nullptr) {
      Value fresh;
      fresh.kind = Value::Kind::object;
      fresh.where = where;
      fresh.key_where = where;
      current->fields.emplace_back(step.key, std::move(fresh));
      next = &current->fields.back().second;
    }
    current = next;
    if (last)
      *current = *value;
  }
  const std::size_t errors_before = bag.error_count();
  diag::DiagnosticBag checks;
  cross_checks(updated.root, checks);
  bag.merge(checks); // the file itself passed these checks: anything found is new
  if (bag.error_count() != errors_before)
    return false;
  environment = std::move(updated);
  return true;
}

} // namespace ghes_topology::loader
