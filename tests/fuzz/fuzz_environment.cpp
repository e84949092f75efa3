// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the environment loader from bytes; when a file loads, assess it and
// render text and JSON with the built-in catalog.
#include "fuzz_support.hpp"

#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/loader/source_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace ghes_topology;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  auto source = loader::read_source("-", in, bag);
  if (!source)
    return 0;
  auto environment = loader::load_environment(*source, bag, sources);
  (void)diag::render_all(bag, sources, diag::Color::yes);
  if (!environment || bag.has_errors())
    return 0;
  fuzz::assess_and_render(fuzz::builtin_catalog(), *environment);
  return 0;
}
