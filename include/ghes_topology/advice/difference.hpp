// SPDX-License-Identifier: Apache-2.0
// `diff`: what changed between two environment files, in their facts, the verdict, the
// scores and the findings (docs/reports.md#diff).
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::advice {

// --- Interface ---

// One leaf of an environment file: a scalar, a list of scalars or an empty list/mapping.
struct Fact
{
  std::string path;  // as `--set` spells it: `plan.replicas[1].latency_ms`
  std::string key;   // what matches it across files: list items with a `name` by that name
                     // (`plan.replicas[=ghe-replica-sin].latency_ms`), others by index
  std::string value; // YAML flow text: `180`, `ha`, `"3.17"` kept as `3.17`, `[node, datacenter]`, `null`
  diag::Location where;
};

// Every leaf of `environment`, in document order.
std::vector<Fact> flatten_facts(const model::Environment& environment);

enum class Change { added, changed, removed };

// "added", "changed", "removed".
const char* to_string(Change change);

// A fact present on one side only, or with another value.
struct FactChange
{
  Change change = Change::changed;
  std::string path;           // the AFTER file's spelling; the BEFORE file's when removed
  std::optional<Fact> before; // empty when added
  std::optional<Fact> after;  // empty when removed
};

// One option's score on both sides.
struct ScoreChange
{
  engine::Topology option = engine::Topology::standalone;
  std::optional<OptionScore> before; // empty when that side has no verdict
  std::optional<OptionScore> after;
  // after - before of the scores (0 when a side is missing).
  [[nodiscard]] int delta() const;
  // Whether the score or the blocked state differs.
  [[nodiscard]] bool changed() const;
};

// A finding that appeared, disappeared, or whose severity, message or waived state changed.
// Findings are matched by `fingerprint` (never by line), the k-th occurrence of a
// fingerprint on one side with the k-th on the other.
struct FindingChange
{
  Change change = Change::changed;
  std::optional<Finding> before; // empty when added
  std::optional<Finding> after;  // empty when removed
  // The finding (`after` unless removed).
  [[nodiscard]] const Finding& finding() const { return after ? *after : *before; }
};

// One side of a comparison: the file's `recommend` result (for the verdict and scores), its
// `check` result when it has a plan (else nullptr), and its flattened facts. The pointers
// must outlive the call to `compare`.
struct Side
{
  const FileResult* recommended = nullptr;
  const FileResult* checked = nullptr;
  const std::vector<Fact>* facts = nullptr;
};

// The comparison of two sides.
struct Difference
{
  std::string before_file;
  std::string after_file;
  std::string before_name; // the environments' `name`s (may be empty)
  std::string after_name;
  // The findings compared: `check`'s when both files have a plan, else `recommend`'s.
  Command findings_basis = Command::recommend;
  std::vector<FactChange> facts; // in the AFTER file's order; a removed fact after the fact it followed
  std::optional<Verdict> before_verdict;
  std::optional<Verdict> after_verdict;
  std::vector<ScoreChange> scores; // standalone, ha, cluster
  std::vector<FindingChange>
      findings; // added, changed, removed; then severity (error first), rule id, fingerprint
  int unchanged_findings = 0;

  // Whether the verdict's topology, margin or confidence differ.
  [[nodiscard]] bool verdict_changed() const;
  // Whether any score or blocked state differs.
  [[nodiscard]] bool scores_changed() const;
  // No fact, verdict, score or finding changed (comments, order and lines may differ).
  [[nodiscard]] bool identical() const;
  // Unwaived findings that are new at or above `threshold`: added ones, and changed ones
  // that were below it or waived before.
  [[nodiscard]] int new_at_or_above(engine::Severity threshold) const;
};

// Compares `before` with `after` (see `Side`). Pure: reads only its arguments.
Difference compare(const Side& before, const Side& after);

} // namespace ghes_topology::advice
