// SPDX-License-Identifier: Apache-2.0
// Writing results: a spool that holds the result until the run's end, then stdout, a
// file replaced atomically, or a device/FIFO written in place.
#pragma once

#include <cstddef>
#include <fstream>
#include <iosfwd>
#include <sstream>
#include <streambuf>
#include <string>

namespace ghes_topology::cli {

// --- Interface ---

// Where a run writes its result while it runs: memory up to `memory_limit` bytes, then an
// unlinked temporary file (so a long result costs no more memory), or memory still when no
// temporary file can be made. A short result never touches the file system: creating and
// removing a file costs a one-file run more than its rules do. The result is published with
// `content()` only when the run succeeds; otherwise it is dropped with the spool, and stdout
// or the output file is left untouched.
class Spool
{
public:
  static constexpr std::size_t k_memory_limit = 256 * 1024;

  explicit Spool(std::size_t memory_limit = k_memory_limit);
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // The buffer to write the result into.
  [[nodiscard]] std::streambuf* buffer() { return &m_buffer; }
  // Whether nothing was written.
  [[nodiscard]] bool empty() const { return m_buffer.memory.empty() && !m_buffer.spilled; }
  // Whether the result went on to a temporary file (it outgrew `memory_limit`).
  [[nodiscard]] bool on_disk() const { return m_buffer.spilled; }
  // Everything written, read from the start (each call starts again). Throws
  // `ghes_topology::Error` when the temporary file could not be written (for example a full disk).
  std::istream& content();

private:
  // Appends to `memory` until the limit, then moves it into `file` and writes there. Reads
  // back what `memory` holds (`read_memory`).
  struct Buffer final : std::streambuf
  {
    explicit Buffer(std::size_t memory_limit)
        : limit(memory_limit)
    {}
    std::streamsize xsputn(const char* text, std::streamsize n) override;
    int_type overflow(int_type ch) override;
    void spill();
    // Makes `memory` this buffer's input, from its start.
    void read_memory() { setg(memory.data(), memory.data(), memory.data() + memory.size()); }

    std::size_t limit;
    std::string memory;
    std::fstream file;
    bool spilled = false; // `file` holds the result
    bool tried = false;   // a temporary file was asked for (at most once)
    bool failed = false;  // a write to `file` failed
  };
  Buffer m_buffer;
  std::istream m_reader{nullptr}; // reads `m_buffer.memory`
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
