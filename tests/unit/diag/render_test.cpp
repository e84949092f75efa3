// SPDX-License-Identifier: Apache-2.0
// Tests for diagnostic rendering.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/diag/suggest.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::diag;

TEST_CASE("diag: renders location, source line, caret and notes", "[diag]")
{
  SourceMap sources;
  sources.add("env.yaml", "version: 1\nnetwork:\n  dns_tll: 300\n");
  Diagnostic d;
  d.code = "unknown-key";
  d.message = "unknown key 'dns_tll' in 'network'";
  d.where = span("env.yaml", 3, 3, 7);
  d.key_path = "network.dns_tll";
  d.suggestion = "dns_ttl_seconds";
  CHECK(render(d, sources) == "env.yaml:3:3: error: unknown key 'dns_tll' in 'network' [unknown-key]\n"
                              " 3 |   dns_tll: 300\n"
                              "   |   ^~~~~~~\n"
                              "   = key path: network.dns_tll\n"
                              "   = help: did you mean 'dns_ttl_seconds'?\n");
}

TEST_CASE("diag: a diagnostic without a known line has no quote", "[diag]")
{
  SourceMap sources;
  Diagnostic d;
  d.code = "file-unreadable";
  d.message = "cannot open 'x.yaml': No such file or directory";
  d.where.file = "x.yaml";
  CHECK(render(d, sources) ==
        "x.yaml: error: cannot open 'x.yaml': No such file or directory [file-unreadable]\n");
}

TEST_CASE("diag: the bag caps stored diagnostics and counts the rest", "[diag]")
{
  DiagnosticBag bag(2);
  for (int i = 0; i < 5; ++i)
    bag.error("x", "m", Location{});
  CHECK(bag.all().size() == 2);
  CHECK(bag.dropped() == 3);
  CHECK(bag.error_count() == 5);
  SourceMap sources;
  CHECK(render_all(bag, sources) ==
        "error: m [x]\nerror: m [x]\nnote: 3 more problem(s) not shown (limit 2 reached)\n");
}

TEST_CASE("diag: closest_match suggests plausible typos only", "[diag]")
{
  const std::vector<std::string> keys{"dns_ttl_seconds", "geodns_available", "load_balancer"};
  CHECK(closest_match("geodns_availabel", keys) == "geodns_available");
  CHECK(closest_match("dns_ttl", keys) == "dns_ttl_seconds");
  CHECK(closest_match("zzz", keys).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
}
