// SPDX-License-Identifier: Apache-2.0
// Reading a saved JSON result back (`ghes-topology render`): what every renderer needs,
// rebuilt from docs/output-json.md, so any format can be written later from one run.
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/report/renderer.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace ghes_topology::report {

// --- Interface ---

// A run as its JSON result saved it. `run.rules` is empty: the JSON does not hold the
// catalog (the caller fills it from the same rules the run used).
struct SavedResult
{
  advice::RunInfo run;
  std::vector<advice::FileResult> files;               // `results`, in order
  std::vector<std::vector<diag::Diagnostic>> rejected; // `input_errors`, one list per file
};

// Reads the JSON result in `in` (named `name` in messages). Throws `ghes_topology::Error`
// ("NAME: not a ghes-topology JSON result: ...") when it is not JSON, has another
// `schema_version`, or lacks a field the renderers need.
SavedResult read_json_result(std::istream& in, const std::string& name);

// Sends `saved` to `renderer` as the original run did: `begin`, `file` per result,
// `input_errors` per rejected file, then `end` with the same totals (`--fail-on` from the
// run). Every renderer writes the same bytes as when it took part in the original run.
// Returns the totals given to `end`.
RunSummary replay(const SavedResult& saved, Renderer& renderer);

} // namespace ghes_topology::report
