// SPDX-License-Identifier: Apache-2.0
// SHA-256 of bytes: the HTML report's provenance names each input file by it (the rule
// catalog's digest is `catalog_digest` in catalog.hpp).
#pragma once

#include <string>
#include <string_view>

namespace ghes_topology::engine {

// --- Interface ---

// The SHA-256 (FIPS 180-4) of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace ghes_topology::engine
