// SPDX-License-Identifier: Apache-2.0
// Job: load one environment file: parse it, check its schema version, convert it against
// the environment field table (convert.cpp) and run the cross-field checks.
#include "ghes_topology/loader/environment_loader.hpp"
#include "ghes_topology/loader/document_loader.hpp"

#include "ghes_topology/loader/yaml_scalar.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include "loader/convert_internal.hpp"

#include <fmt/format.h>

namespace ghes_topology::loader {

namespace {

// The root of `document` converted against `schema` after the version check; what could be
// converted even when parts were wrong (then `failed` is set). Nothing when the root or the
// version is wrong.
std::optional<model::Value> convert_root(const YamlNode& document, const model::Schema& schema,
                                         const std::string& what, diag::DiagnosticBag& bag, bool& failed)
{
  if (document.kind != YamlNode::Kind::mapping) {
    auto& d = bag.error("not-a-mapping", fmt::format("{} must be a mapping of keys to values", what),
                        document.where);
    d.expected = fmt::format("a mapping starting with 'version: {}'", schema.version);
    d.found = describe_found(document);
    return std::nullopt;
  }
  for (const auto& [key, value] : document.entries) {
    if (key.kind != YamlNode::Kind::scalar || key.text != "version")
      continue;
    const ScalarValue version = resolve_scalar(value);
    const bool is_one = version.kind == ScalarValue::Kind::integer && !version.integer_overflow &&
                        version.integer == schema.version;
    if (is_one)
      break;
    const std::string shown = value.kind == YamlNode::Kind::scalar ? value.text : describe_found(value);
    auto& d =
        bag.error("unsupported-version", fmt::format("unsupported schema version '{}'", shown), value.where);
    d.key_path = "version";
    d.expected = fmt::format("{} (the only version this ghes-topology reads)", schema.version);
    d.found = describe_found(value);
    return std::nullopt; // another version means another schema: the other checks would mislead
  }
  return convert_partial(document, schema.root, bag, failed);
}

} // namespace

std::optional<model::Environment> build_environment(const YamlNode& document, const std::string& source,
                                                    diag::DiagnosticBag& bag)
{
  const std::size_t errors_before = bag.error_count();
  bool failed = false;
  auto root = convert_root(document, model::environment_schema(), "an environment file", bag, failed);
  if (!root)
    return std::nullopt;
  cross_checks(*root, bag); // also on a partial result, to report everything at once
  if (failed || bag.error_count() != errors_before)
    return std::nullopt;
  model::Environment environment;
  environment.source = source;
  environment.root = std::move(*root);
  return environment;
}

std::optional<model::Value> load_with_schema(const SourceInput& input, const model::Schema& schema,
                                             const std::string& what, diag::DiagnosticBag& bag,
                                             diag::SourceMap& sources, const Limits& limits)
{
  sources.add(input.name, input.text);
  const std::size_t errors_before = bag.error_count();
  auto documents =
      parse_yaml(input.name, input.text, bag, Documents::exactly_one, limits, DuplicateKeys::keep_first, 1);
  if (!documents || documents->size() != 1)
    return std::nullopt;
  bool failed = false;
  auto root = convert_root(documents->front(), schema, what, bag, failed);
  if (!root || failed || bag.error_count() != errors_before)
    return std::nullopt;
  return root;
}

std::optional<model::Environment> load_document(const std::string& name, const std::string& text,
                                                int first_line, diag::DiagnosticBag& bag,
                                                const Limits& limits)
{
  const std::size_t errors_before = bag.error_count();
  auto documents =
      parse_yaml(name, text, bag, Documents::exactly_one, limits, DuplicateKeys::keep_first, first_line);
  if (!documents || documents->size() != 1)
    return std::nullopt;
  auto environment = build_environment(documents->front(), name, bag);
  if (bag.error_count() != errors_before)
    return std::nullopt; // duplicate keys
  return environment;
}

std::optional<model::Environment> load_environment(const SourceInput& input, diag::DiagnosticBag& bag,
                                                   diag::SourceMap& sources, const Limits& limits)
{
  sources.add(input.name, input.text);
  return load_document(input.name, input.text, 1, bag, limits);
}

} // namespace ghes_topology::loader
