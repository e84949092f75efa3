// SPDX-License-Identifier: Apache-2.0
// Usage errors in plain sentences: option values checked against their allowed values,
// and CLI11's parse errors turned into messages that name the option and what it takes.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
class ParseError;
class Validator;
} // namespace CLI

namespace ghes_topology::cli {

// --- Interface ---

// A mistake on the command line, with the whole message for the user (no "error:" prefix).
class UsageError : public std::runtime_error
{
public:
  explicit UsageError(const std::string& what)
      : std::runtime_error(what)
  {}
};

// A CLI11 check for an option (`option`, e.g. "--format") that takes one of `allowed`.
// With `ignore_case`, any spelling is accepted and rewritten to the allowed one. Any other
// value throws UsageError, e.g. "--format must be text or json, not 'sarif'", followed by
// "; did you mean 'json'?" when diag::closest_match finds one.
CLI::Validator one_of(const std::string& option, const std::vector<std::string>& allowed,
                      bool ignore_case = false);

// The command path the parse reached, e.g. "ghes-topology rules list": the top-level
// `app` and every subcommand chosen below it.
std::string command_path(const CLI::App& app);

// A plain sentence for a CLI11 parse error raised while parsing `app` (the top-level app):
// an unknown or missing command ("unknown command 'recomend'; did you mean 'recommend'?"),
// an option given twice, an option without its value (naming its allowed values when it
// has a `one_of` check). Other errors keep CLI11's message.
std::string usage_message(const CLI::ParseError& error, CLI::App& app);

} // namespace ghes_topology::cli
