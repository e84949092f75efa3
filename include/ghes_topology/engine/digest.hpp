// SPDX-License-Identifier: Apache-2.0
// Digests that make a report reproducible: SHA-256 of bytes (an input file) and of the
// compiled rule catalog (the HTML report's provenance, `--version`).
#pragma once

#include "ghes_topology/engine/catalog.hpp"

#include <string>
#include <string_view>

namespace ghes_topology::engine {

// --- Interface ---

// The SHA-256 (FIPS 180-4) of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// The SHA-256 (64 lowercase hex digits) of `catalog`'s compiled image (`write_image`): every
// rule, parameter default, fixture and type, parameter overrides excluded (they are per
// run, and reports list them). The same rule files give the same digest on every machine;
// any change to a rule that the engine sees changes it.
std::string catalog_digest(const Catalog& catalog);

} // namespace ghes_topology::engine
