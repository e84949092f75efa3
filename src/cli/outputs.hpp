// SPDX-License-Identifier: Apache-2.0
// Several outputs of one run (`-o FORMAT=PATH`, repeatable): what each `-o` value means,
// one spool per extra output, and publishing them when the run succeeds.
#pragma once

#include "cli/output.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ghes_topology::cli {

// --- Interface ---

// One `-o FORMAT=PATH` value: `format` is a name of `report::formats()` or of
// `report::diff_formats()`, `path` a file or `-` (standard output).
struct OutputRequest
{
  std::string format;
  std::string path;
};

// The `-o` values of a run, split: `FORMAT=PATH` when the text before the first `=` is the
// name of an output format (any command's), otherwise the plain path of the `--format`
// output (`./json=x` writes a file called `json=x`). Throws `UsageError` when more than one
// plain path is given, or when two outputs name the same path.
struct OutputArgs
{
  std::string plain;                   // empty = standard output
  std::vector<OutputRequest> requests; // in command-line order
};
OutputArgs split_output_args(const std::vector<std::string>& values);

// An extra output while the run runs: its request, its spool and a stream into the spool.
struct ExtraOutput
{
  explicit ExtraOutput(OutputRequest r)
      : request(std::move(r))
  {
    stream.rdbuf(spool.buffer());
  }
  OutputRequest request;
  Spool spool;
  std::ostream stream{nullptr};
};

// Writes every extra output: `-` to `out` (through `write_output_stream`), any other path
// through `write_output_file` (atomically for a regular file). Throws `ghes_topology::Error`
// naming the path on a failed write; outputs before it stay written.
void publish_extra_outputs(std::vector<std::unique_ptr<ExtraOutput>>& outputs, std::ostream& out);

} // namespace ghes_topology::cli
