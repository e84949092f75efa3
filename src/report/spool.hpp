// SPDX-License-Identifier: Apache-2.0
// Output held back on disk: a report that must print something about all files (the
// comparison of `recommend A B C`) before the files themselves keeps them here, not in memory.
#pragma once

#include <cstdio>
#include <iosfwd>
#include <memory>
#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// An anonymous temporary file (`std::tmpfile`, removed when closed). Memory stays flat
// however much is written.
class Spool
{
public:
  // Throws `Error` when no temporary file can be created.
  Spool();

  // Appends `text`; throws `Error` when the disk refuses it.
  void write(std::string_view text);

  // Copies everything written to `out`, in blocks. Called once, after the last `write`.
  void copy_to(std::ostream& out);

private:
  struct Close
  {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> m_file;
};

} // namespace ghes_topology::report
