// SPDX-License-Identifier: Apache-2.0
// The field table as JSON Schema, as a Markdown reference, and as a starter file.
#include "ghes_topology/model/schema_export.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

namespace ghes_topology::model {
namespace {

using Json = nlohmann::ordered_json;

// Sections that state intentions rather than facts: `init` writes them commented out.
const std::vector<std::string> k_commented_sections = {"plan", "waivers"};

constexpr const char* k_date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
constexpr const char* k_version_pattern = "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$";

Json number_json(double value)
{
  if (value == std::floor(value) && std::fabs(value) < 9e15)
    return static_cast<std::int64_t>(value);
  return value;
}

std::string number_text(double value)
{
  if (value == std::floor(value) && std::fabs(value) < 9e15)
    return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

std::string description_with_unit(const FieldSpec& spec)
{
  if (spec.unit.empty())
    return spec.description;
  return fmt::format("{} Unit: {}.", spec.description, spec.unit);
}

Json field_schema(const FieldSpec& spec, bool nullable);

Json object_schema(const FieldSpec& spec)
{
  Json j;
  j["description"] = spec.description;
  j["type"] = "object";
  Json properties = Json::object();
  Json required = Json::array();
  for (const auto& f : spec.fields) {
    properties[f.name] = field_schema(f, f.presence == Presence::optional);
    if (f.presence == Presence::required)
      required.push_back(f.name);
  }
  j["properties"] = std::move(properties);
  if (!required.empty())
    j["required"] = std::move(required);
  j["additionalProperties"] = false;
  return j;
}

// The JSON Schema of one field. `nullable`: an explicit null ("unknown") is allowed.
Json field_schema(const FieldSpec& spec, bool nullable)
{
  auto types = [&](std::vector<std::string> names) {
    if (nullable)
      names.emplace_back("null");
    if (names.size() == 1)
      return Json(names.front());
    return Json(names);
  };
  Json j;
  switch (spec.type) {
  case FieldType::object: {
    j = object_schema(spec);
    if (nullable)
      j["type"] = types({"object"});
    return j;
  }
  case FieldType::list: {
    j["description"] = description_with_unit(spec);
    j["type"] = types({"array"});
    if (const FieldSpec* item = spec.item_spec())
      j["items"] = field_schema(*item, false);
    if (spec.max_items > 0)
      j["maxItems"] = spec.max_items;
    return j;
  }
  case FieldType::boolean:
    j["description"] = description_with_unit(spec);
    j["type"] = types({"boolean"});
    return j;
  case FieldType::integer:
  case FieldType::decimal:
    j["description"] = description_with_unit(spec);
    j["type"] = types({spec.type == FieldType::integer ? "integer" : "number"});
    if (spec.minimum)
      j["minimum"] = number_json(*spec.minimum);
    if (spec.maximum)
      j["maximum"] = number_json(*spec.maximum);
    return j;
  case FieldType::string:
    j["description"] = description_with_unit(spec);
    j["type"] = types({"string"});
    return j;
  case FieldType::enumeration: {
    j["description"] = description_with_unit(spec);
    j["type"] = types({"string"});
    Json values = Json::array();
    for (const auto& v : spec.values)
      values.push_back(v);
    if (nullable)
      values.push_back(nullptr);
    j["enum"] = std::move(values);
    return j;
  }
  case FieldType::date:
    j["description"] = description_with_unit(spec);
    j["type"] = types({"string"});
    j["format"] = "date";
    j["pattern"] = k_date_pattern;
    return j;
  case FieldType::version:
    // A plain 3.16 reaches editors as a number; the loader keeps its text.
    j["description"] = description_with_unit(spec) + " Quote it (\"3.10\") so it stays text.";
    j["type"] = types({"string", "number"});
    j["pattern"] = k_version_pattern;
    return j;
  }
  return j;
}

// ---------------------------------------------------------------------------
// Markdown

std::string escape_cell(const std::string& text)
{
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string type_name(const FieldSpec& spec)
{
  switch (spec.type) {
  case FieldType::boolean:
    return "boolean";
  case FieldType::integer:
    return "integer";
  case FieldType::decimal:
    return "number";
  case FieldType::string:
    return "string";
  case FieldType::enumeration:
    return "enum";
  case FieldType::date:
    return "date";
  case FieldType::version:
    return "version";
  case FieldType::object:
    return "mapping";
  case FieldType::list:
    if (const FieldSpec* item = spec.item_spec())
      return item->type == FieldType::object ? "list of mappings" : "list of " + type_name(*item);
    return "list";
  }
  return "value";
}

std::string values_cell(const FieldSpec& spec)
{
  auto quoted_values = [](const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values)
      out += (out.empty() ? "" : ", ") + fmt::format("`{}`", v);
    return out;
  };
  switch (spec.type) {
  case FieldType::integer:
  case FieldType::decimal:
    if (spec.minimum && spec.maximum)
      return *spec.minimum == *spec.maximum
                 ? number_text(*spec.minimum)
                 : fmt::format("{} to {}", number_text(*spec.minimum), number_text(*spec.maximum));
    if (spec.minimum)
      return "at least " + number_text(*spec.minimum);
    if (spec.maximum)
      return "at most " + number_text(*spec.maximum);
    return {};
  case FieldType::enumeration:
    return quoted_values(spec.values);
  case FieldType::date:
    return "`YYYY-MM-DD`";
  case FieldType::version:
    return "`3.16` or `3.16.2`";
  case FieldType::list: {
    std::string out;
    if (const FieldSpec* item = spec.item_spec(); item != nullptr && item->type == FieldType::enumeration)
      out = quoted_values(item->values);
    if (spec.max_items > 0)
      out += (out.empty() ? "" : "; ") + fmt::format("at most {} items", spec.max_items);
    return out;
  }
  default:
    return {};
  }
}

void markdown_section(const FieldSpec& spec, const std::string& path, const std::string& heading,
                      std::string& out)
{
  out += fmt::format("### {}\n\n{}\n\n", heading, escape_cell(spec.description));
  out += "| Key | Type | Unit | Range or values | Required | Description |\n";
  out += "| --- | --- | --- | --- | --- | --- |\n";
  std::vector<std::pair<const FieldSpec*, std::string>> nested;
  for (const auto& f : spec.fields) {
    const std::string key = path.empty() ? f.name : path + "." + f.name;
    std::string description = f.description;
    const FieldSpec* object = nullptr;
    std::string object_path;
    if (f.type == FieldType::object) {
      object = &f;
      object_path = key;
    } else if (f.type == FieldType::list && f.item_spec() != nullptr &&
               f.item_spec()->type == FieldType::object) {
      object = f.item_spec();
      object_path = key + "[]";
    }
    if (object != nullptr) {
      description += fmt::format(" See `{}` below.", object_path);
      nested.emplace_back(object, object_path);
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", key, type_name(f), f.unit, values_cell(f),
                       f.presence == Presence::required ? "yes" : "no", escape_cell(description));
  }
  out += "\n";
  for (const auto& [object, object_path] : nested)
    markdown_section(*object, object_path, fmt::format("`{}`", object_path), out);
}

// ---------------------------------------------------------------------------
// Starter file

struct Line
{
  std::string text;    // indentation + `key: value`
  std::string comment; // without "# "
};

std::string comment_for(const FieldSpec& spec)
{
  std::string text = spec.description;
  if (!spec.unit.empty())
    text += fmt::format(" [{}]", spec.unit);
  if (spec.type == FieldType::enumeration)
    text += " One of: " + fmt::format("{}", fmt::join(spec.values, ", ")) + ".";
  if (spec.type == FieldType::list && spec.item_spec() != nullptr &&
      spec.item_spec()->type == FieldType::enumeration)
    text += " Values: " + fmt::format("{}", fmt::join(spec.item_spec()->values, ", ")) + ".";
  return text;
}

// Emits the keys of `spec` at `indent`; the first key of a list item gets `first_prefix`.
void starter_fields(const FieldSpec& spec, const std::string& indent, const std::string& first_prefix,
                    std::vector<Line>& lines)
{
  bool first = true;
  for (const auto& f : spec.fields) {
    const std::string lead =
        first ? indent.substr(0, indent.size() - first_prefix.size()) + first_prefix : indent;
    first = false;
    if (f.type == FieldType::object) {
      lines.push_back({lead + f.name + ":", comment_for(f)});
      starter_fields(f, indent + "  ", "", lines);
    } else if (f.type == FieldType::list && f.item_spec() != nullptr &&
               f.item_spec()->type == FieldType::object) {
      lines.push_back({lead + f.name + ":", comment_for(f)});
      starter_fields(*f.item_spec(), indent + "    ", "- ", lines);
    } else {
      lines.push_back({lead + f.name + ": " + (f.example.empty() ? "~" : f.example), comment_for(f)});
    }
  }
}

// Lines with their comments aligned in one column (per block), optionally commented out.
std::string render_lines(const std::vector<Line>& lines, const std::string& line_prefix)
{
  constexpr std::size_t k_max_column = 44;
  std::size_t column = 0;
  for (const auto& line : lines)
    if (line.text.size() <= k_max_column)
      column = std::max(column, line.text.size());
  std::string out;
  for (const auto& line : lines) {
    std::string text = line_prefix + line.text;
    if (!line.comment.empty()) {
      const std::size_t width = line_prefix.size() + column;
      text += std::string(text.size() < width ? width - text.size() : 0, ' ') + "  # " + line.comment;
    }
    out += text + "\n";
  }
  return out;
}

// The `plan` alternatives `init` offers, each a whole block that `check` accepts on the
// starter's own values. Only values are written here: every key's comment comes from the table.
struct PlanAlternative
{
  const char* heading; // comment lines above the block, without "# "
  std::string yaml;    // the block, from `plan:` on
};

std::string cluster_nodes()
{
  std::string out;
  for (int i = 1; i <= 3; ++i)
    out += fmt::format("    - name: ghe-app-{0}\n"
                       "      roles: [web-server, job-server, memcache-server, consul-server, mysql-server, "
                       "redis-server, elasticsearch-server, mssql-server]\n"
                       "      vcpus: 20\n      memory_gb: 80\n      data_disk_free_gb: 500\n"
                       "      ipv4: \"10.0.0.1{0}\"\n      datacenter: dc-east\n",
                       i);
  for (int i = 1; i <= 4; ++i)
    out += fmt::format("    - name: ghe-data-{0}\n"
                       "      roles: [git-server, pages-server, storage-server, metrics-server]\n"
                       "      vcpus: 20\n      memory_gb: 80\n      data_disk_free_gb: 500\n"
                       "      ipv4: \"10.0.0.2{0}\"\n      datacenter: dc-east\n",
                       i);
  return out;
}

std::vector<PlanAlternative> plan_alternatives()
{
  std::string replica = "      type: {}\n      datacenter: {}\n{}      latency_ms: {}\n"
                        "      vcpus: 20\n      memory_gb: 80\n      data_disk_gb: 1000\n";
  return {
      {"Plan A, high availability (what `recommend` advises for the values above): a passive\n"
       "replica beside the primary, a second one at the DR site, a repository cache for europe.",
       "plan:\n  topology: ha\n  failover: manual\n  failover_via: dns\n  replicas:\n"
       "    - name: ghe-replica-1\n" +
           fmt::format(fmt::runtime(replica), "passive", "dc-east", "", "1") + "    - name: ghe-replica-2\n" +
           fmt::format(fmt::runtime(replica), "passive", "dc-west", "", "40") +
           "    - name: ghe-cache-europe\n" +
           fmt::format(fmt::runtime(replica), "cache", "dc-europe", "      region: europe\n", "85")},
      {"Plan B, a cluster with a replica cluster at the DR site. With the values above `check`\n"
       "reports two errors for it until network.load_balancer.present is true (a cluster needs\n"
       "a load balancer) and operations.clustering_eligibility is approved (by GitHub).",
       "plan:\n  topology: cluster\n  failover: manual\n  failover_via: load_balancer\n  nodes:\n" +
           cluster_nodes() +
           "  node_latency_ms: 0.4\n  replica_cluster:\n    datacenter: dc-west\n    latency_ms: 30\n"},
  };
}

// The lines of a block of `yaml` (block style, one key per line, list items as "- key:"),
// each key commented from the table the first time its path appears.
std::vector<Line> block_lines(const Schema& schema, const std::string& yaml)
{
  std::vector<Line> lines;
  std::vector<std::pair<std::size_t, std::string>> open; // indentation and key of enclosing keys
  std::vector<std::string> seen;
  std::size_t start = 0;
  while (start < yaml.size()) {
    const std::size_t end = yaml.find('\n', start);
    const std::string text = yaml.substr(start, end - start);
    start = end == std::string::npos ? yaml.size() : end + 1;
    std::size_t key_at = text.find_first_not_of(' ');
    if (text.compare(key_at, 2, "- ") == 0)
      key_at += 2;
    const std::string key = text.substr(key_at, text.find(':', key_at) - key_at);
    while (!open.empty() && open.back().first >= key_at)
      open.pop_back();
    std::string path;
    for (const auto& [indent, name] : open)
      path += name + ".";
    path += key;
    open.emplace_back(key_at, key);
    std::string comment;
    if (std::find(seen.begin(), seen.end(), path) == seen.end()) {
      seen.push_back(path);
      if (const FieldSpec* spec = schema.find(path); spec != nullptr && path != "plan")
        comment = comment_for(*spec);
    }
    lines.push_back({text, comment});
  }
  return lines;
}

} // namespace

std::string to_json_schema(const Schema& schema)
{
  Json j;
  j["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  j["$id"] = schema.id;
  j["title"] = schema.title;
  const Json root = object_schema(schema.root);
  for (const auto& [key, value] : root.items())
    j[key] = value;
  return j.dump(2) + "\n";
}

std::string to_markdown(const Schema& schema)
{
  std::string out;
  markdown_section(schema.root, "", "Top level", out);
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

std::string starter_file(const Schema& schema)
{
  std::string out =
      fmt::format("# {} (schema version {})\n"
                  "#\n"
                  "# Describes one GitHub Enterprise Server environment: who uses it, the primary's\n"
                  "# size and load, disaster-recovery goals, network, team, backups and monitoring.\n"
                  "# `ghes-topology recommend` advises a topology from it; `ghes-topology check`\n"
                  "# checks the `plan` section (at the end, commented out) against it.\n"
                  "#\n"
                  "# The values below are examples: replace them with your own. A fact you do not\n"
                  "# know can be deleted or written as ~ (null); either way it is \"unknown\", which\n"
                  "# is not the same as false or 0: ghes-topology asks about it instead of guessing.\n"
                  "# Units are part of the key names (_ms, _seconds, _minutes, _gb, _percent).\n"
                  "#\n"
                  "# Field reference: docs/environment.md or `ghes-topology schema --format markdown`.\n"
                  "# Editor completion: `ghes-topology schema > environment.schema.json`, then add\n"
                  "# this first line: # yaml-language-server: $schema=environment.schema.json\n",
                  schema.title, schema.version);

  std::vector<Line> scalars;
  for (const auto& f : schema.root.fields) {
    if (f.type == FieldType::object || f.type == FieldType::list)
      continue;
    scalars.push_back({f.name + ": " + (f.example.empty() ? "~" : f.example), comment_for(f)});
  }
  out += "\n" + render_lines(scalars, "");

  for (const auto& f : schema.root.fields) {
    if (f.type != FieldType::object && f.type != FieldType::list)
      continue;
    const bool commented = std::find(k_commented_sections.begin(), k_commented_sections.end(), f.name) !=
                           k_commented_sections.end();
    std::vector<Line> lines;
    lines.push_back({f.name + ":", ""});
    if (f.type == FieldType::object)
      starter_fields(f, "  ", "", lines);
    else if (const FieldSpec* item = f.item_spec(); item != nullptr && item->type == FieldType::object)
      starter_fields(*item, "    ", "- ", lines);
    out += fmt::format("\n# {}\n", description_with_unit(f));
    if (f.name == "plan") {
      out += "# (Optional; to use one of the plans below, remove the leading '# ' of its lines.)\n";
      for (const auto& alternative : plan_alternatives()) {
        out += "\n";
        std::istringstream heading{std::string(alternative.heading)};
        for (std::string line; std::getline(heading, line);)
          out += "# " + line + "\n";
        out += render_lines(block_lines(schema, alternative.yaml), "# ");
      }
      continue;
    }
    if (commented)
      out += "# (Optional; remove the leading '# ' of the lines below to use it.)\n";
    out += render_lines(lines, commented ? "# " : "");
  }
  return out;
}

} // namespace ghes_topology::model
