// SPDX-License-Identifier: Apache-2.0
// The topology diagram as a Mermaid flowchart (the Markdown report's diagram).
#pragma once

#include "ghes_topology/advice/diagram.hpp"

#include <string>

namespace ghes_topology::report {

// --- Interface ---

// `diagram` as the text of a Mermaid `flowchart LR` (no code fence), ending in a newline:
// one subgraph per site (its datacenter, region, "datacenter not given"), a node per
// appliance (name, role, detail lines), the load balancer outside the sites, a labelled edge
// per link (replication solid, client traffic dotted, backup thick), one classDef per role and
// `proposed` (dashed) for what the file does not contain. Ids are `n_`/`s_` plus the diagram
// id with every character outside [A-Za-z0-9] as `_`; labels pass `escape_mermaid`.
std::string mermaid_flowchart(const advice::Diagram& diagram);

} // namespace ghes_topology::report
