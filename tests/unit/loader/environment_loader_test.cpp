// SPDX-License-Identifier: Apache-2.0
// Tests for the environment loader: every diagnostic kind as a data file with its
// whole expected text, a full round trip, scalar resolution and --set overrides.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace Catch {
template <>
struct StringMaker<ghes_topology::diag::Location>
{
  static std::string convert(const ghes_topology::diag::Location& l)
  {
    return fmt::format("{}:{}:{}-{}:{}", l.file, l.line, l.column, l.end_line, l.end_column);
  }
};
} // namespace Catch

namespace fs = std::filesystem;
using namespace ghes_topology;
using model::Value;

namespace {

std::string slurp(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Loaded
{
  std::optional<model::Environment> environment;
  std::string rendered;
  diag::DiagnosticBag bag;
};

Loaded load_text(const std::string& name, const std::string& text)
{
  Loaded result;
  diag::SourceMap sources;
  result.environment = loader::load_environment(loader::SourceInput{name, text}, result.bag, sources);
  result.rendered = diag::render_all(result.bag, sources);
  return result;
}

// Loads `text` and returns the rendered diagnostics.
std::string problems(const std::string& text)
{
  return load_text("env.yaml", text).rendered;
}

const Value& at(const model::Environment& env, const std::string& path)
{
  const Value* v = env.root.find(path);
  if (v == nullptr)
    FAIL("no value at " << path);
  return *v;
}

} // namespace

TEST_CASE("loader: every error.*.yaml file fails with the text of its .expected file", "[loader]")
{
  const fs::path data = GHES_TOPOLOGY_TEST_DATA_DIR;
  const bool update = std::getenv("GHES_TOPOLOGY_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(data)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("error.", 0) == 0 && entry.path().extension() == ".yaml")
      cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 20);
  for (const auto& path : cases) {
    const std::string name = path.filename().string();
    const Loaded loaded = load_text(name, slurp(path));
    fs::path expected_path = path;
    expected_path.replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << loaded.rendered;
      continue;
    }
    INFO("case " << name << " (refresh on purpose with GHES_TOPOLOGY_UPDATE_GOLDEN=1)");
    CHECK_FALSE(loaded.environment.has_value());
    CHECK(loaded.bag.has_errors());
    REQUIRE(fs::exists(expected_path));
    CHECK(loaded.rendered == slurp(expected_path));
  }
}

TEST_CASE("loader: every diagnostic code of the loader has an error.<case>.yaml file", "[loader]")
{
  const fs::path data = GHES_TOPOLOGY_TEST_DATA_DIR;
  std::string all_expected;
  for (const auto& entry : fs::directory_iterator(data))
    if (entry.path().extension() == ".expected")
      all_expected += slurp(entry.path());
  for (const char* code :
       {"yaml-syntax", "duplicate-key", "empty-document", "multiple-documents", "unknown-key", "missing-key",
        "wrong-type", "out-of-range", "bad-enum-value", "bad-date", "bad-version", "too-many-items",
        "unsupported-version", "duplicate-name", "not-a-mapping"}) {
    INFO(code);
    CHECK(all_expected.find(fmt::format("[{}]", code)) != std::string::npos);
  }
}

