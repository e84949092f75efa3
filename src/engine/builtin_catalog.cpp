// SPDX-License-Identifier: Apache-2.0
// The built-in catalog: compiled at build time by src/tools/compile_rules.cpp into the
// generated builtin_catalog_data.cpp, which this file (and only code linked above the core
// library) reads. Not part of the core library, so the build-time compiler links without it.
#include "engine/catalog_image.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/embedded_rules.hpp"

#include <algorithm>
#include <iterator>

namespace ghes_topology::engine {

namespace {

// The embedded file at `path`, found by binary search (`embedded_rule_files` is sorted by path).
std::optional<std::string_view> embedded_rule_text(std::string_view path)
{
  const auto files = embedded_rule_files();
  const auto it = std::lower_bound(files.begin(), files.end(), path,
                                   [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
  if (it == files.end() || it->path != path)
    return std::nullopt;
  return it->bytes;
}

} // namespace

std::vector<RuleFileText> builtin_rule_files()
{
  std::vector<RuleFileText> out;
  for (const auto& f : embedded_rule_files()) {
    RuleFileText t;
    t.file = std::string(f.path);
    t.relative = f.path.starts_with("rules/") ? std::string(f.path.substr(6)) : std::string(f.path);
    t.text = std::string(f.bytes);
    t.origin = RuleOrigin::builtin;
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(),
            [](const RuleFileText& a, const RuleFileText& b) { return a.file < b.file; });
  return out;
}

std::optional<Catalog> load_catalog(const CatalogOptions& options, diag::DiagnosticBag& bag,
                                    diag::SourceMap& sources)
{
  if (options.builtin == BuiltinRules::include && options.rule_dirs.empty()) {
    // The built-in rules alone: the compiled image, checked when it was built (trees
    // included: the build decodes them all). Its trees stay encoded until evaluated: a run
    // evaluates few of the messages, remediations and `point_at`s. The texts stay
    // registered so diagnostics about a built-in rule quote its lines.
    auto catalog = read_image(builtin_catalog_image(), ImageTrees::deferred, options.fixtures);
    if (!catalog)
      throw Fatal("the built-in rule catalog embedded in this binary is damaged");
    sources.add_resolver(&embedded_rule_text); // embedded: no copy, looked up when quoted
    bool ok = true;
    for (const auto& assignment : options.param_assignments)
      if (!set_parameter(*catalog, assignment, bag))
        ok = false;
    if (!ok || bag.has_errors())
      return std::nullopt;
    return catalog;
  }
  std::vector<RuleFileText> files;
  if (options.builtin == BuiltinRules::include)
    files = builtin_rule_files();
  for (const auto& dir : options.rule_dirs) {
    auto more = read_rule_dir(dir, bag);
    std::move(more.begin(), more.end(), std::back_inserter(files));
  }
  if (bag.has_errors()) {
    // Still check the files that could be read, so one run reports every problem.
    build_catalog(files, options.param_assignments, bag, sources);
    return std::nullopt;
  }
  return build_catalog(files, options.param_assignments, bag, sources);
}

} // namespace ghes_topology::engine
