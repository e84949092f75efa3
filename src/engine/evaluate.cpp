// SPDX-License-Identifier: Apache-2.0
// Evaluating compiled rules on an environment: status, locations, messages, facts used.
#include "ghes_topology/engine/evaluate.hpp"

#include "ghes_topology/engine/expression_env.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <utility>

namespace ghes_topology::engine {
namespace {

// One step of a fact path: a field name, or an index (`replicas[1]`). The field name is
// a view of the path.
struct Step
{
  std::string_view field;
  std::optional<std::size_t> index;
};

// Calls `visit(step)` for each step of `path` in order until it returns false.
template <typename Visit>
void for_each_step(std::string_view path, Visit&& visit)
{
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = path.find('.', start);
    std::string_view part =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    const auto bracket = part.find('[');
    if (!visit(Step{part.substr(0, bracket), std::nullopt}))
      return;
    while (bracket != std::string_view::npos && part.size() > bracket) {
      const auto close = part.find(']', bracket);
      if (close == std::string_view::npos)
        break;
      std::size_t index = 0;
      const auto digits = part.substr(bracket + 1, close - bracket - 1);
      std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (!visit(Step{std::string_view(), index}))
        return;
      part = part.substr(close + 1);
      if (part.empty() || part.front() != '[')
        break;
    }
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
}

std::vector<Step> steps_of(std::string_view path)
{
  std::vector<Step> steps;
  for_each_step(path, [&steps](const Step& step) {
    steps.push_back(step);
    return true;
  });
  return steps;
}

const expr::Value* step_into(const expr::Value& value, const Step& step)
{
  if (step.index) {
    if (value.kind() != expr::Value::Kind::list || *step.index >= value.as_list().size())
      return nullptr;
    return &value.as_list()[*step.index];
  }
  if (value.kind() != expr::Value::Kind::map)
    return nullptr;
  return value.field(step.field);
}

// The bindings a rule is evaluated with: the scope's, and a `for_each` variable bound to
// one item (borrowed, not copied).
struct View
{
  const expr::Bindings& bindings;
  std::string_view var;
  const expr::Value* item = nullptr;

  View(const expr::Bindings& b)
      : bindings(b)
  {}
  View(const expr::Bindings& b, const expr::EvalOptions& options)
      : bindings(b)
      , var(options.variable)
      , item(options.variable_value)
  {}
  View(const expr::Bindings& b, std::string_view name, const expr::Value& value)
      : bindings(b)
      , var(name)
      , item(&value)
  {}

