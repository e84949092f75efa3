// SPDX-License-Identifier: Apache-2.0
// `recommend` run in-process on tests/data/scenarios: verdicts that agree with the GHES docs,
// what-if overrides, parameters, tipping points, confidence and determinism.
#include "unit/advice/scenario_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace ghes_topology::test;
using nlohmann::json;

namespace {

const json& score_of(const json& result, const std::string& option)
{
  for (const auto& s : result["verdict"]["scores"])
    if (s["option"] == option)
      return s;
  FAIL("no score for " << option);
  return result;
}

const json* tipping_point(const json& result, const std::string& fact)
{
  for (const auto& t : result["tipping_points"])
    if (t["fact"] == fact)
      return &t;
  return nullptr;
}

const json* question(const json& result, const std::string& fact)
{
  for (const auto& q : result["questions"])
    if (q["fact"] == fact)
      return &q;
  return nullptr;
}

} // namespace

TEST_CASE("recommend: a small single-site team gets a standalone appliance, never clustering",
          "[cli][recommend]")
{
  const std::string file = scenario("small-team");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(contains(o.out, "ghes-topology recommend: " + file + " (Harbour Design Studio)\n"));
  CHECK(contains(o.out, "\nVerdict: Standalone appliance\n"
                        "  confidence high (100%), margin 10 points over ha\n"));
  // Clustering eligibility is unknown, which blocks nothing below cluster.min_developers: scale
  // is the reason not to cluster.
  CHECK(contains(o.out, "\n  cluster      0\n"));

  const json r = json_result({"recommend", file});
  CHECK(r["topology"] == "standalone");
  CHECK(r["verdict"]["topology"] == "standalone");
  CHECK(score_of(r, "standalone")["score"] == 70);
  CHECK(score_of(r, "ha")["score"] == 60);
  CHECK(score_of(r, "cluster")["blocked"] == false);
  const auto reasons = reason_rules(r);
  CHECK(std::find(reasons.begin(), reasons.end(), "scale-below-cluster-scale") != reasons.end());
  CHECK(implication(r, "implications-standalone-appliance") != nullptr);

  // Even if GitHub approved clustering, 120 developers with an idle primary are no cluster.
  const json approved =
      json_result({"recommend", "--set", "operations.clustering_eligibility=approved", file});
  CHECK(score_of(approved, "cluster")["blocked"] == false);
  CHECK(approved["verdict"]["topology"] != "cluster");
  CHECK(score_of(approved, "cluster")["score"].get<int>() < score_of(approved, "ha")["score"].get<int>());

  // Surviving a node failure makes it HA, still not a cluster.
  const json survive = json_result({"recommend", "--set", "dr.survive=[node]", file});
  CHECK(survive["verdict"]["topology"] == "ha");
}

TEST_CASE("recommend: a top-size primary that routinely runs out of resources, with clustering approved, "
          "gets clustering",
          "[cli][recommend]")
{
  const std::string file = scenario("large-exhausted");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nVerdict: Clustering\n"
                        "  confidence high (100%), margin 45 points over ha\n"));
  CHECK(contains(o.out, "\n  standalone   0\n")); // no bar, and no trailing blanks
  CHECK(contains(
      o.out, "\nWhy (strongest first)\n"
             "  scale-routine-exhaustion-top-size  +40 cluster, -30 standalone, -30 ha\n"
             "      The primary has 64 vCPUs and 512 GB of memory, at or above the row of GitHub's newest "
             "hardware\n"
             "      table (GHES 3.20 documentation) for 25000 licences (64 vCPUs, 512 GB), and still had 8\n"
             "      resource-exhaustion events a month; GitHub recommends clustering when a single primary\n"
             "      routinely exhausts its resources.\n"
             "      fact: developers.total = 25000"));

  const json r = json_result({"recommend", file});
  CHECK(r["verdict"]["topology"] == "cluster");
  CHECK(r["verdict"]["margin"] == 45);
  CHECK(score_of(r, "cluster")["score"] == 100);
  CHECK(score_of(r, "cluster")["blocked"] == false);
  CHECK(r["reasons"][0]["rule"] == "scale-routine-exhaustion-top-size");
  CHECK(r["reasons"][0]["source"]["threshold"] == "assumption");
  // The facts it used, each where the file says it.
  std::vector<std::string> facts;
  for (const auto& f : r["reasons"][0]["facts"]) {
    const std::string path = f["path"].get<std::string>();
    if (path.rfind("params.", 0) == 0)
      continue;
    const auto& at = f["location"];
    facts.push_back(path + " = " + f["value"].get<std::string>() + " " + at["file"].get<std::string>() + ":" +
                    std::to_string(at["line"].get<int>()) + ":" + std::to_string(at["column"].get<int>()));
  }
  CHECK(facts == std::vector<std::string>{
                     "developers.total = 25000 " + position(file, "total: 25000", "25000"),
                     "primary.memory_gb = 512 " + position(file, "memory_gb: 512", "512"),
                     "primary.usage.exhaustion_events_per_month = 8 " +
                         position(file, "exhaustion_events_per_month: 8", "8"),
                     "primary.vcpus = 64 " + position(file, "vcpus: 64", "64"),
                 });
  CHECK(implication(r, "implications-cluster-layout") != nullptr);
  // Every option's reasons are evidence the docs give: no reason for HA's capacity.
  const auto reasons = reason_rules(r);
  CHECK(std::find(reasons.begin(), reasons.end(), "scale-tens-of-thousands") != reasons.end());
  CHECK(std::find(reasons.begin(), reasons.end(), "scale-below-cluster-scale") == reasons.end());
}

