// SPDX-License-Identifier: Apache-2.0
// `diff`: facts, verdict, scores and findings of two environment files compared.
#include "ghes_topology/advice/difference.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace ghes_topology::advice {
namespace {

using model::Value;

bool is_scalar(const Value& v)
{
  return v.kind != Value::Kind::list && v.kind != Value::Kind::object;
}

std::string scalar_text(const Value& v)
{
  switch (v.kind) {
  case Value::Kind::unknown:
    return "null";
  case Value::Kind::boolean:
    return v.boolean ? "true" : "false";
  case Value::Kind::integer:
    return std::to_string(v.integer);
  case Value::Kind::decimal:
    return fmt::format("{}", v.decimal);
  case Value::Kind::string:
    return v.string.empty() ? "\"\"" : v.string;
  case Value::Kind::list:
  case Value::Kind::object:
    break;
  }
  return {};
}

// A list of scalars (or an empty list) is one fact: `[node, datacenter]`.
bool is_leaf_list(const Value& v)
{
  return v.kind == Value::Kind::list && std::all_of(v.items.begin(), v.items.end(), is_scalar);
}

// The `name` of a list item, when it is a mapping with a non-empty string name.
std::string item_name(const Value& item)
{
  const Value* name = item.kind == Value::Kind::object ? item.get("name") : nullptr;
  return name != nullptr && name->kind == Value::Kind::string ? name->string : std::string();
}

void flatten(const Value& v, const std::string& path, const std::string& key, std::vector<Fact>& out)
{
  if (is_scalar(v)) {
    out.push_back(Fact{path, key, scalar_text(v), v.where});
  } else if (is_leaf_list(v)) {
    std::string text;
    for (const auto& item : v.items)
      text += (text.empty() ? "" : ", ") + scalar_text(item);
    out.push_back(Fact{path, key, "[" + text + "]", v.where});
  } else if (v.kind == Value::Kind::object && v.fields.empty()) {
    out.push_back(Fact{path, key, "{}", v.where});
  } else if (v.kind == Value::Kind::object) {
    for (const auto& [name, field] : v.fields)
      flatten(field, path.empty() ? name : path + "." + name, key.empty() ? name : key + "." + name, out);
  } else {
    // Names are unique within a list (the loader's `duplicate-name`); an unnamed item is
    // matched by its index.
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      const std::string name = item_name(v.items[i]);
      flatten(v.items[i], fmt::format("{}[{}]", path, i),
              name.empty() ? fmt::format("{}[{}]", key, i) : fmt::format("{}[={}]", key, name), out);
    }
  }
}

bool same_confidence(const Confidence& a, const Confidence& b)
{
  return a.percent == b.percent && a.level == b.level && a.could_flip == b.could_flip;
}

std::optional<OptionScore> score_for(const FileResult& result, engine::Topology option)
{
  if (!result.verdict)
    return std::nullopt;
  for (const auto& s : result.verdict->scores)
    if (s.option == option)
      return s;
  return std::nullopt;
}

std::vector<FactChange> compare_facts(const std::vector<Fact>& before, const std::vector<Fact>& after)
{
  std::map<std::string, std::size_t> after_index;
  for (std::size_t i = 0; i < after.size(); ++i)
    after_index.emplace(after[i].key, i);
  std::map<std::string, std::size_t> before_index;
  for (std::size_t i = 0; i < before.size(); ++i)
    before_index.emplace(before[i].key, i);

  // Each change sorts by (position in AFTER, 0, 0); a removed fact by (position in AFTER of
  // the last earlier BEFORE fact still there, 1, its BEFORE index), or (0, -1, its BEFORE
  // index) when there is none: it stays next to the fact it followed.
  using Order = std::tuple<std::size_t, int, std::size_t>;
  std::vector<std::pair<Order, FactChange>> changes;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const auto found = before_index.find(after[i].key);
    if (found == before_index.end())
      changes.push_back({{i, 0, 0}, FactChange{Change::added, after[i].path, std::nullopt, after[i]}});
    else if (before[found->second].value != after[i].value)
      changes.push_back(
          {{i, 0, 0}, FactChange{Change::changed, after[i].path, before[found->second], after[i]}});
  }
  std::optional<std::size_t> anchor; // AFTER position of the last BEFORE fact kept so far
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto found = after_index.find(before[i].key);
    if (found != after_index.end())
      anchor = found->second;
    else
      changes.push_back({anchor ? Order{*anchor, 1, i} : Order{0, -1, i},
                         FactChange{Change::removed, before[i].path, before[i], std::nullopt}});
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<FactChange> out;
  out.reserve(changes.size());
  for (auto& c : changes)
    out.push_back(std::move(c.second));
  return out;
}

