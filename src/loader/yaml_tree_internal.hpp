// SPDX-License-Identifier: Apache-2.0
// Loader-private entry to the YAML tree builder.
#pragma once

#include "ghes_topology/loader/yaml_tree.hpp"

namespace ghes_topology::loader {

// Like `parse_yaml`, but still returns the documents when the only problems were
// duplicate keys (the first occurrence is kept), so that a loader can go on to
// report the file's other problems in the same run. Nothing on any other error.
std::optional<std::vector<YamlNode>> parse_yaml_keep_going(const std::string& name, const std::string& text,
                                                           diag::DiagnosticBag& bag, Documents documents,
                                                           const Limits& limits);

} // namespace ghes_topology::loader
