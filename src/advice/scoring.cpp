// SPDX-License-Identifier: Apache-2.0
// Scores, verdict, confidence and tipping points (docs/scoring.md).
#include "ghes_topology/advice/scoring.hpp"

#include "ghes_topology/model/environment_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

namespace ghes_topology::advice {
namespace {

std::size_t index_of(engine::Topology option)
{
  return static_cast<std::size_t>(option);
}

double strength(const engine::Rule& rule)
{
  double s = 0;
  for (const auto& e : rule.effects)
    s = std::max(s, e.blocks ? k_block_strength : std::abs(e.weight));
  return s;
}

// Whether `rival` beats `current` given the scores in `tally` (ties go to the simpler).
bool beats(const Tally& tally, engine::Topology rival, engine::Topology current)
{
  const int r = tally.score(rival);
  const int c = tally.score(current);
  return r > c || (r == c && index_of(rival) < index_of(current));
}

// Whether the undecided evidence rules, each assumed to fire or not as suits a rival
// best, could change the verdict.
bool could_flip(const Tally& decided, engine::Topology verdict,
                const std::vector<const engine::Rule*>& undecided)
{
  for (const auto* rule : undecided)
    for (const auto& e : rule->effects)
      if (e.blocks && e.option == verdict)
        return true;
  for (const auto rival : k_options) {
    if (rival == verdict || decided.blocked(rival))
      continue;
    Tally worst = decided;
    for (const auto* rule : undecided) {
      double for_rival = 0;
      double for_verdict = 0;
      for (const auto& e : rule->effects) {
        if (e.blocks)
          continue;
        if (e.option == rival)
          for_rival += e.weight;
        if (e.option == verdict)
          for_verdict += e.weight;
      }
      if (for_rival - for_verdict > 0)
        worst.add(*rule);
    }
    if (!worst.blocked(rival) && beats(worst, rival, verdict))
      return true;
  }
  return false;
}

// The value of `path` (object keys only) in `scope` for writing, or nullptr when absent.
expr::Value* find_mutable(engine::Scope& scope, const std::string& path)
{
  const auto first = path.find('.');
  auto it = scope.bindings.find(path.substr(0, first));
  if (it == scope.bindings.end())
    return nullptr;
  expr::Value* current = &it->second;
  std::size_t start = first == std::string::npos ? path.size() : first + 1;
  while (current != nullptr && start < path.size()) {
    const auto dot = path.find('.', start);
    current = current->field(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    start = dot == std::string::npos ? path.size() : dot + 1;
  }
  return current;
}

// The evidence rules of a catalog with their status on the unchanged environment and the
// sections each reads: what every probe starts from.
struct Evidence
{
  std::vector<const engine::Rule*> rules; // catalog order
  std::vector<engine::Status> base;       // status on the unchanged environment
  std::vector<std::vector<std::string>> sections;
};

// The schema field of a dotted path that does not pass through a list, or nullptr.
const model::FieldSpec* scalar_field(const std::string& path)
{
  const model::FieldSpec* spec = &model::environment_schema().root;
  std::size_t start = 0;
  while (spec != nullptr) {
    if (spec->type == model::FieldType::list)
      return nullptr;
    const auto dot = path.find('.', start);
    spec = spec->field(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos)
      break;
    start = dot + 1;
  }
  return spec;
}

// Verdicts with one numeric fact changed. A probe changes the fact in place in a scope
// prepared once, and re-evaluates (status only) just the evidence rules that read the fact's
// section; the others keep their status on the unchanged environment. Scores are summed in
// catalog order, as `verdict_for` does, so the verdicts are the same.
class Prober
{
public:
  Prober(const Evidence& evidence, engine::Scope& scope, const std::string& path,
         const model::FieldSpec& spec)
      : m_evidence(evidence)
      , m_value(find_mutable(scope, path))
      , m_original(*m_value)
      , m_scope(scope)
      , m_integer(spec.type == model::FieldType::integer)
  {
    const std::string section = path.substr(0, path.find('.'));
    for (const auto& sections : evidence.sections)
      m_reads.push_back(std::binary_search(sections.begin(), sections.end(), section));
  }
  Prober(const Prober&) = delete;
  Prober& operator=(const Prober&) = delete;
  ~Prober() { *m_value = m_original; }

  std::optional<engine::Topology> at(double v)
  {
    // As `to_expr_value` converts the model value the probe stands for.
    *m_value = m_integer ? expr::Value::integer(static_cast<std::int64_t>(std::llround(v)))
                         : expr::Value::decimal(v);
    m_value->origin = m_original.origin;
    Tally tally;
    for (std::size_t k = 0; k < m_evidence.rules.size(); ++k) {
      const engine::Status status =
          m_reads[k] ? engine::evaluate_status(*m_evidence.rules[k], m_scope) : m_evidence.base[k];
      if (status == engine::Status::fired)
        tally.add(*m_evidence.rules[k]);
    }
    return tally.winner();
  }

  // Narrows (same, different] to the first value with a different verdict.
  double bisect(double same, double different, std::optional<engine::Topology> base)
  {
    if (m_integer) {
      // Halving can probe fractions; `at` evaluated them at the nearest integer (llround), so
      // the ends are those integers, and the answer is one too.
      same = std::round(same);
      different = std::round(different);
    }
    const double precision = m_integer ? 1.0 : 0.1;
    while (std::abs(different - same) > precision) {
      double mid = (same + different) / 2;
      if (m_integer)
        mid = different > same ? std::floor(mid) : std::ceil(mid);
      else
        mid = std::round(mid * 10) / 10;
      if (mid == same || mid == different)
        break;
      if (at(mid) == base)
        same = mid;
      else
        different = mid;
    }
    return different;
  }

  [[nodiscard]] bool integer() const { return m_integer; }

private:
  const Evidence& m_evidence;
  expr::Value* m_value;
  expr::Value m_original;
  const engine::Scope& m_scope;
  bool m_integer;
  std::vector<bool> m_reads; // per evidence rule: reads the probed fact's section
};

constexpr int k_max_probes = 64;

} // namespace

void Tally::add(const engine::Rule& rule)
{
  for (const auto& e : rule.effects) {
    if (e.blocks)
      blocked_by[index_of(e.option)].push_back(rule.id);
    else
      raw[index_of(e.option)] += e.weight;
  }
}

int Tally::score(engine::Topology option) const
{
  return static_cast<int>(std::lround(std::clamp(raw[index_of(option)], 0.0, 100.0)));
}

bool Tally::blocked(engine::Topology option) const
{
  return !blocked_by[index_of(option)].empty();
}

std::optional<engine::Topology> Tally::winner() const
{
  std::optional<engine::Topology> best;
  for (const auto option : k_options)
    if (!blocked(option) && (!best || score(option) > score(*best)))
      best = option;
  return best;
}

Verdict score(const engine::Evaluation& evaluation)
{
  Tally tally;
  std::vector<const engine::Rule*> undecided;
  double decided_weight = 0;
  double total_weight = 0;
  for (const auto& outcome : evaluation.outcomes) {
    const engine::Rule& rule = *outcome.rule;
    if (rule.kind != engine::RuleKind::evidence || outcome.status == engine::Status::not_applicable)
      continue;
    const double w = strength(rule);
    total_weight += w;
    if (outcome.status == engine::Status::undecided || outcome.status == engine::Status::error) {
      undecided.push_back(&rule);
      continue;
    }
    decided_weight += w;
    if (outcome.status == engine::Status::fired)
      tally.add(rule);
  }

  Verdict verdict;
  for (const auto option : k_options) {
    OptionScore s;
    s.option = option;
    s.raw = tally.raw[index_of(option)];
    s.score = tally.score(option);
    s.blocked = tally.blocked(option);
    s.blocked_by = tally.blocked_by[index_of(option)];
    std::sort(s.blocked_by.begin(), s.blocked_by.end());
    verdict.scores.push_back(std::move(s));
  }
  verdict.topology = tally.winner();
  if (verdict.topology) {
    int runner_up = -1;
    for (const auto option : k_options)
      if (option != *verdict.topology && !tally.blocked(option))
        runner_up = std::max(runner_up, tally.score(option));
    verdict.margin = tally.score(*verdict.topology) - std::max(runner_up, 0);
    verdict.confidence.could_flip = could_flip(tally, *verdict.topology, undecided);
  }
  verdict.confidence.percent =
      total_weight > 0 ? static_cast<int>(std::lround(100.0 * decided_weight / total_weight)) : 100;
  const int p = verdict.confidence.percent;
  if (p >= 80 && !verdict.confidence.could_flip)
    verdict.confidence.level = "high";
  else if (p >= 50)
    verdict.confidence.level = "medium";
  else
    verdict.confidence.level = "low";
  return verdict;
}

std::optional<engine::Topology> verdict_for(const engine::Catalog& catalog,
                                            const model::Environment& environment)
{
  const engine::Scope scope = engine::make_scope(catalog, environment, std::nullopt);
  Tally tally;
  for (const auto& rule : catalog.rules) {
    if (rule.kind != engine::RuleKind::evidence)
      continue;
    if (engine::evaluate_status(rule, scope) == engine::Status::fired)
      tally.add(rule);
  }
  return tally.winner();
}

std::vector<TippingPoint> tipping_points(const engine::Catalog& catalog,
                                         const model::Environment& environment,
                                         std::optional<engine::Topology> verdict)
{
  std::set<std::string> paths;
  for (const auto& rule : catalog.rules)
    if (rule.kind == engine::RuleKind::evidence)
      paths.insert(rule.fact_paths.begin(), rule.fact_paths.end());

  engine::Scope scope = engine::make_scope(catalog, environment, std::nullopt);
  Evidence evidence;
  for (const auto& rule : catalog.rules)
    if (rule.kind == engine::RuleKind::evidence) {
      evidence.rules.push_back(&rule);
      evidence.base.push_back(engine::evaluate_status(rule, scope));
      evidence.sections.push_back(engine::sections_read(rule));
    }

  std::vector<TippingPoint> points;
  for (const auto& path : paths) {
    const model::FieldSpec* spec = scalar_field(path);
    if (spec == nullptr ||
        (spec->type != model::FieldType::integer && spec->type != model::FieldType::decimal))
      continue;
    const model::Value* value = environment.root.find(path);
    if (value == nullptr || !value->is_number())
      continue;
    const double current = value->number();
    const double lo = spec->minimum.value_or(0.0);
    const double hi = spec->maximum.value_or(std::max(current, 1.0) * 1e6);
    if (find_mutable(scope, path) == nullptr)
      continue;
    Prober prober(evidence, scope, path, *spec);

    auto record = [&](double threshold) {
      TippingPoint point;
      point.fact = path;
      point.unit = spec->unit;
      point.current = current;
      point.threshold = threshold;
      point.becomes = prober.at(threshold).value_or(engine::Topology::standalone);
      if (path == "developers.total" && threshold > current && current > 0) {
        const model::Value* growth = environment.root.find("developers.yearly_growth_percent");
        if (growth != nullptr && growth->is_number() && growth->number() > 0)
          point.years =
              std::round(10 * std::log(threshold / current) / std::log1p(growth->number() / 100)) / 10;
      }
      points.push_back(point);
    };

    // Upward: double until the verdict changes or the range ends, then bisect.
    double same = current;
    double probe = std::max(current * 2, current + 1);
    for (int i = 0; i < k_max_probes && same < hi; ++i) {
      probe = std::min(probe, hi);
      if (prober.at(probe) != verdict) {
        record(prober.bisect(same, probe, verdict));
        break;
      }
      same = probe;
      probe *= 2;
    }
    // Downward: halve towards the minimum.
    same = current;
    probe = current / 2;
    for (int i = 0; i < k_max_probes && same > lo; ++i) {
      if (probe < lo || std::abs(probe - lo) < (prober.integer() ? 1.0 : 0.1))
        probe = lo;
      if (prober.at(probe) != verdict) {
        record(prober.bisect(same, probe, verdict));
        break;
      }
      same = probe;
      probe /= 2;
    }
  }
  std::sort(points.begin(), points.end(), [](const TippingPoint& a, const TippingPoint& b) {
    return a.fact != b.fact ? a.fact < b.fact : a.threshold < b.threshold;
  });
  return points;
}

} // namespace ghes_topology::advice