TEST_CASE("recommend: GitHub Packages blocks clustering for the same company", "[cli][recommend]")
{
  const std::string file = scenario("large-exhausted-packages");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nVerdict: High availability (primary + replicas)\n"));
  CHECK(contains(o.out, "\n  cluster    100  blocked by features-packages-cluster\n"));
  CHECK(contains(o.out,
                 "  features-packages-cluster  blocks cluster\n"
                 "      GitHub Packages is in use, and GitHub Packages does not support clustering.\n"));

  const json r = json_result({"recommend", file});
  CHECK(r["verdict"]["topology"] == "ha");
  CHECK(score_of(r, "cluster")["blocked"] == true);
  CHECK(score_of(r, "cluster")["blocked_by"] == json::array({"features-packages-cluster"}));
  CHECK(score_of(r, "cluster")["score"] == 100); // the block, not the score, rules it out
  REQUIRE_FALSE(r["reasons"].empty());
  CHECK(r["reasons"][0]["rule"] == "features-packages-cluster");
  const auto& where = r["reasons"][0]["location"];
  CHECK(where["file"].get<std::string>() + ":" + std::to_string(where["line"].get<int>()) + ":" +
            std::to_string(where["column"].get<int>()) ==
        position(file, "  packages: true", "true"));
  CHECK(r["reasons"][0]["source"]["path"] == "data/reusables/package_registry/packages-cluster-support.md");
  // HA adds no capacity: the report says so instead of hiding it.
  const auto findings = finding_rules(r);
  CHECK(std::find(findings.begin(), findings.end(), "scale-ha-adds-no-capacity") != findings.end());
}

TEST_CASE("recommend: wanted repository caches block clustering for the same company", "[cli][recommend]")
{
  const std::string file = scenario("large-exhausted-caches");
  const json r = json_result({"recommend", file});
  CHECK(r["verdict"]["topology"] == "ha");
  CHECK(score_of(r, "cluster")["blocked_by"] == json::array({"features-repository-caches-cluster"}));
  CHECK(r["reasons"][0]["rule"] == "features-repository-caches-cluster");
  CHECK(r["reasons"][0]["message"] ==
        "Repository caches are wanted, and repository caching is not supported with clustering.");

  const Outcome o = run({"recommend", file});
  CHECK(contains(o.out, "\n  cluster    100  blocked by features-repository-caches-cluster\n"));
}