  // The variable `name`, or nullptr.
  [[nodiscard]] const expr::Value* find(std::string_view name) const
  {
    if (item != nullptr && !var.empty() && name == var)
      return item;
    auto it = bindings.find(name);
    return it != bindings.end() ? &it->second : nullptr;
  }
};

// The value at `path`, or nullptr when any step is absent.
const expr::Value* lookup(const View& view, std::string_view path)
{
  const expr::Value* value = nullptr;
  bool first = true;
  for_each_step(path, [&](const Step& step) {
    value = first ? view.find(step.field) : step_into(*value, step);
    first = false;
    return value != nullptr;
  });
  return value;
}

// The location of `path`, or of its nearest ancestor written in the file.
diag::Location nearest_known(const View& view, std::string_view path)
{
  const expr::Value* value = nullptr;
  const diag::Location* best = nullptr;
  for_each_step(path, [&](const Step& step) {
    if (best == nullptr) {
      value = view.find(step.field);
      if (value == nullptr)
        return false;
      best = &value->origin;
      return true;
    }
    value = step_into(*value, step);
    if (value == nullptr)
      return false;
    if (value->origin.has_position())
      best = &value->origin;
    return true;
  });
  return best != nullptr ? *best : diag::Location{};
}

diag::Location location_of(const expr::Value& value, const View& view)
{
  if (value.origin.has_file())
    return value.origin;
  if (value.is_unknown())
    for (const auto& path : value.missing()) {
      auto where = nearest_known(view, path);
      if (where.has_position())
        return where;
    }
  return {};
}

bool is_environment_fact(const Rule& rule, const std::string& path)
{
  if (path == "topology" || path.starts_with("topology.") || path.starts_with("params."))
    return false;
  return !(rule.for_each && (path == rule.for_each->var || path.starts_with(rule.for_each->var + ".")));
}

// Without `point_at`: the first fact of `when` (in the order written) present in the
// file, else the nearest known parent of the first fact, else the document.
// Sets `key_path` to the fact whose location it returns (empty for the document).
diag::Location default_location(const Rule& rule, const View& bindings, const Scope& scope,
                                std::string& key_path)
{
  std::vector<std::pair<std::size_t, std::string>> facts;
  for (const auto& path : rule.when.program.fact_paths())
    if (is_environment_fact(rule, path))
      facts.emplace_back(rule.when.text.find(path), path);
  std::sort(facts.begin(), facts.end());
  for (const auto& [pos, path] : facts)
    if (const expr::Value* v = lookup(bindings, path); v != nullptr && v->origin.has_file()) {
      key_path = path;
      return v->origin;
    }
  for (const auto& [pos, path] : facts) {
    auto where = nearest_known(bindings, path);
    if (where.has_position()) {
      key_path = path;
      return where;
    }
  }
  key_path.clear();
  return scope.document;
}

// The fact path (with the item's index, `plan.replicas[1].latency_ms`) of the value
// `point_at` gave, found among the facts it reads by location; else its first fact.
std::string point_at_path(const Rule& rule, const View& bindings, const std::string& item_path,
                          const diag::Location& where)
{
  std::string first;
  for (std::string path : rule.point_at->program.fact_paths()) {
    if (rule.for_each && !item_path.empty() && !rule.for_each->in_path.empty() &&
        (path == rule.for_each->in_path || path.starts_with(rule.for_each->in_path + ".")))
      path = item_path + path.substr(rule.for_each->in_path.size());
    if (const expr::Value* v = lookup(bindings, path); v != nullptr && v->origin == where)
      return path;
    if (first.empty())
      first = path;
  }
  return first;
}

// The `name` of a `for_each` item that is a mapping with a string `name`, else empty.
std::string item_name_of(const expr::Value& item)
{
  if (item.kind() != expr::Value::Kind::map)
    return {};
  const expr::Value* name = item.field("name");
  return name != nullptr && name->kind() == expr::Value::Kind::string ? name->as_string() : std::string();
}

EvalFailure failure_of(const expr::EvalError& e)
{
  return EvalFailure{e.code, e.message, e.where};
}

// A fact's value for "why" output: strings quoted, numbers as written (`180`, `0.5`),
// a list of mappings by its length, a mapping as `{...}`.
std::string fact_text(const expr::Value& value)
{
  switch (value.kind()) {
  case expr::Value::Kind::unknown:
    return "unknown";
  case expr::Value::Kind::decimal:
  case expr::Value::Kind::integer:
    return display_text(value);
  case expr::Value::Kind::map:
    return "{...}";
  case expr::Value::Kind::list: {
    const auto& items = value.as_list();
    if (!items.empty() && items.front().kind() == expr::Value::Kind::map)
      return fmt::format("{} item{}", items.size(), items.size() == 1 ? "" : "s");
    std::string out = "[";
    for (const auto& item : items) {
      if (out.size() > 1)
        out += ", ";
      out += fact_text(item);
    }
    return out + "]";
  }
  default:
    return value.to_string();
  }
}

// The values at `path`, expanding lists met on the way (`plan.replicas.latency_ms`).
void collect(const expr::Value& value, const std::vector<Step>& steps, std::size_t k,
             std::vector<const expr::Value*>& out)
{
  if (k == steps.size()) {
    out.push_back(&value);
    return;
  }
  if (value.kind() == expr::Value::Kind::list && !steps[k].index) {
    for (const auto& item : value.as_list())
      collect(item, steps, k, out);
    return;
  }
  if (const expr::Value* next = step_into(value, steps[k]))
    collect(*next, steps, k + 1, out);
}

FactUse fact_use(const View& bindings, const std::string& path)
{
  FactUse use;
  use.path = path;
  use.value = "unknown";
  if (const expr::Value* v = lookup(bindings, path)) {
    use.value = fact_text(*v);
    use.known = !v->is_unknown();
    use.where = v->origin;
    return use;
  }
  // Through a list: the values of every item, located at the list.
  const auto steps = steps_of(path);
  const expr::Value* root = bindings.find(steps.front().field);
  if (root == nullptr)
    return use;
  std::vector<const expr::Value*> found;
  collect(*root, steps, 1, found);
  const expr::Value* list = root;
  for (std::size_t k = 1; k < steps.size() && list->kind() != expr::Value::Kind::list; ++k) {
    const expr::Value* next = step_into(*list, steps[k]);
    if (next == nullptr)
      break;
    list = next;
  }
  if (list->kind() != expr::Value::Kind::list)
    return use;
  std::string text = "[";
  for (const expr::Value* v : found) {
    if (text.size() > 1)
      text += ", ";
    text += fact_text(*v);
  }
  use.value = text + "]";
  use.known = true;
  use.where = list->origin;
  return use;
}

std::vector<FactUse> facts_of(const Rule& rule, const Scope& scope)
{
  std::vector<const std::string*> params;
  for (const expr::Program* program :
       {rule.for_each ? &rule.for_each->in.program : nullptr, &rule.when.program})
    if (program != nullptr)
      for (const auto& path : program->fact_paths())
        if (path.starts_with("params."))
          params.push_back(&path);
  const auto by_text = [](const std::string* a, const std::string* b) { return *a < *b; };
  std::sort(params.begin(), params.end(), by_text);
  params.erase(std::unique(params.begin(), params.end(),
                           [](const std::string* a, const std::string* b) { return *a == *b; }),
               params.end());
  const bool topology = rule.uses_topology && rule.kind != RuleKind::evidence;
  std::vector<FactUse> facts;
  facts.reserve(rule.fact_paths.size() + params.size() + (topology ? 1 : 0));
  for (const auto& path : rule.fact_paths)
    facts.push_back(fact_use(scope.bindings, path));
  for (const std::string* path : params)
    facts.push_back(fact_use(scope.bindings, *path));
  if (topology)
    facts.push_back(fact_use(scope.bindings, "topology"));
  const auto by_path = [](const FactUse& a, const FactUse& b) { return a.path < b.path; };
  if (!std::is_sorted(facts.begin(), facts.end(), by_path)) // usually sorted already: no moves then
    std::sort(facts.begin(), facts.end(), by_path);
  return facts;
}

// Fills `occurrence` (location and message) for a rule that fired with the scope's bindings
// and the item of `options`.
std::optional<EvalFailure> describe_occurrence(const Rule& rule, const expr::EvalOptions& options,
                                               const Scope& scope, const expr::Value* item,
                                               Occurrence& occurrence)
{
  const View bindings(scope.bindings, options);
  if (rule.point_at) {
    auto at = expr::evaluate_borrowed(rule.point_at->program, scope.bindings, options);
    if (at.error)
      return failure_of(*at.error);
    occurrence.where = location_of(at.value(), bindings);
    if (occurrence.where.has_file())
      occurrence.key_path = point_at_path(rule, bindings, occurrence.item_path, occurrence.where);
  }
  if (item != nullptr)
    occurrence.item_name = item_name_of(*item);
  if (!occurrence.where.has_file() && item != nullptr) {
    occurrence.where = item->origin;
    occurrence.key_path = occurrence.item_path;
  }
  if (!occurrence.where.has_file())
    occurrence.where = default_location(rule, bindings, scope, occurrence.key_path);
  if (!occurrence.where.has_file()) {
    occurrence.where = scope.document;
    occurrence.key_path.clear();
  }
  for (auto [t, text] : {std::pair{&rule.message, &occurrence.message},
                         std::pair{&rule.remediation, &occurrence.remediation}}) {
    std::size_t size = text->size(); // the literal text, and room for a short value per placeholder
    for (const auto& part : t->parts())
      size += part.literal.size() + (part.expression ? 16 : 0);
    text->reserve(size);
    for (const auto& part : t->parts()) {
      *text += part.literal;
      if (!part.expression)
        continue;
      auto value = expr::evaluate_borrowed(part.expression->program, scope.bindings, options);
      if (value.error)
        return failure_of(*value.error);
      *text += display_text(value.value());
    }
  }
  return std::nullopt;
}

// The error `describe_occurrence` would give, without building anything: its expressions
// evaluated in the same order (`point_at`, then the message's and the remediation's
// placeholders), the first error kept.
std::optional<EvalFailure> description_fails(const Rule& rule, const expr::EvalOptions& options,
                                             const Scope& scope)
{
  if (rule.point_at) {
    auto at = expr::evaluate_borrowed(rule.point_at->program, scope.bindings, options);
    if (at.error)
      return failure_of(*at.error);
  }
  for (const MessageTemplate* t : {&rule.message, &rule.remediation})
    for (const auto& part : t->parts())
      if (part.expression) {
        auto value = expr::evaluate_borrowed(part.expression->program, scope.bindings, options);
        if (value.error)
          return failure_of(*value.error);
      }
  return std::nullopt;
}

enum class Verdict { yes, no, unknown, failed };

// Evaluates the condition; sets `failure` or adds to `missing` as needed.
Verdict condition(const Rule& rule, const expr::Bindings& bindings, const expr::EvalOptions& options,
                  std::optional<EvalFailure>& failure, std::vector<std::string>& missing)
{
  auto result = expr::evaluate_borrowed(rule.when.program, bindings, options);
  if (result.error) {
    failure = failure_of(*result.error);
    return Verdict::failed;
  }
  const expr::Value& value = result.value();
  if (value.is_unknown()) {
    const auto& paths = value.missing();
    missing.insert(missing.end(), paths.begin(), paths.end());
    return Verdict::unknown;
  }
  if (value.kind() != expr::Value::Kind::boolean) {
    failure = EvalFailure{"rule-not-boolean",
                          fmt::format("the condition gave {}, not a boolean", value.to_string()),
                          rule.when.program.where()};
    return Verdict::failed;
  }
  return value.as_bool() ? Verdict::yes : Verdict::no;
}

std::vector<FactUse> item_facts(const Rule& rule, const expr::Value& item, const std::string& item_path)
{
  std::vector<FactUse> out;
  if (!rule.for_each || rule.for_each->in_path.empty())
    return out;
  const std::string prefix = rule.for_each->in_path + ".";
  for (const auto& path : rule.fact_paths) {
    if (!path.starts_with(prefix))
      continue;
    static const expr::Bindings k_none;
    FactUse use = fact_use(View(k_none, "item", item), "item." + path.substr(prefix.size()));
    use.path = item_path + "." + path.substr(prefix.size());
    out.push_back(std::move(use));
  }
  return out;
}

void sort_unique(std::vector<std::string>& v)
{
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

std::string_view to_string(Status status)
{
  switch (status) {
  case Status::fired:
    return "fired";
  case Status::not_fired:
    return "not fired";
  case Status::not_applicable:
    return "not applicable";
  case Status::undecided:
    return "undecided";
  case Status::error:
    return "error";
  }
  return "error";
}

namespace {

// Whether `a` and `b` are the same scalar with the same origin (false for lists and maps,
// which parameters never are).
bool same_scalar(const expr::Value& a, const expr::Value& b)
{
  if (a.kind() != b.kind() || a.origin != b.origin)
    return false;
  switch (a.kind()) {
  case expr::Value::Kind::null:
    return true;
  case expr::Value::Kind::boolean:
    return a.as_bool() == b.as_bool();
  case expr::Value::Kind::integer:
    return a.as_int() == b.as_int();
  case expr::Value::Kind::decimal:
    return a.as_double() == b.as_double(); // a NaN never matches: rebuilt, still right
  case expr::Value::Kind::string:
    return a.as_string() == b.as_string();
  case expr::Value::Kind::unknown:
    return a.missing() == b.missing();
  default:
    return false;
  }
}

// `params_value(parameters)`, built once and reused while the parameters' names and values
// (origins included) stay the same: every file of a run sees the same parameters.
const expr::Value& shared_params_value(const std::vector<Parameter>& parameters)
{
  struct Cache
  {
    bool built = false;
    std::vector<std::pair<std::string, expr::Value>> key; // name, value
    expr::Value value;
  };
  thread_local Cache cache;
  bool same = cache.built && cache.key.size() == parameters.size();
  for (std::size_t i = 0; same && i < parameters.size(); ++i)
    same =
        cache.key[i].first == parameters[i].name && same_scalar(cache.key[i].second, parameters[i].value());
  if (!same) {
    cache.key.clear();
    for (const auto& p : parameters)
      cache.key.emplace_back(p.name, p.value());
    // Shared: every scope's `params` binding is a reference-counted copy, not a deep one.
    expr::Value tree = params_value(parameters);
    if (tree.kind() == expr::Value::Kind::map) {
      cache.value = expr::Value::shared_map(tree.as_map());
      cache.value.origin = tree.origin;
    } else {
      cache.value = std::move(tree);
    }
    cache.built = true;
  }
  return cache.value;
}

} // namespace

Scope make_scope(const Catalog& catalog, const model::Environment& environment,
                 std::optional<Topology> topology)
{
  Scope scope;
  scope.bindings = environment_bindings(environment);
  scope.bindings["params"] = shared_params_value(catalog.parameters);
  scope.bindings["topology"] = topology_value(topology);
  scope.topology = topology;
  scope.document = environment.root.where.has_position()
                       ? diag::point(environment.root.where.file, environment.root.where.line,
                                     environment.root.where.column)
                       : diag::Location{environment.source};
  if (scope.document.file.empty())
    scope.document.file = environment.source;
  return scope;
}

namespace {

expr::Value with_field(const expr::Value* base, const std::vector<Step>& steps, std::size_t k,
                       expr::Value value)
{
  if (k == steps.size())
    return value;
  const bool is_map = base != nullptr && base->kind() == expr::Value::Kind::map;
  expr::Value::Map fields = is_map ? base->as_map() : expr::Value::Map{};
  const expr::Value* child = is_map ? base->field(steps[k].field) : nullptr;
  fields[std::string(steps[k].field)] = with_field(child, steps, k + 1, std::move(value));
  expr::Value out = expr::Value::map(std::move(fields));
  if (base != nullptr)
    out.origin = base->origin;
  return out;
}

} // namespace

void set_fact(Scope& scope, std::string_view path, expr::Value value)
{
  const auto steps = steps_of(path);
  if (steps.empty() || steps.front().field.empty())
    return;
  auto it = scope.bindings.find(steps.front().field);
  const expr::Value* base = it != scope.bindings.end() ? &it->second : nullptr;
  expr::Value updated = with_field(base, steps, 1, std::move(value));
  scope.bindings[std::string(steps.front().field)] = std::move(updated);
}

namespace {

// `evaluate_rule`, with `cache` (may be null) and describing the occurrences or not.
Outcome evaluate_rule_cached(const Rule& rule, const Scope& scope, Facts facts, expr::FactCache* cache,
                             bool describe = true)
{
  Outcome o;
  o.rule = &rule;
  for (const auto& path : rule.required_facts) {
    const expr::Value* v = lookup(scope.bindings, path);
    if (v == nullptr || v->is_unknown())
      o.missing.push_back(path);
  }
  if (!o.missing.empty()) {
    o.status = Status::not_applicable;
    return o;
  }

  std::optional<EvalFailure> failure;
  if (!rule.for_each) {
    expr::EvalOptions options;
    options.cache = cache;
    switch (condition(rule, scope.bindings, options, failure, o.missing)) {
    case Verdict::yes: {
      Occurrence occurrence;
      failure = describe ? describe_occurrence(rule, options, scope, nullptr, occurrence)
                         : description_fails(rule, options, scope);
      if (!failure) {
        o.occurrences.push_back(std::move(occurrence));
        o.status = Status::fired;
      }
      break;
    }
    case Verdict::no:
      o.status = Status::not_fired;
      break;
    case Verdict::unknown:
      o.status = Status::undecided;
      break;
    case Verdict::failed:
      break;
    }
  } else {
    const ForEach& fe = *rule.for_each;
    expr::EvalOptions in_options;
    in_options.cache = cache;
    auto in = expr::evaluate_borrowed(fe.in.program, scope.bindings, in_options);
    if (in.error) {
      failure = failure_of(*in.error);
    } else if (in.value().is_unknown()) {
      o.missing = in.value().missing();
      o.status = Status::undecided;
    } else if (in.value().kind() != expr::Value::Kind::list) {
      failure = EvalFailure{"rule-for-each-not-list",
                            fmt::format("'for_each.in' gave {}, not a list", in.value().to_string()),
                            fe.in.program.where()};
    } else {
      // Each item is bound as the options' variable, borrowed: no copy of the item or of
      // the other bindings.
      const auto& items = in.value().as_list();
      const std::string_view list_path = fe.in_path.empty() ? std::string_view(fe.var) : fe.in_path;
      expr::EvalOptions options;
      options.cache = cache;
      options.variable = fe.var;
      for (std::size_t i = 0; i < items.size() && !failure; ++i) {
        options.variable_value = &items[i];
        options.variable_path.clear();
        fmt::format_to(std::back_inserter(options.variable_path), "{}[{}]", list_path, i);
        const Verdict verdict = condition(rule, scope.bindings, options, failure, o.missing);
        if (verdict != Verdict::yes)
          continue;
        Occurrence occurrence;
        occurrence.item = i;
        occurrence.item_path = options.variable_path;
        failure = describe ? describe_occurrence(rule, options, scope, &items[i], occurrence)
                           : description_fails(rule, options, scope);
        if (facts == Facts::gather && describe)
          occurrence.item_facts = item_facts(rule, items[i], occurrence.item_path);
        o.occurrences.push_back(std::move(occurrence));
      }
      o.status = !o.occurrences.empty() ? Status::fired
                 : !o.missing.empty()   ? Status::undecided
                                        : Status::not_fired;
    }
  }
  sort_unique(o.missing);
  if (failure) {
    o.status = Status::error;
    o.error = std::move(failure);
    o.occurrences.clear();
  }
  if (o.status != Status::not_fired && facts == Facts::gather)
    o.facts = facts_of(rule, scope);
  return o;
}

} // namespace

Outcome evaluate_rule(const Rule& rule, const Scope& scope, Facts facts)
{
  return evaluate_rule_cached(rule, scope, facts, nullptr);
}

Outcome evaluate_rule(const Rule& rule, const Scope& scope, Facts facts, expr::FactCache& cache)
{
  return evaluate_rule_cached(rule, scope, facts, &cache);
}

Status evaluate_status(const Rule& rule, const Scope& scope)
{
  const Status status = condition_status(rule, scope);
  if (status == Status::fired && !rule.for_each && display_fails(rule, scope))
    return Status::error;
  return status;
}

Status condition_status(const Rule& rule, const Scope& scope)
{
  for (const auto& path : rule.required_facts) {
    const expr::Value* v = lookup(scope.bindings, path);
    if (v == nullptr || v->is_unknown())
      return Status::not_applicable;
  }
  if (rule.for_each)
    return evaluate_rule(rule, scope).status; // per-item bookkeeping: the full path
  const expr::EvalOptions options;
  std::optional<EvalFailure> failure;
  std::vector<std::string> missing;
  switch (condition(rule, scope.bindings, options, failure, missing)) {
  case Verdict::yes:
    break;
  case Verdict::no:
    return Status::not_fired;
  case Verdict::unknown:
    return Status::undecided;
  case Verdict::failed:
    return Status::error;
  }
  return Status::fired;
}

bool display_fails(const Rule& rule, const Scope& scope)
{
  // As describe_occurrence: a failing `point_at` or placeholder makes the rule an error.
  const expr::EvalOptions options;
  if (rule.point_at && expr::evaluate_borrowed(rule.point_at->program, scope.bindings, options).error)
    return true;
  for (const MessageTemplate* t : {&rule.message, &rule.remediation})
    for (const auto& part : t->parts())
      if (part.expression && expr::evaluate_borrowed(part.expression->program, scope.bindings, options).error)
        return true;
  return false;
}

std::vector<std::string> sections_read(const Rule& rule)
{
  std::vector<std::string> sections;
  auto add = [&](const std::string& path) {
    std::string section = path.substr(0, path.find_first_of(".["));
    if (section != "params" && section != "topology" && !(rule.for_each && section == rule.for_each->var))
      sections.push_back(std::move(section));
  };
  for (const auto& path : rule.required_facts)
    add(path);
  std::vector<const expr::Program*> programs = {&rule.when.program};
  if (rule.for_each)
    programs.push_back(&rule.for_each->in.program);
  if (rule.point_at)
    programs.push_back(&rule.point_at->program);
  for (const MessageTemplate* t : {&rule.message, &rule.remediation})
    for (const auto& part : t->parts())
      if (part.expression)
        programs.push_back(&part.expression->program);
  for (const expr::Program* program : programs)
    for (const auto& path : program->fact_paths())
      add(path);
  sort_unique(sections);
  return sections;
}

const Outcome* Evaluation::find(std::string_view id) const
{
  for (const auto& o : outcomes)
    if (o.rule != nullptr && o.rule->id == id)
      return &o;
  return nullptr;
}

Evaluation evaluate(const Catalog& catalog, const model::Environment& environment,
                    std::optional<Topology> topology, Facts facts, Describe describe)
{
  Evaluation evaluation;
  evaluation.topology = topology;
  const Scope scope = make_scope(catalog, environment, topology);
  expr::FactCache cache; // the scope stays unchanged: every rule shares the paths looked up
  evaluation.outcomes.reserve(catalog.rules.size());
  for (const auto& rule : catalog.rules)
    evaluation.outcomes.push_back(evaluate_rule_cached(
        rule, scope, facts, &cache, describe == Describe::all || rule.kind == RuleKind::finding));
  return evaluation;
}

Evaluation evaluate_evidence_status(const Catalog& catalog, const model::Environment& environment)
{
  return evaluate_evidence_status(catalog, make_scope(catalog, environment, std::nullopt));
}

Evaluation evaluate_evidence_status(const Catalog& catalog, const Scope& scope)
{
  Evaluation evaluation;
  for (const auto& rule : catalog.rules) {
    if (rule.kind != RuleKind::evidence)
      continue;
    Outcome o;
    o.rule = &rule;
    o.status = evaluate_status(rule, scope);
    evaluation.outcomes.push_back(std::move(o));
  }
  return evaluation;
}

diag::Diagnostic to_diagnostic(const Outcome& outcome)
{
  diag::Diagnostic d;
  d.severity = diag::Severity::error;
  d.code = "rule-evaluation-failed";
  const std::string id = outcome.rule != nullptr ? outcome.rule->id : std::string("?");
  if (outcome.error) {
    d.message = fmt::format("rule '{}' could not be evaluated: {}", id, outcome.error->message);
    d.where = outcome.error->where;
    d.notes.push_back(fmt::format("{}; the other rules were evaluated", outcome.error->code));
  } else {
    d.message = fmt::format("rule '{}' could not be evaluated", id);
  }
  return d;
}

} // namespace ghes_topology::engine
