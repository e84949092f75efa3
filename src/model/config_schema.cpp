// SPDX-License-Identifier: Apache-2.0
// The config file's field table (schema version 1). Edit here and the loader, the JSON
// Schema of `schema --config` and the field reference in docs/config.md follow.
#include "ghes_topology/model/config_schema.hpp"

#include <utility>

namespace ghes_topology::model {
namespace {

FieldSpec with_example(FieldSpec spec, std::string example)
{
  spec.example = std::move(example);
  return spec;
}

FieldSpec list_of_strings(std::string name, std::string description, std::string item_description,
                          std::string example)
{
  FieldSpec spec = field(std::move(name), FieldType::list, std::move(description));
  spec.item = {field("item", FieldType::string, std::move(item_description))};
  spec.max_items = 1000;
  spec.example = std::move(example);
  return spec;
}

Schema build()
{
  Schema s;
  s.title = "ghes-topology config file";
  s.id = "https://github.com/ghes-topology/ghes-topology/schema/config-v1.json";
  s.version = 1;
  FieldSpec version = field("version", FieldType::integer, "Schema version of this file; must be 1.");
  version.presence = Presence::required;
  version.minimum = 1;
  version.maximum = 1;
  version.example = "1";
  FieldSpec fail_on = field("fail_on", FieldType::enumeration,
                            "`check` exits 1 when a finding is at or above this severity (`--fail-on`).");
  fail_on.values = {"error", "warning", "info", "none"};
  fail_on.example = "warning";
  FieldSpec warning_days =
      field("waiver_warning_days", FieldType::integer,
            "An info finding `waiver-expiring` this many days before a waiver expires; 0 turns it off "
            "(`--waiver-warning-days`, default 14).");
  warning_days.unit = "days";
  warning_days.minimum = 0;
  warning_days.maximum = 3650;
  warning_days.example = "14";
  s.root = field("config", FieldType::object, "A ghes-topology config file.");
  s.root.fields = {
      version,
      fail_on,
      list_of_strings("params", "Rule parameter overrides, `NAME=VALUE` each, as with `--param`.",
                      "One override, `NAME=VALUE`.", "[\"backups.max_days_since_restore_test=60\"]"),
      list_of_strings("rules",
                      "Folders of extra rules (house rules), relative to this file, as with `--rules`.",
                      "A folder laid out as `<category>/<name>.yaml`.", "[policy/rules]"),
      with_example(field("waivers", FieldType::string,
                         "A shared waivers file, relative to this file, applied to every environment "
                         "checked (`--waivers`)."),
                   "policy/waivers.yaml"),
      warning_days,
      list_of_strings("severity",
                      "Severity overrides, `RULE_ID=LEVEL` each (LEVEL `error`, `warning` or `info`), as "
                      "with `--severity`; per rule id a flag or `GHES_TOPOLOGY_SEVERITY` wins.",
                      "One override, `RULE_ID=LEVEL`.", "[\"failover-ha-dns-ttl=info\"]"),
      list_of_strings("disable",
                      "Rules not evaluated: rule ids or categories (a category is all its rules), as with "
                      "`--disable`. Applied after `enable_only`.",
                      "A rule id or a category.", "[monitoring]"),
      list_of_strings("enable_only",
                      "Only these rules are evaluated: rule ids or categories, as with `--enable-only`.",
                      "A rule id or a category.", "[failover, backups]"),
      list_of_strings("outputs",
                      "Default outputs when the command line gives neither `--format` nor `-o`: `FORMAT` "
                      "(at most one, to standard output) or `FORMAT=PATH` each, as with `--format` and "
                      "`-o FORMAT=PATH`; paths relative to this file.",
                      "`FORMAT` or `FORMAT=PATH`.", "[text, sarif=out/report.sarif]"),
  };
  return s;
}

} // namespace

const Schema& config_schema()
{
  static const Schema schema = build();
  return schema;
}

} // namespace ghes_topology::model
