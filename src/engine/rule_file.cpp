// SPDX-License-Identifier: Apache-2.0
// Job: read one rule file: YAML and field table through the loader, then the rule's own
// checks, then (once the catalog's parameters are known) its expressions. Parameters are
// in rule_params.cpp, message templates in message_template.cpp.
#include "engine/rule_file_internal.hpp"

#include "engine/message_template_internal.hpp"
#include "engine/rule_params_internal.hpp"
#include "engine/scalar_layout_internal.hpp"
#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/engine/rule_schema.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ghes_topology::engine {
namespace {

using loader::YamlNode;

bool is_lower_alnum(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// `[a-z0-9]+(-[a-z0-9]+)*`
bool is_kebab(std::string_view s)
{
  if (s.empty() || s.front() == '-' || s.back() == '-')
    return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-') {
      if (s[i + 1] == '-')
        return false;
    } else if (!is_lower_alnum(s[i])) {
      return false;
    }
  }
  return true;
}

// `[a-z_][a-z0-9_]*`
bool is_identifier(std::string_view s)
{
  if (s.empty() || (s.front() >= '0' && s.front() <= '9'))
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_lower_alnum(c) || c == '_'; });
}

std::optional<YamlNode> scalar_entry(const YamlNode& map, std::string_view key)
{
  const YamlNode* v = find_entry(map, key);
  if (v == nullptr || v->kind != YamlNode::Kind::scalar)
    return std::nullopt;
  return *v;
}

diag::Diagnostic& fail(RuleDraft& d, std::string code, std::string message, diag::Location where)
{
  d.valid = false;
  return d.bag.error(std::move(code), std::move(message), std::move(where));
}

// Every dotted path of an object field of the environment schema, not entering lists.
void object_paths(const model::FieldSpec& spec, const std::string& prefix, std::vector<std::string>& out)
{
  for (const auto& f : spec.fields) {
    const std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    out.push_back(path);
    if (f.type == model::FieldType::object)
      object_paths(f, path, out);
  }
}

const std::vector<std::string>& requirable_paths()
{
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> out;
    object_paths(model::environment_schema().root, "", out);
    return out;
  }();
  return paths;
}

void check_requires(RuleDraft& d, const model::Value& list)
{
  for (const auto& item : list.items) {
    const std::string& path = item.string;
    const auto& known = requirable_paths();
    if (std::find(known.begin(), known.end(), path) != known.end()) {
      d.rule.required_facts.push_back(path);
      continue;
    }
    if (model::environment_schema().find(path) != nullptr) {
      auto& diag = fail(d, "rule-requires-path",
                        fmt::format("'requires' names '{}', which is inside a list", path), item.where);
      diag.notes.push_back("only facts outside lists can be required; test list items in 'when'");
      continue;
    }
    auto& diag =
        fail(d, "rule-requires-path", fmt::format("'requires' names unknown fact '{}'", path), item.where);
    diag.key_path = "requires";
    diag.suggestion = diag::closest_match(path, known);
  }
}

void check_for_each(RuleDraft& d, const model::Value& for_each)
{
  const model::Value* var = for_each.get("var");
  const model::Value* in = for_each.get("in");
  if (var == nullptr || in == nullptr)
    return;
  ForEach fe;
  fe.var = var->string;
  const auto types = environment_types();
  if (!is_identifier(fe.var)) {
    auto& diag =
        fail(d, "rule-for-each-var", fmt::format("invalid loop variable name '{}'", fe.var), var->where);
    diag.expected = "a lower-case identifier such as 'r'";
  } else if (types.count(fe.var) > 0 || fe.var == "params" || fe.var == "topology") {
    auto& diag =
        fail(d, "rule-for-each-var",
             fmt::format("loop variable '{}' hides the variable of the same name", fe.var), var->where);
    diag.expected = "a name that is not an environment section, 'params' or 'topology'";
  }
  if (is_dotted_identifier(in->string))
    fe.in_path = in->string;
  d.rule.for_each = std::move(fe);
}

void check_effects(RuleDraft& d, const model::Value& list)
{
  for (const auto& item : list.items) {
    const model::Value* option = item.get("option");
    const model::Value* weight = item.get("weight");
    const model::Value* block = item.get("block");
    if (option == nullptr)
      continue;
    Effect e;
    e.option = parse_topology(option->string).value_or(Topology::standalone);
    e.where = item.where;
    if (weight != nullptr && block != nullptr) {
      fail(d, "rule-effect", "an effect has either 'weight' or 'block', not both", item.where);
      continue;
    }
    if (weight == nullptr && block == nullptr) {
      fail(d, "rule-effect", "an effect needs 'weight' or 'block: true'", item.where);
      continue;
    }
    if (block != nullptr) {
      if (!block->boolean) {
        fail(d, "rule-effect", "'block: false' has no effect; remove the entry or write 'block: true'",
             block->where);
        continue;
      }
      e.blocks = true;
    } else {
      e.weight = weight->number();
      if (e.weight == 0) {
        fail(d, "rule-effect", "'weight: 0' has no effect", weight->where);
        continue;
      }
    }
    d.rule.effects.push_back(e);
  }
}

