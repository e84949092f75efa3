// SPDX-License-Identifier: Apache-2.0
// The compiled catalog (engine/catalog_image): the image embedded at build time equals the
// catalog the run-time path builds from the same rule files, and a damaged image is refused.
#include "engine/catalog_image.hpp"
#include "engine_test_support.hpp"
#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/engine/embedded_rules.hpp"
#include "ghes_topology/engine/fixtures.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

using namespace ghes_topology;
using namespace ghes_topology::engine;
using namespace ghes_topology::engine::testing;

namespace {

Catalog runtime_builtin_catalog()
{
  const Loaded loaded = load(builtin_rule_files());
  INFO(loaded.diagnostics);
  REQUIRE(loaded.catalog);
  REQUIRE(loaded.diagnostics.empty());
  return *loaded.catalog;
}

// The evaluation annotations of `node` and its descendants, in pre-order: the fact path's id,
// the length of its chain, and whether the node has a value (a literal's).
std::string annotations(const expr::Node& node)
{
  std::string out = std::to_string(node.fact) + "/" + std::to_string(node.fact_depth) + "/" +
                    (node.value ? "v" : "-") + " ";
  for (const auto& child : node.children)
    out += annotations(*child);
  return out;
}

// The parts of an expression that evaluation and `rules show` read.
std::string describe(const Expression& e)
{
  const expr::Node* tree = e.program.tree();
  return e.text + " | " + (tree != nullptr ? expr::to_string(*tree) + " | " + annotations(*tree) : "-") +
         " | " + (e.program.result_type ? expr::to_string(*e.program.result_type) : "-") + " | " +
         e.program.where().to_string() + " | " + std::to_string(e.program.slots);
}

// Every expression of `rule`, in a fixed order.
std::vector<const Expression*> expressions_of(const Rule& rule)
{
  std::vector<const Expression*> out;
  if (rule.for_each)
    out.push_back(&rule.for_each->in);
  out.push_back(&rule.when);
  if (rule.point_at)
    out.push_back(&*rule.point_at);
  for (const MessageTemplate* m : {&rule.message, &rule.remediation})
    for (const auto& part : m->parts())
      if (part.expression)
        out.push_back(&*part.expression);
  return out;
}

// Every member of `v`, recursively, locations included.
std::string dump(const model::Value& v)
{
  std::string out = fmt::format("{{{} {} {} {} '{}' @{}-{}:{} key@{}", static_cast<int>(v.kind), v.boolean,
                                v.integer, v.decimal, v.string, v.where.to_string(), v.where.end_line,
                                v.where.end_column, v.key_where.to_string());
  for (const auto& item : v.items)
    out += " " + dump(item);
  for (const auto& [key, field] : v.fields)
    out += " " + key + "=" + dump(field);
  return out + "}";
}

void compare_evaluations(const Catalog& runtime, const Catalog& compiled,
                         const model::Environment& environment)
{
  for (const auto topology : {Topology::standalone, Topology::ha, Topology::cluster}) {
    const Evaluation a = evaluate(runtime, environment, topology);
    const Evaluation b = evaluate(compiled, environment, topology);
    REQUIRE(a.outcomes.size() == b.outcomes.size());
    for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
      INFO(a.outcomes[i].rule->id);
      CHECK(b.outcomes[i].status == a.outcomes[i].status);
      CHECK(b.outcomes[i].missing == a.outcomes[i].missing);
      REQUIRE(b.outcomes[i].occurrences.size() == a.outcomes[i].occurrences.size());
      for (std::size_t k = 0; k < a.outcomes[i].occurrences.size(); ++k) {
        CHECK(b.outcomes[i].occurrences[k].message == a.outcomes[i].occurrences[k].message);
        CHECK(b.outcomes[i].occurrences[k].where == a.outcomes[i].occurrences[k].where);
      }
    }
  }
}

} // namespace

