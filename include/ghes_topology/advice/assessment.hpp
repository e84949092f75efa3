// SPDX-License-Identifier: Apache-2.0
// The result of `recommend` or `check`, one file at a time: what every renderer (text,
// JSON, and later SARIF, JUnit, Markdown, HTML) reads.
#pragma once

#include "ghes_topology/advice/diagram.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/engine/evaluate.hpp"
#include "ghes_topology/engine/rule.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::advice {

// --- Interface ---

enum class Command { recommend, check };

// "recommend" or "check".
const char* to_string(Command command);

// A rule's citation of the GHES documentation.
struct Citation
{
  std::string path;    // `content/admin/...md` in github/docs
  std::string section; // may be empty
  engine::Threshold threshold = engine::Threshold::none;
};

// One option's score (see docs/scoring.md).
struct OptionScore
{
  engine::Topology option = engine::Topology::standalone;
  double raw = 50; // 50 + sum of weights
  int score = 50;  // raw clamped to 0..100 and rounded
  bool blocked = false;
  std::vector<std::string> blocked_by; // rule ids, by id
};

// An evidence rule that moved the verdict.
struct Reason
{
  std::string rule_id;
  std::string title;
  std::string message; // rendered
  std::vector<engine::Effect> effects;
  double strength = 0; // max |weight| (50 for a block), for ordering
  std::vector<engine::FactUse> facts;
  Citation source;
  diag::Location where;
};

// The nearest value of one numeric fact at which the verdict changes.
struct TippingPoint
{
  std::string fact; // `developers.total`
  std::string unit; // from the environment schema
  double current = 0;
  double threshold = 0; // the first value (moving away from `current`) with another verdict
  engine::Topology becomes = engine::Topology::standalone;
  std::optional<double> years; // developers.total with a positive growth rate: when it is reached
};

struct Confidence
{
  int percent = 100;
  std::string level = "high"; // high | medium | low
  bool could_flip = false;    // an undecided rule could change the verdict
};

struct Verdict
{
  std::optional<engine::Topology> topology; // empty when every option is blocked
  int margin = 0;
  Confidence confidence;
  std::vector<OptionScore> scores; // standalone, ha, cluster
};

// A statement about the chosen topology (refinement, failover, backups, monitoring).
struct Implication
{
  engine::Section section = engine::Section::failover;
  std::string rule_id;
  std::string text;
  Citation source;
};

// A waiver from the environment file, and what became of it.
struct WaiverUse
{
  std::string rule_id;
  std::string reason;
  std::string owner;
  std::string expires; // YYYY-MM-DD
  // The waiver's `key_path` as written (`plan.replicas[name=ghe-dr]`); empty when it covers
  // the rule's findings anywhere in the file.
  std::string key_path;
  // `key_path` resolved against the file, list selectors replaced by indexes
  // (`plan.replicas[1]`); empty when unscoped or when it matched nothing.
  std::string scope;
  diag::Location where; // the waiver entry
  enum class State { applied, expired, unused } state = State::unused;
  int silenced = 0; // findings it silenced
};

// A rule's severity changed by policy (`--severity`, `GHES_TOPOLOGY_SEVERITY`, the config
// key `severity`): its findings have `to` instead of the catalog's `from`.
struct SeverityOverride
{
  std::string rule_id;
  engine::Severity from = engine::Severity::warning;
  engine::Severity to = engine::Severity::warning;
  std::string by; // where it was set: `--severity`, `GHES_TOPOLOGY_SEVERITY`, `FILE:LINE`
};

// A rule left out by policy (`disable` / `enable_only`): not evaluated at all, so it gives
// no finding and no evidence.
struct DisabledRule
{
  std::string rule_id;
  std::string by; // `--disable X`, `GHES_TOPOLOGY_ENABLE_ONLY`, `FILE:LINE`, ...
};

struct Finding
{
  engine::Severity severity = engine::Severity::info;
  std::string rule_id;
  std::string title;
  std::string message;
  std::string remediation;
  diag::Location where;
  // The fact `where` points at, with list indexes (`plan.replicas[1].latency_ms`,
  // `waivers[0].expires`); empty when the finding is about the whole document.
  std::string key_path;
  // 16 lowercase hex digits identifying the finding across edits of the file: a hash of
  // the rule id, `key_path` without list indexes and the list item's `name` (its index
  // when it has none); never a line or column (see `fingerprint_of`).
  std::string fingerprint;
  Citation source;
  bool waived = false; // silenced by a waiver; kept for the record, never counted
  // Set when policy changed the severity: `severity` is then its `to`. Not part of the
  // fingerprint, so an override never makes a finding new to a baseline.
  std::optional<SeverityOverride> severity_override;
};