// Kind-specific presence of `severity`, `remediation`, `effect`, `section`, `for_each`.
void check_kind_fields(RuleDraft& d, const YamlNode& root, const diag::Location& kind_where)
{
  struct Need
  {
    const char* key;
    RuleKind kind;
  };
  const auto present = [&](const char* key) { return find_entry(root, key) != nullptr; };
  const auto key_where = [&](const char* key) {
    const YamlNode* k = nullptr;
    find_entry(root, key, &k);
    return k != nullptr ? k->where : kind_where;
  };
  const RuleKind kind = d.rule.kind;
  const std::string kind_name(to_string(kind));
  for (const Need& need : {Need{"severity", RuleKind::finding}, Need{"remediation", RuleKind::finding},
                           Need{"effect", RuleKind::evidence}, Need{"section", RuleKind::implication}})
    if (kind == need.kind && !present(need.key))
      fail(d, "rule-missing-field", fmt::format("a {} rule needs '{}'", kind_name, need.key), kind_where);
  for (const Need& only : {Need{"severity", RuleKind::finding}, Need{"effect", RuleKind::evidence},
                           Need{"section", RuleKind::implication}})
    if (kind != only.kind && present(only.key))
      fail(d, "rule-field-not-allowed",
           fmt::format("'{}' is only for {} rules, not {} rules", only.key, to_string(only.kind), kind_name),
           key_where(only.key));
  if (kind == RuleKind::evidence && present("for_each"))
    fail(d, "rule-field-not-allowed", "'for_each' is not for evidence rules; their weights apply once",
         key_where("for_each"));
}

void fill_metadata(RuleDraft& d, const model::Value& v, const YamlNode& root)
{
  Rule& r = d.rule;
  if (const model::Value* id = v.get("id"); id != nullptr && id->string != r.id) {
    auto& diag = fail(d, "rule-id-mismatch",
                      fmt::format("rule id '{}' does not match the file's path", id->string), id->where);
    diag.expected = fmt::format("'{}' (<category>-<name> of {}/{}.yaml)", r.id, r.category, r.name);
    diag.found = fmt::format("'{}'", id->string);
  }
  r.title = text_of(v.get("title"));
  r.rationale = text_of(v.get("rationale"));
  if (const model::Value* s = v.get("severity"))
    r.severity = parse_severity(s->string);
  if (const model::Value* src = v.get("source")) {
    r.source.path = text_of(src->get("path"));
    r.source.section = text_of(src->get("section"));
    r.source.versions = text_of(src->get("versions"));
  }
  if (const model::Value* t = v.get("threshold"))
    r.threshold = t->string == "documented"   ? Threshold::documented
                  : t->string == "assumption" ? Threshold::assumption
                                              : Threshold::none;
  if (const model::Value* s = v.get("section"))
    for (auto section : {Section::topology, Section::failover, Section::backups, Section::monitoring})
      if (to_string(section) == s->string)
        r.section = section;
  diag::Location kind_where;
  if (const model::Value* k = v.get("kind"))
    kind_where = k->where;
  check_kind_fields(d, root, kind_where);
  if (const model::Value* req = v.get("requires"))
    check_requires(d, *req);
  if (const model::Value* fe = v.get("for_each"))
    check_for_each(d, *fe);
  if (const model::Value* eff = v.get("effect"))
    check_effects(d, *eff);
}

std::optional<RuleKind> parse_kind(std::string_view text)
{
  for (auto k : {RuleKind::finding, RuleKind::evidence, RuleKind::implication})
    if (to_string(k) == text)
      return k;
  return std::nullopt;
}

// How the expressions of one rule are compiled.
struct CompileSetup
{
  const expr::TypeEnv* env = nullptr;
  std::map<std::string, std::string> variable_paths; // the `for_each` variable -> its list's path
};

std::optional<Expression> compile_layout(const ScalarLayout& layout, std::string display,
                                         const CompileSetup& setup, diag::DiagnosticBag& bag,
                                         expr::Expect expect = expr::Expect::any)
{
  expr::CompileOptions options;
  options.continuation_column = layout.continuation_column;
  options.expect = expect;
  options.variable_paths = setup.variable_paths;
  options.non_fact_roots = {}; // the engine sorts `params.*` and `topology` out itself
  auto program = expr::compile(layout.text, layout.base, *setup.env, bag, options);
  if (!program)
    return std::nullopt;
  return Expression{std::move(display), std::move(*program)};
}

