// SPDX-License-Identifier: Apache-2.0
// The topology a report draws, from the environment's plan or from the verdict.
#include "ghes_topology/advice/diagram.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ghes_topology::advice {
namespace {

constexpr const char* k_latency_not_given = "latency not given";

std::string text_of(const model::Value* value)
{
  return value != nullptr && value->kind == model::Value::Kind::string ? value->string : std::string();
}

const model::Value* number_at(const model::Value* object, const std::string& key)
{
  const model::Value* v = object != nullptr ? object->get(key) : nullptr;
  return v != nullptr && v->is_number() ? v : nullptr;
}

// 0.5, 22, 1000: no trailing zeros.
std::string number_text(double value)
{
  return fmt::format("{}", value);
}

// "16 vCPU, 128 GB", "16 vCPU", "128 GB" or "" from an object's `vcpus_key` and `memory_key`.
std::string size_of(const model::Value* object, const std::string& vcpus_key, const std::string& memory_key)
{
  const model::Value* vcpus = number_at(object, vcpus_key);
  const model::Value* memory = number_at(object, memory_key);
  std::string out;
  if (vcpus != nullptr)
    out = number_text(vcpus->number()) + " vCPU";
  if (memory != nullptr)
    out += (out.empty() ? "" : ", ") + number_text(memory->number()) + " GB";
  return out;
}

void add_detail(std::vector<std::string>& detail, std::string line)
{
  if (!line.empty())
    detail.push_back(std::move(line));
}

double parameter_or(const engine::Catalog& catalog, std::string_view name, double fallback)
{
  const engine::Parameter* p = catalog.parameter(name);
  if (p == nullptr)
    return fallback;
  const expr::Value& v = p->value();
  return v.kind() == expr::Value::Kind::integer || v.kind() == expr::Value::Kind::decimal ? v.as_double()
                                                                                          : fallback;
}

class Builder
{
public:
  Builder(const model::Environment& environment, const DiagramBasis& basis, const engine::Catalog& catalog)
      : m_root(environment.root)
      , m_basis(basis)
      , m_catalog(catalog)
  {
    m_diagram.planned = basis.planned;
    m_diagram.topology = basis.topology;
  }

  Diagram build()
  {
    const model::Value* plan = m_root.get("plan");
    const bool cluster = m_basis.topology == engine::Topology::cluster;
    if (cluster)
      add_cluster(plan);
    else
      add_primary();
    if (m_basis.planned) {
      if (!cluster)
        add_planned_replicas(plan);
    } else if (m_basis.topology == engine::Topology::ha) {
      add_proposed_replicas();
    }
    if (cluster)
      add_replica_cluster(plan);
    add_load_balancer();
    add_backup_host();
    return std::move(m_diagram);
  }

private:
  [[nodiscard]] bool fired(std::string_view rule_id) const
  {
    return std::find(m_basis.implications.begin(), m_basis.implications.end(), rule_id) !=
           m_basis.implications.end();
  }

  // The site for `datacenter` (empty: not given), created on first use. Sites without a
  // datacenter are told apart by region and by whether they are proposed.
  std::string site(const std::string& datacenter, const std::string& region = {}, bool proposed = false)
  {
    for (auto& s : m_diagram.sites) {
      if (s.datacenter != datacenter)
        continue;
      if (datacenter.empty() && (s.region != region || s.proposed != proposed))
        continue;
      if (s.region.empty())
        s.region = region;
      return s.id;
    }
    DiagramSite s;
    s.id = fmt::format("site-{}", m_diagram.sites.size() + 1);
    s.datacenter = datacenter;
    s.region = region;
    s.proposed = proposed;
    m_diagram.sites.push_back(s);
    return s.id;
  }

  DiagramNode& node(std::string id, NodeRole role, std::string name, std::string site_id,
                    std::string key_path, bool proposed)
  {
    DiagramNode n;
    n.id = std::move(id);
    n.role = role;
    n.name = std::move(name);
    n.site = std::move(site_id);
    n.key_path = std::move(key_path);
    n.proposed = proposed;
    m_diagram.nodes.push_back(std::move(n));
    return m_diagram.nodes.back();
  }

  void link(const std::string& from, const std::string& to, LinkKind kind, std::string label,
            std::string key_path)
  {
    DiagramLink l;
    l.id = fmt::format("link-{}", m_diagram.links.size() + 1);
    l.from = from;
    l.to = to;
    l.kind = kind;
    l.label = std::move(label);
    l.key_path = std::move(key_path);
    m_diagram.links.push_back(std::move(l));
  }

