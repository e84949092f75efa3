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

// For every known numeric fact an evidence rule reads, the nearest value (up and down,
// within the schema's range) at which the verdict changes. See docs/scoring.md.
std::vector<TippingPoint> tipping_points(const engine::Catalog& catalog,
                                         const model::Environment& environment,
                                         std::optional<engine::Topology> verdict);

} // namespace ghes_topology::advice