TEST_CASE("engine: the embedded compiled catalog equals the run-time-loaded built-in rules",
          "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  CHECK(write_image(runtime) == builtin_catalog_image());

  const auto compiled = read_image(builtin_catalog_image());
  REQUIRE(compiled);
  CHECK(write_image(*compiled) == builtin_catalog_image());
  REQUIRE(compiled->rules.size() == runtime.rules.size());
  for (std::size_t i = 0; i < runtime.rules.size(); ++i) {
    const Rule& a = runtime.rules[i];
    const Rule& b = compiled->rules[i];
    INFO(a.id);
    CHECK(b.message.deferred == nullptr); // read whole (`ImageTrees::decoded`, the default)
    CHECK(b.id == a.id);
    CHECK(b.file == a.file);
    CHECK(describe(b.when) == describe(a.when));
    CHECK(b.fact_paths == a.fact_paths);
    CHECK(b.message.parts().size() == a.message.parts().size());
  }
  CHECK(compiled->types.size() == runtime.types.size());
  CHECK(compiled->parameters.size() == runtime.parameters.size());
  CHECK(compiled->fixtures.size() == runtime.fixtures.size());
}

TEST_CASE("engine: deferred trees of the compiled catalog decode to the run-time-compiled trees",
          "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  const auto deferred = read_image(builtin_catalog_image(), ImageTrees::deferred);
  REQUIRE(deferred);
  REQUIRE(deferred->rules.size() == runtime.rules.size());
  std::size_t trees = 0;
  for (std::size_t i = 0; i < runtime.rules.size(); ++i) {
    INFO(runtime.rules[i].id);
    // Message parts too are left encoded by the read, and decoded by the first read.
    const MessageTemplate& message = deferred->rules[i].message;
    CHECK(message.deferred != nullptr);
    CHECK(message.part_list.empty());
    const auto a = expressions_of(runtime.rules[i]);
    const auto b = expressions_of(deferred->rules[i]);
    CHECK(message.deferred == nullptr);
    CHECK(message.parts().size() == runtime.rules[i].message.parts().size());
    REQUIRE(b.size() == a.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      // Left encoded by the read, decoded by the first use.
      CHECK(b[k]->program.root == nullptr);
      CHECK(b[k]->program.deferred != nullptr);
      CHECK(describe(*b[k]) == describe(*a[k]));
      CHECK(b[k]->program.root != nullptr);
      ++trees;
    }
  }
  CHECK(trees > 400); // every rule's condition, messages, remediations, point_at and for_each
  // Written again, the decoded catalog is the same image.
  CHECK(write_image(*deferred) == builtin_catalog_image());
}

TEST_CASE("engine: the compiled catalog's trees flatten straight to the run-time trees' records",
          "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  const auto deferred = read_image(builtin_catalog_image(), ImageTrees::deferred);
  REQUIRE(deferred);
  REQUIRE(deferred->rules.size() == runtime.rules.size());
  std::size_t records = 0;
  for (std::size_t i = 0; i < runtime.rules.size(); ++i) {
    INFO(runtime.rules[i].id);
    const auto a = expressions_of(runtime.rules[i]);
    const auto b = expressions_of(deferred->rules[i]);
    REQUIRE(b.size() == a.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      INFO(a[k]->text);
      REQUIRE(a[k]->program.tree() != nullptr);
      const auto expected = expr::flatten(a[k]->program.root);
      REQUIRE(b[k]->program.deferred != nullptr);
      const auto flat = b[k]->program.deferred->flatten();
      REQUIRE(flat != nullptr);
      CHECK(b[k]->program.root == nullptr); // made without decoding the tree
      CHECK(expr::to_string(*flat) == expr::to_string(*expected));
      REQUIRE(flat->nodes.size() == expected->nodes.size());
      for (std::size_t n = 0; n < flat->nodes.size(); ++n)
        CHECK(flat->nodes[n].fact ==
              expected->nodes[n].fact); // the process's ids, which to_string leaves out
      records += flat->nodes.size();
    }
  }
  CHECK(records > 5000);
}

