// SPDX-License-Identifier: Apache-2.0
// The tool's version, set by CMake.
#pragma once

namespace ghes_topology {

// --- Interface ---

// The tool version, e.g. "0.1.0".
const char* tool_version();

} // namespace ghes_topology