std::optional<Expression> compile_scalar(const YamlNode& node, const SourceLines& lines,
                                         const CompileSetup& setup, diag::DiagnosticBag& bag,
                                         expr::Expect expect = expr::Expect::any)
{
  return compile_layout(scalar_layout(node, lines), node.text, setup, bag, expect);
}

// Compiles the template `node` (the value of `key`: `message` or `remediation`) into `out`.
bool compile_template(MessageTemplate& out, const std::string& key, const YamlNode& node,
                      const SourceLines& lines, const CompileSetup& setup, diag::DiagnosticBag& bag)
{
  std::vector<TemplatePart> parts;
  bool ok = lay_out_template(node, key, lines, parts, bag);
  out.text = node.text;
  for (auto& p : parts) {
    MessageTemplate::Part part;
    part.literal = std::move(p.literal);
    if (p.expression) {
      if (auto e = compile_layout(*p.expression, std::move(p.display), setup, bag))
        part.expression = std::move(*e);
      else
        ok = false;
    }
    out.part_list.push_back(std::move(part));
  }
  return ok;
}

enum class PathUse { condition, display };

// Sorts the paths `program` reads into the rule's facts (from the condition only),
// parameters and topology use. Paths through the `for_each` variable arrive as its list's path; without
// one (a computed list) they stay rooted at the variable and are left out.
void add_paths(Rule& rule, const expr::Program& program, PathUse use)
{
  for (const auto& path : program.fact_paths()) {
    if (path == "topology" || path.starts_with("topology.")) {
      rule.uses_topology = true;
    } else if (path.starts_with("params.")) {
      rule.used_params.push_back(path.substr(7));
    } else if (rule.for_each && (path == rule.for_each->var || path.starts_with(rule.for_each->var + "."))) {
      continue;
    } else if (use == PathUse::condition) {
      rule.fact_paths.push_back(path);
    }
  }
}

