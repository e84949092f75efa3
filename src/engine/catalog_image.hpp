// SPDX-License-Identifier: Apache-2.0
// The compiled form of a catalog (private to the engine and the build-time rule compiler):
// every rule, parameter, fixture and type of a `Catalog`, its expressions already lexed,
// parsed and checked, as one byte string that loads without YAML or compilation.
#pragma once

#include "ghes_topology/engine/catalog.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ghes_topology::engine {

// The version of the byte layout; `read_image` refuses any other.
inline constexpr std::uint32_t k_catalog_image_version = 7;

// How `read_image` gives the expressions' trees: decoded with the rest, or left encoded and
// decoded when their program is first evaluated (`expr::Program::tree`), which needs the
// image's bytes to outlive the catalog and every copy of it (the built-in image is static).
// The fixtures' documents (`FixtureFile::preloaded`) are always decoded when asked; with
// `decoded`, `read_image` checks they decode and keeps a copy of the bytes for them.
enum class ImageTrees { decoded, deferred };

// Serialises `catalog` (parameter overrides excluded: they are per run), with each fixture's
// documents as `loader::load_document` gives them. Deterministic: the same catalog gives the
// same bytes. Expression nodes keep no `name_where` nor `op_where`:
// only the checker reads them, and an image holds checked expressions.
std::string write_image(const Catalog& catalog);

// The catalog `bytes` (from `write_image`) describe, equal to the one written but for the node
// locations above; nothing when `bytes` are not an image of this version (truncated, another
// version, unknown builtin). With `ImageTrees::deferred` the trees are not checked here: a tree
// that does not decode makes its program's evaluation fail ("the expression was not compiled").
// With `Fixtures::skip` the catalog's `fixtures` are left empty (their bytes are skipped, not
// checked).
std::optional<Catalog> read_image(std::string_view bytes, ImageTrees trees = ImageTrees::decoded,
                                  Fixtures fixtures = Fixtures::load);

} // namespace ghes_topology::engine