// A fact the environment file does not give, and the rules that needed it.
struct Question
{
  std::string fact;        // `dr.rto_minutes`
  std::string description; // from the environment schema
  std::vector<std::string> rule_ids;
};

// A rule that failed to evaluate on this environment.
struct RuleProblem
{
  std::string rule_id;
  std::string code;
  std::string message;
  diag::Location where;
};

// The result for one environment file.
struct FileResult
{
  std::string file;                         // as given (`-` is `<stdin>`)
  std::string name;                         // the environment's `name`, if any
  std::string ghes_version;                 // the environment's `ghes_version` ("3.16"), if any
  std::optional<engine::Topology> assessed; // check: the plan's topology; recommend: the verdict
  std::vector<std::string> fact_overrides;  // `--set` assignments applied, in order
  std::optional<Verdict> verdict;           // recommend only
  std::vector<Reason> reasons;              // strongest first
  std::vector<TippingPoint> tipping_points; // by fact
  std::vector<Implication> implications;    // by section, then rule id
  std::vector<Finding> findings;            // by severity (error first), file position, rule id
  std::vector<Question> questions;          // by number of rules needing it, then fact
  std::vector<WaiverUse> waivers;           // in file order
  std::vector<RuleProblem> problems;        // by rule id
  std::string input_sha256; // SHA-256 of the file's bytes as read (64 hex digits); set by the CLI
  // The topology to draw: check, the plan (when the file has one); recommend, the verdict.
  // Not in the JSON output (see docs/output-json.md): a report read back has none.
  std::optional<Diagram> diagram;
};

// A `--param` override in force.
struct ParamOverride
{
  std::string name;
  std::string value;
  std::string default_value;
  // Where it was set when not by `--param`: `GHES_TOPOLOGY_PARAMS` or the config file's
  // `FILE:LINE`; empty for `--param` (and in a saved result that does not record it).
  std::string by;
};

// A user rule that replaced a built-in one.
struct RuleReplacement
{
  std::string rule_id;
  std::string file;     // the user's rule file
  std::string replaces; // the built-in file
};

// A catalog rule as the outputs describe it (SARIF's `tool.driver.rules`, JUnit's test cases).
struct RuleInfo
{
  std::string id;
  engine::RuleKind kind = engine::RuleKind::finding;
  std::optional<engine::Severity> severity; // findings only
  std::string category;
  std::string title;
  std::string rationale;
  std::string remediation; // the template as written (placeholders unrendered); may be empty
  std::string source_path; // `content/admin/...md` in github/docs
};

// What a run states once, before its first file: the command and what is in force
// for every file. Small: it is kept for the whole run.
struct RunInfo
{
  Command command = Command::recommend;
  std::string tool_version;
  std::string today;                       // the date waivers were judged against (YYYY-MM-DD)
  std::string catalog_digest;              // engine::catalog_digest of the catalog in use (`fnv1a64:...`)
  std::optional<engine::Severity> fail_on; // check only; empty = `none`
  std::vector<ParamOverride> param_overrides;
  std::vector<RuleReplacement> rule_replacements;
  std::vector<SeverityOverride> severity_overrides; // by rule id
  std::vector<DisabledRule> disabled_rules;         // by rule id
  std::vector<RuleInfo> rules; // every catalog rule, in catalog order (disabled ones too)
};

// True when `waiver` (applied or unused, not expired) covers `finding`: same rule, and the
// waiver is unscoped or the finding's `key_path` is its `scope` or lies below it
// (`plan.replicas[1]` covers `plan.replicas[1].name`, not `plan.replicas[10]`).
bool covers(const WaiverUse& waiver, const Finding& finding);

// The applied waiver of `file` that silenced `finding` (the first in file order that covers
// it), or nullptr when it is not waived.
const WaiverUse* waiver_of(const FileResult& file, const Finding& finding);

// The fingerprint of a finding of `rule_id` at `key_path` on the list item `item` (its
// `name`, or its index when it has none; empty when not in a list): FNV-1a 64 over the
// three, list indexes removed from `key_path`, as 16 lowercase hex digits.
std::string fingerprint_of(const std::string& rule_id, const std::string& key_path, const std::string& item);

// Unwaived findings of `file` at or above `fail_on`; 0 when `fail_on` is empty (`none`).
int failing_findings(const FileResult& file, const std::optional<engine::Severity>& fail_on);

} // namespace ghes_topology::advice