TEST_CASE("loader: a full file loads with typed, located values", "[loader]")
{
  const fs::path path = fs::path(GHES_TOPOLOGY_TEST_DATA_DIR) / "good.full.yaml";
  const Loaded loaded = load_text("good.full.yaml", slurp(path));
  INFO(loaded.rendered);
  REQUIRE(loaded.environment.has_value());
  CHECK(loaded.bag.empty());
  const auto& env = *loaded.environment;
  CHECK(env.source == "good.full.yaml");
  CHECK(env.root.kind == Value::Kind::object);

  // A plain 3.10 where a version is expected keeps its text.
  CHECK(at(env, "ghes_version").kind == Value::Kind::string);
  CHECK(at(env, "ghes_version").string == "3.10");
  CHECK(at(env, "name").string == "Example Corp");
  CHECK(at(env, "developers.total").kind == Value::Kind::integer);
  CHECK(at(env, "developers.total").integer == 2500);
  CHECK(at(env, "developers.yearly_growth_percent").kind == Value::Kind::decimal);
  CHECK(at(env, "developers.yearly_growth_percent").decimal == 12.5);
  // Decimal fields are decimals even when written as integers.
  CHECK(at(env, "primary.usage.root_disk_percent").kind == Value::Kind::decimal);
  CHECK(at(env, "primary.usage.root_disk_percent").number() == 40.0);
  CHECK(at(env, "primary.iops").integer == 8000); // 0x1F40
  CHECK(at(env, "features.actions").kind == Value::Kind::boolean);
  CHECK(at(env, "features.actions").boolean);
  CHECK_FALSE(at(env, "features.packages").boolean);
  // ~, null and an empty value are all "explicitly unknown"; an absent key has no value.
  CHECK(at(env, "features.code_security").kind == Value::Kind::unknown);
  CHECK(at(env, "features.pages").kind == Value::Kind::unknown);
  CHECK(at(env, "features.repository_caches_wanted").kind == Value::Kind::unknown);
  CHECK(env.root.find("features.remote_ci_farm") == nullptr);
  CHECK(at(env, "operations.on_call").string == "24x7");
  CHECK(at(env, "backups.backup_utils_version").string == "3.10.1");
  CHECK(at(env, "waivers").items.at(0).get("expires")->string == "2028-02-29");
  CHECK(at(env, "waivers").items.at(0).get("reason")->string == "The second site comes online in Q3");

  const Value& survive = at(env, "dr.survive");
  REQUIRE(survive.kind == Value::Kind::list);
  REQUIRE(survive.items.size() == 2);
  CHECK(survive.items[1].string == "datacenter");
  CHECK(survive.items[1].where == diag::span("good.full.yaml", 40, 19, 10));

  const Value& replicas = at(env, "plan.replicas");
  REQUIRE(replicas.items.size() == 2);
  CHECK(replicas.items[1].get("name")->string == "ghe-cache-asia");
  CHECK(replicas.items[1].get("region")->string == "asia");

  // Locations: the value and the key that introduced it.
  const Value& ttl = at(env, "network.dns_ttl_seconds");
  CHECK(ttl.where == diag::span("good.full.yaml", 43, 20, 2));
  CHECK(ttl.key_where == diag::span("good.full.yaml", 43, 3, 15));
  CHECK(at(env, "name").where == diag::span("good.full.yaml", 3, 7, 14)); // quotes included
  CHECK(at(env, "network").key_where == diag::span("good.full.yaml", 42, 1, 7));
}

TEST_CASE("loader: plain scalars resolve per the YAML 1.2 core schema", "[loader]")
{
  auto load_value = [](const std::string& yaml) {
    const Loaded loaded = load_text("env.yaml", "version: 1\n" + yaml);
    INFO(loaded.rendered);
    REQUIRE(loaded.environment.has_value());
    return *loaded.environment;
  };
  CHECK(at(load_value("developers: {total: +12}"), "developers.total").integer == 12);
  CHECK(at(load_value("developers: {total: 0o17}"), "developers.total").integer == 15);
  CHECK(at(load_value("developers: {total: 1e3}"), "developers.total").integer == 1000);
  CHECK(at(load_value("dr: {rto_minutes: .5}"), "dr.rto_minutes").decimal == 0.5);
  CHECK(at(load_value("features: {actions: TRUE}"), "features.actions").boolean);
  CHECK(at(load_value("features: {actions: NULL}"), "features.actions").kind == Value::Kind::unknown);
  CHECK(at(load_value("name: 123"), "name").string == "123");
  CHECK(at(load_value("name: true"), "name").string == "true");
  CHECK(at(load_value("name: |\n  two\n  lines\n"), "name").string == "two\nlines\n");
  CHECK(at(load_value("ghes_version: 3.16.2"), "ghes_version").string == "3.16.2");
  CHECK(at(load_value("ghes_version: '3.9'"), "ghes_version").string == "3.9");
  CHECK(at(load_value("dr: ~"), "dr").kind == Value::Kind::unknown);
  CHECK(at(load_value("name: &n 5\ndevelopers: {total: *n}"), "developers.total").integer == 5);
}

