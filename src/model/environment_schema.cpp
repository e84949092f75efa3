// SPDX-License-Identifier: Apache-2.0
// The environment file's field table (schema version 1). Edit here and the loader,
// the JSON Schema, docs/environment.md and the expression checker follow.
#include "ghes_topology/model/environment_schema.hpp"

#include <initializer_list>
#include <utility>

namespace ghes_topology::model {
namespace {

using T = FieldType;

struct F;

// An element of a braced list of specs, moved out of it: the list's elements are const, their
// `mutable` spec is not, so building the tables copies no spec.
struct Moved
{
  mutable FieldSpec spec;

  Moved(F&& f);        // NOLINT(google-explicit-constructor)
  Moved(FieldSpec&& s) // NOLINT(google-explicit-constructor)
      : spec(std::move(s))
  {}
};

// Small fluent helpers so each row stays on a few lines. Each row is a temporary: the helpers
// move it along, and the spec out of it at the end.
struct F
{
  FieldSpec spec;

  F(std::string name, T type, std::string description)
      : spec(field(std::move(name), type, std::move(description)))
  {}
  F&& required() &&
  {
    spec.presence = Presence::required;
    return std::move(*this);
  }
  F&& unit(std::string u) &&
  {
    spec.unit = std::move(u);
    return std::move(*this);
  }
  F&& range(std::optional<double> lo, std::optional<double> hi) &&
  {
    spec.minimum = lo;
    spec.maximum = hi;
    return std::move(*this);
  }
  F&& values(std::vector<std::string> v) &&
  {
    spec.values = std::move(v);
    return std::move(*this);
  }
  F&& fields(std::initializer_list<Moved> f) &&
  {
    spec.fields.reserve(f.size());
    for (const Moved& m : f)
      spec.fields.push_back(std::move(m.spec));
    return std::move(*this);
  }
  F&& items(FieldSpec item, std::size_t max = 0) &&
  {
    spec.item.push_back(std::move(item));
    spec.max_items = max;
    return std::move(*this);
  }
  F&& example(std::string e) &&
  {
    spec.example = std::move(e);
    return std::move(*this);
  }
  operator FieldSpec() && { return std::move(spec); } // NOLINT(google-explicit-constructor)
};

Moved::Moved(F&& f)
    : spec(std::move(f.spec))
{}

constexpr double k_max_count = 10'000'000;  // developers, admins: generous but finite
constexpr double k_max_latency_ms = 60'000; // one minute of round trip is surely a typo
constexpr double k_max_minutes = 525'600;   // one year
constexpr double k_max_gb = 1'000'000;      // one petabyte
constexpr double k_max_vcpus = 1'024;

FieldSpec percent(std::string name, std::string description, std::string example)
{
  return F(std::move(name), T::decimal, std::move(description))
      .unit("percent")
      .range(0, 100)
      .example(std::move(example));
}

std::vector<std::string> roles()
{
  return {"web-server",     "job-server",     "memcache-server",      "consul-server",
          "mysql-server",   "redis-server",   "git-server",           "pages-server",
          "storage-server", "metrics-server", "elasticsearch-server", "mssql-server"};
}

Schema build()
{
  Schema s;
  s.title = "ghes-topology environment file";
  s.id = "https://github.com/ghes-topology/ghes-topology/schema/environment-v1.json";
  s.version = 1;

  FieldSpec region =
      F("region", T::object, "A region developers work from.")
          .fields({
              F("name", T::string, "Region name, e.g. `europe`.").required().example("europe"),
              F("developers", T::integer, "Developers working from this region.")
                  .range(0, k_max_count)
                  .example("700"),
              F("latency_ms", T::decimal, "Round-trip latency from this region to the primary's site.")
                  .unit("ms")
                  .range(0, k_max_latency_ms)
                  .example("85"),
          });

  FieldSpec developers =
      F("developers", T::object, "Who uses the instance.")
          .fields({
              F("total", T::integer, "Developers (user licences) using the instance.")
                  .range(0, k_max_count)
                  .example("2500"),
              F("yearly_growth_percent", T::decimal, "Expected growth of the developer count per year.")
                  .unit("percent")
                  .range(-100, 1000)
                  .example("15"),
              F("regions", T::list, "Where developers work from.").items(std::move(region), 1000),
          });

  FieldSpec features =
      F("features", T::object, "GHES features in use or planned.")
          .fields({
              F("actions", T::boolean, "GitHub Actions is enabled.").example("true"),
              F("packages", T::boolean, "GitHub Packages (including the container registry) is enabled.")
                  .example("false"),
              F("code_security", T::boolean, "GitHub Code Security / Advanced Security is enabled.")
                  .example("false"),
              F("pages", T::boolean, "GitHub Pages is enabled.").example("true"),
              F("repository_caches_wanted", T::boolean,
                "Repository caches are wanted (e.g. for a remote CI farm).")
                  .example("false"),
              F("remote_ci_farm", T::boolean, "A large CI farm clones from a site far from the primary.")
                  .example("false"),
          });

  FieldSpec usage =
      F("usage", T::object, "Observed resource usage of the primary at peak.")
          .fields({
              F("cpu_percent_above_baseline", T::decimal,
                "Peak CPU use above the healthy-week baseline, in percent, as GitHub states its thresholds "
                "(warning 20% above the baseline).")
                  .unit("percent")
                  .range(0, 1000)
                  .example("15"),
              percent("memory_percent", "Peak sustained memory use.", "45"),
              percent("root_disk_percent", "Root volume use.", "40"),
              percent("data_disk_percent", "Data volume use.", "55"),
              F("exhaustion_events_per_month", T::decimal,
                "How often per month CPU, memory or disk ran out (alerts, OOM kills, throttling).")
                  .range(0, 10'000)
                  .example("0"),
          });

  FieldSpec primary =
      F("primary", T::object, "The primary appliance (or, for a cluster, a typical node).")
          .fields({
              F("datacenter", T::string, "Datacenter or availability zone of the primary.")
                  .example("dc-east"),
              F("platform", T::enumeration, "Virtualisation platform.")
                  .values({"vmware", "hyper-v", "kvm", "aws", "azure", "gcp"})
                  .example("vmware"),
              F("vcpus", T::integer, "Virtual CPUs.").range(1, k_max_vcpus).example("20"),
              F("memory_gb", T::decimal, "Memory.").unit("GB").range(1, 100'000).example("80"),
              F("root_disk_gb", T::decimal, "Root volume size.").unit("GB").range(1, k_max_gb).example("400"),
              F("data_disk_gb", T::decimal, "Data volume size.")
                  .unit("GB")
                  .range(1, k_max_gb)
                  .example("1000"),
              F("storage_type", T::enumeration, "Storage behind the data volume.")
                  .values({"ssd", "nvme", "san", "hdd", "network"})
                  .example("ssd"),
              F("iops", T::integer, "Provisioned IOPS of the data volume.")
                  .range(0, 10'000'000)
                  .example("6000"),
              std::move(usage),
          });

  FieldSpec dr =
      F("dr", T::object, "Disaster-recovery goals.")
          .fields({
              F("rto_minutes", T::decimal, "Recovery time objective: longest acceptable outage.")
                  .unit("minutes")
                  .range(0, k_max_minutes)
                  .example("60"),
              F("rpo_minutes", T::decimal, "Recovery point objective: most data loss acceptable.")
                  .unit("minutes")
                  .range(0, k_max_minutes)
                  .example("60"),
              F("automatic_failover", T::enumeration, "Whether failover must happen without an operator.")
                  .values({"required", "preferred", "not_needed"})
                  .example("not_needed"),
              F("survive", T::list, "Failure scopes the service must survive.")
                  .items(
                      F("scope", T::enumeration, "A failure scope.").values({"node", "datacenter", "region"}),
                      3)
                  .example("[node, datacenter]"),
              F("zero_downtime_upgrades", T::boolean, "Upgrades are expected to cause no downtime.")
                  .example("false"),
          });

  FieldSpec load_balancer =
      F("load_balancer", T::object, "The load balancer in front of GHES, if any.")
          .fields({
              F("present", T::boolean, "A load balancer is (or will be) in front of GHES.").example("false"),
              F("layer", T::integer, "OSI layer the load balancer works at (4 = TCP, 7 = HTTP).")
                  .range(4, 7)
                  .example("4"),
              F("proxy_protocol", T::boolean, "PROXY protocol is enabled on the load balancer.")
                  .example("true"),
              F("x_forwarded_for", T::boolean,
                "GHES trusts the X-Forwarded-For header (HTTP forwarding) for client addresses.")
                  .example("false"),
              F("nodes_reachable_directly", T::boolean,
                "Traffic from outside can reach the GHES nodes without passing the load balancer.")
                  .example("false"),
              F("tls", T::enumeration,
                "How TLS is handled: passed through, re-encrypted, or terminated to plain HTTP.")
                  .values({"passthrough", "reencrypt", "terminate_to_http"})
                  .example("passthrough"),
              F("health_check_path", T::string, "HTTP path the load balancer probes.").example("/status"),
              F("aws_nlb", T::boolean, "The load balancer is an AWS Network Load Balancer.").example("false"),
              F("sticky_sessions", T::boolean, "Sticky sessions are enabled.").example("false"),
          });

  FieldSpec network =
      F("network", T::object, "Network facts.")
          .fields({
              F("dns_ttl_seconds", T::integer, "TTL of the DNS record users resolve.")
                  .unit("seconds")
                  .range(0, 604'800)
                  .example("300"),
              F("geodns_available", T::boolean, "Geolocation-aware DNS is available.").example("false"),
              std::move(load_balancer),
              F("datacenter_latency_ms", T::decimal,
                "Round-trip latency between hosts inside the primary's datacenter.")
                  .unit("ms")
                  .range(0, k_max_latency_ms)
                  .example("0.3"),
              F("dr_site_latency_ms", T::decimal,
                "Round-trip latency from the primary's site to the DR site.")
                  .unit("ms")
                  .range(0, k_max_latency_ms)
                  .example("40"),
              F("firewall_between_nodes", T::boolean, "A firewall filters traffic between GHES nodes.")
                  .example("false"),
              F("replication_ports_open", T::boolean,
                "122/TCP and 1194/UDP are open both ways between all HA nodes.")
                  .example("true"),
              F("tls_enabled", T::boolean, "TLS (HTTPS) is enabled on GHES itself.").example("true"),
              F("subdomain_isolation", T::boolean, "Subdomain isolation is enabled (or will be).")
                  .example("true"),
              F("wildcard_dns", T::boolean,
                "A wildcard record `*.HOSTNAME` (or one record per subdomain) resolves to GHES or its "
                "load balancer.")
                  .example("true"),
          });

  FieldSpec operations =
      F("operations", T::object, "The team that runs GHES.")
          .fields({
              F("admins", T::integer, "Administrators who can operate GHES.").range(0, 10'000).example("2"),
              F("linux_experience", T::enumeration, "The team's Linux administration experience.")
                  .values({"none", "basic", "experienced", "expert"})
                  .example("experienced"),
              F("on_call", T::enumeration, "On-call coverage.")
                  .values({"none", "business_hours", "24x7"})
                  .example("24x7"),
              F("clustering_eligibility", T::enumeration,
                "Whether GitHub has approved clustering for this licence.")
                  .values({"approved", "requested", "unknown", "denied"})
                  .example("unknown"),
          });

  FieldSpec backups =
      F("backups", T::object, "How the instance is backed up.")
          .fields({
              F("tool", T::enumeration, "Backup mechanism.")
                  .values({"backup_utils", "backup_service", "volume_snapshots", "none"})
                  .example("backup_utils"),
              F("interval_minutes", T::decimal, "Time between backup runs.")
                  .unit("minutes")
                  .range(1, k_max_minutes)
                  .example("60"),
              F("host_datacenter", T::string, "Datacenter of the backup host (or backup storage).")
                  .example("dc-west"),
              F("host_vcpus", T::integer, "Backup host virtual CPUs.").range(1, k_max_vcpus).example("4"),
              F("host_memory_gb", T::decimal, "Backup host memory.")
                  .unit("GB")
                  .range(1, 100'000)
                  .example("8"),
              F("storage_gb", T::decimal, "Backup storage size.")
                  .unit("GB")
                  .range(0, k_max_gb)
                  .example("5000"),
              F("backup_utils_version", T::version, "Installed backup-utils version.").example("\"3.16.0\""),
              F("taken_from", T::string,
                "Replica or cluster node the backup service runs on (its `backup-server`); absent for "
                "the primary.")
                  .example("ghe-replica-1"),
              F("days_since_restore_test", T::integer, "Days since a restore was last tested.")
                  .unit("days")
                  .range(0, 36'500)
                  .example("30"),
          });

  FieldSpec monitoring =
      F("monitoring", T::object, "External monitoring.")
          .fields({
              F("systems", T::list, "External monitoring systems in use.")
                  .items(F("system", T::enumeration, "A monitoring system.")
                             .values({"snmp", "collectd", "opentelemetry", "nagios", "prometheus", "datadog",
                                      "zabbix", "other"}),
                         16)
                  .example("[snmp, nagios]"),
              F("alerts", T::list, "Alerts that are configured.")
                  .items(F("alert", T::enumeration, "An alert.")
                             .values({"disk", "cpu", "memory", "replication", "status_endpoint",
                                      "cluster_status"}),
                         16)
                  .example("[disk, cpu, memory, replication, status_endpoint, cluster_status]"),
          });

  FieldSpec replica =
      F("replica", T::object, "One HA replica.")
          .fields({
              F("name", T::string, "Host name of the replica.").required().example("ghe-replica-1"),
              F("type", T::enumeration, "Replica kind.")
                  .required()
                  .values({"passive", "active", "cache"})
                  .example("passive"),
              F("datacenter", T::string, "Datacenter of the replica.").example("dc-east"),
              F("region", T::string, "Developer region this replica serves (active or cache).")
                  .example("europe"),
              F("latency_ms", T::decimal, "Round-trip latency to the primary.")
                  .unit("ms")
                  .range(0, k_max_latency_ms)
                  .example("1"),
              F("vcpus", T::integer, "Virtual CPUs.").range(1, k_max_vcpus).example("20"),
              F("memory_gb", T::decimal, "Memory.").unit("GB").range(1, 100'000).example("80"),
              F("data_disk_gb", T::decimal, "Data volume size.")
                  .unit("GB")
                  .range(1, k_max_gb)
                  .example("1000"),
              F("ghes_version", T::version,
                "GHES release the replica runs, if it may differ from the top-level `ghes_version`.")
                  .example("\"3.16.2\""),
          });

  FieldSpec node =
      F("node", T::object, "One cluster node.")
          .fields({
              F("name", T::string, "Host name of the node.").required().example("ghe-data-1"),
              F("roles", T::list, "Services this node runs (cluster.conf service names).")
                  .required()
                  .items(F("role", T::enumeration, "A cluster service.").values(roles()), 12)
                  .example("[git-server, pages-server, storage-server]"),
              F("vcpus", T::integer, "Virtual CPUs.").range(1, k_max_vcpus).example("20"),
              F("memory_gb", T::decimal, "Memory.").unit("GB").range(1, 100'000).example("80"),
              F("data_disk_free_gb", T::decimal, "Free space on the data volume.")
                  .unit("GB")
                  .range(0, k_max_gb)
                  .example("500"),
              F("ipv4", T::string, "IPv4 address of the node.").example("\"10.0.0.11\""),
              F("datacenter", T::string, "Datacenter of the node.").example("dc-east"),
              F("ghes_version", T::version,
                "GHES release the node runs, if it may differ from the top-level `ghes_version`.")
                  .example("\"3.16.2\""),
          });

  FieldSpec plan =
      F("plan", T::object, "The topology you intend to run (checked by `ghes-topology check`).")
          .fields({
              F("topology", T::enumeration, "The intended topology.")
                  .required()
                  .values({"standalone", "ha", "cluster"})
                  .example("ha"),
              F("failover", T::enumeration, "How the plan expects failover to happen.")
                  .values({"manual", "automatic"})
                  .example("manual"),
              F("failover_via", T::enumeration, "How clients are redirected at failover.")
                  .values({"dns", "load_balancer"})
                  .example("dns"),
              F("replicas", T::list, "HA replicas (topology `ha`).").items(std::move(replica), 64),
              F("nodes", T::list, "Cluster nodes (topology `cluster`).").items(node, 1000),
              F("node_latency_ms", T::decimal, "Largest round-trip latency between two cluster nodes.")
                  .unit("ms")
                  .range(0, k_max_latency_ms)
                  .example("0.4"),
              F("replica_cluster", T::object, "A passive replica cluster in a second datacenter.")
                  .fields({
                      F("datacenter", T::string, "Datacenter of the replica cluster.")
                          .required()
                          .example("dc-west"),
                      F("latency_ms", T::decimal, "Round-trip latency to the active cluster.")
                          .unit("ms")
                          .range(0, k_max_latency_ms)
                          .example("30"),
                      F("nodes", T::list, "Nodes of the replica cluster, one per active node.")
                          .items(node, 1000),
                  }),
          });

  FieldSpec waiver = F("waiver", T::object, "A decision to accept one rule's finding for a while.")
                         .fields({
                             F("rule", T::string, "Id of the rule whose finding is accepted.")
                                 .required()
                                 .example("monitoring-memory-warning"),
                             F("key_path", T::string,
                               "Where the waiver applies: a key path with list items selected by "
                               "name or index (`plan.replicas[name=ghe-replica-dr]`); the findings "
                               "at or below it. Absent: the rule's findings anywhere in the file.")
                                 .example("primary.usage.memory_percent"),
                             F("reason", T::string, "Why the finding is accepted.")
                                 .required()
                                 .example("Memory upgrade scheduled for Q3"),
                             F("owner", T::string, "Who answers for the waiver.")
                                 .required()
                                 .example("infra-team@example.com"),
                             F("expires", T::date, "Last day the waiver applies (YYYY-MM-DD).")
                                 .required()
                                 .example("2027-06-30"),
                         });

  s.root = F("environment", T::object, "A GHES environment.")
               .fields({
                   F("version", T::integer, "Schema version of this file; must be 1.")
                       .required()
                       .range(1, 1)
                       .example("1"),
                   F("name", T::string, "Name of the environment or company.").example("Example Corp"),
                   F("ghes_version", T::version, "Target GHES version, e.g. \"3.16\".").example("\"3.16\""),
                   std::move(developers),
                   std::move(features),
                   std::move(primary),
                   std::move(dr),
                   std::move(network),
                   std::move(operations),
                   std::move(backups),
                   std::move(monitoring),
                   std::move(plan),
                   F("waivers", T::list, "Accepted findings.").items(std::move(waiver), 1000),
               });
  return s;
}

} // namespace

const Schema& environment_schema()
{
  static const Schema schema = build();
  return schema;
}

const std::vector<std::string>& cluster_roles()
{
  static const std::vector<std::string> list = roles();
  return list;
}

} // namespace ghes_topology::model
