// SPDX-License-Identifier: Apache-2.0
// Building the catalog: files, overrides of built-in rules, parameters, compilation.
#include "ghes_topology/engine/catalog.hpp"

#include "engine/rule_file_internal.hpp"
#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/loader/source_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace ghes_topology::engine {
namespace {

std::string normalize_param_name(std::string_view name)
{
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::string describe(const ParamDecl& d)
{
  std::string text = fmt::format("{} {}", to_string(d.type), d.value.to_string());
  if (!d.unit.empty())
    text += " " + d.unit;
  return text + fmt::format(" ({})", to_string(d.basis));
}

struct Declared
{
  std::size_t draft;
  const ParamDecl* decl;
};

// Merges the parameter declarations of `drafts` (in rule id order); a disagreement is an
// error in the later rule.
std::vector<Parameter> merge_parameters(std::vector<RuleDraft>& drafts, const std::vector<std::size_t>& order)
{
  std::map<std::string, Parameter> merged;
  std::map<std::string, Declared> first;
  for (std::size_t k : order) {
    RuleDraft& d = drafts[k];
    for (const ParamDecl& decl : d.rule.params) {
      auto it = first.find(decl.name);
      if (it == first.end()) {
        first.emplace(decl.name, Declared{k, &decl});
        Parameter p;
        p.name = decl.name;
        p.type = decl.type;
        p.default_value = decl.value;
        p.unit = decl.unit;
        p.description = decl.description;
        p.basis = decl.basis;
        p.declared_by.push_back(d.rule.id);
        merged.emplace(decl.name, std::move(p));
        continue;
      }
      const ParamDecl& ref = *it->second.decl;
      if (ref.type != decl.type || !same_value(ref.value, decl.value) || ref.unit != decl.unit ||
          ref.basis != decl.basis) {
        d.valid = false;
        auto& diag = d.bag.error("rule-param-conflict",
                                 fmt::format("parameter '{}' is declared differently by rule '{}'", decl.name,
                                             drafts[it->second.draft].rule.id),
                                 decl.where);
        diag.key_path = "params." + decl.name;
        diag.expected = fmt::format("{}, as in {}", describe(ref), ref.where.to_string());
        diag.found = describe(decl);
        diag.notes.push_back(
            "rules that share a parameter must declare the same type, default, unit and basis");
        continue;
      }
      merged[decl.name].declared_by.push_back(d.rule.id);
    }
  }
  // A name cannot be both a value and a group of values (`a.b` and `a.b.c`).
  std::vector<Parameter> out;
  for (auto& [name, p] : merged) {
    if (!out.empty() && name.starts_with(out.back().name + ".")) {
      const Declared& at = first.at(name);
      RuleDraft& d = drafts[at.draft];
      d.valid = false;
      auto& diag = d.bag.error(
          "rule-param-conflict",
          fmt::format("parameter '{}' is inside parameter '{}', which is a value", name, out.back().name),
          at.decl->where);
      diag.key_path = "params." + name;
      continue;
    }
    std::sort(p.declared_by.begin(), p.declared_by.end());
    out.push_back(std::move(p));
  }
  return out;
}

} // namespace

const Rule* Catalog::find(std::string_view id) const
{
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const Rule& r, std::string_view v) { return r.id < v; });
  return it != rules.end() && it->id == id ? &*it : nullptr;
}

const Parameter* Catalog::parameter(std::string_view name) const
{
  const std::string wanted = normalize_param_name(name);
  for (const auto& p : parameters)
    if (p.name == wanted)
      return &p;
  return nullptr;
}

const FixtureFile* Catalog::fixture_for(const Rule& rule) const
{
  std::string wanted = rule.file;
  if (wanted.ends_with(".yaml"))
    wanted.resize(wanted.size() - 5);
  wanted += ".test.yaml";
  for (const auto& f : fixtures)
    if (f.file == wanted)
      return &f;
  return nullptr;
}

std::vector<std::string> Catalog::ids() const
{
  std::vector<std::string> out;
  out.reserve(rules.size());
  for (const auto& r : rules)
    out.push_back(r.id);
  return out;
}

std::vector<const Parameter*> Catalog::overridden_parameters() const
{
  std::vector<const Parameter*> out;
  for (const auto& p : parameters)
    if (p.override_value)
      out.push_back(&p);
  return out;
}

