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

TEST_CASE("diag: closest_match applies its three rules in order", "[diag][suggest]")
{
  // 1. a typo within the distance, the earlier candidate on a tie
  CHECK(closest_match("latncy_ms", {"latency_ms", "latency_mz"}) == "latency_ms");
  // 2. the only candidate containing the word; two such candidates give none
  CHECK(closest_match("replica", {"max_replica_latency_ms", "total"}) == "max_replica_latency_ms");
  CHECK(closest_match("lica", {"replica_a", "replica_b"}).empty());
  // 3. a typo once the unit suffix is left out on both sides
  CHECK(closest_match("dns_tll", {"dns_ttl_seconds"}) == "dns_ttl_seconds");
  CHECK(closest_match("interval_seconds", {"interval_minutes"}) == "interval_minutes");
  CHECK(closest_match("latncy", {"name", "latency_ms"}) == "latency_ms");
  CHECK(closest_match("memory_gbs", {"memory_gb"}) == "memory_gb");
  // no unit suffix to leave out: a name's other last part is not a unit
  CHECK(closest_match("geodsn", {"geodns_available"}).empty());
  CHECK(closest_match("", {"a"}).empty());
}

TEST_CASE("diag: a column past the line's end is clamped to just after it", "[diag]")
{
  SourceMap sources;
  sources.add("r.yaml", "id: x\nwhen: a > 1\n");
  Diagnostic d;
  d.code = "expr-syntax";
  d.message = "m";
  d.where = span("r.yaml", 2, 907, 3);
  CHECK(render(d, sources) == "r.yaml:2:907: error: m [expr-syntax]\n"
                              " 2 | when: a > 1\n"
                              "   |            ^\n");
  d.where = span("r.yaml", 2, 7, 900); // a range running past the end is cut at it
  CHECK(render(d, sources) == "r.yaml:2:7: error: m [expr-syntax]\n"
                              " 2 | when: a > 1\n"
                              "   |       ^~~~~\n");
  d.where = point("r.yaml", 2, -4); // before the start: column 1
  CHECK(render(d, sources) == "r.yaml:2:-4: error: m [expr-syntax]\n"
                              " 2 | when: a > 1\n"
                              "   | ^\n");
}

TEST_CASE("diag: a column past the end of a long line is clamped inside its window", "[diag]")
{
  SourceMap sources;
  sources.add("r.yaml", "when: " + std::string(192, 'a') + "\n");
  Diagnostic d;
  d.code = "x";
  d.message = "m";
  d.where = span("r.yaml", 1, 908, 2);
  CHECK(render(d, sources) == "r.yaml:1:908: error: m [x]\n"
                              " 1 | ..." +
                                  std::string(60, 'a') +
                                  "\n"
                                  "   | " +
                                  std::string(63, ' ') + "^\n");
}

TEST_CASE("diag: a line past the file's end, an empty source or an empty line renders without throwing",
          "[diag]")
{
  SourceMap sources;
  sources.add("r.yaml", "id: x\n");
  sources.add("empty.yaml", "");
  Diagnostic d;
  d.code = "x";
  d.message = "m";
  d.where = point("r.yaml", 40, 3);
  CHECK(render(d, sources) == "r.yaml:40:3: error: m [x]\n");
  d.where = point("empty.yaml", 1, 5);
  CHECK(render(d, sources) == "empty.yaml:1:5: error: m [x]\n"
                              " 1 | \n"
                              "   | ^\n");
  d.where = span("r.yaml", 2, 9, 4); // the empty line after the final line break
  CHECK(render(d, sources) == "r.yaml:2:9: error: m [x]\n"
                              " 2 | \n"
                              "   | ^\n");
}

TEST_CASE("diag: a borrowed source text quotes like a copied one, and either replaces the other", "[diag]")
{
  static constexpr std::string_view k_text = "a: 1\r\nb: 2\n";
  SourceMap sources;
  sources.add_borrowed("b.yaml", k_text);
  CHECK(sources.contains("b.yaml"));
  CHECK(sources.line("b.yaml", 1) == "a: 1");
  CHECK(sources.line("b.yaml", 2) == "b: 2");
  CHECK_FALSE(sources.line("b.yaml", 4));
  sources.add("b.yaml", "c: 3\n");
  CHECK(sources.line("b.yaml", 1) == "c: 3");
  sources.add_borrowed("b.yaml", k_text);
  CHECK(sources.line("b.yaml", 2) == "b: 2");
  const SourceMap copy = sources;
  CHECK(copy.line("b.yaml", 1) == "a: 1");
}

namespace {

std::optional<std::string_view> resolve_r(std::string_view name)
{
  if (name == "r/a.yaml")
    return std::string_view("first: 1\nsecond: 2\n");
  return std::nullopt;
}

std::optional<std::string_view> resolve_other(std::string_view name)
{
  if (name == "r/a.yaml" || name == "r/b.yaml")
    return std::string_view("other\n");
  return std::nullopt;
}

} // namespace

TEST_CASE("diag: a resolver's texts quote like registered ones, which come first", "[diag]")
{
  SourceMap sources;
  CHECK_FALSE(sources.contains("r/a.yaml"));
  sources.add_resolver(&resolve_r);
  sources.add_resolver(&resolve_other);
  sources.add_resolver(&resolve_r); // already there: changes nothing
  CHECK(sources.contains("r/a.yaml"));
  CHECK(sources.line("r/a.yaml", 2) == "second: 2"); // the first resolver that finds it
  CHECK(sources.line("r/b.yaml", 1) == "other");
  CHECK_FALSE(sources.contains("r/c.yaml"));
  CHECK_FALSE(sources.line("r/c.yaml", 1));
  CHECK_FALSE(sources.line("r/a.yaml", 4));

  Diagnostic d;
  d.code = "x";
  d.message = "m";
  d.where = point("r/a.yaml", 1, 1);
  CHECK(render(d, sources) == "r/a.yaml:1:1: error: m [x]\n"
                              " 1 | first: 1\n"
                              "   | ^\n");

  sources.add("r/a.yaml", "mine\n"); // a registered text replaces what a resolver finds
  CHECK(sources.line("r/a.yaml", 1) == "mine");
  const SourceMap copy = sources;
  CHECK(copy.line("r/b.yaml", 1) == "other");
}