  // A replication link labelled with the latency at `object.key` (`path` names it).
  void replication(const std::string& from, const std::string& to, const model::Value* object,
                   const std::string& key, const std::string& path)
  {
    const model::Value* latency = number_at(object, key);
    link(from, to, LinkKind::replication,
         latency != nullptr ? number_text(latency->number()) + " ms" : k_latency_not_given, path);
  }

  // The node clients and backups reach: the primary, or the first cluster node.
  [[nodiscard]] std::string front() const
  {
    return m_diagram.nodes.empty() ? std::string() : m_diagram.nodes.front().id;
  }

  void add_primary()
  {
    const model::Value* primary = m_root.get("primary");
    DiagramNode& n = node("primary", NodeRole::primary, "Primary",
                          site(text_of(primary ? primary->get("datacenter") : nullptr)),
                          primary != nullptr ? "primary" : "", false);
    add_detail(n.detail, size_of(primary, "vcpus", "memory_gb"));
  }

  void add_planned_replicas(const model::Value* plan)
  {
    const model::Value* replicas = plan != nullptr ? plan->get("replicas") : nullptr;
    if (replicas == nullptr)
      return;
    for (std::size_t i = 0; i < replicas->items.size(); ++i) {
      const model::Value& r = replicas->items[i];
      const std::string type = text_of(r.get("type"));
      const NodeRole role = type == "active"  ? NodeRole::active_replica
                            : type == "cache" ? NodeRole::repository_cache
                                              : NodeRole::passive_replica;
      const std::string path = fmt::format("plan.replicas[{}]", i);
      const std::string region = text_of(r.get("region"));
      DiagramNode& n = node(fmt::format("replica-{}", i + 1), role, text_of(r.get("name")),
                            site(text_of(r.get("datacenter")), region), path, false);
      add_detail(n.detail, size_of(&r, "vcpus", "memory_gb"));
      if (!region.empty())
        add_detail(n.detail, "serves " + region);
      replication("primary", n.id, &r, "latency_ms", path + ".latency_ms");
    }
  }

  // The DR site's datacenter as the file names it: a passive replica or the replica cluster
  // outside the primary's datacenter. Empty when the file names none.
  [[nodiscard]] std::string dr_datacenter() const
  {
    const std::string primary_dc = text_of(m_root.find("primary.datacenter"));
    if (const model::Value* replicas = m_root.find("plan.replicas"))
      for (const auto& r : replicas->items) {
        const std::string dc = text_of(r.get("datacenter"));
        if (text_of(r.get("type")) == "passive" && !dc.empty() && dc != primary_dc)
          return dc;
      }
    const std::string rc = text_of(m_root.find("plan.replica_cluster.datacenter"));
    return rc != primary_dc ? rc : std::string();
  }

  void add_proposed_replicas()
  {
    const model::Value* primary = m_root.get("primary");
    const std::string size = size_of(primary, "vcpus", "memory_gb");
    int passive = 0;
    const bool local = fired("implications-ha-passive-local");
    const bool remote = fired("implications-ha-passive-remote");
    if (local || !remote) {
      DiagramNode& n = node(fmt::format("passive-{}", ++passive), NodeRole::passive_replica,
                            "Passive replica", m_diagram.nodes.front().site, "", true);
      add_detail(n.detail,
                 size.empty() ? std::string("sized like the primary") : size + ", like the primary");
      replication("primary", n.id, m_root.get("network"), "datacenter_latency_ms",
                  "network.datacenter_latency_ms");
    }
    if (remote) {
      const std::string dc = dr_datacenter();
      DiagramNode& n = node(fmt::format("passive-{}", ++passive), NodeRole::passive_replica,
                            "Passive replica (DR site)", site(dc, "", dc.empty()), "", true);
      add_detail(n.detail,
                 size.empty() ? std::string("sized like the primary") : size + ", like the primary");
      replication("primary", n.id, m_root.get("network"), "dr_site_latency_ms", "network.dr_site_latency_ms");
    }
    add_regional("implications-ha-replicas-geo", NodeRole::active_replica, "active", "Active replica");
    add_regional("implications-ha-replicas-regional-caches", NodeRole::repository_cache, "cache",
                 "Repository cache");
    if (fired("implications-ha-replicas-remote-ci-cache")) {
      DiagramNode& n =
          node(fmt::format("cache-{}", ++m_caches), NodeRole::repository_cache, "Repository cache (CI farm)",
               site("", "remote CI farm", true), "features.remote_ci_farm", true);
      add_detail(n.detail, "serves the remote CI farm");
      link("primary", n.id, LinkKind::replication, k_latency_not_given, "");
    }
  }