TEST_CASE("loader: quoted numbers and odd values are reported whole", "[loader]")
{
  CHECK(problems("version: 1\nnetwork:\n  dns_ttl_seconds: .inf\n") ==
        "env.yaml:3:20: error: 'dns_ttl_seconds' must be an integer [wrong-type]\n"
        " 3 |   dns_ttl_seconds: .inf\n"
        "   |                    ^~~~\n"
        "   = key path: network.dns_ttl_seconds\n"
        "   = expected: an integer between 0 and 604800 (seconds)\n"
        "   = found: a number .inf\n");
  CHECK(problems("version: 1\ndr:\n  rto_minutes: .nan\n") ==
        "env.yaml:3:16: error: 'rto_minutes' must be between 0 and 525600 [out-of-range]\n"
        " 3 |   rto_minutes: .nan\n"
        "   |                ^~~~\n"
        "   = key path: dr.rto_minutes\n"
        "   = expected: a number between 0 and 525600 (minutes)\n"
        "   = found: .nan\n");
  CHECK(problems("version: \"1\"\n") ==
        "env.yaml:1:10: error: unsupported schema version '1' [unsupported-version]\n"
        " 1 | version: \"1\"\n"
        "   |          ^~~\n"
        "   = key path: version\n"
        "   = expected: 1 (the only version this ghes-topology reads)\n"
        "   = found: a string \"1\"\n");
  CHECK(problems("version: 1\nname: &a [x]\nprimary: *a\n") ==
        "env.yaml:2:10: error: 'name' must be a string [wrong-type]\n"
        " 2 | name: &a [x]\n"
        "   |          ^\n"
        "   = key path: name\n"
        "   = expected: a string\n"
        "   = found: a list\n"
        "env.yaml:3:10: error: 'primary' must be a mapping [wrong-type]\n"
        " 3 | primary: *a\n"
        "   |          ^~\n"
        "   = key path: primary\n"
        "   = expected: a mapping with keys from datacenter, platform, vcpus, memory_gb, root_disk_gb, "
        "data_disk_gb, storage_type, iops, usage\n"
        "   = found: a list\n");
}

TEST_CASE("loader: all problems of a file are reported in one run, up to the bag's cap", "[loader]")
{
  std::string text = "version: 1\nprimary:\n";
  for (int i = 0; i < 60; ++i)
    text += fmt::format("  key_{}: 1\n", i);
  const Loaded loaded = load_text("env.yaml", text);
  CHECK(loaded.bag.error_count() == 60);
  CHECK(loaded.bag.all().size() == diag::DiagnosticBag::k_default_cap);
  CHECK(loaded.bag.dropped() == 10);
  CHECK(loaded.rendered.substr(loaded.rendered.rfind("note:")) ==
        "note: 10 more problem(s) not shown (limit 50 reached)\n");
}

TEST_CASE("loader: build_environment checks one parsed document of many", "[loader]")
{
  diag::DiagnosticBag bag;
  const auto documents =
      loader::parse_yaml("fixture.yaml", "version: 1\n---\nversion: 1\nplan: {topology: mesh}\n", bag,
                         loader::Documents::any_number);
  REQUIRE(documents.has_value());
  REQUIRE(documents->size() == 2);
  CHECK(loader::build_environment(documents->at(0), "fixture.yaml", bag).has_value());
  CHECK_FALSE(loader::build_environment(documents->at(1), "fixture.yaml", bag).has_value());
  diag::SourceMap sources;
  CHECK(diag::render_all(bag, sources) ==
        "fixture.yaml:4:18: error: unknown value 'mesh' for 'topology' [bad-enum-value]\n"
        "     = key path: plan.topology\n"
        "     = expected: one of standalone, ha, cluster\n"
        "     = found: mesh\n");
}

TEST_CASE("loader: convert checks a node against any field spec", "[loader]")
{
  diag::DiagnosticBag bag;
  const auto documents = loader::parse_yaml("x.yaml", "[1, 2, 3]", bag, loader::Documents::exactly_one);
  REQUIRE(documents.has_value());
  model::FieldSpec list = model::field("sizes", model::FieldType::list, "Sizes.");
  model::FieldSpec item = model::field("size", model::FieldType::integer, "A size.");
  item.maximum = 2;
  list.item = {item};
  CHECK_FALSE(loader::convert(documents->front(), list, "sizes", bag).has_value());
  REQUIRE(bag.all().size() == 1);
  CHECK(bag.all()[0].message == "'sizes[2]' must be at most 2");
  CHECK(bag.all()[0].where == diag::span("x.yaml", 1, 8, 1));
  list.item[0].maximum = 3;
  diag::DiagnosticBag clean;
  const auto value = loader::convert(documents->front(), list, "sizes", clean);
  REQUIRE(value.has_value());
  CHECK(value->items.size() == 3);
  CHECK(clean.empty());
}

// --- --set PATH=VALUE ---------------------------------------------------------

