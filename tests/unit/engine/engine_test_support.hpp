// SPDX-License-Identifier: Apache-2.0
// Helpers for the engine tests: in-memory rule files, catalogs and environments.
#pragma once

#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/evaluate.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ghes_topology::engine::testing {

// A built-in rule file `rules/<relative>`, or a user one `my-rules/<relative>`.
inline RuleFileText rule_file(const std::string& relative, std::string text,
                              RuleOrigin origin = RuleOrigin::builtin)
{
  const std::string root = origin == RuleOrigin::builtin ? "rules/" : "my-rules/";
  return RuleFileText{root + relative, relative, std::move(text), origin};
}

// A catalog and everything its loading printed.
struct Loaded
{
  std::optional<Catalog> catalog;
  std::string diagnostics; // rendered, without colour
};

inline Loaded load(const std::vector<RuleFileText>& files, const std::vector<std::string>& params = {})
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  Loaded out;
  out.catalog = build_catalog(files, params, bag, sources);
  out.diagnostics = diag::render_all(bag, sources);
  return out;
}

// Loads a catalog that must be valid.
inline Catalog load_ok(const std::vector<RuleFileText>& files, const std::vector<std::string>& params = {})
{
  Loaded loaded = load(files, params);
  INFO(loaded.diagnostics);
  REQUIRE(loaded.catalog);
  REQUIRE(loaded.diagnostics.empty());
  return std::move(*loaded.catalog);
}

// The rendered diagnostics of a catalog that must fail to load.
inline std::string load_errors(const std::vector<RuleFileText>& files,
                               const std::vector<std::string>& params = {})
{
  Loaded loaded = load(files, params);
  CHECK_FALSE(loaded.catalog);
  return loaded.diagnostics;
}

// An environment file that must be valid.
inline model::Environment environment(const std::string& text, const std::string& name = "env.yaml")
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  auto env = loader::load_environment(loader::SourceInput{name, text}, bag, sources);
  INFO(diag::render_all(bag, sources));
  REQUIRE(env);
  return std::move(*env);
}

} // namespace ghes_topology::engine::testing
