// SPDX-License-Identifier: Apache-2.0
// Scores, verdict, confidence and tipping points (docs/scoring.md).
#include "ghes_topology/advice/scoring.hpp"

#include "ghes_topology/expr/analysis.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include <algorithm>
#include <array>
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

// Fact paths, each borrowed from the rule or program that holds it, sorted by text, unique.
using Paths = std::vector<const std::string*>;

// The evidence rules of a catalog with their status on the unchanged environment and the
// fact paths each reads: what every probe starts from.
struct Evidence
{
  std::vector<const engine::Rule*> rules; // catalog order
  std::vector<engine::Status> base;       // status on the unchanged environment
  std::vector<Paths> reads;               // every fact the rule reads
  std::vector<Paths> display_reads;       // the facts its display expressions read
  // Per rule: `engine::display_fails` on the unchanged environment (-1: not yet computed).
  std::vector<int> display_fails;
};

// The environment fact paths `rule` reads in `programs` (and its `requires` facts when
// `with_required`), deepest paths only, as `Program::fact_paths` gives them; paths through the
// `for_each` variable are those of the list it ranges over (a computed list's are covered by
// `for_each.in`'s own paths). A change to a fact that is none of these, nor below or above one
// of them, cannot change what those parts give (`sections_read`, per fact).
Paths facts_read(const engine::Rule& rule, const std::vector<const expr::Program*>& programs,
                 bool with_required)
{
  Paths paths;
  auto add = [&](const std::string& path) {
    const std::string_view root = std::string_view(path).substr(0, path.find_first_of(".["));
    if (root != "params" && root != "topology" && !(rule.for_each && root == rule.for_each->var))
      paths.push_back(&path);
  };
  if (with_required)
    for (const auto& path : rule.required_facts)
      add(path);
  for (const expr::Program* program : programs)
    for (const auto& path : program->fact_paths())
      add(path);
  std::sort(paths.begin(), paths.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  paths.erase(std::unique(paths.begin(), paths.end(),
                          [](const std::string* a, const std::string* b) { return *a == *b; }),
              paths.end());
  return paths;
}

// The `point_at`, message and remediation expressions of `rule`: `engine::display_fails`'s.
std::vector<const expr::Program*> display_programs(const engine::Rule& rule)
{
  std::vector<const expr::Program*> programs;
  if (rule.point_at)
    programs.push_back(&rule.point_at->program);
  for (const engine::MessageTemplate* t : {&rule.message, &rule.remediation})
    for (const auto& part : t->parts())
      if (part.expression)
        programs.push_back(&part.expression->program);
  return programs;
}

// Whether a rule that reads `reads` (`facts_read`) reads the fact `path`: the fact itself, an
// object above it (read whole) or a field below it.
bool reads_fact(const Paths& reads, const std::string& path)
{
  const auto within = [](const std::string& inner, const std::string& outer) {
    return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
           (inner[outer.size()] == '.' || inner[outer.size()] == '[');
  };
  return std::any_of(reads.begin(), reads.end(), [&](const std::string* read) {
    return *read == path || within(path, *read) || within(*read, path);
  });
}

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
  Prober(Evidence& evidence, engine::Scope& scope, const std::string& path, const model::FieldSpec& spec,
         std::optional<engine::Topology> verdict, std::vector<Probe>* probes)
      : m_evidence(evidence)
      , m_value(find_mutable(scope, path))
      , m_original(*m_value)
      , m_scope(scope)
      , m_integer(spec.type == model::FieldType::integer)
      , m_path(path)
      , m_verdict(verdict)
      , m_probes(probes)
  {
    for (std::size_t k = 0; k < evidence.rules.size(); ++k)
      if (reads_fact(evidence.reads[k], path))
        m_reading.push_back(Reading{k, evidence.rules[k]->for_each.has_value() ||
                                           reads_fact(evidence.display_reads[k], path)});
    if (m_verdict)
      prepare_bounds();
  }
  Prober(const Prober&) = delete;
  Prober& operator=(const Prober&) = delete;
  ~Prober() { *m_value = m_original; }

  std::optional<engine::Topology> at(double v)
  {
    const double set = m_integer ? static_cast<double>(std::llround(v)) : v;
    std::optional<engine::Topology> verdict;
    const auto seen =
        std::find_if(m_seen.begin(), m_seen.end(), [&](const auto& s) { return s.first == set; });
    if (seen != m_seen.end()) {
      verdict = seen->second; // the same value again (bisecting, or recording the threshold)
    } else {
      verdict = evaluate(v);
      m_seen.emplace_back(set, verdict);
    }
    if (m_probes != nullptr)
      m_probes->push_back(Probe{m_path, set, m_integer, verdict});
    return verdict;
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

  // True when no value of the fact can change the verdict from `verdict`: whichever of the
  // rules that read it fire, `verdict` stays unblocked and no rival's score can reach it. Each
  // option's score is bounded from the other rules' (fixed) effects plus all the positive
  // (upper bound) or all the negative (lower bound) weights of the reading rules; scores are
  // monotonic in the raw sums, so the bounds hold whatever subset fires.
  [[nodiscard]] bool verdict_fixed(std::optional<engine::Topology> verdict) const
  {
    if (!verdict)
      return false;
    std::vector<bool> reads(m_evidence.rules.size(), false);
    for (const Reading& r : m_reading)
      reads[r.rule] = true;
    Tally fixed;
    for (std::size_t k = 0; k < m_evidence.rules.size(); ++k)
      if (!reads[k] && m_evidence.base[k] == engine::Status::fired)
        fixed.add(*m_evidence.rules[k]);
    if (fixed.blocked(*verdict))
      return false;
    Tally low = fixed;
    Tally high = fixed;
    for (const Reading& r : m_reading)
      for (const auto& e : m_evidence.rules[r.rule]->effects) {
        if (e.blocks) {
          if (e.option == *verdict)
            return false;
          continue; // blocking a rival only takes it out of the running
        }
        (e.weight > 0 ? high : low).raw[index_of(e.option)] += e.weight;
      }
    const int floor = low.score(*verdict);
    for (const auto rival : k_options) {
      if (rival == *verdict || fixed.blocked(rival))
        continue; // the reading rules can add blocks, never lift one
      const int ceiling = high.score(rival);
      if (ceiling > floor || (ceiling == floor && index_of(rival) < index_of(*verdict)))
        return false;
    }
    return true;
  }

private:
  struct Reading
  {
    std::size_t rule;  // index in `Evidence`
    bool full = false; // its display expressions (or `for_each` items) read the fact too
  };

  // Raw scores and blocks per option, as `Tally` sums them, without the rule ids.
  struct Bound
  {
    std::array<double, 3> raw = {k_base_score, k_base_score, k_base_score};
    std::array<bool, 3> blocked = {false, false, false};

    void add(const engine::Rule& rule)
    {
      for (const auto& e : rule.effects) {
        if (e.blocks)
          blocked[index_of(e.option)] = true;
        else
          raw[index_of(e.option)] += e.weight;
      }
    }
  };

  static int score_of(double raw) { return static_cast<int>(std::lround(std::clamp(raw, 0.0, 100.0))); }

  // For stopping a probe early: the reading rules in the order they are evaluated (the
  // heaviest first), the scores of the other rules as on the unchanged environment, and per
  // position the positive and negative weights (and blocks of the verdict) of the rules not
  // yet evaluated.
  void prepare_bounds()
  {
    const auto heft = [this](const Reading& r) {
      double h = 0;
      for (const auto& e : m_evidence.rules[r.rule]->effects)
        h += e.blocks ? 2 * k_block_strength : std::abs(e.weight);
      return h;
    };
    std::stable_sort(m_reading.begin(), m_reading.end(),
                     [&](const Reading& a, const Reading& b) { return heft(a) > heft(b); });
    std::vector<bool> reads(m_evidence.rules.size(), false);
    for (const Reading& r : m_reading)
      reads[r.rule] = true;
    for (std::size_t k = 0; k < m_evidence.rules.size(); ++k)
      if (!reads[k] && m_evidence.base[k] == engine::Status::fired)
        m_fixed.add(*m_evidence.rules[k]);
    const std::size_t n = m_reading.size();
    m_rest_up.assign(n + 1, {0, 0, 0});
    m_rest_down.assign(n + 1, {0, 0, 0});
    m_rest_blocks_verdict.assign(n + 1, false);
    for (std::size_t i = n; i-- > 0;) {
      m_rest_up[i] = m_rest_up[i + 1];
      m_rest_down[i] = m_rest_down[i + 1];
      m_rest_blocks_verdict[i] = m_rest_blocks_verdict[i + 1];
      for (const auto& e : m_evidence.rules[m_reading[i].rule]->effects) {
        if (e.blocks)
          m_rest_blocks_verdict[i] = m_rest_blocks_verdict[i] || e.option == *m_verdict;
        else
          (e.weight > 0 ? m_rest_up[i] : m_rest_down[i])[index_of(e.option)] += e.weight;
      }
    }
  }

  // True when, with `so_far` from the rules evaluated and the reading rules from position
  // `next` on still open, the verdict is `m_verdict` whichever of those fire (the reasoning
  // of `verdict_fixed`).
  [[nodiscard]] bool settled(const Bound& so_far, std::size_t next) const
  {
    const std::size_t v = index_of(*m_verdict);
    if (so_far.blocked[v] || m_rest_blocks_verdict[next])
      return false;
    const int floor = score_of(so_far.raw[v] + m_rest_down[next][v]);
    for (const auto rival : k_options) {
      const std::size_t r = index_of(rival);
      if (r == v || so_far.blocked[r])
        continue;
      const int ceiling = score_of(so_far.raw[r] + m_rest_up[next][r]);
      if (ceiling > floor || (ceiling == floor && r < v))
        return false;
    }
    return true;
  }

  // The verdict with the fact at `v`. Only whether each rule fired matters: a rule whose
  // display expressions do not read the fact fails them as on the unchanged environment.
  // The rules are evaluated until the verdict is sure to be the file's, if it is.
  std::optional<engine::Topology> evaluate(double v)
  {
    // As `to_expr_value` converts the model value the probe stands for.
    *m_value = m_integer ? expr::Value::integer(static_cast<std::int64_t>(std::llround(v)))
                         : expr::Value::decimal(v);
    m_value->origin = m_original.origin;
    m_fired.clear();
    for (std::size_t k = 0; k < m_evidence.base.size(); ++k)
      m_fired.push_back(m_evidence.base[k] == engine::Status::fired);
    Bound so_far = m_fixed;
    for (std::size_t i = 0; i < m_reading.size(); ++i) {
      const Reading& r = m_reading[i];
      const engine::Rule& rule = *m_evidence.rules[r.rule];
      bool fired = false;
      if (r.full) {
        fired = engine::evaluate_status(rule, m_scope) == engine::Status::fired;
      } else {
        fired = engine::condition_status(rule, m_scope) == engine::Status::fired;
        if (fired) {
          int& fails = m_evidence.display_fails[r.rule];
          if (fails < 0) // the facts it reads are unchanged: as on the unchanged environment
            fails = engine::display_fails(rule, m_scope) ? 1 : 0;
          fired = fails == 0;
        }
      }
      m_fired[r.rule] = fired;
      if (m_verdict && i + 1 < m_reading.size()) {
        if (fired)
          so_far.add(rule);
        if (settled(so_far, i + 1))
          return m_verdict;
      }
    }
    Tally tally;
    for (std::size_t k = 0; k < m_evidence.rules.size(); ++k)
      if (m_fired[k])
        tally.add(*m_evidence.rules[k]);
    return tally.winner();
  }

  Evidence& m_evidence;
  expr::Value* m_value;
  expr::Value m_original;
  const engine::Scope& m_scope;
  bool m_integer;
  std::string m_path;
  std::optional<engine::Topology> m_verdict; // the file's
  std::vector<Probe>* m_probes;
  std::vector<Reading> m_reading;                 // the evidence rules that read the probed fact
  Bound m_fixed;                                  // the other rules, as on the unchanged environment
  std::vector<std::array<double, 3>> m_rest_up;   // per position: positive weights from there on
  std::vector<std::array<double, 3>> m_rest_down; // per position: negative weights from there on
  std::vector<bool> m_rest_blocks_verdict;        // per position: a rule from there on blocks it
  std::vector<bool> m_fired;                      // per evidence rule, for the current probe
  std::vector<std::pair<double, std::optional<engine::Topology>>> m_seen; // values probed so far
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
                                         std::optional<engine::Topology> verdict, std::vector<Probe>* probes)
{
  engine::Scope scope = engine::make_scope(catalog, environment, std::nullopt);
  const engine::Evaluation base = engine::evaluate_evidence_status(catalog, scope);
  return tipping_points(catalog, environment, scope, base, verdict, probes);
}

std::vector<TippingPoint> tipping_points(const engine::Catalog& catalog,
                                         const model::Environment& environment, engine::Scope& scope,
                                         const engine::Evaluation& base,
                                         std::optional<engine::Topology> verdict, std::vector<Probe>* probes)
{
  std::set<std::string> paths;
  for (const auto& rule : catalog.rules)
    if (rule.kind == engine::RuleKind::evidence)
      paths.insert(rule.fact_paths.begin(), rule.fact_paths.end());

  Evidence evidence;
  for (const auto& outcome : base.outcomes)
    if (outcome.rule->kind == engine::RuleKind::evidence) {
      evidence.rules.push_back(outcome.rule);
      evidence.base.push_back(outcome.status);
      const engine::Rule& rule = *outcome.rule;
      std::vector<const expr::Program*> programs = display_programs(rule);
      // Display expressions that cannot fail never make a fired rule an error, whatever the
      // probe changes: they need not be evaluated, nor their reads followed.
      const bool display_safe = std::all_of(programs.begin(), programs.end(),
                                            [](const expr::Program* p) { return expr::cannot_fail(*p); });
      evidence.display_reads.push_back(display_safe ? Paths{} : facts_read(rule, programs, false));
      programs.push_back(&rule.when.program);
      if (rule.for_each)
        programs.push_back(&rule.for_each->in.program);
      evidence.reads.push_back(facts_read(rule, programs, true));
      // Known without evaluating: a rule that fired passed its display expressions.
      evidence.display_fails.push_back(
          display_safe || (outcome.status == engine::Status::fired && !rule.for_each) ? 0 : -1);
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
    Prober prober(evidence, scope, path, *spec, verdict, probes);
    if (prober.verdict_fixed(verdict))
      continue; // every probe would give `verdict`: no tipping point

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
