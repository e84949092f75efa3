// SPDX-License-Identifier: Apache-2.0
// engine::fnv1a64 and engine::catalog_digest: the published FNV-1a test vectors, the manifest
// the digest hashes, and the same digest from the embedded image and the run-time path.
#include "engine_test_support.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>

using namespace ghes_topology;
using namespace ghes_topology::engine;
using namespace ghes_topology::engine::testing;

TEST_CASE("engine: fnv1a64 gives the published FNV-1a 64 values", "[engine][digest]")
{
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("engine: catalog_digest hashes one '<hash>  <file>' line per rule, in catalog order",
          "[engine][digest]")
{
  Catalog catalog;
  CHECK(catalog_digest(catalog) == "fnv1a64:cbf29ce484222325");
  Rule a;
  a.file = "rules/a/x.yaml";
  a.text_hash = 0xaf63dc4c8601ec8cULL;
  Rule b;
  b.file = "rules/b/y.yaml";
  b.text_hash = 0x1ULL;
  catalog.rules = {a, b};
  const std::string manifest = "af63dc4c8601ec8c  rules/a/x.yaml\n"
                               "0000000000000001  rules/b/y.yaml\n";
  CHECK(catalog_digest(catalog) == fmt::format("fnv1a64:{:016x}", fnv1a64(manifest)));
  catalog.rules = {b, a};
  CHECK(catalog_digest(catalog) != fmt::format("fnv1a64:{:016x}", fnv1a64(manifest)));
}

TEST_CASE("engine: the built-in catalog has the same digest from the image and from its files",
          "[engine][digest]")
{
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  const auto compiled = load_catalog(CatalogOptions{}, bag, sources);
  REQUIRE(compiled);
  const Loaded loaded = load(builtin_rule_files());
  REQUIRE(loaded.catalog);
  CHECK(catalog_digest(*compiled) == catalog_digest(*loaded.catalog));
  for (const auto& rule : compiled->rules) {
    INFO(rule.file);
    const auto files = builtin_rule_files();
    bool found = false;
    for (const auto& f : files)
      if (f.file == rule.file) {
        CHECK(rule.text_hash == fnv1a64(f.text));
        found = true;
      }
    CHECK(found);
  }
}