TEST_CASE("recommend: users on several continents get HA, geo-replicas within 70 ms and caches beyond",
          "[cli][recommend]")
{
  const std::string file = scenario("multi-continent");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "\nVerdict: High availability (primary + replicas)\n"));
  // The topology implications sit under the verdict; Reykjavik (40 developers) is too small.
  CHECK(contains(
      o.out,
      "\n  - Serve the regions [madrid, dubai] with active (geo) replicas near them (`ghe-repl-node\n"));
  CHECK(contains(o.out, "\n  - The regions [new-york, tokyo] are too far for replicas (70 ms or more): give "
                        "them repository\n"));
  CHECK_FALSE(contains(o.out, "reykjavik"));

  const json r = json_result({"recommend", file});
  CHECK(r["verdict"]["topology"] == "ha");
  const json* geo = implication(r, "implications-ha-replicas-geo");
  REQUIRE(geo);
  CHECK((*geo)["section"] == "topology");
  CHECK((*geo)["text"].get<std::string>().rfind(
            "Serve the regions [madrid, dubai] with active (geo) replicas", 0) == 0);
  const json* caches = implication(r, "implications-ha-replicas-regional-caches");
  REQUIRE(caches);
  CHECK((*caches)["text"].get<std::string>().rfind("The regions [new-york, tokyo] are too far for replicas",
                                                   0) == 0);
  const auto reasons = reason_rules(r);
  CHECK(std::find(reasons.begin(), reasons.end(), "geography-nearby-regions") != reasons.end());
  CHECK(std::find(reasons.begin(), reasons.end(), "geography-distant-regions") != reasons.end());
  CHECK(score_of(r, "cluster")["blocked"] == true);

  // 70 ms itself is beyond the limit: Madrid moves from the replicas to the caches.
  const json at_limit = json_result({"recommend", "--set", "developers.regions[1].latency_ms=70", file});
  const json* geo70 = implication(at_limit, "implications-ha-replicas-geo");
  REQUIRE(geo70);
  CHECK((*geo70)["text"].get<std::string>().rfind("Serve the regions [dubai] with", 0) == 0);
  const json* caches70 = implication(at_limit, "implications-ha-replicas-regional-caches");
  REQUIRE(caches70);
  CHECK((*caches70)["text"].get<std::string>().rfind("The regions [madrid, new-york, tokyo] are too far",
                                                     0) == 0);
}

TEST_CASE("recommend: --set flips the verdict as the rules say and the report lists the override",
          "[cli][recommend]")
{
  const std::string file = scenario("large-exhausted");

  SECTION("exhaustion below the routine level: no reason left to cluster")
  {
    const Outcome o = run({"recommend", "--set", "primary.usage.exhaustion_events_per_month=3", file});
    INFO(o.out);
    CHECK(o.exit_code == 0);
    CHECK(contains(o.out, "ghes-topology recommend: " + file +
                              " (Contoso Engineering)\n"
                              "Overrides: --set primary.usage.exhaustion_events_per_month=3\n"
                              "\nVerdict: High availability (primary + replicas)\n"));
    const json r = json_result({"recommend", "--set", "primary.usage.exhaustion_events_per_month=3", file});
    CHECK(r["fact_overrides"] == json::array({"primary.usage.exhaustion_events_per_month=3"}));
    CHECK(r["verdict"]["topology"] == "ha");
    const auto reasons = reason_rules(r);
    CHECK(std::find(reasons.begin(), reasons.end(), "scale-no-routine-exhaustion") != reasons.end());
    CHECK(std::find(reasons.begin(), reasons.end(), "scale-routine-exhaustion-top-size") == reasons.end());
  }
  SECTION("the developer count across the clustering threshold, both ways")
  {
    const json below = json_result({"recommend", "--set", "developers.total=9999", file});
    CHECK(below["verdict"]["topology"] == "ha");
    CHECK(below["fact_overrides"] == json::array({"developers.total=9999"}));
    // The overridden fact is shown with where it came from.
    bool seen = false;
    for (const auto& reason : below["reasons"])
      for (const auto& fact : reason["facts"])
        if (fact["path"] == "developers.total") {
          CHECK(fact["value"] == "9999");
          CHECK(fact["location"] == json{{"file", "--set developers.total=9999"}});
          seen = true;
        }
    CHECK(seen);

    const json at = json_result({"recommend", "--set", "developers.total=10000", file});
    CHECK(at["verdict"]["topology"] == "cluster");
  }
  SECTION("several overrides, in order, on several files")
  {
    const Outcome o = run({"recommend", "--set", "developers.total=9999", "--set",
                           "primary.usage.exhaustion_events_per_month=3", file, scenario("near-threshold")});
    INFO(o.err);
    CHECK(o.exit_code == 0);
    CHECK(contains(o.out, "ghes-topology recommend: " + file +
                              " (Contoso Engineering)\n"
                              "Overrides: --set developers.total=9999; --set "
                              "primary.usage.exhaustion_events_per_month=3\n"));
    CHECK(contains(o.out, "ghes-topology recommend: " + scenario("near-threshold") +
                              " (Northbridge Bank)\n"
                              "Overrides: --set developers.total=9999; --set "
                              "primary.usage.exhaustion_events_per_month=3\n"));
  }
}