  // Active replicas (geo) or caches for the regions the implication `rule_id` selects.
  void add_regional(std::string_view rule_id, NodeRole role, const char* prefix, const char* what)
  {
    if (!fired(rule_id))
      return;
    const double max_latency = parameter_or(m_catalog, "geography.max_replica_latency_ms", 70);
    const double min_latency = parameter_or(m_catalog, "geography.remote_region_min_latency_ms", 25);
    const double min_developers = parameter_or(m_catalog, "geography.min_region_developers", 100);
    const model::Value* regions = m_root.find("developers.regions");
    if (regions == nullptr)
      return;
    for (std::size_t i = 0; i < regions->items.size(); ++i) {
      const model::Value& r = regions->items[i];
      const model::Value* latency = number_at(&r, "latency_ms");
      const model::Value* developers = number_at(&r, "developers");
      if (latency == nullptr || developers == nullptr || developers->number() < min_developers)
        continue;
      const double ms = latency->number();
      const bool wanted =
          role == NodeRole::active_replica ? ms >= min_latency && ms < max_latency : ms >= max_latency;
      if (!wanted)
        continue;
      const std::string name = text_of(r.get("name"));
      int& counter = role == NodeRole::active_replica ? m_actives : m_caches;
      const std::string path = fmt::format("developers.regions[{}]", i);
      DiagramNode& n = node(fmt::format("{}-{}", prefix, ++counter), role, fmt::format("{} ({})", what, name),
                            site("", name, true), path, true);
      add_detail(n.detail, "serves " + name);
      replication("primary", n.id, &r, "latency_ms", path + ".latency_ms");
    }
  }

  void add_cluster(const model::Value* plan)
  {
    const model::Value* nodes = plan != nullptr ? plan->get("nodes") : nullptr;
    if (nodes == nullptr || nodes->items.empty()) {
      DiagramNode& n =
          node("cluster", NodeRole::cluster_node, "Cluster", site(text_of(m_root.find("primary.datacenter"))),
               m_basis.planned ? "plan" : "", !m_basis.planned);
      add_detail(n.detail, "nodes not given");
      return;
    }
    for (std::size_t i = 0; i < nodes->items.size(); ++i) {
      const model::Value& v = nodes->items[i];
      DiagramNode& n = node(fmt::format("node-{}", i + 1), NodeRole::cluster_node, text_of(v.get("name")),
                            site(text_of(v.get("datacenter"))), fmt::format("plan.nodes[{}]", i), false);
      add_detail(n.detail, roles_of(v));
      add_detail(n.detail, size_of(&v, "vcpus", "memory_gb"));
    }
  }

  static std::string roles_of(const model::Value& node_value)
  {
    std::string out;
    if (const model::Value* roles = node_value.get("roles"))
      for (const auto& r : roles->items)
        out += (out.empty() ? "" : ", ") + r.string;
    return out;
  }

  void add_replica_cluster(const model::Value* plan)
  {
    const model::Value* rc = plan != nullptr ? plan->get("replica_cluster") : nullptr;
    const std::string first = front();
    if (rc == nullptr) {
      if (m_basis.planned || !fired("implications-cluster-replica-cluster"))
        return;
      const std::string dc = dr_datacenter();
      DiagramNode& n = node("replica-cluster", NodeRole::replica_cluster_node, "Replica cluster",
                            site(dc, "", dc.empty()), "", true);
      add_detail(n.detail, "one node per active node");
      replication(first, n.id, m_root.get("network"), "dr_site_latency_ms", "network.dr_site_latency_ms");
      return;
    }
    const std::string dc = text_of(rc->get("datacenter"));
    const model::Value* nodes = rc->get("nodes");
    std::string target;
    if (nodes == nullptr || nodes->items.empty()) {
      DiagramNode& n = node("replica-cluster", NodeRole::replica_cluster_node, "Replica cluster", site(dc),
                            "plan.replica_cluster", false);
      add_detail(n.detail, "nodes not given");
      target = n.id;
    } else {
      for (std::size_t i = 0; i < nodes->items.size(); ++i) {
        const model::Value& v = nodes->items[i];
        const std::string node_dc = text_of(v.get("datacenter"));
        DiagramNode& n = node(fmt::format("rc-node-{}", i + 1), NodeRole::replica_cluster_node,
                              text_of(v.get("name")), site(node_dc.empty() ? dc : node_dc),
                              fmt::format("plan.replica_cluster.nodes[{}]", i), false);
        add_detail(n.detail, roles_of(v));
        add_detail(n.detail, size_of(&v, "vcpus", "memory_gb"));
        if (target.empty())
          target = n.id;
      }
    }
    replication(first, target, rc, "latency_ms", "plan.replica_cluster.latency_ms");
  }