std::vector<RuleFileText> read_rule_dir(const std::string& dir, diag::DiagnosticBag& bag)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(dir);
  const auto status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    bag.error("rules-dir-not-found", fmt::format("rule folder '{}' does not exist", dir), diag::Location{});
    return {};
  }
  if (!fs::is_directory(status)) {
    bag.error("rules-dir-not-found",
              fmt::format("'{}' is not a folder (--rules expects a folder of rule files)", dir),
              diag::Location{});
    return {};
  }
  std::vector<std::string> relatives;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (!name.empty() && name.front() == '.') {
      if (it->is_directory(ec))
        it.disable_recursion_pending();
      continue;
    }
    const std::string ext = path.extension().string();
    if (ext != ".yaml" && ext != ".yml")
      continue;
    relatives.push_back(path.lexically_relative(root).generic_string());
  }
  if (ec) {
    bag.error("rules-dir-unreadable", fmt::format("cannot read rule folder '{}': {}", dir, ec.message()),
              diag::Location{});
    return {};
  }
  std::sort(relatives.begin(), relatives.end());
  std::vector<RuleFileText> out;
  std::istringstream no_stdin;
  for (const auto& rel : relatives) {
    const std::string file = (root / rel).generic_string();
    // Only regular files (or links to them): a FIFO would block the run forever, a
    // device could be endless, a symbolic link loop never resolves.
    const auto file_status = fs::status(file, ec);
    if (ec) {
      bag.error("file-unreadable", fmt::format("cannot open '{}': {}", file, ec.message()),
                diag::Location{file});
      continue;
    }
    if (!fs::is_regular_file(file_status)) {
      const char* kind = fs::is_fifo(file_status)        ? "a named pipe (FIFO)"
                         : fs::is_directory(file_status) ? "a directory"
                         : fs::is_socket(file_status)    ? "a socket"
                         : fs::is_character_file(file_status) || fs::is_block_file(file_status)
                             ? "a device"
                             : "not a regular file";
      auto& d = bag.error("not-regular-file", fmt::format("'{}' is {}, not a rule file", file, kind),
                          diag::Location{file});
      d.expected = "a regular file";
      d.found = kind;
      continue;
    }
    auto source = loader::read_source(file, no_stdin, bag);
    if (!source)
      continue;
    out.push_back(RuleFileText{file, rel, std::move(source->text), RuleOrigin::user});
  }
  return out;
}

