// SPDX-License-Identifier: Apache-2.0
// Issue 13: the topology diagram a report draws, for the plan (check) and the verdict (recommend).
#include "ghes_topology/advice/advisor.hpp"
#include "ghes_topology/advice/diagram.hpp"
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/engine/catalog.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace ghes_topology;

namespace {

const engine::Catalog& catalog()
{
  static const engine::Catalog c = [] {
    diag::DiagnosticBag bag;
    diag::SourceMap sources;
    auto loaded = engine::load_catalog(engine::CatalogOptions{}, bag, sources);
    REQUIRE(loaded);
    return std::move(*loaded);
  }();
  return c;
}

model::Environment load_text(const std::string& name, const std::string& text)
{
  diag::DiagnosticBag bag;
  auto environment = loader::load_document(name, text, 1, bag);
  INFO(name);
  REQUIRE(environment);
  return std::move(*environment);
}

model::Environment example(const std::string& name)
{
  std::ifstream in(std::string(GHES_TOPOLOGY_SOURCE_DIR) + "/examples/" + name + ".yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return load_text(name, text.str());
}

advice::FileResult assess(const model::Environment& environment, advice::Command command)
{
  advice::Options options;
  options.command = command;
  options.today = "2026-01-01";
  return advice::assess_file(catalog(), advice::Input{&environment, {}}, options);
}

// One line per site, node and link: the whole diagram, for whole-output assertions.
std::string dump(const advice::Diagram& d)
{
  std::string out = std::string(d.planned ? "planned" : "recommended") + " " +
                    (d.topology ? std::string(engine::to_string(*d.topology)) : std::string("none")) + "\n";
  for (const auto& s : d.sites)
    out += s.id + " [" + s.datacenter + "] region=" + s.region + (s.proposed ? " proposed" : "") + "\n";
  for (const auto& n : d.nodes) {
    out += n.id + " " + std::string(advice::to_string(n.role)) + " \"" + n.name + "\" @" + n.site + " <" +
           n.key_path + ">" + (n.proposed ? " proposed" : "");
    for (const auto& line : n.detail)
      out += " | " + line;
    out += "\n";
  }
  for (const auto& l : d.links)
    out += l.id + " " + l.from + " -> " + l.to + " " + std::string(advice::to_string(l.kind)) + " \"" +
           l.label + "\" <" + l.key_path + ">\n";
  return out;
}

} // namespace

TEST_CASE("diagram: check draws the plan's replicas by datacenter with their latencies", "[advice][diagram]")
{
  const auto result = assess(example("flawed-plan"), advice::Command::check);
  REQUIRE(result.diagram);
  CHECK(dump(*result.diagram) ==
        "planned ha\n"
        "site-1 [ham-dc1] region=\n"
        "site-2 [sin-dc1] region=singapore\n"
        "primary primary \"Primary\" @site-1 <primary> | 40 vCPU, 256 GB\n"
        "replica-1 passive-replica \"ghe-replica-ham\" @site-1 <plan.replicas[0]> | 40 vCPU, 256 GB\n"
        "replica-2 active-replica \"ghe-replica-sin\" @site-2 <plan.replicas[1]> | 16 vCPU, 128 GB | serves "
        "singapore\n"
        "backup backup-host \"Backup host\" @site-1 <backups> | 4 vCPU, 8 GB | backup-utils 3.15.2\n"
        "link-1 primary -> replica-1 replication \"0.5 ms\" <plan.replicas[0].latency_ms>\n"
        "link-2 primary -> replica-2 replication \"180 ms\" <plan.replicas[1].latency_ms>\n"
        "link-3 primary -> backup backup \"every 60 min\" <backups.interval_minutes>\n");
}

TEST_CASE("diagram: check draws the plan's cluster nodes, replica cluster, load balancer and backup host",
          "[advice][diagram]")
{
  const auto result = assess(example("clustered-with-dr"), advice::Command::check);
  REQUIRE(result.diagram);
  CHECK(dump(*result.diagram) ==
        "planned cluster\n"
        "site-1 [chi-dc1] region=\n"
        "site-2 [dfw-dc2] region=\n"
        "node-1 cluster-node \"ghe-fe-1\" @site-1 <plan.nodes[0]> | web-server, job-server, memcache-server "
        "| 16 vCPU, 64 GB\n"
        "node-2 cluster-node \"ghe-fe-2\" @site-1 <plan.nodes[1]> | web-server, job-server, memcache-server "
        "| 16 vCPU, 64 GB\n"
        "node-3 cluster-node \"ghe-fe-3\" @site-1 <plan.nodes[2]> | web-server, job-server, memcache-server "
        "| 16 vCPU, 64 GB\n"
        "node-4 cluster-node \"ghe-db-1\" @site-1 <plan.nodes[3]> | consul-server, mysql-server, "
        "redis-server, mssql-server | 16 vCPU, 128 GB\n"
        "node-5 cluster-node \"ghe-db-2\" @site-1 <plan.nodes[4]> | consul-server, mysql-server, "
        "redis-server, mssql-server | 16 vCPU, 128 GB\n"
        "node-6 cluster-node \"ghe-db-3\" @site-1 <plan.nodes[5]> | consul-server, mysql-server, "
        "redis-server, mssql-server | 16 vCPU, 128 GB\n"
        "node-7 cluster-node \"ghe-st-1\" @site-1 <plan.nodes[6]> | git-server, pages-server, "
        "storage-server, metrics-server | 16 vCPU, 96 GB\n"
        "node-8 cluster-node \"ghe-st-2\" @site-1 <plan.nodes[7]> | git-server, pages-server, "
        "storage-server, metrics-server | 16 vCPU, 96 GB\n"
        "node-9 cluster-node \"ghe-st-3\" @site-1 <plan.nodes[8]> | git-server, pages-server, "
        "storage-server, metrics-server | 16 vCPU, 96 GB\n"
        "node-10 cluster-node \"ghe-es-1\" @site-1 <plan.nodes[9]> | elasticsearch-server | 12 vCPU, 64 GB\n"
        "node-11 cluster-node \"ghe-es-2\" @site-1 <plan.nodes[10]> | elasticsearch-server | 12 vCPU, 64 GB\n"
        "node-12 cluster-node \"ghe-es-3\" @site-1 <plan.nodes[11]> | elasticsearch-server | 12 vCPU, 64 GB\n"
        "replica-cluster replica-cluster-node \"Replica cluster\" @site-2 <plan.replica_cluster> | nodes not "
        "given\n"
        "lb load-balancer \"Load balancer\" @ <network.load_balancer> | layer 4\n"
        "backup backup-host \"Backup host\" @site-2 <backups> | 16 vCPU, 32 GB | backup-utils 3.18.0\n"
        "link-1 node-1 -> replica-cluster replication \"22 ms\" <plan.replica_cluster.latency_ms>\n"
        "link-2 lb -> node-1 client-traffic \"client traffic\" <>\n"
        "link-3 lb -> node-2 client-traffic \"client traffic\" <>\n"
        "link-4 lb -> node-3 client-traffic \"client traffic\" <>\n"
        "link-5 node-1 -> backup backup \"every 30 min\" <backups.interval_minutes>\n");
}

TEST_CASE("diagram: recommend proposes replicas and caches only where the implications call for them",
          "[advice][diagram]")
{
  const auto result = assess(example("three-continents"), advice::Command::recommend);
  REQUIRE(result.diagram);
  CHECK(dump(*result.diagram) ==
        "recommended ha\n"
        "site-1 [nyc-dc1] region=\n"
        "site-2 [] region= proposed\n"
        "site-3 [] region=san-francisco proposed\n"
        "site-4 [] region=london proposed\n"
        "site-5 [] region=bangalore proposed\n"
        "site-6 [] region=remote CI farm proposed\n"
        "site-7 [ash-dc2] region=\n"
        "primary primary \"Primary\" @site-1 <primary> | 64 vCPU, 384 GB\n"
        "passive-1 passive-replica \"Passive replica\" @site-1 <> proposed | 64 vCPU, 384 GB, like the "
        "primary\n"
        "passive-2 passive-replica \"Passive replica (DR site)\" @site-2 <> proposed | 64 vCPU, 384 GB, like "
        "the primary\n"
        "active-1 active-replica \"Active replica (san-francisco)\" @site-3 <developers.regions[1]> proposed "
        "| serves san-francisco\n"
        "active-2 active-replica \"Active replica (london)\" @site-4 <developers.regions[2]> proposed | "
        "serves london\n"
        "cache-1 repository-cache \"Repository cache (bangalore)\" @site-5 <developers.regions[3]> proposed "
        "| serves bangalore\n"
        "cache-2 repository-cache \"Repository cache (CI farm)\" @site-6 <features.remote_ci_farm> proposed "
        "| serves the remote CI farm\n"
        "backup backup-host \"Backup host\" @site-7 <backups> | 8 vCPU, 16 GB | backup-utils 3.17.0\n"
        "link-1 primary -> passive-1 replication \"0.3 ms\" <network.datacenter_latency_ms>\n"
        "link-2 primary -> passive-2 replication \"7 ms\" <network.dr_site_latency_ms>\n"
        "link-3 primary -> active-1 replication \"64 ms\" <developers.regions[1].latency_ms>\n"
        "link-4 primary -> active-2 replication \"68 ms\" <developers.regions[2].latency_ms>\n"
        "link-5 primary -> cache-1 replication \"190 ms\" <developers.regions[3].latency_ms>\n"
        "link-6 primary -> cache-2 replication \"latency not given\" <>\n"
        "link-7 primary -> backup backup \"every 60 min\" <backups.interval_minutes>\n");
}

TEST_CASE("diagram: recommend a cluster without nodes in the file: a proposed cluster box",
          "[advice][diagram]")
{
  const auto result = assess(example("exhausted-top-size"), advice::Command::recommend);
  REQUIRE(result.diagram);
  CHECK(dump(*result.diagram) ==
        "recommended cluster\n"
        "site-1 [iad-dc1] region=\n"
        "site-2 [ord-dc2] region=\n"
        "cluster cluster-node \"Cluster\" @site-1 <> proposed | nodes not given\n"
        "lb load-balancer \"Load balancer\" @ <network.load_balancer> | layer 4\n"
        "backup backup-host \"Backup host\" @site-2 <backups> | 32 GB | backup-utils 3.17.0\n"
        "link-1 lb -> cluster client-traffic \"client traffic\" <>\n"
        "link-2 cluster -> backup backup \"every 60 min\" <backups.interval_minutes>\n");
}

TEST_CASE("diagram: a standalone verdict draws the primary and what the file gives, nothing proposed",
          "[advice][diagram]")
{
  const auto result = assess(example("small-single-site"), advice::Command::recommend);
  REQUIRE(result.diagram);
  CHECK(dump(*result.diagram) ==
        "recommended standalone\n"
        "site-1 [hq-server-room] region=\n"
        "site-2 [colo-west] region=\n"
        "primary primary \"Primary\" @site-1 <primary> | 8 vCPU, 64 GB\n"
        "backup backup-host \"Backup host\" @site-2 <backups> | 4 vCPU, 8 GB | backup-utils 3.16.0\n"
        "link-1 primary -> backup backup \"every 1440 min\" <backups.interval_minutes>\n");
}

TEST_CASE("diagram: check without a plan has no diagram", "[advice][diagram]")
{
  const auto result = assess(load_text("bare", "version: 1\nname: Bare\n"), advice::Command::check);
  CHECK_FALSE(result.diagram);
}

TEST_CASE("diagram: element_for picks the longest key-path prefix that ends at a path step",
          "[advice][diagram]")
{
  const auto result = assess(example("flawed-plan"), advice::Command::check);
  REQUIRE(result.diagram);
  const advice::Diagram& d = *result.diagram;
  CHECK(advice::element_for(d, "plan.replicas[1].latency_ms") == "link-2");
  CHECK(advice::element_for(d, "plan.replicas[1].vcpus") == "replica-2");
  CHECK(advice::element_for(d, "plan.replicas[1]") == "replica-2");
  CHECK(advice::element_for(d, "plan.replicas[0].latency_ms") == "link-1");
  CHECK(advice::element_for(d, "primary.usage.memory_percent") == "primary");
  CHECK(advice::element_for(d, "backups.backup_utils_version") == "backup");
  CHECK(advice::element_for(d, "backups.interval_minutes") == "link-3");
  CHECK(advice::element_for(d, "plan.replicas") == "");
  CHECK(advice::element_for(d, "plan.topology") == "");
  CHECK(advice::element_for(d, "primaryx") == "");
  CHECK(advice::element_for(d, "") == "");

  advice::Diagram many;
  for (int i = 1; i <= 11; ++i)
    many.nodes.push_back(advice::DiagramNode{"replica-" + std::to_string(i),
                                             advice::NodeRole::passive_replica,
                                             "r",
                                             "site-1",
                                             {},
                                             "plan.replicas[" + std::to_string(i - 1) + "]",
                                             false});
  CHECK(advice::element_for(many, "plan.replicas[10].vcpus") == "replica-11");
  CHECK(advice::element_for(many, "plan.replicas[1].vcpus") == "replica-2");
}
