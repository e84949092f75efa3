// SPDX-License-Identifier: Apache-2.0
// Writing results: stdout, a file replaced atomically, or a device/FIFO written in place.
#pragma once

#include <iosfwd>
#include <string>

namespace ghes_topology::cli {

// Writes `content` to `path` through a temporary file in the same directory and
// a rename (then fsyncs the directory), so readers see the old file or the whole
// new one, never a part. `path` must be a new path or a regular file.
// Throws `ghes_topology::Error` naming the path when it cannot.
void write_file_atomically(const std::string& path, const std::string& content);

// Writes the result `content` to the `-o` path: a new path or a regular file is
// replaced atomically; a symbolic link is followed and its target treated the same
// way (a dangling link is refused); a character device, FIFO or terminal is written
// in place and never replaced. Throws `ghes_topology::Error` on any failed or short write.
void write_output_file(const std::string& path, const std::string& content);

// Writes `content` to `out` (standard output) and flushes it. Throws
// `ghes_topology::Error` when the stream reports a failure (full disk, closed pipe).
void write_output_stream(std::ostream& out, const std::string& content);

} // namespace ghes_topology::cli
