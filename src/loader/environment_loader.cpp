// SPDX-License-Identifier: Apache-2.0
// Job: load one environment file: parse it, check its schema version, convert it against
// the environment field table (convert.cpp) and run the cross-field checks.
#include "ghes_topology/loader/environment_loader.hpp"

#include "ghes_topology/loader/yaml_scalar.hpp"
#include "ghes_topology/model/environment_schema.hpp"

#include "loader/convert_internal.hpp"

#include <fmt/format.h>

namespace ghes_topology::loader {

std::optional<model::Environment> build_environment(const YamlNode& document, const std::string& source,
                                                    diag::DiagnosticBag& bag)
{
  const model::Schema& schema = model::environment_schema();
  if (document.kind != YamlNode::Kind::mapping) {
    auto& d =
        bag.error("not-a-mapping", "an environment file must be a mapping of keys to values", document.where);
    d.expected = "a mapping starting with 'version: 1'";
    d.found = describe_found(document);
    return std::nullopt;
  }
  const std::size_t errors_before = bag.error_count();
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
  bool failed = false;
  auto root = convert_partial(document, schema.root, bag, failed);
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