namespace {

model::Environment base_environment()
{
  const Loaded loaded = load_text("env.yaml", "version: 1\ndevelopers:\n  total: 300\nplan:\n  topology: ha\n"
                                              "  replicas:\n    - {name: r1, type: passive}\n");
  REQUIRE(loaded.environment.has_value());
  return *loaded.environment;
}

std::string override_problems(model::Environment& env, const std::string& assignment)
{
  diag::DiagnosticBag bag;
  const model::Environment before = env;
  const bool ok = loader::apply_override(env, assignment, bag);
  CHECK_FALSE(ok);
  CHECK(env.root.find("developers.total")->integer == before.root.find("developers.total")->integer);
  diag::SourceMap sources;
  return diag::render_all(bag, sources);
}

} // namespace

TEST_CASE("loader: --set replaces and adds values, checked like the file's", "[loader][override]")
{
  model::Environment env = base_environment();
  diag::DiagnosticBag bag;
  REQUIRE(loader::apply_override(env, "developers.total=30000", bag));
  REQUIRE(loader::apply_override(env, "dr.survive=[node, datacenter]", bag));
  REQUIRE(loader::apply_override(env, "network.load_balancer.layer=7", bag));
  REQUIRE(loader::apply_override(env, "plan.replicas[0].latency_ms=2.5", bag));
  REQUIRE(loader::apply_override(env, "ghes_version=3.10", bag));
  REQUIRE(loader::apply_override(env, "features.actions=", bag));
  CHECK(bag.empty());

  const Value& total = at(env, "developers.total");
  CHECK(total.integer == 30000);
  CHECK(total.where == diag::Location{"--set developers.total=30000"});
  CHECK(total.key_where == diag::Location{"--set developers.total=30000"});
  CHECK(at(env, "dr.survive").items.size() == 2);
  CHECK(at(env, "dr.survive").items[1].string == "datacenter");
  CHECK(at(env, "dr").where == diag::Location{"--set dr.survive=[node, datacenter]"}); // created
  CHECK(at(env, "network.load_balancer.layer").integer == 7);
  CHECK(at(env, "plan.replicas").items[0].get("latency_ms")->decimal == 2.5);
  CHECK(at(env, "plan.replicas").items[0].get("name")->string == "r1");
  CHECK(at(env, "ghes_version").string == "3.10");
  CHECK(at(env, "features.actions").kind == Value::Kind::unknown);
  // Untouched values keep their file locations.
  CHECK(at(env, "plan.topology").where == diag::span("env.yaml", 5, 13, 2));
}

TEST_CASE("loader: a bad --set is reported with its path, expectation and finding", "[loader][override]")
{
  model::Environment env = base_environment();
  CHECK(override_problems(env, "developers.totl=3") ==
        "--set developers.totl=3: error: unknown key 'totl' in 'developers' [unknown-key]\n"
        "     = key path: developers.totl\n"
        "     = expected: one of total, yearly_growth_percent, regions\n"
        "     = found: totl\n"
        "     = help: did you mean 'total'?\n");
  CHECK(override_problems(env, "developers.total=lots") ==
        "--set developers.total=lots: error: 'total' must be an integer [wrong-type]\n"
        "     = key path: developers.total\n"
        "     = expected: an integer between 0 and 10000000\n"
        "     = found: a string \"lots\"\n");
  CHECK(override_problems(env, "developers.total=-1") ==
        "--set developers.total=-1: error: 'total' must be between 0 and 10000000 [out-of-range]\n"
        "     = key path: developers.total\n"
        "     = expected: an integer between 0 and 10000000\n"
        "     = found: -1\n");
  CHECK(override_problems(env, "dr.survive=[node, dc]") ==
        "--set dr.survive=[node, dc]: error: unknown value 'dc' for 'survive[1]' [bad-enum-value]\n"
        "     = key path: dr.survive[1]\n"
        "     = expected: one of node, datacenter, region\n"
        "     = found: dc\n");
  CHECK(override_problems(env, "developers.total") ==
        "--set developers.total: error: --set needs PATH=VALUE with PATH a dotted key path [bad-override]\n"
        "     = expected: PATH=VALUE, e.g. developers.total=30000 or plan.replicas[0].latency_ms=2\n"
        "     = found: developers.total\n");
  CHECK(override_problems(env, "developers.total.x=1") ==
        "--set developers.total.x=1: error: 'developers.total' has no keys: it is an integer [bad-override]\n"
        "     = key path: developers.total\n"
        "     = expected: an integer between 0 and 10000000\n");
  CHECK(override_problems(env, "plan.replicas[3].vcpus=8") ==
        "--set plan.replicas[3].vcpus=8: error: 'plan.replicas' has no item [3] [bad-override]\n"
        "     = key path: plan.replicas\n"
        "     = expected: an index from 0 to 0\n"
        "     = found: 1 item\n");
  CHECK(override_problems(env, "name=[a") ==
        "--set name=[a: error: invalid YAML: end of sequence flow not found [yaml-syntax]\n"
        "     = note: a '[' or '{' is not closed\n");
  CHECK(
      override_problems(env, "plan.replicas=[{name: a, type: passive}, {name: a, type: cache}]") ==
      "--set plan.replicas=[{name: a, type: passive}, {name: a, type: cache}]: error: duplicate replica name "
      "'a' [duplicate-name]\n"
      "     = key path: plan.replicas[1].name\n"
      "     = expected: a name no other replica in 'plan.replicas' has\n"
      "     = found: a\n"
      "     = note: first used by plan.replicas[0] at --set plan.replicas=[{name: a, type: passive}, {name: "
      "a, "
      "type: cache}]\n");
}

