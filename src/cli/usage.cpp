// SPDX-License-Identifier: Apache-2.0
// Usage errors in plain sentences (see usage.hpp).
#include "cli/usage.hpp"

#include "ghes_topology/diag/suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace ghes_topology::cli {
namespace {

const char* const k_validator_name = "one_of";

std::string lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "a", "a or b", "a, b or c".
std::string alternatives(const std::vector<std::string>& words)
{
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0)
      text += i + 1 == words.size() ? " or " : ", ";
    text += words[i];
  }
  return text;
}

// The last subcommand the parse chose (or `app` itself when it chose none).
CLI::App* deepest(CLI::App& app)
{
  CLI::App* current = &app;
  while (!current->get_subcommands().empty())
    current = current->get_subcommands().front();
  return current;
}

// The names of every subcommand of `app`, in the order they were added.
std::vector<std::string> subcommand_names(CLI::App& app)
{
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// The option called `name` ("--format", "-o") of `app` or of a parent, where it was parsed.
CLI::Option* find_option(CLI::App* app, const std::string& name)
{
  for (; app != nullptr; app = app->get_parent()) {
    if (CLI::Option* option = app->get_option_no_throw(name))
      return option;
  }
  return nullptr;
}

std::string missing_command(CLI::App& app, CLI::App& parent)
{
  const std::vector<std::string> names = subcommand_names(parent);
  std::string prefix = command_path(app);
  prefix = prefix == app.get_name() ? "" : prefix.substr(app.get_name().size() + 1) + " ";
  std::string word;
  for (const std::string& arg : app.remaining(/*recurse=*/true)) {
    if (!arg.empty() && arg.front() != '-') {
      word = arg;
      break;
    }
  }
  if (word.empty()) {
    if (&parent == &app)
      return fmt::format("no command given; the commands are {}", alternatives(names));
    return fmt::format("'{}' needs a command: {}", parent.get_name(), alternatives(names));
  }
  std::string message = fmt::format("unknown command '{}{}'", prefix, word);
  const std::string guess = diag::closest_match(word, names);
  if (!guess.empty())
    message += fmt::format("; did you mean '{}{}'?", prefix, guess);
  else
    message += fmt::format("; the commands are {}", alternatives(names));
  return message;
}

} // namespace

CLI::Validator one_of(const std::string& option, const std::vector<std::string>& allowed, bool ignore_case)
{
  const std::string list = alternatives(allowed);
  return CLI::Validator(
      [option, allowed, ignore_case, list](std::string& value) -> std::string {
        for (const std::string& candidate : allowed) {
          if (value == candidate || (ignore_case && lower(value) == lower(candidate))) {
            value = candidate;
            return {};
          }
        }
        std::string message = fmt::format("{} must be {}, not '{}'", option, list, value);
        const std::string guess = diag::closest_match(ignore_case ? lower(value) : value, allowed);
        if (!guess.empty())
          message += fmt::format("; did you mean '{}'?", guess);
        throw UsageError(message);
      },
      list, k_validator_name);
}

std::string command_path(const CLI::App& app)
{
  std::string path = app.get_name();
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) {
    current = current->get_subcommands().front();
    path += " " + current->get_name();
  }
  return path;
}

std::string usage_message(const CLI::ParseError& error, CLI::App& app)
{
  CLI::App* last = deepest(app);
  const std::string what = error.what();
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && last->get_require_subcommand_min() > 0)
    return missing_command(app, *last);

  // CLI11 names the option first: "--format: At Most 1 required but received 2",
  // "--today: 1 required TEXT missing".
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    const std::string name = what.substr(0, what.find(": "));
    CLI::Option* option = find_option(last, name);
    if (option != nullptr && option->get_items_expected_max() == 1 && option->count() > 1)
      return fmt::format("{} may be given only once", name);
    if (option != nullptr && option->count() == 0) {
      std::string values;
      try {
        values = option->get_validator(k_validator_name)->get_description();
      } catch (const CLI::OptionNotFound&) {
        return fmt::format("{} needs a value ({})", name, option->get_option_text());
      }
      return fmt::format("{} needs a value: {}", name, values);
    }
  }
  return what;
}

} // namespace ghes_topology::cli
