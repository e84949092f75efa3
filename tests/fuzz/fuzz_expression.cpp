// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the expression language: lex, parse, check against the rule types,
// then evaluate against a fixed environment.
#include "fuzz_support.hpp"

#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/engine/expression_env.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/expr/program.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace ghes_topology;
  static const expr::TypeEnv types = engine::rule_types({}, engine::RuleKind::finding);
  static const expr::Bindings bindings = [] {
    expr::Bindings b = engine::environment_bindings(fuzz::fixed_environment());
    b["params"] = engine::params_value({});
    b["topology"] = engine::topology_value(engine::Topology::ha);
    return b;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  diag::DiagnosticBag bag;
  auto program = expr::compile(text, diag::Location{"<fuzz>", 1, 1, 1, 1}, types, bag);
  diag::SourceMap sources;
  sources.add("<fuzz>", text);
  (void)diag::render_all(bag, sources, diag::Color::no);
  if (!program)
    return 0;
  const expr::Result result = expr::evaluate(*program, bindings);
  (void)engine::display_text(result.value);
  return 0;
}
