// SPDX-License-Identifier: Apache-2.0
// `describe_run`: what is in force for a run, and the parts only some formats read.
#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology;

TEST_CASE("advice: describe_run lists every rule and the catalog digest unless told to leave them out",
          "[advice]")
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto catalog = engine::load_catalog(engine::CatalogOptions{}, bag, sources);
  REQUIRE(catalog);
  advice::Options options;
  options.command = advice::Command::check;
  options.today = "2026-06-01";

  const advice::RunInfo full = advice::describe_run(*catalog, options);
  REQUIRE(full.rules.size() == catalog->rules.size());
  for (std::size_t i = 0; i < full.rules.size(); ++i) {
    CHECK(full.rules[i].id == catalog->rules[i].id);
    CHECK(full.rules[i].title == catalog->rules[i].title);
  }
  CHECK(full.catalog_digest == engine::catalog_digest(*catalog));
  CHECK(full.catalog_digest.rfind("fnv1a64:", 0) == 0);

  options.rule_list = false;
  options.catalog_digest = false;
  const advice::RunInfo lean = advice::describe_run(*catalog, options);
  CHECK(lean.rules.empty());
  CHECK(lean.catalog_digest.empty());
  // The rest is the same.
  CHECK(lean.command == full.command);
  CHECK(lean.today == full.today);
  CHECK(lean.tool_version == full.tool_version);
  CHECK(lean.fail_on == full.fail_on);
  CHECK(lean.param_overrides.size() == full.param_overrides.size());
}