  void add_load_balancer()
  {
    const model::Value* lb = m_root.find("network.load_balancer");
    const model::Value* present = lb != nullptr ? lb->get("present") : nullptr;
    if (present == nullptr || present->kind != model::Value::Kind::boolean || !present->boolean)
      return;
    std::vector<std::string> targets;
    for (const auto& n : m_diagram.nodes)
      if (n.role == NodeRole::cluster_node && roles_of_node(n).find("web-server") != std::string::npos)
        targets.push_back(n.id);
    if (targets.empty() && !m_diagram.nodes.empty())
      targets.push_back(front());
    DiagramNode& n = node("lb", NodeRole::load_balancer, "Load balancer", "", "network.load_balancer", false);
    if (const model::Value* layer = number_at(lb, "layer"))
      add_detail(n.detail, "layer " + number_text(layer->number()));
    for (const auto& t : targets)
      link("lb", t, LinkKind::client_traffic, "client traffic", "");
  }

  // The roles line of a cluster node (its first detail line when it has roles).
  static std::string roles_of_node(const DiagramNode& n)
  {
    return n.detail.empty() ? std::string() : n.detail.front();
  }

  void add_backup_host()
  {
    const model::Value* backups = m_root.get("backups");
    if (backups == nullptr)
      return;
    const std::string tool = text_of(backups->get("tool"));
    const std::string dc = text_of(backups->get("host_datacenter"));
    const bool host_given =
        !dc.empty() || backups->get("host_vcpus") != nullptr || backups->get("host_memory_gb") != nullptr;
    if (tool == "none" || !host_given)
      return;
    // The backup runs from `taken_from` when that names a drawn node, else from the front node.
    std::string from = front();
    const std::string taken_from = text_of(backups->get("taken_from"));
    for (const auto& n : m_diagram.nodes)
      if (!taken_from.empty() && n.name == taken_from)
        from = n.id;
    DiagramNode& n = node("backup", NodeRole::backup_host, "Backup host", site(dc), "backups", false);
    add_detail(n.detail, size_of(backups, "host_vcpus", "host_memory_gb"));
    const std::string version = text_of(backups->get("backup_utils_version"));
    if (tool == "backup_utils")
      add_detail(n.detail, version.empty() ? std::string("backup-utils") : "backup-utils " + version);
    else if (!tool.empty())
      add_detail(n.detail, tool);
    if (from.empty())
      return;
    const model::Value* interval = number_at(backups, "interval_minutes");
    link(from, n.id, LinkKind::backup,
         interval != nullptr ? "every " + number_text(interval->number()) + " min" : "interval not given",
         "backups.interval_minutes");
  }

  const model::Value& m_root;
  const DiagramBasis& m_basis;
  const engine::Catalog& m_catalog;
  Diagram m_diagram;
  int m_actives = 0;
  int m_caches = 0;
};

// Whether `prefix` is `path` or a leading part of it that ends at a path step.
bool is_step_prefix(std::string_view prefix, std::string_view path)
{
  if (prefix.empty() || path.substr(0, prefix.size()) != prefix)
    return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

} // namespace

std::string_view to_string(NodeRole role)
{
  switch (role) {
  case NodeRole::primary:
    return "primary";
  case NodeRole::passive_replica:
    return "passive-replica";
  case NodeRole::active_replica:
    return "active-replica";
  case NodeRole::repository_cache:
    return "repository-cache";
  case NodeRole::cluster_node:
    return "cluster-node";
  case NodeRole::replica_cluster_node:
    return "replica-cluster-node";
  case NodeRole::load_balancer:
    return "load-balancer";
  case NodeRole::backup_host:
    return "backup-host";
  }
  return "primary";
}

std::string_view to_string(LinkKind kind)
{
  switch (kind) {
  case LinkKind::replication:
    return "replication";
  case LinkKind::client_traffic:
    return "client-traffic";
  case LinkKind::backup:
    return "backup";
  }
  return "replication";
}

std::string element_for(const Diagram& diagram, std::string_view key_path)
{
  std::string best;
  std::size_t best_length = 0;
  const auto consider = [&](const std::string& id, const std::string& path) {
    if (path.size() > best_length && is_step_prefix(path, key_path)) {
      best = id;
      best_length = path.size();
    }
  };
  for (const auto& n : diagram.nodes)
    consider(n.id, n.key_path);
  for (const auto& l : diagram.links)
    consider(l.id, l.key_path);
  return best;
}

Diagram build_diagram(const model::Environment& environment, const DiagramBasis& basis,
                      const engine::Catalog& catalog)
{
  return Builder(environment, basis, catalog).build();
}

} // namespace ghes_topology::advice
