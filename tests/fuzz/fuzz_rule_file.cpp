// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the rule-file loader from bytes; when the rule loads, evaluate it
// on a fixed environment (recommend and check) and render text and JSON.
#include "fuzz_support.hpp"

#include "ghes_topology/diag/render.hpp"

#include <cstddef>
#include <cstdint>

namespace {

// The catalog path a rule with this text must have: its `id:` line (`scale-large-team`
// -> `scale/large-team.yaml`), so that seeds from rules/ load; otherwise a fixed path.
std::string relative_path(const std::string& text)
{
  const auto at = text.rfind("id: ", 0) == 0 ? 0 : text.find("\nid: ");
  if (at != std::string::npos) {
    const auto start = text.find(' ', at) + 1;
    const auto end = text.find_first_of("\r\n #", start);
    const std::string id = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const auto dash = id.find('-');
    if (dash != std::string::npos && dash > 0 && id.size() < 100)
      return id.substr(0, dash) + "/" + id.substr(dash + 1) + ".yaml";
  }
  return "scale/fuzz.yaml";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace ghes_topology;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string relative = relative_path(text);
  const std::vector<engine::RuleFileText> files{
      engine::RuleFileText{"fuzz/" + relative, relative, text, engine::RuleOrigin::user}};
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  auto catalog = engine::build_catalog(files, {}, bag, sources);
  (void)diag::render_all(bag, sources, diag::Color::no);
  if (!catalog || bag.has_errors())
    return 0;
  fuzz::assess_and_render(*catalog, fuzz::fixed_environment());
  return 0;
}
