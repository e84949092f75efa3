// SPDX-License-Identifier: Apache-2.0
// Reading and loading the environment files named on the command line, one at a time.
#include "cli/inputs.hpp"

#include "ghes_topology/engine/digest.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <fmt/format.h>

namespace ghes_topology::cli {

std::optional<model::Environment> load_input(Context& ctx, const std::string& path,
                                             diag::SourceMap& file_sources, diag::DiagnosticBag& bag,
                                             std::string* sha256)
{
  const std::size_t errors_before = bag.error_count();
  std::optional<model::Environment> environment;
  if (path == "-" && ctx.terminal.stdin_closed)
    bag.error("file-unreadable", "cannot read standard input: it is closed", diag::Location{"<stdin>"});
  else if (auto source = loader::read_source(path, ctx.in, bag)) {
    if (sha256 != nullptr)
      *sha256 = engine::sha256_hex(source->text);
    environment = loader::load_environment(*source, bag, file_sources);
  }
  if (bag.error_count() > errors_before)
    return std::nullopt;
  return environment;
}

bool apply_overrides(model::Environment& environment, const std::vector<std::string>& assignments,
                     diag::DiagnosticBag& bag)
{
  bool ok = true;
  for (const auto& assignment : assignments)
    ok = loader::apply_override(environment, assignment, bag) && ok;
  return ok;
}

std::string problems_summary(std::size_t bad, std::size_t total)
{
  return fmt::format("{} of {} {} {} problems", bad, total, total == 1 ? "file" : "files",
                     bad == 1 ? "has" : "have");
}

std::vector<diag::Diagnostic> errors_of(const diag::DiagnosticBag& bag)
{
  std::vector<diag::Diagnostic> errors;
  for (const auto& d : bag.all())
    if (d.severity == diag::Severity::error)
      errors.push_back(d);
  return errors;
}

} // namespace ghes_topology::cli