void sort_unique(std::vector<std::string>& v)
{
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

// Dotted identifiers: `failover.max_dns_ttl_seconds`.
bool is_dotted_identifier(std::string_view s)
{
  std::size_t start = 0;
  while (true) {
    const auto dot = s.find('.', start);
    if (!is_identifier(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos)
      return true;
    start = dot + 1;
  }
}

const loader::YamlNode* find_entry(const loader::YamlNode& map, std::string_view key,
                                   const loader::YamlNode** key_node)
{
  if (map.kind != loader::YamlNode::Kind::mapping)
    return nullptr;
  for (const auto& [k, v] : map.entries)
    if (k.kind == loader::YamlNode::Kind::scalar && k.text == key) {
      if (key_node != nullptr)
        *key_node = &k;
      return &v;
    }
  return nullptr;
}

// `map` without the entry `key`.
loader::YamlNode without(const loader::YamlNode& map, std::string_view key)
{
  loader::YamlNode copy = map;
  std::erase_if(copy.entries, [&](const auto& e) {
    return e.first.kind == loader::YamlNode::Kind::scalar && e.first.text == key;
  });
  return copy;
}

std::string describe_node(const loader::YamlNode& node)
{
  switch (node.kind) {
  case loader::YamlNode::Kind::null:
    return "null";
  case loader::YamlNode::Kind::scalar:
    return fmt::format("'{}'", node.text);
  case loader::YamlNode::Kind::sequence:
    return "a list";
  case loader::YamlNode::Kind::mapping:
    return "a mapping";
  }
  return "a value";
}

std::string text_of(const model::Value* v)
{
  return v != nullptr && v->kind == model::Value::Kind::string ? v->string : std::string();
}

std::optional<RulePath> parse_rule_path(std::string_view relative, std::string& problem,
                                        std::string& suggestion, bool house_categories)
{
  const auto slash = relative.find('/');
  if (slash == std::string_view::npos || relative.find('/', slash + 1) != std::string_view::npos) {
    problem = "rule files must be laid out as <category>/<name>.yaml";
    return std::nullopt;
  }
  RulePath p;
  p.category = std::string(relative.substr(0, slash));
  std::string_view file = relative.substr(slash + 1);
  if (file.ends_with(".test.yaml")) {
    p.fixture = true;
    file.remove_suffix(10);
  } else if (file.ends_with(".yaml")) {
    file.remove_suffix(5);
  } else {
    problem = "rule and fixture files must end in .yaml";
    return std::nullopt;
  }
  p.name = std::string(file);
  const auto& categories = rule_categories();
  if (std::find(categories.begin(), categories.end(), p.category) == categories.end()) {
    suggestion = diag::closest_match(p.category, categories);
    if (!house_categories || !suggestion.empty() || !is_kebab(p.category)) {
      problem =
          house_categories && suggestion.empty()
              ? fmt::format("house rule category '{}' is not kebab-case (lower-case letters, digits and '-')",
                            p.category)
              : fmt::format("unknown rule category '{}'", p.category);
      return std::nullopt;
    }
  }
  if (!is_kebab(p.name)) {
    problem = fmt::format("rule name '{}' is not kebab-case (lower-case letters, digits and '-')", p.name);
    return std::nullopt;
  }
  return p;
}

RuleDraft read_rule_file(const RuleFileText& file, const RulePath& path)
{
  RuleDraft d;
  d.source = &file;
  d.rule.file = file.file;
  d.rule.text_hash = fnv1a64(file.text);
  d.rule.origin = file.origin;
  d.rule.category = path.category;
  d.rule.name = path.name;
  d.rule.id = path.id();

  auto documents = loader::parse_yaml(file.file, file.text, d.bag, loader::Documents::exactly_one);
  if (!documents || documents->empty()) {
    d.valid = false;
    return d;
  }
  const YamlNode& root = documents->front();
  const YamlNode* params = find_entry(root, "params");
  const YamlNode body = root.kind == YamlNode::Kind::mapping ? without(root, "params") : root;
  const auto value = loader::convert(body, rule_schema().root, "", d.bag);
  if (!value)
    d.valid = false;

  // The expressions are compiled later, also when other fields have problems, so that
  // one run reports everything.
  d.when = scalar_entry(root, "when");
  d.point_at = scalar_entry(root, "point_at");
  d.message = scalar_entry(root, "message");
  d.remediation = scalar_entry(root, "remediation");
  if (const YamlNode* fe = find_entry(root, "for_each"))
    d.for_each_in = scalar_entry(*fe, "in");
  if (auto kind = scalar_entry(root, "kind"))
    d.rule.kind = parse_kind(kind->text).value_or(RuleKind::finding);

  if (value)
    fill_metadata(d, *value, root);
  if (params != nullptr)
    if (!read_params(*params, d.rule.params, d.bag))
      d.valid = false;
  return d;
}

void compile_rule(RuleDraft& d, const expr::TypeEnv& types)
{
  if (d.source == nullptr)
    return;
  const SourceLines lines(d.source->text);
  expr::TypeEnv env = types;
  CompileSetup setup{&env, {}};
  diag::DiagnosticBag bag;
  Rule& r = d.rule;
  bool ok = true;

  if (d.for_each_in) {
    auto in = compile_scalar(*d.for_each_in, lines, setup, bag);
    if (!in) {
      ok = false;
    } else {
      expr::TypePtr element = expr::Type::dyn();
      const expr::Type& type = *in->program.type();
      if (type.kind == expr::Type::Kind::list && type.element) {
        element = type.element;
      } else if (type.kind != expr::Type::Kind::dyn) {
        auto& diag =
            bag.error("rule-for-each-not-list",
                      fmt::format("'for_each.in' must give a list; it has type {}", expr::to_string(type)),
                      in->program.where());
        diag.key_path = "for_each.in";
        ok = false;
      }
      if (r.for_each) {
        env[r.for_each->var] = element;
        if (!r.for_each->in_path.empty())
          setup.variable_paths[r.for_each->var] = r.for_each->in_path;
        r.for_each->in = std::move(*in);
      }
    }
  }
  if (d.when) {
    if (auto when = compile_scalar(*d.when, lines, setup, bag, expr::Expect::boolean))
      r.when = std::move(*when);
    else
      ok = false;
  }
  if (d.point_at) {
    if (auto at = compile_scalar(*d.point_at, lines, setup, bag))
      r.point_at = std::move(*at);
    else
      ok = false;
  }
  if (d.message && !compile_template(r.message, "message", *d.message, lines, setup, bag))
    ok = false;
  if (d.remediation && !compile_template(r.remediation, "remediation", *d.remediation, lines, setup, bag))
    ok = false;

  for (const auto& diagnostic : bag.all()) {
    diag::Diagnostic copy = diagnostic;
    if (r.kind == RuleKind::evidence && copy.code == "expr-unknown-variable" &&
        copy.message.find("'topology'") != std::string::npos)
      copy.notes.push_back("evidence rules are evaluated before a topology is chosen, so they cannot use "
                           "'topology'");
    d.bag.add(std::move(copy));
  }
  if (!ok || bag.has_errors()) {
    d.valid = false;
    return;
  }

  if (r.for_each)
    add_paths(r, r.for_each->in.program, PathUse::condition);
  add_paths(r, r.when.program, PathUse::condition);
  if (r.point_at)
    add_paths(r, r.point_at->program, PathUse::display);
  for (const MessageTemplate* t : {&r.message, &r.remediation})
    for (const auto& part : t->parts())
      if (part.expression)
        add_paths(r, part.expression->program, PathUse::display);
  sort_unique(r.fact_paths);
  sort_unique(r.used_params);
}

} // namespace ghes_topology::engine
