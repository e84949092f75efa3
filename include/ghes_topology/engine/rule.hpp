// SPDX-License-Identifier: Apache-2.0
// A loaded, checked and compiled rule, and the vocabulary rules are written in.
#pragma once

#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/expr/program.hpp"
#include "ghes_topology/expr/value.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// --- Interface ---

// What a rule does when it fires (see rules/README.md).
enum class RuleKind { finding, evidence, implication };

// How serious a finding is; `check --fail-on` gates on it.
enum class Severity { info, warning, error };

// The deployment topologies the advisor chooses between.
enum class Topology { standalone, ha, cluster };

// Whether a rule's threshold is stated by the GHES docs or is the advisor's assumption.
enum class Threshold { documented, assumption, none };

// Where a parameter's default comes from.
enum class Basis { documented, assumption };

// The part of `recommend`'s implications an implication rule belongs to: the shape of the
// chosen topology (replicas, geo-replicas, replica cluster), failover, backups, monitoring.
enum class Section { topology, failover, backups, monitoring };

// Where a rule file was loaded from.
enum class RuleOrigin { builtin, user };

// Lower-case names as written in rule files ("finding", "warning", "ha", ...).
std::string_view to_string(RuleKind kind);
std::string_view to_string(Severity severity);
std::string_view to_string(Topology topology);
std::string_view to_string(Threshold threshold);
std::string_view to_string(Basis basis);
std::string_view to_string(Section section);

// Parses the names above; nothing when `text` is not one of them.
std::optional<Topology> parse_topology(std::string_view text);
std::optional<Severity> parse_severity(std::string_view text);

// The rule categories (folder names under rules/), in documentation order.
const std::vector<std::string>& rule_categories();

// An expression of a rule file, compiled against the catalog's type environment.
struct Expression
{
  std::string text;      // as the YAML value reads (folded, escapes resolved)
  expr::Program program; // compiled; its locations point into the rule file
};

// `message` or `remediation`: literal text with `{expression}` placeholders (`{{` and `}}`
// are literal braces).
struct MessageTemplate
{
  struct Part
  {
    std::string literal;                  // text before `expression` (or the tail when none)
    std::optional<Expression> expression; // the placeholder that follows `literal`
  };
  // Gives a template's parts on demand: the compiled catalog keeps them encoded until first
  // read, as only the rules that fire need theirs.
  class PartsSource
  {
  public:
    PartsSource() = default;
    PartsSource(const PartsSource&) = delete;
    PartsSource& operator=(const PartsSource&) = delete;
    virtual ~PartsSource() = default;
    // The parts; nothing when they cannot be decoded.
    [[nodiscard]] virtual std::optional<std::vector<Part>> decode() const = 0;
  };

  std::string text; // the whole template as the YAML value reads

  // The literal parts and placeholders, in order: `part_list`, or what `deferred` decodes,
  // decoded on the first call and kept (so the first call must not race with another on the
  // same template, as `expr::Program::tree`). Throws `Fatal` when they cannot be decoded (a
  // damaged compiled catalog).
  [[nodiscard]] const std::vector<Part>& parts() const;

  // Implementation details: the parts when they are known (compiled, or decoded), and where
  // to decode them from when not.
  mutable std::vector<Part> part_list;
  mutable std::shared_ptr<const PartsSource> deferred;
};

// `for_each: { var: r, in: plan.replicas }`: evaluate the rule once per list item.
struct ForEach
{
  std::string var;
  Expression in;
  std::string in_path; // `in` when it is a plain dotted fact path, else empty
};

// One entry of an evidence rule's `effect`.
struct Effect
{
  Topology option = Topology::standalone;
  double weight = 0;   // for (+) or against (-) `option`; 0 when `blocks`
  bool blocks = false; // rules `option` out; the rule's message is the reason
  diag::Location where;
};

// The type of a parameter, pinned by `type:` or inferred from `default`.
enum class ParamType { integer, decimal, string, boolean };

// "integer", "decimal", "string", "boolean".
std::string_view to_string(ParamType type);

// One `params:` entry of one rule file.
struct ParamDecl
{
  std::string name; // dotted: `failover.max_dns_ttl_seconds`
  ParamType type = ParamType::integer;
  expr::Value value; // the default; `origin` is the default's location in the rule file
  std::string unit;
  std::string description;
  Basis basis = Basis::documented;
  diag::Location where; // the key
};

// Where a rule's facts come from in the docs.
struct SourceRef
{
  std::string path;    // `content/admin/.../about-high-availability-configuration.md`
  std::string section; // optional
  // The GHES versions the cited facts apply to, as the docs gate them (`>= 3.18`,
  // `< 3.20`); empty when the rule applies to every version the docs cover.
  std::string versions;
};

// A rule: its metadata, its compiled expressions and where it came from.
struct Rule
{
  std::string id;       // `<category>-<name>`
  std::string category; // the folder
  std::string name;     // the file name without `.yaml`
  std::string title;
  RuleKind kind = RuleKind::finding;
  std::optional<Severity> severity;        // findings only
  std::vector<std::string> required_facts; // `requires`: dotted fact paths
  std::optional<ForEach> for_each;
  Expression when;
  std::optional<Expression> point_at;
  MessageTemplate message;
  std::string rationale;
  MessageTemplate remediation; // empty `text` when the rule has none
  SourceRef source;
  Threshold threshold = Threshold::none;
  std::vector<ParamDecl> params;  // as declared by this file, sorted by name
  std::vector<Effect> effects;    // evidence only
  std::optional<Section> section; // implications only

  std::string file; // the path diagnostics use (`rules/failover/ha-dns-ttl.yaml`)
  // FNV-1a 64 (`engine::fnv1a64`) of the rule file's bytes as read: what `catalog_digest` hashes.
  std::uint64_t text_hash = 0;
  RuleOrigin origin = RuleOrigin::builtin;
  std::string overrides; // for a user rule that replaces a built-in one: the built-in file
  // The environment facts the decision reads: `for_each.in` and `when` (a `for_each`
  // variable's fields as its list's, e.g. `plan.replicas.latency_ms`); without `params.*`
  // and `topology`; sorted, unique. What `recommend` re-evaluates and asks about.
  std::vector<std::string> fact_paths;
  // The parameters any expression of the rule reads (`failover.max_dns_ttl_seconds`); sorted.
  std::vector<std::string> used_params;
  // Whether any expression reads `topology`.
  bool uses_topology = false;
};

} // namespace ghes_topology::engine
