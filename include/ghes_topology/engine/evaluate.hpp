// SPDX-License-Identifier: Apache-2.0
// Evaluating the catalog on one environment: per rule, what happened and why.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/program.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/model/value.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// --- Interface ---

// What became of one rule on one environment.
enum class Status {
  fired,          // the condition held (for `for_each`: for at least one item)
  not_fired,      // the condition was false (for every item)
  not_applicable, // a `requires` fact is absent or unknown; silent, not a question
  undecided,      // the condition needs unknown facts (`Outcome::missing`)
  error           // evaluation failed (`Outcome::error`); other rules are unaffected
};

// "fired", "not fired", "not applicable", "undecided", "error".
std::string_view to_string(Status status);

// A fact a rule read, for "why" output.
struct FactUse
{
  std::string path;     // `network.dns_ttl_seconds`, `plan.replicas[1].latency_ms`, `params.x`, `topology`
  std::string value;    // CEL-like text (`3600`, `"dns"`, `[1, 120]`), or `unknown`
  bool known = false;   // false when the value is unknown
  diag::Location where; // where the value is written (rule file for a parameter default,
                        //   `--param` for an override); no position for unknown facts
};

// One place a fired rule points at.
struct Occurrence
{
  diag::Location where;            // `point_at`'s value, else the nearest known location (see docs/rules.md)
  std::string message;             // the message template rendered
  std::string remediation;         // the remediation template rendered (empty when the rule has none)
  std::optional<std::size_t> item; // `for_each`: the index of the item
  std::string item_path;           // `for_each`: `plan.replicas[1]` (or `r[1]` for a computed list)
  std::string item_name;           // `for_each`: the item's `name` when it is a mapping with one
  // The fact `where` is the location of, as a path with indexes (`plan.replicas[1].latency_ms`);
  // empty when `where` is the document itself.
  std::string key_path;
  std::vector<FactUse> item_facts; // `for_each`: the item's fields the rule read
};

// A run-time failure of a rule on one environment.
struct EvalFailure
{
  std::string code; // `expr-division-by-zero`, ..., or `rule-not-boolean`
  std::string message;
  diag::Location where; // the failing sub-expression in the rule file
};

// The result of one rule. `rule` points into the catalog, which must outlive it.
struct Outcome
{
  const Rule* rule = nullptr;
  Status status = Status::not_fired;
  std::vector<Occurrence> occurrences; // fired: at least one
  // undecided: the unknown facts the condition needed (sorted, unique); also set for a
  // `for_each` rule that fired for some items and was undecided for others;
  // not_applicable: the `requires` facts that are absent or unknown.
  std::vector<std::string> missing;
  std::optional<EvalFailure> error; // status error
  std::vector<FactUse> facts;       // every fact and parameter the condition read, by path;
                                    //   empty when not_fired or not_applicable (never shown)
};

// The facts of one environment, prepared once for evaluating many rules.
struct Scope
{
  expr::Bindings bindings; // environment sections, `params`, `topology`
  diag::Location document; // the document's first key: where findings about absent sections point
  std::optional<Topology> topology;
};

// Prepares `environment` (with the catalog's parameters and `topology`) for evaluation.
Scope make_scope(const Catalog& catalog, const model::Environment& environment,
                 std::optional<Topology> topology);

// Replaces (or adds) the fact at dotted `path` (object keys only: `developers.total`) in
// `scope`, creating absent parent sections: what-if re-evaluation, e.g. to find the value
// at which a verdict tips. Give `value` an `origin` naming where it came from.
void set_fact(Scope& scope, std::string_view path, expr::Value value);

// Whether `evaluate_rule` gathers the facts a rule read (`Outcome::facts`,
// `Occurrence::item_facts`): only "why" output shows them, and building them costs.
enum class Facts { gather, skip };

// Evaluates one rule. Never throws for input-dependent problems. With `Facts::skip`,
// `Outcome::facts` and `Occurrence::item_facts` stay empty; everything else is the same.
Outcome evaluate_rule(const Rule& rule, const Scope& scope, Facts facts = Facts::gather);
// The same, keeping the values of the fact paths it reads in `cache` for the next rules
// evaluated with the same, unchanged `scope` (see `expr::FactCache`).
Outcome evaluate_rule(const Rule& rule, const Scope& scope, Facts facts, expr::FactCache& cache);

// The status `evaluate_rule(rule, scope)` gives, without building facts, messages or
// locations (message, remediation and `point_at` expressions of a rule that fired are
// still evaluated, since their failure makes the status `error`): what verdict probes need.
Status evaluate_status(const Rule& rule, const Scope& scope);

// `evaluate_status` in two halves, for callers that can reuse the second. `condition_status`
// is the status the `requires` facts and the condition give, `fired` when the condition holds
// (a `for_each` rule: `evaluate_status` itself). `display_fails` is whether the `point_at`,
// message or remediation expressions of a (not `for_each`) rule fail on `scope`, which
// makes a rule whose condition holds an `error`.
Status condition_status(const Rule& rule, const Scope& scope);
bool display_fails(const Rule& rule, const Scope& scope);

// Every environment section (`developers`, `plan`, ...) `rule` reads anywhere (`requires`,
// `for_each`, `when`, `point_at`, message and remediation), sorted and unique: a change to
// facts outside these sections cannot change the rule's outcome.
std::vector<std::string> sections_read(const Rule& rule);

// The outcomes of every rule of a catalog, in catalog order (by id).
struct Evaluation
{
  std::optional<Topology> topology;
  std::vector<Outcome> outcomes;

  // The outcome of the rule `id`, or nullptr.
  [[nodiscard]] const Outcome* find(std::string_view id) const;
};

// Which fired rules `evaluate` describes: every one, or only `finding` rules (what `check`
// shows). A rule left undescribed has the same status, error and missing facts, and one
// occurrence per firing (item) with `item` and `item_path` set; its location, key path, item
// name, message, remediation and item facts stay empty.
enum class Describe { all, findings };

// Evaluates every rule of `catalog` on `environment` with `topology` (unknown when empty;
// evidence rules never see it), gathering facts or not as `evaluate_rule` does.
Evaluation evaluate(const Catalog& catalog, const model::Environment& environment,
                    std::optional<Topology> topology, Facts facts = Facts::gather,
                    Describe describe = Describe::all);

// The outcomes of the evidence rules only, on `environment` with the topology unknown,
// with `rule` and `status` set and nothing else (`evaluate_status`): what scoring reads.
Evaluation evaluate_evidence_status(const Catalog& catalog, const model::Environment& environment);
// The same on a scope already made (`make_scope(catalog, environment, std::nullopt)`), which
// the caller keeps for further probes.
Evaluation evaluate_evidence_status(const Catalog& catalog, const Scope& scope);

// An evaluation error as a `rule-evaluation-failed` diagnostic naming the rule, located at
// the failing sub-expression. `outcome.status` must be `Status::error`.
diag::Diagnostic to_diagnostic(const Outcome& outcome);

} // namespace ghes_topology::engine
