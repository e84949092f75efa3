// SPDX-License-Identifier: Apache-2.0
// The shared words of the human-readable formats.
#include "report/vocabulary.hpp"

#include <cmath>
#include <fmt/format.h>

namespace ghes_topology::report {

const char* option_title(engine::Topology option)
{
  switch (option) {
  case engine::Topology::standalone:
    return "Standalone appliance";
  case engine::Topology::ha:
    return "High availability (primary + replicas)";
  case engine::Topology::cluster:
    return "Clustering";
  }
  return "";
}

const char* section_title(engine::Section section)
{
  switch (section) {
  case engine::Section::topology:
    return "Topology";
  case engine::Section::failover:
    return "Failover";
  case engine::Section::backups:
    return "Backups";
  case engine::Section::monitoring:
    return "Monitoring";
  }
  return "";
}

std::string topology_word(const std::optional<engine::Topology>& option, std::string_view none)
{
  return option ? std::string(engine::to_string(*option)) : std::string(none);
}

std::string severity_word(engine::Severity severity)
{
  return std::string(engine::to_string(severity));
}

const char* waiver_state_word(advice::WaiverUse::State state)
{
  switch (state) {
  case advice::WaiverUse::State::applied:
    return "applied";
  case advice::WaiverUse::State::expired:
    return "expired";
  case advice::WaiverUse::State::unused:
    return "unused";
  }
  return "unused";
}

std::string number(double value)
{
  const bool negative = value < 0;
  const double magnitude = std::abs(value);
  const auto whole = static_cast<long long>(std::floor(magnitude + 1e-9));
  const std::string digits = std::to_string(whole);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      grouped += ',';
    grouped += digits[i];
  }
  const double fraction = magnitude - static_cast<double>(whole);
  if (fraction > 0.005) {
    std::string tail = fmt::format("{:.2f}", fraction).substr(1); // ".35"
    while (!tail.empty() && tail.back() == '0')
      tail.pop_back();
    grouped += tail;
  }
  return (negative ? "-" : "") + grouped;
}

std::string with_unit(double value, const std::string& unit)
{
  if (unit.empty())
    return number(value);
  if (unit == "percent")
    return number(value) + "%";
  return number(value) + " " + unit;
}

std::string effect_text(const engine::Effect& effect)
{
  if (effect.blocks)
    return fmt::format("blocks {}", engine::to_string(effect.option));
  return fmt::format("{}{} {}", effect.weight >= 0 ? "+" : "", number(effect.weight),
                     engine::to_string(effect.option));
}

std::string counted(long long count, std::string_view noun)
{
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string docs_url(const std::string& source_path, const std::string& version)
{
  if (source_path.starts_with("https://") || source_path.starts_with("http://"))
    return source_path; // a house rule's policy page
  std::string page = source_path;
  if (page.starts_with("content/"))
    page.erase(0, 8);
  if (page.ends_with(".md"))
    page.resize(page.size() - 3);
  if (page.ends_with("/index"))
    page.resize(page.size() - 6);
  return "https://docs.github.com/en/enterprise-server@" + (version.empty() ? "latest" : version) + "/" +
         page;
}

} // namespace ghes_topology::report