TEST_CASE("engine: load_catalog of the built-in rules evaluates like the run-time path", "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto compiled = load_catalog(CatalogOptions{}, bag, sources);
  REQUIRE(compiled);
  CHECK(bag.empty());
  CHECK(sources.line("rules/failover/ha-dns-ttl.yaml", 1) == "id: failover-ha-dns-ttl");

  for (const char* example : {"flawed-plan", "strict-dr", "three-continents", "exhausted-top-size"}) {
    INFO(example);
    std::ifstream in(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/examples/" + example + ".yaml");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(text.empty());
    compare_evaluations(runtime, *compiled, environment(text, example));
  }
}

TEST_CASE("engine: an evaluation error in a compiled tree names the rule file, as at run time",
          "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  const auto deferred = read_image(builtin_catalog_image(), ImageTrees::deferred);
  REQUIRE(deferred);
  const Rule* a = runtime.find("failover-ha-dns-ttl");
  const Rule* b = deferred->find("failover-ha-dns-ttl");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  // A TTL that is a string: comparing it with the parameter fails where the comparison is.
  expr::Bindings bindings;
  bindings["topology"] = expr::Value::string("ha");
  bindings["plan"] = expr::Value::map({});
  bindings["network"] =
      expr::Value::map({{"load_balancer", expr::Value::map({{"present", expr::Value::boolean(false)}})},
                        {"dns_ttl_seconds", expr::Value::string("an hour")}});
  bindings["params"] = expr::Value::map(
      {{"failover", expr::Value::map({{"max_dns_ttl_seconds", expr::Value::integer(300)}})}});
  const auto x = expr::evaluate(a->when.program, bindings);
  const auto y = expr::evaluate(b->when.program, bindings);
  REQUIRE(x.error);
  REQUIRE(y.error);
  CHECK(y.error->code == x.error->code);
  CHECK(y.error->message == x.error->message);
  CHECK(x.error->where.to_string() == "rules/failover/ha-dns-ttl.yaml:8:6");
  CHECK(y.error->where == x.error->where);
  // The compiled tree's nodes leave the file out (no copy per node); the error has it back.
  REQUIRE(b->when.program.tree() != nullptr);
  CHECK(b->when.program.tree()->where.file.empty());
  CHECK(b->when.program.where().file == "rules/failover/ha-dns-ttl.yaml");
}

TEST_CASE("engine: the compiled catalog's fixture documents are what the loader gives", "[engine][image]")
{
  const auto deferred = read_image(builtin_catalog_image(), ImageTrees::deferred);
  REQUIRE(deferred);
  REQUIRE_FALSE(deferred->fixtures.empty());
  std::size_t documents = 0;
  for (const auto& fixture : deferred->fixtures) {
    INFO(fixture.file);
    REQUIRE(fixture.preloaded != nullptr);
    diag::DiagnosticBag markers;
    const auto docs = split_fixture(fixture, markers);
    REQUIRE(fixture.preloaded->size() == docs.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      diag::DiagnosticBag bag;
      const auto loaded = loader::load_document(fixture.file, docs[i].text, docs[i].first_line, bag);
      const auto preloaded = fixture.preloaded->document(i);
      REQUIRE(preloaded.has_value() == loaded.has_value());
      if (loaded) {
        CHECK(preloaded->source == loaded->source);
        CHECK(dump(preloaded->root) == dump(loaded->root));
      }
      ++documents;
    }
    CHECK_FALSE(fixture.preloaded->document(docs.size()));
  }
  CHECK(documents > 300);

  // The run-time path loads fixtures when `rules test` runs them.
  for (const auto& fixture : runtime_builtin_catalog().fixtures)
    CHECK(fixture.preloaded == nullptr);
}

TEST_CASE("engine: --param applies to the compiled catalog with the run-time diagnostics", "[engine][image]")
{
  CatalogOptions options;
  options.param_assignments = {"failover.max_dns_ttl_seconds=60", "failover.max_dns_tll_seconds=1"};
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  CHECK_FALSE(load_catalog(options, bag, sources));
  const std::string compiled = diag::render_all(bag, sources);
  CHECK(compiled == "error: unknown parameter 'failover.max_dns_tll_seconds' in --param "
                    "failover.max_dns_tll_seconds=1 [param-unknown]\n"
                    "     = help: did you mean 'failover.max_dns_ttl_seconds'?\n");
  CHECK(load(builtin_rule_files(), options.param_assignments).diagnostics == compiled);

  options.param_assignments = {"failover.max_dns_ttl_seconds=60"};
  diag::DiagnosticBag ok_bag;
  const auto catalog = load_catalog(options, ok_bag, sources);
  REQUIRE(catalog);
  CHECK(ok_bag.empty());
  const Parameter* p = catalog->parameter("failover.max_dns_ttl_seconds");
  REQUIRE(p != nullptr);
  CHECK(p->value().to_string() == "60");
  CHECK(p->override_text == "60");
}

TEST_CASE("engine: message parts that cannot be decoded are an internal error, not an empty message",
          "[engine][image]")
{
  struct Damaged final : MessageTemplate::PartsSource
  {
    [[nodiscard]] std::optional<std::vector<MessageTemplate::Part>> decode() const override
    {
      return std::nullopt;
    }
  };
  MessageTemplate message;
  message.text = "DNS TTL is {network.dns_ttl_seconds} s.";
  message.deferred = std::make_shared<Damaged>();
  CHECK_THROWS_MATCHES(message.parts(), Fatal,
                       Catch::Message("the compiled rule catalog is damaged: cannot read the parts of the "
                                      "message \"DNS TTL is {network.dns_ttl_seconds} s.\""));
}

TEST_CASE("engine: a damaged or foreign catalog image is refused", "[engine][image]")
{
  const std::string image(builtin_catalog_image());
  CHECK_FALSE(read_image(""));
  CHECK_FALSE(read_image("not an image"));
  CHECK_FALSE(read_image(std::string_view(image).substr(0, image.size() - 1)));
  CHECK_FALSE(read_image(std::string_view(image).substr(0, image.size() / 2)));
  CHECK_FALSE(read_image(image + "x"));
  std::string other_version = image;
  other_version[7] = static_cast<char>(other_version[7] + 1); // the version, after "GHESCAT"
  CHECK_FALSE(read_image(other_version));

  const Catalog empty;
  const auto round_trip = read_image(write_image(empty));
  REQUIRE(round_trip);
  CHECK(round_trip->rules.empty());
  CHECK(write_image(*round_trip) == write_image(empty));
}

TEST_CASE("engine: a compiled catalog read without its fixtures has everything else", "[engine][image]")
{
  const auto all = read_image(builtin_catalog_image(), ImageTrees::deferred);
  const auto lean = read_image(builtin_catalog_image(), ImageTrees::deferred, Fixtures::skip);
  REQUIRE(all);
  REQUIRE(lean);
  CHECK_FALSE(all->fixtures.empty());
  CHECK(lean->fixtures.empty());
  Catalog without = *all;
  without.fixtures.clear();
  CHECK(write_image(*lean) == write_image(without));

  const std::string image(builtin_catalog_image());
  CHECK_FALSE(
      read_image(std::string_view(image).substr(0, image.size() - 1), ImageTrees::deferred, Fixtures::skip));
  CHECK_FALSE(read_image(image + "x", ImageTrees::deferred, Fixtures::skip));

  // `check` and `recommend` ask for none; the other commands get them.
  CatalogOptions options;
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto loaded = load_catalog(options, bag, sources);
  REQUIRE(loaded);
  CHECK(loaded->fixtures.size() == all->fixtures.size());
  options.fixtures = Fixtures::skip;
  const auto skipped = load_catalog(options, bag, sources);
  REQUIRE(skipped);
  CHECK(skipped->fixtures.empty());
  CHECK(skipped->rules.size() == loaded->rules.size());
  CHECK(bag.empty());
}

TEST_CASE("engine: the built-in catalog's summary is its rule count and digest", "[engine][image]")
{
  const Catalog runtime = runtime_builtin_catalog();
  const BuiltinCatalogSummary summary = builtin_catalog_summary();
  CHECK(summary.rules == runtime.rules.size());
  CHECK(summary.digest == catalog_digest(runtime));
  CHECK(summary.digest.starts_with("fnv1a64:"));
}