TEST_CASE("recommend: an invalid --set value is exit 2 with the loader's diagnostic", "[cli][recommend]")
{
  const std::string file = scenario("small-team");

  const Outcome negative = run({"recommend", "--set", "developers.total=-5", file});
  CHECK(negative.exit_code == 2);
  CHECK(negative.out.empty());
  CHECK(negative.err ==
        "--set developers.total=-5: error: 'total' must be between 0 and 10000000 [out-of-range]\n"
        "     = key path: developers.total\n"
        "     = expected: an integer between 0 and 10000000\n"
        "     = found: -5\n");

  const Outcome typo = run({"recommend", "--set", "developers.totl=5", file});
  CHECK(typo.exit_code == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err == "--set developers.totl=5: error: unknown key 'totl' in 'developers' [unknown-key]\n"
                    "     = key path: developers.totl\n"
                    "     = expected: one of total, yearly_growth_percent, regions\n"
                    "     = found: totl\n"
                    "     = help: did you mean 'total'?\n");
}

TEST_CASE("recommend: --param cluster.min-developers moves the verdict and the tipping point",
          "[cli][recommend]")
{
  const std::string file = scenario("large-exhausted");
  const std::vector<std::string> args = {"recommend", "--param", "cluster.min-developers=30000", file};
  const Outcome o = run(args);
  INFO(o.out);
  CHECK(o.exit_code == 0);
  // 25,000 developers are now below the scale clustering is meant for: HA and clustering tie
  // at 65 and the tie goes to the simpler option.
  CHECK(contains(o.out, "ghes-topology recommend: " + file +
                            " (Contoso Engineering)\n"
                            "Overrides: --param cluster.min_developers=30000 (default 10000)\n"
                            "\nVerdict: High availability (primary + replicas)\n"
                            "  confidence high (100%), tied with cluster at 65 points: ties go to the "
                            "simpler option (standalone,\n"
                            "  then ha, then cluster; docs/scoring.md)\n"));
  CHECK(contains(o.out, "\nWhat would change it\n"
                        "  - developers.total is 25,000: cluster at 30,000 or more (at the stated growth, in "
                        "about 3.1 years)\n"));

  const json r = json_result(args);
  CHECK(r["verdict"]["topology"] == "ha");
  const json* t = tipping_point(r, "developers.total");
  REQUIRE(t);
  CHECK((*t)["threshold"] == 30000);
  CHECK((*t)["direction"] == "up");
  CHECK((*t)["becomes"] == "cluster");
  CHECK((*t)["years"] == 3.1); // ln(30000 / 25000) / ln(1.06)

  std::vector<std::string> full = args;
  full.insert(full.begin() + 1, {"--format", "json"});
  const json report = parse_report(run(full).out);
  CHECK(report["parameter_overrides"] ==
        json::array({json{{"name", "cluster.min_developers"}, {"value", "30000"}, {"default", "10000"}}}));

  // The default threshold (10,000) puts the same company in the clustering range.
  const json lower = json_result({"recommend", "--param", "cluster.min-developers=20000", file});
  CHECK(lower["verdict"]["topology"] == "cluster");
  const json* down = tipping_point(lower, "developers.total");
  REQUIRE(down);
  CHECK((*down)["threshold"] == 19999);
  CHECK((*down)["direction"] == "down");
  CHECK((*down)["years"] == nullptr);
}