std::optional<Catalog> build_catalog(const std::vector<RuleFileText>& files,
                                     const std::vector<std::string>& param_assignments,
                                     diag::DiagnosticBag& bag, diag::SourceMap& sources)
{
  std::vector<diag::DiagnosticBag> file_bags(files.size());
  std::vector<RuleDraft> drafts;
  std::vector<std::size_t> draft_of(files.size(), files.size()); // file index -> draft index
  std::vector<FixtureFile> fixtures;
  bool ok = true;

  for (std::size_t i = 0; i < files.size(); ++i) {
    const RuleFileText& f = files[i];
    sources.add(f.file, f.text);
    std::string problem;
    std::string suggestion;
    const auto path = parse_rule_path(f.relative, problem, suggestion, f.origin == RuleOrigin::user);
    if (!path) {
      auto& diag = file_bags[i].error("rule-bad-path", problem, diag::Location{f.file});
      diag.suggestion = suggestion;
      ok = false;
      continue;
    }
    if (path->fixture) {
      fixtures.push_back(FixtureFile{f.file, path->id(), f.text, f.origin, nullptr});
      continue;
    }
    draft_of[i] = drafts.size();
    drafts.push_back(read_rule_file(f, *path));
  }

  // A user rule with a built-in rule's id replaces it; any other repeated id is an error.
  std::map<std::string, std::size_t> by_id;
  std::vector<bool> kept(drafts.size(), true);
  std::set<std::string> replaced_files;
  for (std::size_t k = 0; k < drafts.size(); ++k) {
    RuleDraft& d = drafts[k];
    auto [it, inserted] = by_id.emplace(d.rule.id, k);
    if (inserted)
      continue;
    RuleDraft& previous = drafts[it->second];
    if (previous.rule.origin == RuleOrigin::builtin && d.rule.origin == RuleOrigin::user) {
      d.rule.overrides = previous.rule.file;
      replaced_files.insert(previous.rule.file);
      kept[it->second] = false;
      it->second = k;
      continue;
    }
    d.valid = false;
    kept[k] = false;
    auto& diag = d.bag.error("rule-duplicate-id", fmt::format("rule '{}' is defined twice", d.rule.id),
                             diag::Location{d.rule.file});
    diag.notes.push_back(fmt::format("first defined in {}", previous.rule.file));
  }
  std::erase_if(fixtures, [&](const FixtureFile& f) {
    std::string rule_file = f.file.substr(0, f.file.size() - 10) + ".yaml";
    return replaced_files.count(rule_file) > 0;
  });

  std::vector<std::size_t> order;
  for (const auto& [id, k] : by_id)
    order.push_back(k);
  Catalog catalog;
  catalog.parameters = merge_parameters(drafts, order);
  catalog.types = rule_types(catalog.parameters, RuleKind::finding);
  const expr::TypeEnv evidence_types = rule_types(catalog.parameters, RuleKind::evidence);
  for (std::size_t k = 0; k < drafts.size(); ++k)
    if (kept[k] || replaced_files.count(drafts[k].rule.file) == 0)
      compile_rule(drafts[k], drafts[k].rule.kind == RuleKind::evidence ? evidence_types : catalog.types);

  for (std::size_t i = 0; i < files.size(); ++i) {
    bag.merge(file_bags[i]);
    if (draft_of[i] < drafts.size()) {
      const RuleDraft& d = drafts[draft_of[i]];
      if (!kept[draft_of[i]] && replaced_files.count(d.rule.file) > 0)
        continue; // a replaced built-in rule is not part of this run
      bag.merge(d.bag);
      if (!d.valid || d.bag.has_errors())
        ok = false;
    }
  }

  for (std::size_t k : order)
    if (kept[k])
      catalog.rules.push_back(std::move(drafts[k].rule));
  std::sort(fixtures.begin(), fixtures.end(),
            [](const FixtureFile& a, const FixtureFile& b) { return a.file < b.file; });
  catalog.fixtures = std::move(fixtures);

  for (const auto& assignment : param_assignments)
    if (!set_parameter(catalog, assignment, bag))
      ok = false;
  if (!ok || bag.has_errors())
    return std::nullopt;
  return catalog;
}

bool set_parameter(Catalog& catalog, std::string_view assignment, diag::DiagnosticBag& bag)
{
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    auto& diag = bag.error("param-syntax", fmt::format("--param expects NAME=VALUE, got '{}'", assignment),
                           diag::Location{});
    diag.expected = "NAME=VALUE, e.g. cluster.min_developers=20000";
    return false;
  }
  const std::string name = normalize_param_name(assignment.substr(0, eq));
  const std::string_view text = assignment.substr(eq + 1);
  Parameter* p = nullptr;
  for (auto& candidate : catalog.parameters)
    if (candidate.name == name)
      p = &candidate;
  if (p == nullptr) {
    std::vector<std::string> names;
    for (const auto& candidate : catalog.parameters)
      names.push_back(candidate.name);
    auto& diag =
        bag.error("param-unknown", fmt::format("unknown parameter '{}' in --param {}", name, assignment),
                  diag::Location{});
    diag.suggestion = diag::closest_match(name, names);
    if (names.empty())
      diag.notes.push_back("the loaded rules declare no parameters");
    else if (diag.suggestion.empty())
      diag.notes.push_back("'ghes-topology rules show ID' lists a rule's parameters");
    return false;
  }
  auto value = parse_param_value(p->type, text);
  if (!value) {
    auto& diag = bag.error("param-bad-value",
                           fmt::format("invalid value for parameter '{}' in --param {}", name, assignment),
                           diag::Location{});
    diag.expected = p->type == ParamType::integer   ? "an integer"
                    : p->type == ParamType::decimal ? "a number"
                    : p->type == ParamType::boolean ? "a boolean (true or false)"
                                                    : "a string";
    diag.found = std::string(text);
    return false;
  }
  value->origin = diag::Location{fmt::format("--param {}={}", name, text)};
  p->override_value = std::move(*value);
  p->override_text = std::string(text);
  return true;
}

} // namespace ghes_topology::engine