TEST_CASE("loader: a huge key or value is shortened in messages", "[loader]")
{
  const std::string key(1000, 'k'); // yaml-cpp refuses longer implicit keys
  const Loaded loaded =
      load_text("env.yaml", "version: 1\n" + key + ": 1\nprimary: {platform: " + key + "}\n");
  REQUIRE(loaded.bag.all().size() == 2);
  const std::string shortened = std::string(57, 'k') + "...";
  CHECK(loaded.bag.all()[0].message == "unknown key '" + shortened + "' at the top level");
  CHECK(loaded.bag.all()[0].key_path == shortened);
  CHECK(loaded.bag.all()[0].found == shortened);
  CHECK(loaded.bag.all()[1].message == "unknown value '" + shortened + "' for 'platform'");
  CHECK(loaded.bag.all()[1].found == shortened);
  CHECK(loaded.rendered.size() < 2'000);
}

TEST_CASE("loader: a long --set value costs memory in proportion to its length",
          "[loader][override][hostile]")
{
  // Every node of the value keeps a location naming the assignment: cut, not the whole text.
  model::Environment env = base_environment();
  std::string value = "[";
  for (int i = 0; i < 1000; ++i)
    value += (i == 0 ? "" : ", ") + std::string("{name: r") + std::to_string(i) + ", type: passive}";
  value += "]";
  // 60 replicas (the list holds at most 64), about 1.4 KB of text.
  diag::DiagnosticBag bag;
  const std::string assignment = "plan.replicas=" + value.substr(0, value.find(", {name: r60")) + "]";
  REQUIRE(loader::apply_override(env, assignment, bag));
  const Value& replicas = at(env, "plan.replicas");
  REQUIRE(replicas.items.size() == 60);
  const std::string shown = "--set " + assignment.substr(0, 77) + "...";
  for (const auto& replica : replicas.items) {
    CHECK(replica.where.file == shown);
    CHECK(replica.get("name")->where.file == shown);
  }
}

TEST_CASE("loader: a key with the wrong unit gets the same suggestion as in a rule expression",
          "[loader][suggest]")
{
  // The rule-expression side of this pair is in tests/unit/expr/checker_test.cpp; a
  // `--set` path gets it too.
  CHECK(problems("version: 1\nnetwork:\n  dns_ttl_minutes: 60\n") ==
        "env.yaml:3:3: error: unknown key 'dns_ttl_minutes' in 'network' [unknown-key]\n"
        " 3 |   dns_ttl_minutes: 60\n"
        "   |   ^~~~~~~~~~~~~~~\n"
        "   = key path: network.dns_ttl_minutes\n"
        "   = expected: one of dns_ttl_seconds, geodns_available, load_balancer, datacenter_latency_ms, "
        "dr_site_latency_ms, firewall_between_nodes, replication_ports_open, tls_enabled, "
        "subdomain_isolation, wildcard_dns\n"
        "   = found: dns_ttl_minutes\n"
        "   = help: did you mean 'dns_ttl_seconds'?\n");
  model::Environment env = base_environment();
  CHECK(override_problems(env, "network.dns_ttl_minutes=60") ==
        "--set network.dns_ttl_minutes=60: error: unknown key 'dns_ttl_minutes' in 'network' [unknown-key]\n"
        "     = key path: network.dns_ttl_minutes\n"
        "     = expected: one of dns_ttl_seconds, geodns_available, load_balancer, datacenter_latency_ms, "
        "dr_site_latency_ms, firewall_between_nodes, replication_ports_open, tls_enabled, "
        "subdomain_isolation, wildcard_dns\n"
        "     = found: dns_ttl_minutes\n"
        "     = help: did you mean 'dns_ttl_seconds'?\n");
}
