// SPDX-License-Identifier: Apache-2.0
// The topology a report draws: sites, the appliances in them and the links between them,
// for the plan (`check`) or the recommendation (`recommend`). Built once per file from the
// environment; the Markdown renderer writes it as a Mermaid flowchart, the HTML renderer
// lays it out as SVG. Nothing here is invented: every node and link comes from a fact of
// the environment file or from the verdict, and says which.
#pragma once

#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/model/value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ghes_topology::advice {

// --- Interface ---

enum class NodeRole {
  primary,              // the primary appliance (HA or standalone)
  passive_replica,      // HA replica, type passive
  active_replica,       // HA replica, type active (geo-replica)
  repository_cache,     // HA replica, type cache
  cluster_node,         // a node of the active cluster (`roles` says what it runs)
  replica_cluster_node, // a node of the passive replica cluster
  load_balancer,        // network.load_balancer
  backup_host,          // the backup host (backups.*)
};

// "primary", "passive-replica", … (stable: CSS classes and Mermaid classDefs use it).
std::string_view to_string(NodeRole role);

// A datacenter (or availability zone) that holds nodes. Nodes without a known datacenter
// go to a site with an empty `datacenter` ("datacenter not given").
struct DiagramSite
{
  std::string id;         // "site-1", … in order of first appearance
  std::string datacenter; // as written in the file; empty = not given
  std::string region;     // developer region served there, if the file says; may be empty
  bool proposed = false;  // recommend: a site the verdict calls for that the file does not name
};

struct DiagramNode
{
  // "primary", "replica-1" (plan.replicas[0]), "node-3" (plan.nodes[2]), "rc-node-2", "cluster" and
  // "replica-cluster" (a cluster whose nodes the file does not list), "lb", "backup"; recommend's
  // proposals: "passive-1", "active-1", "cache-1": stable
  std::string id;
  NodeRole role = NodeRole::primary;
  std::string name;                // host name from the file, or a descriptive name ("Primary")
  std::string site;                // DiagramSite::id; empty for the load balancer
  std::vector<std::string> detail; // short lines: "16 vCPU, 128 GB", "git-server, storage-server"
  std::string key_path;            // the fact it comes from: `plan.replicas[1]`, `primary`; may be empty
  bool proposed = false;           // recommend: suggested by the verdict, not in the file
};

enum class LinkKind { replication, client_traffic, backup };

std::string_view to_string(LinkKind kind);

struct DiagramLink
{
  std::string id; // "link-1", … in order
  std::string from;
  std::string to;
  LinkKind kind = LinkKind::replication;
  std::string label;    // "45 ms", "latency not given"
  std::string key_path; // `plan.replicas[1].latency_ms`; may be empty
};

struct Diagram
{
  bool planned = true; // true: the file's `plan`; false: the recommended topology
  std::optional<engine::Topology> topology;
  std::vector<DiagramSite> sites; // in order of first appearance
  std::vector<DiagramNode> nodes; // primary (or cluster nodes) first, then as in the file
  std::vector<DiagramLink> links;
};

// The node or link a finding at `key_path` concerns (`plan.replicas[0].latency_ms` → the
// link to replica-1, `plan.replicas[0].vcpus` → replica-1), by the longest key-path prefix
// that ends at a path step (`plan.replicas[1]` is no prefix of `plan.replicas[10]`); nodes
// before links on a tie; empty when the finding concerns no drawn element.
std::string element_for(const Diagram& diagram, std::string_view key_path);

// What a diagram is drawn from besides the environment.
struct DiagramBasis
{
  bool planned = true;                      // check: the file's `plan`; recommend: the recommended topology
  std::optional<engine::Topology> topology; // check: `plan.topology`; recommend: the verdict
  std::vector<std::string> implications;    // recommend: ids of the implication rules that fired
};

// The diagram of `environment`. Planned: every node and link of the file's `plan` (primary
// or cluster nodes, replicas, replica cluster), plus the load balancer when
// `network.load_balancer.present` and the backup host when `backups` gives one. Recommended:
// the primary (or the plan's cluster nodes), the load balancer and backup host from the file,
// and what the fired implications call for, marked `proposed` (passive replicas next to the
// primary and in the DR site, active replicas and caches for the regions the implication rules
// select with `catalog`'s parameters, a replica cluster); an HA verdict always shows at least
// one passive replica. Latencies the file does not give read "latency not given".
Diagram build_diagram(const model::Environment& environment, const DiagramBasis& basis,
                      const engine::Catalog& catalog);

} // namespace ghes_topology::advice
