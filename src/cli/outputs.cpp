// SPDX-License-Identifier: Apache-2.0
// `-o FORMAT=PATH`: splitting the `-o` values and writing the extra outputs.
#include "cli/outputs.hpp"

#include "cli/usage.hpp"

#include "ghes_topology/report/diff_renderer.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <fmt/format.h>
#include <set>

namespace ghes_topology::cli {

OutputArgs split_output_args(const std::vector<std::string>& values)
{
  OutputArgs args;
  bool plain_given = false;
  std::set<std::string> paths;
  for (const auto& value : values) {
    const auto eq = value.find('=');
    const std::string_view format =
        eq == std::string::npos ? std::string_view() : std::string_view(value).substr(0, eq);
    if (eq != std::string::npos &&
        (report::find_format(format) != nullptr || report::find_diff_format(format) != nullptr)) {
      OutputRequest r{value.substr(0, eq), value.substr(eq + 1)};
      if (r.path.empty())
        throw UsageError(fmt::format("-o {}= needs a path ('-' for standard output)", r.format));
      if (!paths.insert(r.path).second)
        throw UsageError(fmt::format("-o names '{}' twice: give each output its own path", r.path));
      args.requests.push_back(std::move(r));
      continue;
    }
    if (plain_given)
      throw UsageError(fmt::format("-o FILE is given twice ('{}' and '{}'); write other formats with "
                                   "-o FORMAT=PATH",
                                   args.plain, value));
    plain_given = true;
    args.plain = value;
    if (!paths.insert(value.empty() ? "-" : value).second)
      throw UsageError(fmt::format("-o names '{}' twice: give each output its own path", value));
  }
  return args;
}

void publish_extra_outputs(std::vector<std::unique_ptr<ExtraOutput>>& outputs, std::ostream& out)
{
  for (auto& o : outputs) {
    if (o->request.path == "-")
      write_output_stream(out, o->spool.content());
    else
      write_output_file(o->request.path, o->spool.content());
  }
}

} // namespace ghes_topology::cli
