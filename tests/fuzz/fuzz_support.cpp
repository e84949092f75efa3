// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the libFuzzer targets.
#include "fuzz_support.hpp"

#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/loader/source_reader.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <cstdlib>
#include <sstream>

namespace ghes_topology::fuzz {

const engine::Catalog& builtin_catalog()
{
  static const engine::Catalog catalog = [] {
    diag::DiagnosticBag bag;
    diag::SourceMap sources;
    auto built = engine::build_catalog(engine::builtin_rule_files(), {}, bag, sources);
    if (!built)
      std::abort(); // the built-in catalog is tested to load
    return std::move(*built);
  }();
  return catalog;
}

const model::Environment& fixed_environment()
{
  static const model::Environment environment = [] {
    diag::DiagnosticBag bag;
    diag::SourceMap sources;
    std::istringstream no_stdin;
    auto source =
        loader::read_source(GHES_TOPOLOGY_SOURCE_DIR "/examples/small-single-site.yaml", no_stdin, bag);
    if (!source)
      std::abort();
    auto loaded = loader::load_environment(*source, bag, sources);
    if (!loaded || bag.has_errors())
      std::abort();
    return std::move(*loaded);
  }();
  return environment;
}

void assess_and_render(const engine::Catalog& catalog, const model::Environment& environment)
{
  for (const auto command : {advice::Command::recommend, advice::Command::check}) {
    const model::Value* plan = environment.root.get("plan");
    if (command == advice::Command::check && (plan == nullptr || plan->kind == model::Value::Kind::unknown))
      continue; // the CLI rejects these before assessing
    advice::Options options;
    options.command = command;
    options.today = "2026-01-01";
    const advice::Input input{&environment, {}};
    diag::DiagnosticBag waiver_bag;
    if (!advice::check_waivers(catalog, input, waiver_bag))
      continue;
    const advice::RunInfo run = advice::describe_run(catalog, options);
    const advice::FileResult result = advice::assess_file(catalog, input, options);
    for (const auto& format : report::formats()) {
      if (!format.serves(advice::to_string(command)))
        continue;
      std::ostringstream out;
      auto renderer = format.make(out, report::RenderOptions{});
      renderer->begin(run);
      renderer->file(result);
      report::RunSummary summary;
      summary.add(result, run.fail_on);
      renderer->end(summary);
    }
  }
}

} // namespace ghes_topology::fuzz
