// SPDX-License-Identifier: Apache-2.0
// Scores, verdict, margin and confidence from evidence rules (docs/scoring.md).
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/evaluate.hpp"
#include "ghes_topology/model/value.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::advice {

// --- Interface ---

constexpr double k_base_score = 50;
constexpr double k_block_strength = 50; // a block's weight in the confidence formula

// The options in tie-break order: standalone, ha, cluster.
constexpr std::array<engine::Topology, 3> k_options = {engine::Topology::standalone, engine::Topology::ha,
                                                       engine::Topology::cluster};

// Raw scores and blocks from the evidence rules that fired.
struct Tally
{
  std::array<double, 3> raw = {k_base_score, k_base_score, k_base_score};
  std::array<std::vector<std::string>, 3> blocked_by; // rule ids per option

  // Adds the effects of `rule`.
  void add(const engine::Rule& rule);
  [[nodiscard]] int score(engine::Topology option) const;
  [[nodiscard]] bool blocked(engine::Topology option) const;
  // The best unblocked option (ties to the simpler one), or nothing when all are blocked.
  [[nodiscard]] std::optional<engine::Topology> winner() const;
};

// The evidence rules' contribution to `evaluation`: scores, verdict, margin, confidence.
Verdict score(const engine::Evaluation& evaluation);

// The verdict the evidence rules give on `environment` (only evidence rules are evaluated).
std::optional<engine::Topology> verdict_for(const engine::Catalog& catalog,
                                            const model::Environment& environment);

// One verdict probe `tipping_points` made: the verdict the evidence rules give with the fact
// `fact` set to `value` and every other fact unchanged.
struct Probe
{
  std::string fact;     // dotted, object keys only: `developers.total`
  double value = 0;     // as set: rounded to the nearest integer for an integer fact
  bool integer = false; // set as an integer (else as a decimal)
  std::optional<engine::Topology> verdict;
};

// For every known numeric fact an evidence rule reads, the nearest value (up and down,
// within the schema's range) at which the verdict changes. See docs/scoring.md.
// A probe re-evaluates (status only) just the evidence rules that read the probed fact.
// When `probes` is given, every probe is appended to it, in the order made.
std::vector<TippingPoint> tipping_points(const engine::Catalog& catalog,
                                         const model::Environment& environment,
                                         std::optional<engine::Topology> verdict,
                                         std::vector<Probe>* probes = nullptr);

// As above, from `scope` (`engine::make_scope` of `environment` with the topology unknown)
// and `evidence` (the outcomes of the evidence rules on the same, in catalog order: from
// `engine::evaluate_evidence_status` or `engine::evaluate_rule`; only their status is read):
// the work `recommend` has already done. `scope` is changed during the call and restored before it returns.
std::vector<TippingPoint> tipping_points(const engine::Catalog& catalog,
                                         const model::Environment& environment, engine::Scope& scope,
                                         const engine::Evaluation& evidence,
                                         std::optional<engine::Topology> verdict,
                                         std::vector<Probe>* probes = nullptr);

} // namespace ghes_topology::advice
