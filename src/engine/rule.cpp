// SPDX-License-Identifier: Apache-2.0
// Names of the rule vocabulary.
#include "ghes_topology/engine/rule.hpp"

#include "ghes_topology/diag/error.hpp"

namespace ghes_topology::engine {

std::string_view to_string(RuleKind kind)
{
  switch (kind) {
  case RuleKind::finding:
    return "finding";
  case RuleKind::evidence:
    return "evidence";
  case RuleKind::implication:
    return "implication";
  }
  return "finding";
}

std::string_view to_string(Severity severity)
{
  switch (severity) {
  case Severity::info:
    return "info";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

std::string_view to_string(Topology topology)
{
  switch (topology) {
  case Topology::standalone:
    return "standalone";
  case Topology::ha:
    return "ha";
  case Topology::cluster:
    return "cluster";
  }
  return "standalone";
}

std::string_view to_string(Threshold threshold)
{
  switch (threshold) {
  case Threshold::documented:
    return "documented";
  case Threshold::assumption:
    return "assumption";
  case Threshold::none:
    return "none";
  }
  return "none";
}

std::string_view to_string(Basis basis)
{
  switch (basis) {
  case Basis::documented:
    return "documented";
  case Basis::assumption:
    return "assumption";
  }
  return "documented";
}

std::string_view to_string(Section section)
{
  switch (section) {
  case Section::topology:
    return "topology";
  case Section::failover:
    return "failover";
  case Section::backups:
    return "backups";
  case Section::monitoring:
    return "monitoring";
  }
  return "failover";
}

std::string_view to_string(ParamType type)
{
  switch (type) {
  case ParamType::integer:
    return "integer";
  case ParamType::decimal:
    return "decimal";
  case ParamType::string:
    return "string";
  case ParamType::boolean:
    return "boolean";
  }
  return "string";
}

std::optional<Topology> parse_topology(std::string_view text)
{
  for (auto t : {Topology::standalone, Topology::ha, Topology::cluster})
    if (to_string(t) == text)
      return t;
  return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view text)
{
  for (auto s : {Severity::info, Severity::warning, Severity::error})
    if (to_string(s) == text)
      return s;
  return std::nullopt;
}

const std::vector<MessageTemplate::Part>& MessageTemplate::parts() const
{
  if (deferred) {
    auto decoded = deferred->decode();
    if (!decoded)
      throw Fatal("the compiled rule catalog is damaged: cannot read the parts of the message \"" + text +
                  "\"");
    part_list = std::move(*decoded);
    deferred.reset();
  }
  return part_list;
}

const std::vector<std::string>& rule_categories()
{
  static const std::vector<std::string> categories = {"scale",      "hardware", "geography",   "failover",
                                                      "dr",         "backups",  "monitoring",  "features",
                                                      "operations", "plan",     "implications"};
  return categories;
}

} // namespace ghes_topology::engine
