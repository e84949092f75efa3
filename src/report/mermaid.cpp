// SPDX-License-Identifier: Apache-2.0
// The topology diagram as a Mermaid flowchart.
#include "report/mermaid.hpp"

#include "report/escape.hpp"

#include <fmt/format.h>

namespace ghes_topology::report {
namespace {

std::string safe_id(std::string_view prefix, std::string_view id)
{
  std::string out(prefix);
  for (const char c : id)
    out += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
  return out;
}

std::string role_words(advice::NodeRole role)
{
  switch (role) {
  case advice::NodeRole::primary:
    return "primary";
  case advice::NodeRole::passive_replica:
    return "passive replica";
  case advice::NodeRole::active_replica:
    return "active replica";
  case advice::NodeRole::repository_cache:
    return "repository cache";
  case advice::NodeRole::cluster_node:
    return "cluster node";
  case advice::NodeRole::replica_cluster_node:
    return "replica cluster node";
  case advice::NodeRole::load_balancer:
    return "load balancer";
  case advice::NodeRole::backup_host:
    return "backup host";
  }
  return "";
}

std::string site_label(const advice::DiagramSite& site)
{
  std::string label = site.datacenter;
  if (label.empty())
    label = site.proposed ? (site.region.empty() ? "another datacenter (not named in the file)"
                                                 : "near " + site.region + " (datacenter not named)")
                          : "datacenter not given";
  else if (!site.region.empty())
    label += ", region " + site.region;
  return escape_mermaid(label) + (site.proposed ? " (proposed)" : "");
}

std::string node_label(const advice::DiagramNode& node)
{
  std::string label = "<b>" + escape_mermaid(node.name.empty() ? role_words(node.role) : node.name) + "</b>";
  std::string lower = node.name;
  for (char& c : lower)
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  if (node.name.empty() || lower.find(role_words(node.role)) == std::string::npos)
    label += "<br/>" + escape_mermaid(role_words(node.role));
  for (const auto& line : node.detail)
    label += "<br/>" + escape_mermaid(line);
  if (node.proposed)
    label += "<br/><i>proposed</i>";
  return label;
}

void write_node(std::string& out, const advice::DiagramNode& node, std::string_view indent)
{
  out += fmt::format("{}{}[\"{}\"]\n", indent, safe_id("n_", node.id), node_label(node));
}

} // namespace

std::string mermaid_flowchart(const advice::Diagram& diagram)
{
  std::string out = "flowchart LR\n";
  for (const auto& site : diagram.sites) {
    out += fmt::format("  subgraph {}[\"{}\"]\n", safe_id("s_", site.id), site_label(site));
    for (const auto& node : diagram.nodes)
      if (node.site == site.id)
        write_node(out, node, "    ");
    out += "  end\n";
  }
  for (const auto& node : diagram.nodes)
    if (node.site.empty())
      write_node(out, node, "  ");
  for (const auto& link : diagram.links) {
    const char* arrow = link.kind == advice::LinkKind::replication      ? "-->"
                        : link.kind == advice::LinkKind::client_traffic ? "-.->"
                                                                        : "==>";
    out += fmt::format("  {} {}|\"{}\"| {}\n", safe_id("n_", link.from), arrow, escape_mermaid(link.label),
                       safe_id("n_", link.to));
  }
  // One class per role present, then `proposed`: fixed colours, stable order.
  static const std::pair<advice::NodeRole, const char*> k_styles[] = {
      {advice::NodeRole::primary, "fill:#dbeafe,stroke:#1d4ed8"},
      {advice::NodeRole::passive_replica, "fill:#e0e7ff,stroke:#4338ca"},
      {advice::NodeRole::active_replica, "fill:#dcfce7,stroke:#15803d"},
      {advice::NodeRole::repository_cache, "fill:#fef9c3,stroke:#a16207"},
      {advice::NodeRole::cluster_node, "fill:#dbeafe,stroke:#1d4ed8"},
      {advice::NodeRole::replica_cluster_node, "fill:#e0e7ff,stroke:#4338ca"},
      {advice::NodeRole::load_balancer, "fill:#f3f4f6,stroke:#374151"},
      {advice::NodeRole::backup_host, "fill:#ffedd5,stroke:#c2410c"},
  };
  for (const auto& [role, style] : k_styles) {
    std::string members;
    for (const auto& node : diagram.nodes)
      if (node.role == role)
        members += (members.empty() ? "" : ",") + safe_id("n_", node.id);
    if (members.empty())
      continue;
    const std::string cls = safe_id("r_", advice::to_string(role));
    out += fmt::format("  classDef {} {}\n  class {} {}\n", cls, style, members, cls);
  }
  std::string proposed;
  for (const auto& node : diagram.nodes)
    if (node.proposed)
      proposed += (proposed.empty() ? "" : ",") + safe_id("n_", node.id);
  if (!proposed.empty())
    out += fmt::format("  classDef proposed stroke-dasharray:5 5\n  class {} proposed\n", proposed);
  return out;
}

} // namespace ghes_topology::report
