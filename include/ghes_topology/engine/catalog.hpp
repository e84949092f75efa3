// SPDX-License-Identifier: Apache-2.0
// The rule catalog: built-in and user rule files loaded, checked, compiled and merged.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/source_text.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/types.hpp"
#include "ghes_topology/expr/value.hpp"
#include "ghes_topology/model/value.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::engine {

// --- Interface ---

// A parameter of the catalog: the agreed declaration of every rule that declares it,
// plus a command-line override if one was given.
struct Parameter
{
  std::string name; // dotted: `cluster.min_developers`
  ParamType type = ParamType::integer;
  expr::Value default_value; // `origin`: the default in the first declaring rule file
  std::string unit;
  std::string description; // from the first declaring rule (by id)
  Basis basis = Basis::documented;
  std::vector<std::string> declared_by;      // rule ids, sorted
  std::optional<expr::Value> override_value; // from `--param NAME=VALUE`
  std::string override_text;                 // the VALUE as given

  // The value rules see: the override when there is one, else the default.
  [[nodiscard]] const expr::Value& value() const { return override_value ? *override_value : default_value; }
};

// The documents of a fixture file as the build loaded them (the compiled catalog's built-in
// fixtures), so `rules test` does not parse them again.
class PreloadedDocuments
{
public:
  PreloadedDocuments() = default;
  PreloadedDocuments(const PreloadedDocuments&) = delete;
  PreloadedDocuments& operator=(const PreloadedDocuments&) = delete;
  virtual ~PreloadedDocuments() = default;
  // How many documents `split_fixture` found in the file.
  [[nodiscard]] virtual std::size_t size() const = 0;
  // Document `index` as `loader::load_document` gave it; nothing when it did not load (load it
  // again for its diagnostics) or `index` is out of range.
  [[nodiscard]] virtual std::optional<model::Environment> document(std::size_t index) const = 0;
};

// A fixture file (`<category>/<name>.test.yaml`) found next to the rules.
struct FixtureFile
{
  std::string file;    // the path diagnostics use
  std::string rule_id; // `<category>-<name>` derived from the path
  std::string text;
  RuleOrigin origin = RuleOrigin::builtin;
  std::shared_ptr<const PreloadedDocuments> preloaded; // null unless the catalog was compiled
};

// Every rule (sorted by id), parameter (sorted by name) and fixture file (sorted by path)
// of one run, with the type environment the rules were compiled against.
struct Catalog
{
  std::vector<Rule> rules;
  std::vector<Parameter> parameters;
  std::vector<FixtureFile> fixtures;
  expr::TypeEnv types; // environment sections + `params` + `topology`

  // The rule with `id`, or nullptr.
  [[nodiscard]] const Rule* find(std::string_view id) const;
  // The parameter called `name` (dotted, `_` or `-` spelling), or nullptr.
  [[nodiscard]] const Parameter* parameter(std::string_view name) const;
  // The fixture file of `rule` (from the same origin), or nullptr.
  [[nodiscard]] const FixtureFile* fixture_for(const Rule& rule) const;
  // Every rule id, sorted.
  [[nodiscard]] std::vector<std::string> ids() const;
  // The parameters that have a command-line override, sorted by name.
  [[nodiscard]] std::vector<const Parameter*> overridden_parameters() const;
};

// One rule or fixture file to load: its text and the names it goes by.
struct RuleFileText
{
  std::string file;     // the path diagnostics use: `rules/failover/ha-dns-ttl.yaml` or DIR/...
  std::string relative; // relative to the catalog root: `failover/ha-dns-ttl.yaml`
  std::string text;
  RuleOrigin origin = RuleOrigin::builtin;
};

enum class BuiltinRules { include, exclude };

// Whether a command needs the catalog's fixture files (`rules test`, `rules show`) or not.
enum class Fixtures { load, skip };

// Where rules come from and which parameter overrides apply (`--rules`,
// `--no-builtin-rules`, `--param`).
struct CatalogOptions
{
  BuiltinRules builtin = BuiltinRules::include;
  std::vector<std::string> rule_dirs;         // in the order given; later folders come later
  std::vector<std::string> param_assignments; // `NAME=VALUE`
  // With `skip`, `Catalog::fixtures` may be left empty (the built-in catalog alone leaves
  // them out; rule folders still load theirs, with their diagnostics).
  Fixtures fixtures = Fixtures::load;
};

// The embedded rule and fixture files (`rules/<category>/<file>.yaml`), sorted by path.
std::vector<RuleFileText> builtin_rule_files();

// Every `.yaml` file under `dir` (recursively), sorted by path, with `file` = `dir/<relative>`.
// Reports `rules-dir-not-found`, `rules-dir-unreadable`, `not-regular-file` (FIFOs,
// devices, sockets, directories named *.yaml), `file-unreadable` (symbolic link loops)
// and the errors of `loader::read_source` into `bag`; such files are skipped.
std::vector<RuleFileText> read_rule_dir(const std::string& dir, diag::DiagnosticBag& bag);

// Loads, checks and compiles `files` (built-in ones first), applies user overrides of
// built-in rules and `param_assignments`. Reports every problem of every file into `bag`
// (rule files in path order, then `--param` problems) and registers each text in `sources`.
// Returns nothing when any error was reported.
std::optional<Catalog> build_catalog(const std::vector<RuleFileText>& files,
                                     const std::vector<std::string>& param_assignments,
                                     diag::DiagnosticBag& bag, diag::SourceMap& sources);

// `builtin_rule_files()` (unless excluded) plus `read_rule_dir` of every folder, then
// `build_catalog`.
std::optional<Catalog> load_catalog(const CatalogOptions& options, diag::DiagnosticBag& bag,
                                    diag::SourceMap& sources);

// Applies one `NAME=VALUE` override to `catalog` (`cluster.min-developers` is accepted for
// `cluster.min_developers`). Reports `param-syntax`, `param-unknown` (with "did you mean")
// and `param-bad-value` into `bag`; returns whether it applied.
bool set_parameter(Catalog& catalog, std::string_view assignment, diag::DiagnosticBag& bag);

// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of `bytes`:
// `fnv1a64("")` is 0xcbf29ce484222325, `fnv1a64("a")` is 0xaf63dc4c8601ec8c.
std::uint64_t fnv1a64(std::string_view bytes);

// The digest of the rules that judge a run, `fnv1a64:` and 16 lowercase hex digits: FNV-1a 64
// of a manifest with one line per rule, in catalog order (by id), `<hash>  <file>\n`, where
// <hash> is the 16 lowercase hex digits of `Rule::text_hash` (the rule file's bytes) and <file>
// is `Rule::file`. Fixture files and parameter overrides do not count; any change to a rule
// file's text, a rule added or removed, or a rule from another path changes it.
std::string catalog_digest(const Catalog& catalog);

} // namespace ghes_topology::engine
