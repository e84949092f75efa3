// SPDX-License-Identifier: Apache-2.0
// `-o` values: FORMAT=PATH requests and the plain path of the --format output.
#include "cli/outputs.hpp"
#include "cli/usage.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology::cli;

TEST_CASE("cli: -o values split into the plain path and FORMAT=PATH requests", "[cli][outputs]")
{
  const OutputArgs args = split_output_args({"sarif=out.sarif", "report.txt", "junit=-"});
  CHECK(args.plain == "report.txt");
  REQUIRE(args.requests.size() == 2);
  CHECK(args.requests[0].format == "sarif");
  CHECK(args.requests[0].path == "out.sarif");
  CHECK(args.requests[1].format == "junit");
  CHECK(args.requests[1].path == "-");

  // Text before `=` that is no format name: a plain path.
  CHECK(split_output_args({"x=y.json"}).plain == "x=y.json");
  CHECK(split_output_args({"./json=x"}).plain == "./json=x");
  CHECK(split_output_args({}).plain.empty());
}

TEST_CASE("cli: -o mistakes are usage errors with the whole message", "[cli][outputs]")
{
  auto message = [](const std::vector<std::string>& values) {
    try {
      split_output_args(values);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({"a.txt", "b.txt"}) ==
        "-o FILE is given twice ('a.txt' and 'b.txt'); write other formats with -o FORMAT=PATH");
  CHECK(message({"sarif="}) == "-o sarif= needs a path ('-' for standard output)");
  CHECK(message({"sarif=x", "junit=x"}) == "-o names 'x' twice: give each output its own path");
  CHECK(message({"out.json", "sarif=out.json"}) ==
        "-o names 'out.json' twice: give each output its own path");
}
