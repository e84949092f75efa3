// SPDX-License-Identifier: Apache-2.0
// The shared words of the human-readable formats.
#include "report/vocabulary.hpp"

#include <catch2/catch.hpp>

using namespace ghes_topology;
using namespace ghes_topology::report;

TEST_CASE("report: numbers get thousands separators and at most two decimals", "[report][vocabulary]")
{
  CHECK(number(0) == "0");
  CHECK(number(999) == "999");
  CHECK(number(2500) == "2,500");
  CHECK(number(1234567) == "1,234,567");
  CHECK(number(0.35) == "0.35");
  CHECK(number(2.5) == "2.5");
  CHECK(number(-1234.5) == "-1,234.5");
  CHECK(number(7.001) == "7");
  CHECK(with_unit(60, "minutes") == "60 minutes");
  CHECK(with_unit(85, "percent") == "85%");
  CHECK(with_unit(2500, "") == "2,500");
}

TEST_CASE("report: one wording for effects, counts, severities and titles", "[report][vocabulary]")
{
  engine::Effect plus;
  plus.option = engine::Topology::ha;
  plus.weight = 10;
  CHECK(effect_text(plus) == "+10 ha");
  engine::Effect minus;
  minus.option = engine::Topology::standalone;
  minus.weight = -20;
  CHECK(effect_text(minus) == "-20 standalone");
  engine::Effect block;
  block.option = engine::Topology::cluster;
  block.blocks = true;
  CHECK(effect_text(block) == "blocks cluster");

  CHECK(counted(1, "error") == "1 error");
  CHECK(counted(0, "error") == "0 errors");
  CHECK(counted(2, "file") == "2 files");
  CHECK(severity_word(engine::Severity::warning) == "warning");
  CHECK(topology_word(engine::Topology::cluster, "-") == "cluster");
  CHECK(topology_word(std::nullopt, "-") == "-");
  CHECK(std::string(option_title(engine::Topology::ha)) == "High availability (primary + replicas)");
  CHECK(std::string(section_title(engine::Section::backups)) == "Backups");
  CHECK(std::string(waiver_state_word(advice::WaiverUse::State::expired)) == "expired");
}
