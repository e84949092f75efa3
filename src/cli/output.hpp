// SPDX-License-Identifier: Apache-2.0
// Writing results: stdout, or a file replaced atomically.
#pragma once

#include <string>

namespace ghes_topology::cli {

// Writes `content` to `path` through a temporary file in the same directory and
// a rename, so readers see the old file or the whole new one, never a part.
// Throws `ghes_topology::Error` naming the path when it cannot.
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace ghes_topology::cli