TEST_CASE("recommend: near the clustering threshold, the report says when growth will cross it",
          "[cli][recommend]")
{
  const std::string file = scenario("near-threshold");
  const Outcome o = run({"recommend", file});
  INFO(o.out);
  CHECK(o.exit_code == 0);
  CHECK(contains(
      o.out,
      "\nVerdict: High availability (primary + replicas)\n"
      "  confidence high (100%), tied with cluster at 65 points: ties go to the simpler option (standalone,\n"
      "  then ha, then cluster; docs/scoring.md)\n"));
  CHECK(contains(o.out,
                 "\nWhat would change it\n"
                 "  - developers.total is 9,200: cluster at 10,000 or more (at the stated growth, in about "
                 "0.7 years)\n"));

  const json r = json_result({"recommend", file});
  const json* t = tipping_point(r, "developers.total");
  REQUIRE(t);
  CHECK((*t)["current"] == 9200);
  CHECK((*t)["threshold"] == 10000);
  CHECK((*t)["becomes"] == "cluster");
  CHECK((*t)["years"] == 0.7); // ln(10000 / 9200) / ln(1.12) = 0.74

  // The tipping point was found by re-evaluating the rules: it follows the parameter.
  const json moved = json_result({"recommend", "--param", "cluster.min-developers=12000", file});
  const json* t2 = tipping_point(moved, "developers.total");
  REQUIRE(t2);
  CHECK((*t2)["threshold"] == 12000);
  CHECK((*t2)["years"] == 2.3); // ln(12000 / 9200) / ln(1.12) = 2.34

  // Without a growth rate there is no projection.
  const json flat = json_result({"recommend", "--set", "developers.yearly_growth_percent=", file});
  const json* t3 = tipping_point(flat, "developers.total");
  REQUIRE(t3);
  CHECK((*t3)["years"] == nullptr);
  const Outcome flat_text = run({"recommend", "--set", "developers.yearly_growth_percent=0", file});
  CHECK(contains(flat_text.out, "  - developers.total is 9,200: cluster at 10,000 or more\n"));
}

TEST_CASE("recommend: missing facts lower the confidence and become questions", "[cli][recommend]")
{
  const std::string file = scenario("sparse");
  const json r = json_result({"recommend", file});
  const json& confidence = r["verdict"]["confidence"];
  const int percent = confidence["percent"].get<int>();
  CHECK(percent < 50);
  CHECK(confidence["level"] == "low");
  CHECK(confidence["could_change"] == true);

  const json* eligibility = question(r, "operations.clustering_eligibility");
  REQUIRE(eligibility);
  CHECK((*eligibility)["description"] == "Whether GitHub has approved clustering for this licence.");
  CHECK((*eligibility)["rules"] ==
        json::array({"operations-cluster-eligibility", "operations-cluster-not-approved"}));
  const json* exhaustion = question(r, "primary.usage.exhaustion_events_per_month");
  REQUIRE(exhaustion);
  CHECK((*exhaustion)["rules"] ==
        json::array({"scale-no-routine-exhaustion", "scale-routine-exhaustion-top-size"}));
  CHECK(question(r, "developers.total") == nullptr); // known
  // Most-needed first.
  for (std::size_t i = 1; i < r["questions"].size(); ++i)
    CHECK(r["questions"][i - 1]["rules"].size() >= r["questions"][i]["rules"].size());

  const Outcome o = run({"recommend", file});
  CHECK(contains(o.out, "  confidence low (" + std::to_string(percent) + "%), margin "));
  CHECK(contains(o.out, "; an unanswered question could change the\n  verdict\n"));
  CHECK(contains(o.out, "\nQuestions: facts that would make the answer surer\n"));
  CHECK(contains(o.out,
                 "\n  - operations.clustering_eligibility - Whether GitHub has approved clustering for "
                 "this licence.\n"
                 "    needed by operations-cluster-eligibility, operations-cluster-not-approved\n"));

  // Answering questions raises the confidence; answering them all makes it high.
  const json more = json_result({"recommend", "--set", "operations.clustering_eligibility=approved", "--set",
                                 "primary.usage.exhaustion_events_per_month=8", file});
  CHECK(more["verdict"]["confidence"]["percent"].get<int>() > percent);
  CHECK(question(more, "operations.clustering_eligibility") == nullptr);

  const json full = json_result({"recommend", scenario("large-exhausted")});
  CHECK(full["verdict"]["confidence"] == json{{"level", "high"}, {"percent", 100}, {"could_change", false}});
  CHECK(full["questions"].empty());
}

