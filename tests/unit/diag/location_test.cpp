// SPDX-License-Identifier: Apache-2.0
// Locations and the file names they share (diag/location).
#include "ghes_topology/diag/location.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

using namespace ghes_topology::diag;

TEST_CASE("diag: equal file names are one shared copy; locations copy no name", "[diag][location]")
{
  const std::string text = "/tmp/some/rather/long/environment-file.yaml"; // past the short-string buffer
  const FileName a(text);
  const FileName b(std::string_view("/tmp/some/rather/long/environment-file.yaml"));
  const FileName c("/tmp/other.yaml");
  CHECK(&a.str() == &b.str()); // interned: one copy
  CHECK(a == b);
  CHECK_FALSE(a == c);
  CHECK(a == text);
  CHECK(a.str() == text);
  CHECK(a.size() == text.size());
  const Location l = span(a, 3, 5, 4);
  const Location copy = l; // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  CHECK(&copy.file.str() == &a.str());
  CHECK(copy.to_string() == text + ":3:5");
  CHECK(copy.end_column == 8);
}

TEST_CASE("diag: file names order and print by their text, and none is empty", "[diag][location]")
{
  const FileName none;
  CHECK(none.empty());
  CHECK(none.str().empty());
  CHECK(FileName("").empty());
  CHECK(FileName("") == none);
  CHECK_FALSE(Location{}.has_file());
  CHECK(Location{}.to_string() == "<unknown>");

  // Ordered by text, not by where the copies are: interned in the order b, a, c.
  const FileName b("b.yaml");
  const FileName a("a.yaml");
  const FileName c("c.yaml");
  std::set<Location> sorted{point(c, 1, 1), point(a, 2, 1), point(b, 1, 1), point(a, 1, 9)};
  std::string order;
  for (const Location& l : sorted)
    order += l.to_string() + " ";
  CHECK(order == "a.yaml:1:9 a.yaml:2:1 b.yaml:1:1 c.yaml:1:1 ");
  CHECK((a <=> b) == std::strong_ordering::less);
  CHECK((none <=> a) == std::strong_ordering::less);

  CHECK(fmt::format("[{}] [{:>8}]", a, b) == "[a.yaml] [  b.yaml]");
  std::ostringstream out;
  out << c;
  CHECK(out.str() == "c.yaml");
}
