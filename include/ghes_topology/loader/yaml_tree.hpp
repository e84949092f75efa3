// SPDX-License-Identifier: Apache-2.0
// A schema-free, located YAML tree: what yaml-cpp parsed, with duplicate keys,
// depth, size and alias expansion checked. The only module that sees yaml-cpp.
#pragma once

#include "ghes_topology/diag/diagnostic.hpp"
#include "ghes_topology/diag/location.hpp"
#include "ghes_topology/loader/limits.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ghes_topology::loader {

// --- Interface ---

struct YamlNode
{
  enum class Kind { null, scalar, sequence, mapping };
  enum class Style { plain, quoted, block }; // how a scalar was written

  // Special members are defined out of line: `entries` holds pairs of this still
  // incomplete type, which libstdc++ only accepts once the class is complete (clang).
  YamlNode();
  ~YamlNode();
  YamlNode(const YamlNode&);
  YamlNode(YamlNode&&) noexcept;
  YamlNode& operator=(const YamlNode&);
  YamlNode& operator=(YamlNode&&) noexcept;

  Kind kind = Kind::null;
  Style style = Style::plain;
  std::string text;                                   // scalar text as written (resolved escapes)
  std::vector<YamlNode> items;                        // sequence items
  std::vector<std::pair<YamlNode, YamlNode>> entries; // mapping: key node, value node; file order
  diag::Location where; // start of the node (for scalars: the whole token on one line)
};

enum class Documents { exactly_one, any_number };

// What `parse_yaml` does after reporting a `duplicate-key`.
enum class DuplicateKeys {
  reject,     // the parse fails: nothing is returned
  keep_first, // the parse goes on with the first occurrence, so that a caller can report the
              // file's other problems in the same run (its bag still holds the error)
};

// Parses `text` named `name` with yaml-cpp's event API. Reports `yaml-syntax`
// (yaml-cpp's message at its mark, converted to 1-based line:col), `duplicate-key`
// (at the second occurrence, with a note on the first), `too-deep` (more than
// `limits.max_depth` nested collections, also through aliases), `too-many-nodes`
// (more than `limits.max_nodes` nodes after alias expansion; alias bombs stop before
// copying), `empty-document` and `multiple-documents` (for `Documents::exactly_one`).
// Aliases become copies. Returns the documents, or nothing when any error was reported
// (duplicate keys aside with `DuplicateKeys::keep_first`). `text` starts at line
// `first_line` of the file `name` (a part of a larger file): every location is the file's.
std::optional<std::vector<YamlNode>>
parse_yaml(const std::string& name, const std::string& text, diag::DiagnosticBag& bag, Documents documents,
           const Limits& limits = {}, DuplicateKeys duplicates = DuplicateKeys::reject, int first_line = 1);

} // namespace ghes_topology::loader
