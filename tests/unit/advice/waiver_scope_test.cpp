// SPDX-License-Identifier: Apache-2.0
// Scoped waivers (issue 14): which findings a waiver's resolved `scope` covers.
#include "ghes_topology/advice/assessment.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology;

namespace {

advice::WaiverUse waiver(std::string key_path, std::string scope)
{
  advice::WaiverUse w;
  w.rule_id = "hardware-replica-smaller-than-primary";
  w.key_path = std::move(key_path);
  w.scope = std::move(scope);
  w.state = advice::WaiverUse::State::applied;
  return w;
}

advice::Finding finding(std::string rule_id, std::string key_path)
{
  advice::Finding f;
  f.rule_id = std::move(rule_id);
  f.key_path = std::move(key_path);
  return f;
}

} // namespace

TEST_CASE("advice: a scoped waiver covers its item and what lies below it, nothing else", "[advice][waivers]")
{
  const auto w = waiver("plan.replicas[name=ghe-dr]", "plan.replicas[1]");
  const std::string rule = "hardware-replica-smaller-than-primary";
  CHECK(advice::covers(w, finding(rule, "plan.replicas[1]")));
  CHECK(advice::covers(w, finding(rule, "plan.replicas[1].name")));
  CHECK_FALSE(advice::covers(w, finding(rule, "plan.replicas[10].name"))); // a prefix, not the item
  CHECK_FALSE(advice::covers(w, finding(rule, "plan.replicas[0].name")));
  CHECK_FALSE(advice::covers(w, finding(rule, "plan")));
  CHECK_FALSE(advice::covers(w, finding(rule, ""))); // about the whole document
  CHECK_FALSE(advice::covers(w, finding("failover-ha-dns-ttl", "plan.replicas[1].name")));
}

TEST_CASE("advice: an unscoped waiver covers its rule anywhere; an expired or unresolved one nothing",
          "[advice][waivers]")
{
  const std::string rule = "hardware-replica-smaller-than-primary";
  CHECK(advice::covers(waiver("", ""), finding(rule, "plan.replicas[3].name")));
  CHECK(advice::covers(waiver("", ""), finding(rule, "")));
  auto expired = waiver("", "");
  expired.state = advice::WaiverUse::State::expired;
  CHECK_FALSE(advice::covers(expired, finding(rule, "plan.replicas[3].name")));
  // A key path that matched nothing in the file (a shared waiver for another environment).
  CHECK_FALSE(advice::covers(waiver("plan.replicas[name=gone]", ""), finding(rule, "plan.replicas[0].name")));
}
