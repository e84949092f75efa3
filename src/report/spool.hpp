// SPDX-License-Identifier: Apache-2.0
// Output held back: a report that must print something about all files (the comparison of
// `recommend A B C`, the HTML report's summary) before the files themselves keeps them here,
// in memory while they are short and on disk after that.
#pragma once

#include <cstddef>
#include <cstdio>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// Memory up to `memory_limit` bytes, then an anonymous temporary file (`std::tmpfile`,
// removed when closed): memory stays flat however much is written, and a short report never
// touches the file system.
class Spool
{
public:
  static constexpr std::size_t k_memory_limit = 256 * 1024;

  explicit Spool(std::size_t memory_limit = k_memory_limit);

  // Appends `text`; throws `Error` when no temporary file can be created for a text past the
  // memory limit, or when the disk refuses it.
  void write(std::string_view text);

  // Copies everything written to `out`, in blocks. Called once, after the last `write`.
  void copy_to(std::ostream& out);

  // Whether the text went on to the temporary file.
  [[nodiscard]] bool on_disk() const { return m_file != nullptr; }

private:
  struct Close
  {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::size_t m_limit;
  std::string m_memory;
  std::unique_ptr<std::FILE, Close> m_file;
};

} // namespace ghes_topology::report
