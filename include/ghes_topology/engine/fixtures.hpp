// SPDX-License-Identifier: Apache-2.0
// Rule self-tests: fixture files with `# expect: <rule-id>` markers, run by `rules test`.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ghes_topology::engine {

// --- Interface ---

// A `# expect: <rule-id>` comment: a finding of `rule_id` must point at `line`.
struct ExpectMarker
{
  int line = 0;
  std::string rule_id;
};

// One document of a fixture file. `text` is the document's own lines (its `---` blanked
// out), from `first_line` of the whole file: load it with `loader::load_document` to get
// the file's line numbers (no padding, so a file of many documents stays linear).
struct FixtureDocument
{
  int first_line = 0; // first line of the document (after a `---` separator)
  int last_line = 0;
  std::string description; // the text of its first comment line, without `#`
  std::vector<ExpectMarker> expects;
  std::string text;
};

// Splits a fixture file at its `---` lines and scans each document for expect markers
// (a text scan: yaml-cpp drops comments). Documents holding only comments and blank
// lines before the first `---` are skipped. A malformed marker (`# expect foo`,
// `# expect:`) is reported as `fixture-bad-marker` into `bag`.
std::vector<FixtureDocument> split_fixture(const FixtureFile& fixture, diag::DiagnosticBag& bag);

// One reason a fixture failed. `where` has a line for document-level failures,
// only the file for file-level ones.
struct TestFailure
{
  diag::Location where;
  std::string message;

  // `file:line: message` (or `file: message`).
  [[nodiscard]] std::string text() const;
};

// The result for one rule (or for a fixture file without a rule: `rule_id` from its path).
struct RuleTestResult
{
  std::string rule_id;
  std::string fixture;       // the fixture file, empty when there is none
  std::size_t documents = 0; // documents run
  std::vector<TestFailure> failures;

  [[nodiscard]] bool passed() const { return failures.empty(); }
};

struct TestReport
{
  std::vector<RuleTestResult> results; // by rule id
  std::size_t documents = 0;

  [[nodiscard]] std::size_t failed() const;
  [[nodiscard]] bool passed() const { return failed() == 0; }
};

// Runs every fixture of `catalog` against its own rule only, `topology` taken from each
// document's `plan.topology` (unknown when absent), and compares (rule id, line) pairs
// both ways. Also fails a rule without a fixture file, a fixture without a rule, a marker
// naming another or an unknown rule, and a fixture without a firing or without a
// non-firing document. Documents that do not validate as environment files are input
// errors: they go to `bag` (texts registered in `sources`).
TestReport run_fixtures(const Catalog& catalog, diag::DiagnosticBag& bag, diag::SourceMap& sources);

} // namespace ghes_topology::engine
