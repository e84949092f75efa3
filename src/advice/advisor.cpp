// SPDX-License-Identifier: Apache-2.0
// `recommend` and `check`: rule outcomes -> verdict, findings, implications, questions, waivers.
#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include "ghes_topology/advice/scoring.hpp"
#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/model/environment_schema.hpp"
#include "ghes_topology/version.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <optional>

namespace ghes_topology::advice {
namespace {

Citation citation(const engine::Rule& rule)
{
  return Citation{rule.source.path, rule.source.section, rule.threshold};
}

std::string text_of(const model::Value* value)
{
  return value != nullptr && value->kind == model::Value::Kind::string ? value->string : std::string();
}

// `plan.replicas[1].latency_ms` -> `plan.replicas.latency_ms`, for schema look-ups.
std::string without_indexes(const std::string& path)
{
  std::string out;
  bool in_index = false;
  for (const char c : path) {
    if (c == '[')
      in_index = true;
    else if (c == ']')
      in_index = false;
    else if (!in_index)
      out += c;
  }
  return out;
}

std::vector<Finding> findings_of(const engine::Evaluation& evaluation)
{
  std::vector<Finding> findings;
  for (const auto& outcome : evaluation.outcomes) {
    const engine::Rule& rule = *outcome.rule;
    if (rule.kind != engine::RuleKind::finding || outcome.status != engine::Status::fired)
      continue;
    for (const auto& occurrence : outcome.occurrences) {
      Finding f;
      f.severity = rule.severity.value_or(engine::Severity::warning);
      f.rule_id = rule.id;
      f.title = rule.title;
      f.message = occurrence.message;
      f.remediation = occurrence.remediation;
      f.where = occurrence.where;
      f.key_path = occurrence.key_path;
      std::string item = occurrence.item_name;
      if (item.empty() && occurrence.item)
        item = std::to_string(*occurrence.item);
      f.fingerprint = fingerprint_of(f.rule_id, f.key_path, item);
      f.source = citation(rule);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

void sort_findings(std::vector<Finding>& findings)
{
  // Sorted through indices, then moved once into place: a finding is large, and a
  // stable sort moves each one several times.
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&findings](std::size_t i, std::size_t j) {
    const Finding& a = findings[i];
    const Finding& b = findings[j];
    if (a.severity != b.severity)
      return a.severity > b.severity;
    if (a.where.line != b.where.line)
      return a.where.line < b.where.line;
    if (a.where.column != b.where.column)
      return a.where.column < b.where.column;
    return a.rule_id < b.rule_id;
  });
  bool sorted = true;
  for (std::size_t i = 0; i < order.size() && sorted; ++i)
    sorted = order[i] == i;
  if (sorted)
    return;
  std::vector<Finding> in_order;
  in_order.reserve(findings.size());
  for (const std::size_t i : order)
    in_order.push_back(std::move(findings[i]));
  findings = std::move(in_order);
}

std::vector<Reason> reasons_of(const engine::Evaluation& evaluation)
{
  std::vector<Reason> reasons;
  for (const auto& outcome : evaluation.outcomes) {
    const engine::Rule& rule = *outcome.rule;
    if (rule.kind != engine::RuleKind::evidence || outcome.status != engine::Status::fired)
      continue;
    Reason r;
    r.rule_id = rule.id;
    r.title = rule.title;
    if (!outcome.occurrences.empty()) {
      r.message = outcome.occurrences.front().message;
      r.where = outcome.occurrences.front().where;
    }
    r.effects = rule.effects;
    for (const auto& e : rule.effects)
      r.strength = std::max(r.strength, e.blocks ? k_block_strength : std::abs(e.weight));
    r.facts = outcome.facts;
    r.source = citation(rule);
    reasons.push_back(std::move(r));
  }
  std::stable_sort(reasons.begin(), reasons.end(), [](const Reason& a, const Reason& b) {
    return a.strength != b.strength ? a.strength > b.strength : a.rule_id < b.rule_id;
  });
  return reasons;
}

std::vector<Implication> implications_of(const engine::Evaluation& evaluation)
{
  std::vector<Implication> implications;
  for (const auto& outcome : evaluation.outcomes) {
    const engine::Rule& rule = *outcome.rule;
    if (rule.kind != engine::RuleKind::implication || outcome.status != engine::Status::fired)
      continue;
    for (const auto& occurrence : outcome.occurrences)
      implications.push_back(Implication{rule.section.value_or(engine::Section::failover), rule.id,
                                         occurrence.message, citation(rule)});
  }
  std::stable_sort(implications.begin(), implications.end(), [](const Implication& a, const Implication& b) {
    return a.section != b.section ? a.section < b.section : a.rule_id < b.rule_id;
  });
  return implications;
}

std::vector<Question> questions_of(const engine::Evaluation& evaluation, Command command)
{
  std::map<std::string, std::vector<std::string>> needed; // fact -> rule ids
  for (const auto& outcome : evaluation.outcomes) {
    const engine::Rule& rule = *outcome.rule;
    if (command == Command::check && rule.kind != engine::RuleKind::finding)
      continue;
    if (outcome.status != engine::Status::undecided && outcome.missing.empty())
      continue;
    if (outcome.status == engine::Status::not_applicable)
      continue;
    for (const auto& fact : outcome.missing)
      needed[fact].push_back(rule.id);
  }
  std::vector<Question> questions;
  for (auto& [fact, rules] : needed) {
    Question q;
    q.fact = fact;
    if (const auto* spec = model::environment_schema().find(without_indexes(fact)))
      q.description = spec->description;
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    q.rule_ids = std::move(rules);
    questions.push_back(std::move(q));
  }
  std::stable_sort(questions.begin(), questions.end(), [](const Question& a, const Question& b) {
    return a.rule_ids.size() != b.rule_ids.size() ? a.rule_ids.size() > b.rule_ids.size() : a.fact < b.fact;
  });
  return questions;
}

std::vector<RuleProblem> problems_of(const engine::Evaluation& evaluation)
{
  std::vector<RuleProblem> problems;
  for (const auto& outcome : evaluation.outcomes)
    if (outcome.status == engine::Status::error && outcome.error)
      problems.push_back(
          RuleProblem{outcome.rule->id, outcome.error->code, outcome.error->message, outcome.error->where});
  return problems;
}

// A waiver's `key_path` that does not resolve against the file (see `resolve_scope`).
struct ScopeProblem
{
  std::string code; // `waiver-bad-key-path` (not a path of the schema) or `waiver-key-path-not-found`
  std::string message;
  std::string expected;
  std::string found;
  std::string suggestion;
};

struct ResolvedScope
{
  std::string path; // with indexes: `plan.replicas[1]`; empty on a problem
  std::optional<ScopeProblem> problem;
};

std::vector<std::string> field_names(const model::FieldSpec& spec)
{
  std::vector<std::string> names;
  for (const auto& f : spec.fields)
    names.push_back(f.name);
  return names;
}

// Resolves a waiver's `key_path` (`plan.replicas[name=ghe-dr].vcpus`: object keys joined by
// dots, a list step followed by `[N]` or `[name=VALUE]`) against the environment schema and
// then against `root`, the file's values.
ResolvedScope resolve_scope(const model::Value& root, const std::string& text)
{
  ResolvedScope out;
  const auto fail = [&](const char* code, std::string message, std::string expected, std::string found,
                        std::string suggestion = {}) {
    out.path.clear();
    out.problem =
        ScopeProblem{code, std::move(message), std::move(expected), std::move(found), std::move(suggestion)};
    return out;
  };
  const char* const bad = "waiver-bad-key-path";
  const char* const absent = "waiver-key-path-not-found";
  const std::string grammar =
      "a key path of the environment schema, e.g. 'plan.replicas[name=ghe-replica-dr]'";
  const model::FieldSpec* spec = &model::environment_schema().root;
  const model::Value* value = &root;
  std::string path; // resolved so far
  std::size_t i = 0;
  while (true) {
    std::size_t j = i;
    while (j < text.size() && text[j] != '.' && text[j] != '[')
      ++j;
    const std::string key = text.substr(i, j - i);
    if (key.empty())
      return fail(bad, fmt::format("waiver key_path '{}' has an empty step", text), grammar, text);
    const model::FieldSpec* field = spec->field(key);
    if (field == nullptr)
      return fail(bad,
                  fmt::format("waiver key_path '{}': '{}' is not a key of {}", text, key,
                              path.empty() ? std::string("the environment file") : "'" + path + "'"),
                  grammar, key, diag::closest_match(key, field_names(*spec)));
    path += (path.empty() ? "" : ".") + key;
    value = value != nullptr ? value->get(key) : nullptr;
    spec = field;
    i = j;
    if (i < text.size() && text[i] == '[') {
      const std::size_t close = text.find(']', i);
      if (close == std::string::npos)
        return fail(bad, fmt::format("waiver key_path '{}': '[' without ']'", text), grammar, text);
      if (field->type != model::FieldType::list)
        return fail(
            bad, fmt::format("waiver key_path '{}': '{}' is not a list and takes no [selector]", text, path),
            "a selector only after a list", text.substr(i, close + 1 - i));
      const std::string selector = text.substr(i + 1, close - i - 1);
      const std::size_t count = value != nullptr ? value->items.size() : 0;
      std::optional<std::size_t> index;
      if (!selector.empty() && selector.size() < 7 &&
          std::all_of(selector.begin(), selector.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const std::size_t n = std::stoul(selector);
        if (n >= count)
          return fail(absent,
                      fmt::format("waiver key_path '{}': '{}' has no item [{}] in this file", text, path, n),
                      fmt::format("an index below {}", count), selector);
        index = n;
      } else {
        const std::size_t eq = selector.find('=');
        if (eq == std::string::npos)
          return fail(bad,
                      fmt::format("waiver key_path '{}': selector '[{}]' is neither [N] nor [name=VALUE]",
                                  text, selector),
                      "[N] or [name=VALUE]", "[" + selector + "]");
        const std::string by = selector.substr(0, eq);
        const std::string wanted = selector.substr(eq + 1);
        if (by != "name")
          return fail(bad,
                      fmt::format("waiver key_path '{}': items are selected by 'name', not '{}'", text, by),
                      "[name=VALUE]", by, diag::closest_match(by, {"name"}));
        std::vector<std::string> names;
        for (std::size_t k = 0; k < count; ++k) {
          names.push_back(text_of(value->items[k].get("name")));
          if (!index && names.back() == wanted)
            index = k;
        }
        if (!index)
          return fail(absent,
                      fmt::format("waiver key_path '{}': '{}' has no item named '{}' in this file", text,
                                  path, wanted),
                      names.empty() ? std::string("an item of the list")
                                    : "the name of an item of '" + path + "'",
                      wanted, diag::closest_match(wanted, names));
      }
      path += fmt::format("[{}]", *index);
      value = &value->items[*index];
      spec = field->item_spec();
      i = close + 1;
    } else if (field->type == model::FieldType::list && i < text.size()) {
      return fail(bad,
                  fmt::format("waiver key_path '{}': '{}' is a list; select an item with [name=VALUE] or [N]",
                              text, path),
                  "[name=VALUE] or [N] after a list", text.substr(i));
    }
    if (i == text.size())
      break;
    if (text[i] != '.' || spec == nullptr || spec->type != model::FieldType::object)
      return fail(bad, fmt::format("waiver key_path '{}': nothing can follow '{}'", text, path), grammar,
                  text.substr(i));
    ++i;
  }
  if (value == nullptr)
    return fail(absent, fmt::format("waiver key_path '{}': '{}' is not in this file", text, path),
                "a key path present in the file", text);
  out.path = path;
  return out;
}

// Days from `from` to `to` (both YYYY-MM-DD, already validated); 0 on a malformed date.
long days_between(const std::string& from, const std::string& to)
{
  const auto parse = [](const std::string& text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) // NOLINT(cert-err34-c)
      return std::optional<std::chrono::sys_days>();
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    return ymd.ok() ? std::optional<std::chrono::sys_days>(ymd) : std::nullopt;
  };
  const auto a = parse(from);
  const auto b = parse(to);
  return a && b ? static_cast<long>((*b - *a).count()) : 0;
}

// Applies one list of waivers (`waivers`, from `origin`'s file: the environment's own or the
// shared file) to `findings`; expired waivers become findings, waivers expiring within
// `options.waiver_warning_days` info findings.
void apply_waiver_list(const model::Value& waivers, const model::Environment& environment,
                       const Options& options, bool shared, std::vector<Finding>& findings,
                       std::vector<Finding>& extra, std::vector<WaiverUse>& uses)
{
  for (std::size_t index = 0; index < waivers.items.size(); ++index) {
    const model::Value& item = waivers.items[index];
    WaiverUse use;
    use.rule_id = text_of(item.get("rule"));
    use.reason = text_of(item.get("reason"));
    use.owner = text_of(item.get("owner"));
    use.expires = text_of(item.get("expires"));
    use.key_path = text_of(item.get("key_path"));
    if (!use.key_path.empty())
      use.scope = resolve_scope(environment.root, use.key_path).path;
    use.where = item.where;
    const model::Value* expires = item.get("expires");
    const std::string key_path = fmt::format("waivers[{}]{}", index, expires != nullptr ? ".expires" : "");
    // Waivers have no name: the waived rule (and the shared file) tells them apart.
    const std::string item_key =
        (shared ? "shared:" : "") + use.rule_id + (use.key_path.empty() ? "" : "@" + use.key_path);
    if (!use.expires.empty() && use.expires < options.today) {
      use.state = WaiverUse::State::expired;
      Finding f;
      f.severity = engine::Severity::warning;
      f.rule_id = "waiver-expired";
      f.title = "Expired waiver";
      f.message = fmt::format("the waiver for '{}' (owner: {}) expired on {}; its findings count again",
                              use.rule_id, use.owner, use.expires);
      f.remediation = "Fix the finding, or renew the waiver with a new expiry date and a reason.";
      f.where = expires != nullptr ? expires->where : item.where;
      f.key_path = key_path;
      f.fingerprint = fingerprint_of(f.rule_id, f.key_path, shared ? item_key : use.rule_id);
      extra.push_back(std::move(f));
    } else {
      for (auto& f : findings) {
        if (!f.waived && covers(use, f)) {
          f.waived = true;
          ++use.silenced;
        }
      }
      use.state = use.silenced > 0 ? WaiverUse::State::applied : WaiverUse::State::unused;
      const long left = use.expires.empty() ? -1 : days_between(options.today, use.expires);
      if (options.waiver_warning_days > 0 && left >= 0 && left <= options.waiver_warning_days) {
        Finding f;
        f.severity = engine::Severity::info;
        f.rule_id = "waiver-expiring";
        f.title = "Waiver about to expire";
        f.message = fmt::format("the waiver for '{}'{} (owner: {}) expires on {}, in {} day{}; its findings "
                                "will count again",
                                use.rule_id, use.key_path.empty() ? "" : " at " + use.key_path, use.owner,
                                use.expires, left, left == 1 ? "" : "s");
        f.remediation =
            "Fix the finding before then, or renew the waiver with a new expiry date and a reason.";
        f.where = expires != nullptr ? expires->where : item.where;
        f.key_path = key_path;
        f.fingerprint = fingerprint_of(f.rule_id, f.key_path, item_key);
        extra.push_back(std::move(f));
      }
    }
    uses.push_back(std::move(use));
  }
}

// Applies the environment's waivers, then the shared file's, to `findings`.
std::vector<WaiverUse> apply_waivers(const Input& input, const Options& options,
                                     std::vector<Finding>& findings)
{
  std::vector<WaiverUse> uses;
  std::vector<Finding> extra;
  if (const model::Value* own = input.environment->root.get("waivers"))
    apply_waiver_list(*own, *input.environment, options, false, findings, extra, uses);
  if (input.shared_waivers != nullptr)
    if (const model::Value* shared = input.shared_waivers->root.get("waivers"))
      apply_waiver_list(*shared, *input.environment, options, true, findings, extra, uses);
  findings.insert(findings.end(), extra.begin(), extra.end());
  return uses;
}

const OptionScore* score_of(const Verdict& verdict, engine::Topology option)
{
  for (const auto& s : verdict.scores)
    if (s.option == option)
      return &s;
  return nullptr;
}

// check: an info finding when the plan's topology is not the one `recommend` would choose on
// the same file, with both scores (see the severity policy in docs/rules.md). `evaluation` is
// the check's own: evidence rules never see the topology, so their status in it is the one
// `recommend` scores, and the file need not be evaluated again.
std::optional<Finding> plan_differs(const engine::Evaluation& evaluation,
                                    const model::Environment& environment,
                                    std::optional<engine::Topology> planned)
{
  const model::Value* topology = environment.root.find("plan.topology");
  if (!planned || topology == nullptr)
    return std::nullopt;
  const Verdict verdict = score(evaluation);
  if (!verdict.topology || *verdict.topology == *planned)
    return std::nullopt;
  const OptionScore* plan_score = score_of(verdict, *planned);
  const OptionScore* best = score_of(verdict, *verdict.topology);
  if (plan_score == nullptr || best == nullptr)
    return std::nullopt;
  std::string blocked;
  for (const auto& id : plan_score->blocked_by)
    blocked += (blocked.empty() ? "" : ", ") + id;
  Finding f;
  f.severity = engine::Severity::info;
  f.rule_id = "plan-differs-from-recommendation";
  f.title = "The plan differs from what recommend would choose";
  f.message =
      fmt::format("The plan's topology is {} (score {}{}); `recommend` would choose {} (score {}) for "
                  "this file.",
                  engine::to_string(*planned), plan_score->score,
                  blocked.empty() ? std::string() : ", blocked by " + blocked,
                  engine::to_string(*verdict.topology), best->score);
  f.remediation =
      "Run `ghes-topology recommend` on this file to see the reasons; keep the plan if they do not "
      "apply to you, or change `plan.topology`.";
  f.where = topology->where;
  f.key_path = "plan.topology";
  f.fingerprint = fingerprint_of(f.rule_id, f.key_path, "");
  f.source = Citation{"content/admin/monitoring-and-managing-your-instance/configuring-clustering/"
                      "differences-between-clustering-and-high-availability-ha.md",
                      "About deployment topologies for GitHub Enterprise Server", engine::Threshold::none};
  return f;
}

} // namespace

const char* to_string(Command command)
{
  return command == Command::recommend ? "recommend" : "check";
}

int failing_findings(const FileResult& file, const std::optional<engine::Severity>& fail_on)
{
  if (!fail_on)
    return 0;
  int count = 0;
  for (const auto& f : file.findings)
    if (!f.waived && f.severity >= *fail_on)
      ++count;
  return count;
}

bool covers(const WaiverUse& waiver, const Finding& finding)
{
  if (waiver.state == WaiverUse::State::expired || waiver.rule_id != finding.rule_id)
    return false;
  if (waiver.key_path.empty())
    return true;
  const std::string& scope = waiver.scope;
  const std::string& path = finding.key_path;
  if (scope.empty() || path.compare(0, scope.size(), scope) != 0)
    return false;
  return path.size() == scope.size() || path[scope.size()] == '.' || path[scope.size()] == '[';
}

const WaiverUse* waiver_of(const FileResult& file, const Finding& finding)
{
  if (!finding.waived)
    return nullptr;
  for (const auto& w : file.waivers)
    if (w.state == WaiverUse::State::applied && covers(w, finding))
      return &w;
  return nullptr;
}

bool check_waivers(const engine::Catalog& catalog, const Input& input, diag::DiagnosticBag& bag)
{
  bool ok = true;
  const model::Value* waivers = input.environment->root.get("waivers");
  if (waivers == nullptr)
    return ok;
  std::vector<std::string> ids; // the catalog's, computed at the first unknown rule
  for (std::size_t i = 0; i < waivers->items.size(); ++i) {
    if (const model::Value* key_path = waivers->items[i].get("key_path");
        key_path != nullptr && key_path->kind == model::Value::Kind::string) {
      const ResolvedScope scope = resolve_scope(input.environment->root, key_path->string);
      if (scope.problem) {
        auto& d = bag.error(scope.problem->code, scope.problem->message, key_path->where);
        d.key_path = fmt::format("waivers[{}].key_path", i);
        d.expected = scope.problem->expected;
        d.found = scope.problem->found;
        d.suggestion = scope.problem->suggestion;
        ok = false;
      }
    }
    const model::Value* rule = waivers->items[i].get("rule");
    if (rule == nullptr || catalog.find(rule->string) != nullptr)
      continue;
    auto& d = bag.error("waiver-unknown-rule", fmt::format("waiver names unknown rule '{}'", rule->string),
                        rule->where);
    d.key_path = fmt::format("waivers[{}].rule", i);
    d.expected = "the id of a rule in the catalog (see 'ghes-topology rules list')";
    d.found = rule->string;
    if (ids.empty())
      ids = catalog.ids();
    d.suggestion = diag::closest_match(rule->string, ids);
    ok = false;
  }
  return ok;
}

bool check_shared_waivers(const engine::Catalog& catalog, const model::Environment& shared,
                          diag::DiagnosticBag& bag)
{
  bool ok = true;
  for (const auto& [key, value] : shared.root.fields) {
    if (key == "version" || key == "waivers")
      continue;
    auto& d =
        bag.error("shared-waivers-extra-key",
                  fmt::format("a shared waivers file holds only 'version' and 'waivers', not '{}'", key),
                  value.key_where);
    d.key_path = key;
    d.expected = "version, waivers";
    d.found = key;
    ok = false;
  }
  model::Environment rules_only = shared;
  if (model::Value* waivers = rules_only.root.get("waivers"))
    for (auto& item : waivers->items)
      std::erase_if(item.fields, [](const auto& field) { return field.first == "key_path"; });
  return check_waivers(catalog, Input{&rules_only, {}, nullptr}, bag) && ok;
}

RunInfo describe_run(const engine::Catalog& catalog, const Options& options)
{
  RunInfo run;
  run.command = options.command;
  run.tool_version = tool_version();
  run.today = options.today;
  if (options.catalog_digest)
    run.catalog_digest = engine::catalog_digest(catalog);
  run.fail_on = options.command == Command::check ? options.fail_on : std::nullopt;
  for (const auto* parameter : catalog.overridden_parameters())
    run.param_overrides.push_back(
        ParamOverride{parameter->name, parameter->override_text, parameter->default_value.to_string(), {}});
  for (const auto& rule : catalog.rules)
    if (!rule.overrides.empty())
      run.rule_replacements.push_back(RuleReplacement{rule.id, rule.file, rule.overrides});
  run.severity_overrides = options.severity_overrides;
  run.disabled_rules = options.disabled_rules;
  if (!options.rule_list)
    return run;
  run.rules.reserve(catalog.rules.size());
  for (const auto& rule : catalog.rules)
    run.rules.push_back(RuleInfo{rule.id, rule.kind, rule.severity, rule.category, rule.title, rule.rationale,
                                 rule.remediation.text, rule.source.path});
  return run;
}

std::string fingerprint_of(const std::string& rule_id, const std::string& key_path, const std::string& item)
{
  std::uint64_t hash = 14695981039346656037ULL; // FNV-1a 64
  const std::string stable = without_indexes(key_path);
  for (const std::string* part : {&rule_id, &stable, &item}) {
    for (const char c : *part) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    hash ^= 0x1F; // a separator no part contains: ("ab", "c") and ("a", "bc") differ
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

engine::Catalog active_catalog(const engine::Catalog& catalog, const Options& options)
{
  engine::Catalog active = catalog;
  std::erase_if(active.rules, [&options](const engine::Rule& rule) {
    return std::any_of(options.disabled_rules.begin(), options.disabled_rules.end(),
                       [&rule](const DisabledRule& d) { return d.rule_id == rule.id; });
  });
  return active;
}

FileResult assess_file(const engine::Catalog& catalog, const Input& input, const Options& options)
{
  const model::Environment& environment = *input.environment;
  FileResult result;
  result.file = environment.source;
  result.name = text_of(environment.root.get("name"));
  result.ghes_version = text_of(environment.root.get("ghes_version"));
  result.fact_overrides = input.fact_overrides;

  engine::Evaluation evaluation;
  if (options.command == Command::recommend) {
    // Evidence rules never see the topology: evaluated once, in full, on a scope with the
    // topology unknown, they give the verdict and the reasons (with their facts), and the
    // tipping points' probes start from the same scope and statuses. The other rules then see
    // the verdict's topology in that scope; their facts are never shown.
    engine::Scope scope = engine::make_scope(catalog, environment, std::nullopt);
    engine::Evaluation evidence;
    {
      expr::FactCache cache; // the scope stays unchanged while the evidence rules are evaluated
      for (const auto& rule : catalog.rules)
        if (rule.kind == engine::RuleKind::evidence)
          evidence.outcomes.push_back(engine::evaluate_rule(rule, scope, engine::Facts::gather, cache));
    }
    result.verdict = score(evidence);
    result.assessed = result.verdict->topology;
    result.tipping_points = tipping_points(catalog, environment, scope, evidence, result.assessed);
    scope.bindings["topology"] = engine::topology_value(result.assessed);
    scope.topology = result.assessed;
    evaluation.topology = result.assessed;
    evaluation.outcomes.reserve(catalog.rules.size());
    std::size_t next_evidence = 0; // `evidence` holds the evidence rules' outcomes in catalog order
    expr::FactCache cache;         // a fresh one: the probes and the topology changed the scope
    for (const auto& rule : catalog.rules)
      evaluation.outcomes.push_back(rule.kind == engine::RuleKind::evidence
                                        ? std::move(evidence.outcomes[next_evidence++])
                                        : engine::evaluate_rule(rule, scope, engine::Facts::skip, cache));
    result.reasons = reasons_of(evaluation);
    result.implications = implications_of(evaluation);
  } else {
    if (const model::Value* topology = environment.root.find("plan.topology"))
      result.assessed = engine::parse_topology(topology->string);
    // Facts are shown only for the reasons of `recommend`; `check` shows only findings.
    evaluation = engine::evaluate(catalog, environment, result.assessed, engine::Facts::skip,
                                  engine::Describe::findings);
  }
  result.findings = findings_of(evaluation);
  for (auto& f : result.findings)
    for (const auto& o : options.severity_overrides)
      if (o.rule_id == f.rule_id) {
        f.severity_override = o;
        f.severity = o.to;
      }
  if (options.command == Command::check)
    if (auto differs = plan_differs(evaluation, environment, result.assessed))
      result.findings.push_back(std::move(*differs));
  result.waivers = apply_waivers(input, options, result.findings);
  sort_findings(result.findings);
  result.questions = questions_of(evaluation, options.command);
  result.problems = problems_of(evaluation);
  if (options.diagram && (options.command == Command::recommend || environment.root.get("plan") != nullptr)) {
    DiagramBasis basis;
    basis.planned = options.command == Command::check;
    basis.topology = result.assessed;
    for (const auto& i : result.implications)
      basis.implications.push_back(i.rule_id);
    result.diagram = build_diagram(environment, basis, catalog);
  }
  return result;
}

} // namespace ghes_topology::advice
