// SPDX-License-Identifier: Apache-2.0
// docs/limits.md must state the numbers the code uses.
#include "engine/message_template_internal.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/text.hpp"
#include "ghes_topology/expr/limits.hpp"
#include "ghes_topology/expr/parser.hpp"
#include "ghes_topology/expr/program.hpp"
#include "ghes_topology/loader/limits.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace ghes_topology;

namespace {

// The row of docs/limits.md whose Constant column names `constant`.
std::string row_for(const std::string& constant)
{
  std::ifstream in(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/docs/limits.md");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("| ", 0) == 0 && line.find("`" + constant + "`") != std::string::npos)
      return line;
  return "";
}

// The Value column (the second cell) of `row`.
std::string value_cell(const std::string& row)
{
  const auto first = row.find('|', 1);
  const auto second = row.find('|', first + 1);
  return first == std::string::npos || second == std::string::npos
             ? ""
             : row.substr(first + 1, second - first - 1);
}

void check_value(const std::string& constant, std::size_t value)
{
  INFO(constant);
  const std::string row = row_for(constant);
  REQUIRE_FALSE(row.empty());
  CHECK(value_cell(row).find(" " + std::to_string(value) + " ") != std::string::npos);
}

} // namespace

TEST_CASE("docs: limits.md matches the code's constants", "[docs]")
{
  const loader::Limits limits;
  check_value("loader::Limits::max_bytes", limits.max_bytes);
  check_value("loader::Limits::max_depth", static_cast<std::size_t>(limits.max_depth));
  check_value("loader::Limits::max_nodes", limits.max_nodes);
  const expr::CompileOptions compile;
  check_value("expr::CompileOptions::max_length", compile.max_length);
  check_value("expr::CompileOptions::max_depth", static_cast<std::size_t>(compile.max_depth));
  CHECK(value_cell(row_for("expr::k_max_depth_limit")).find(std::to_string(expr::k_max_depth_limit)) !=
        std::string::npos);
  check_value("expr::EvalOptions::max_steps", expr::EvalOptions{}.max_steps);
  check_value("expr::k_max_string_bytes", expr::k_max_string_bytes);
  check_value("expr::k_max_list_items", expr::k_max_list_items);
  check_value("expr::k_max_built_bytes", expr::k_max_built_bytes);
  check_value("engine::k_max_placeholders", engine::k_max_placeholders);
  check_value("diag::DiagnosticBag::k_default_cap", diag::DiagnosticBag::k_default_cap);
  check_value("diag::k_max_shown_word", diag::k_max_shown_word);
}