bool same_finding(const Finding& a, const Finding& b)
{
  return a.severity == b.severity && a.message == b.message && a.waived == b.waived;
}

std::vector<FindingChange> compare_findings(const std::vector<Finding>& before,
                                            const std::vector<Finding>& after, int& unchanged)
{
  // fingerprint -> the findings with it, in each side's order
  std::map<std::string, std::vector<const Finding*>> left;
  std::map<std::string, std::vector<const Finding*>> right;
  for (const auto& f : before)
    left[f.fingerprint].push_back(&f);
  for (const auto& f : after)
    right[f.fingerprint].push_back(&f);
  std::vector<FindingChange> changes;
  unchanged = 0;
  for (const auto& [fingerprint, list] : right) {
    const auto other = left.find(fingerprint);
    const std::size_t paired = other == left.end() ? 0 : std::min(list.size(), other->second.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i >= paired)
        changes.push_back(FindingChange{Change::added, std::nullopt, *list[i]});
      else if (same_finding(*other->second[i], *list[i]))
        ++unchanged;
      else
        changes.push_back(FindingChange{Change::changed, *other->second[i], *list[i]});
    }
  }
  for (const auto& [fingerprint, list] : left) {
    const auto other = right.find(fingerprint);
    const std::size_t paired = other == right.end() ? 0 : std::min(list.size(), other->second.size());
    for (std::size_t i = paired; i < list.size(); ++i)
      changes.push_back(FindingChange{Change::removed, *list[i], std::nullopt});
  }
  std::stable_sort(changes.begin(), changes.end(), [](const FindingChange& a, const FindingChange& b) {
    const Finding& fa = a.finding();
    const Finding& fb = b.finding();
    return std::tuple(a.change, -static_cast<int>(fa.severity), fa.rule_id, fa.fingerprint) <
           std::tuple(b.change, -static_cast<int>(fb.severity), fb.rule_id, fb.fingerprint);
  });
  return changes;
}

} // namespace

std::vector<Fact> flatten_facts(const model::Environment& environment)
{
  std::vector<Fact> facts;
  for (const auto& [name, field] : environment.root.fields)
    flatten(field, name, name, facts);
  return facts;
}

const char* to_string(Change change)
{
  switch (change) {
  case Change::added:
    return "added";
  case Change::changed:
    return "changed";
  case Change::removed:
    return "removed";
  }
  return "changed";
}

int ScoreChange::delta() const
{
  return before && after ? after->score - before->score : 0;
}

bool ScoreChange::changed() const
{
  if (before.has_value() != after.has_value())
    return true;
  return before && (before->score != after->score || before->blocked != after->blocked ||
                    before->blocked_by != after->blocked_by);
}

bool Difference::verdict_changed() const
{
  if (before_verdict.has_value() != after_verdict.has_value())
    return true;
  if (!before_verdict)
    return false;
  return before_verdict->topology != after_verdict->topology ||
         before_verdict->margin != after_verdict->margin ||
         !same_confidence(before_verdict->confidence, after_verdict->confidence);
}

bool Difference::scores_changed() const
{
  return std::any_of(scores.begin(), scores.end(), [](const ScoreChange& s) { return s.changed(); });
}

bool Difference::identical() const
{
  return facts.empty() && findings.empty() && !verdict_changed() && !scores_changed();
}

int Difference::new_at_or_above(engine::Severity threshold) const
{
  int count = 0;
  for (const auto& c : findings) {
    if (!c.after || c.after->waived || c.after->severity < threshold)
      continue;
    if (c.change == Change::added || c.before->waived || c.before->severity < threshold)
      ++count;
  }
  return count;
}

Difference compare(const Side& before, const Side& after)
{
  Difference d;
  d.before_file = before.recommended->file;
  d.after_file = after.recommended->file;
  d.before_name = before.recommended->name;
  d.after_name = after.recommended->name;
  d.facts = compare_facts(*before.facts, *after.facts);
  d.before_verdict = before.recommended->verdict;
  d.after_verdict = after.recommended->verdict;
  for (const auto option : {engine::Topology::standalone, engine::Topology::ha, engine::Topology::cluster})
    d.scores.push_back(
        ScoreChange{option, score_for(*before.recommended, option), score_for(*after.recommended, option)});
  const bool both_planned = before.checked != nullptr && after.checked != nullptr;
  d.findings_basis = both_planned ? Command::check : Command::recommend;
  const FileResult& left = both_planned ? *before.checked : *before.recommended;
  const FileResult& right = both_planned ? *after.checked : *after.recommended;
  d.findings = compare_findings(left.findings, right.findings, d.unchanged_findings);
  return d;
}

} // namespace ghes_topology::advice