TEST_CASE("recommend: the same input gives byte-identical text and JSON", "[cli][recommend]")
{
  for (const char* name : {"multi-continent", "sparse", "near-threshold"}) {
    const std::string file = scenario(name);
    const Outcome text1 = run({"recommend", "--today", "2025-06-01", file});
    const Outcome text2 = run({"recommend", "--today", "2025-06-01", file});
    CHECK(text1.exit_code == 0);
    CHECK(text1.out == text2.out);
    CHECK_FALSE(contains(text1.out, " \n")); // no trailing blanks, for diffs and goldens
    const Outcome json1 = run({"recommend", "--format", "json", "--today", "2025-06-01", file});
    const Outcome json2 = run({"recommend", "--format", "json", "--today", "2025-06-01", file});
    CHECK(json1.out == json2.out);
    CHECK(parse_report(json1.out)["today"] == "2025-06-01");
  }
  // stdin and a file give the same assessment, apart from the name.
  const std::string text = slurp(scenario("small-team"));
  const Outcome piped = run({"recommend", "--format", "json", "--today", "2025-06-01", "-"}, text);
  const json from_stdin = parse_report(piped.out);
  CHECK(from_stdin["results"][0]["file"] == "<stdin>");
  CHECK(from_stdin["results"][0]["verdict"] ==
        json_result({"recommend", "--today", "2025-06-01", scenario("small-team")})["verdict"]);
}

TEST_CASE("recommend: colour adds escapes and changes nothing else", "[cli][recommend]")
{
  for (const char* name : {"multi-continent", "large-exhausted-packages", "sparse"}) {
    const std::string file = scenario(name);
    const Outcome plain = run({"--color", "never", "recommend", file});
    const Outcome coloured = run({"--color", "always", "recommend", file});
    CHECK(coloured.out != plain.out);
    std::string stripped;
    for (std::size_t i = 0; i < coloured.out.size(); ++i) {
      if (coloured.out[i] == '\x1b') {
        i = coloured.out.find('m', i);
        REQUIRE(i != std::string::npos);
        continue;
      }
      stripped += coloured.out[i];
    }
    CHECK(stripped == plain.out);
  }
}

TEST_CASE("recommend: -o FILE is untouched by a failing run", "[cli][recommend]")
{
  TempDir dir;
  const std::string report = dir.write("report.txt", "previous report\n");
  const Outcome bad =
      run({"-o", report, "recommend", "--set", "developers.total=-5", scenario("small-team")});
  CHECK(bad.exit_code == 2);
  CHECK(slurp(report) == "previous report\n");

  const Outcome good = run({"-o", report, "recommend", scenario("small-team")});
  CHECK(good.exit_code == 0);
  CHECK(good.out.empty());
  CHECK(slurp(report) == run({"recommend", scenario("small-team")}).out);
}

TEST_CASE("recommend: when every option is blocked there is no verdict, and the report says why",
          "[cli][recommend]")
{
  const std::string rules = std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/scenarios/rules-all-blocked";
  const std::string file = scenario("small-team");
  const std::vector<std::string> args = {"recommend", "--no-builtin-rules",  "--rules", rules,
                                         "--set",     "operations.admins=0", file};
  const Outcome o = run(args);
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(contains(o.out, "\nVerdict: no option is possible - every option is blocked (see Scores).\n"
                        "\n"
                        "Scores\n"
                        "  standalone  50  blocked by operations-frozen\n"
                        "  ha          50  blocked by operations-frozen\n"
                        "  cluster     50  blocked by operations-frozen\n"));
  CHECK(contains(o.out, "\nWhat would change it\n  - operations.admins is 0: standalone at 1 or more\n"));
  CHECK_FALSE(contains(o.out, "Implications for"));

  const json r = json_result(args);
  CHECK(r["topology"] == nullptr);
  CHECK(r["verdict"]["topology"] == nullptr);
  CHECK(r["verdict"]["margin"] == 0);
}

TEST_CASE("recommend: every scenario but invalid-plan and waiver-unknown-rule is a valid environment file",
          "[cli][recommend]")
{
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(GHES_TOPOLOGY_TEST_DATA_DIR) + "/scenarios"))
    if (entry.path().extension() == ".yaml" && entry.path().stem() != "invalid-plan" &&
        entry.path().stem() != "waiver-unknown-rule") // validate checks waivers against the catalog
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 18);
  std::vector<std::string> args = {"validate"};
  args.insert(args.end(), files.begin(), files.end());
  const Outcome o = run(args);
  CHECK(o.err.empty());
  CHECK(o.exit_code == 0);
}
