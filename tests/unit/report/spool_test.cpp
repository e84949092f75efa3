// SPDX-License-Identifier: Apache-2.0
// Tests for the report spool: memory while short, a temporary file after that.
#include "report/spool.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using ghes_topology::report::Spool;

TEST_CASE("report: a spool keeps short text in memory", "[report][spool]")
{
  Spool spool(8);
  spool.write("abc");
  spool.write("defgh");
  CHECK_FALSE(spool.on_disk());
  std::ostringstream out;
  spool.copy_to(out);
  CHECK(out.str() == "abcdefgh");
}

TEST_CASE("report: a spool moves long text to a temporary file and gives it back whole", "[report][spool]")
{
  Spool spool(8);
  spool.write("abcdef");
  spool.write("ghijkl"); // past the limit
  CHECK(spool.on_disk());
  spool.write(std::string(100000, 'z'));
  std::ostringstream out;
  spool.copy_to(out);
  CHECK(out.str() == "abcdefghijkl" + std::string(100000, 'z'));
}
