// SPDX-License-Identifier: Apache-2.0
// Writing results: a spool that holds the result until the run's end, then stdout, a
// file replaced atomically, or a device/FIFO written in place.
#pragma once

#include <fstream>
#include <iosfwd>
#include <sstream>
#include <streambuf>
#include <string>

namespace ghes_topology::cli {

// --- Interface ---

// Where a run writes its result while it runs: an unlinked temporary file (so a long
// result costs no memory), or memory when no temporary file can be made. The result is
// published with `content()` only when the run succeeds; otherwise it is dropped with
// the spool, and stdout or the output file is left untouched.
class Spool
{
public:
  Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // The buffer to write the result into.
  [[nodiscard]] std::streambuf* buffer();
  // Whether nothing was written.
  [[nodiscard]] bool empty();
  // Everything written, read from the start. Throws `ghes_topology::Error` when the
  // temporary file could not be written (for example a full disk).
  std::istream& content();

private:
  std::fstream m_file;
  std::stringstream m_memory;
  std::iostream* m_stream = nullptr;
};

// Writes `content` to `path` through a temporary file in the same directory and
// a rename (then fsyncs the directory), so readers see the old file or the whole
// new one, never a part. `path` must be a new path or a regular file.
// Throws `ghes_topology::Error` naming the path when it cannot.
void write_file_atomically(const std::string& path, std::istream& content);
void write_file_atomically(const std::string& path, const std::string& content);

// Writes the result `content` to the `-o` path: a new path or a regular file is
// replaced atomically; a symbolic link is followed and its target treated the same
// way (a dangling link is refused); a character device, FIFO or terminal is written
// in place and never replaced. Throws `ghes_topology::Error` on any failed or short write.
void write_output_file(const std::string& path, std::istream& content);
void write_output_file(const std::string& path, const std::string& content);

// Copies `content` to `out` (standard output) and flushes it. Throws
// `ghes_topology::Error` when the stream reports a failure (full disk, closed pipe).
void write_output_stream(std::ostream& out, std::istream& content);
void write_output_stream(std::ostream& out, const std::string& content);

} // namespace ghes_topology::cli
