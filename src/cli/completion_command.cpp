// SPDX-License-Identifier: Apache-2.0
// `ghes-topology completion bash|zsh|fish`: shell completion scripts generated from the CLI11
// application itself (every command, option and allowed value), so a new command, option or
// output format completes without editing this file. `--list-commands` prints every command
// path, one a line (what the man page generator walks).
#include "cli/context.hpp"
#include "cli/usage.hpp"

#include "ghes_topology/diag/error.hpp"
#include "ghes_topology/engine/catalog.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace ghes_topology::cli {
namespace {

// What an option's value (or a command's positional arguments) completes to.
enum class ValueKind { none, words, files, dirs, rule_ids };

struct OptionInfo
{
  std::vector<std::string> names; // `-o`, `--output`
  std::string description;
  bool takes_value = false;
  ValueKind kind = ValueKind::none;
  std::vector<std::string> words; // kind == words
};

struct CommandInfo
{
  std::string path; // space-separated below the program: "", "check", "rules show"
  std::string description;
  std::vector<std::string> subcommands;
  std::vector<OptionInfo> options; // its own; the root's are global (accepted everywhere)
  ValueKind positional = ValueKind::none;
  std::vector<std::string> positional_words; // positional == words
};

// "text, json or sarif" (the description `one_of` gives its check) -> {text, json, sarif}.
std::vector<std::string> split_alternatives(std::string text)
{
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t comma = text.find(", ", at);
    std::size_t orr = text.find(" or ", at);
    std::size_t end = std::min(comma, orr);
    words.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos)
      break;
    at = end + (end == comma ? 2 : 4);
  }
  return words;
}

// The completion of a value shown as `text` (an option's value name or a positional's name).
ValueKind kind_of(const std::string& text)
{
  if (text.rfind("DIR", 0) == 0)
    return ValueKind::dirs;
  if (text.rfind("FILE", 0) == 0)
    return ValueKind::files;
  if (text == "ID")
    return ValueKind::rule_ids;
  return ValueKind::none;
}

void collect(CLI::App& app, const std::string& path, std::vector<CommandInfo>& out)
{
  CommandInfo info;
  info.path = path;
  info.description = app.get_description();
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_positional()) {
      if (info.positional != ValueKind::none)
        continue;
      try {
        info.positional_words = split_alternatives(opt->get_validator("one_of")->get_description());
        info.positional = ValueKind::words;
      } catch (const CLI::OptionNotFound&) {
        // FILE, BEFORE, AFTER...: positionals are files unless named DIR or ID.
        info.positional = kind_of(opt->get_name(true));
        if (info.positional == ValueKind::none)
          info.positional = ValueKind::files;
      }
      continue;
    }
    if (opt->get_group().empty()) // hidden
      continue;
    if (app.get_parent() != nullptr && (opt == app.get_help_ptr() || opt == app.get_help_all_ptr()))
      continue; // `--help` is added to every command's list below
    if (app.get_parent() == nullptr && opt == app.get_help_ptr())
      continue;
    OptionInfo o;
    for (const auto& s : opt->get_snames())
      o.names.push_back("-" + s);
    for (const auto& l : opt->get_lnames())
      o.names.push_back("--" + l);
    o.description = opt->get_description();
    o.takes_value = opt->get_expected_max() > 0; // flags expect 0 values
    if (o.takes_value) {
      try {
        o.words = split_alternatives(opt->get_validator("one_of")->get_description());
        o.kind = ValueKind::words;
      } catch (const CLI::OptionNotFound&) {
        o.kind = kind_of(opt->get_option_text());
      }
    }
    info.options.push_back(std::move(o));
  }
  const auto subs = app.get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); });
  for (CLI::App* sub : subs)
    info.subcommands.push_back(sub->get_name());
  out.push_back(std::move(info));
  for (CLI::App* sub : subs)
    collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::string join(const std::vector<std::string>& words, const char* separator = " ")
{
  std::string text;
  for (const auto& w : words) {
    if (!text.empty())
      text += separator;
    text += w;
  }
  return text;
}

// Single-quoted for sh, zsh and fish (none of our texts hold a quote after this).
std::string sh_quote(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::vector<std::string> names_taking_values(const std::vector<CommandInfo>& commands)
{
  std::vector<std::string> names;
  for (const auto& c : commands)
    for (const auto& o : c.options)
      if (o.takes_value)
        for (const auto& n : o.names)
          if (std::find(names.begin(), names.end(), n) == names.end())
            names.push_back(n);
  return names;
}

// The lookup functions bash and zsh share (POSIX `case`; each prints words on one line).
std::string shared_tables(const std::vector<CommandInfo>& commands, const std::vector<std::string>& rule_ids)
{
  const CommandInfo& root = commands.front();
  std::vector<std::string> global;
  for (const auto& o : root.options)
    global.insert(global.end(), o.names.begin(), o.names.end());
  std::string s;
  s += "# The subcommands of command path $1 (space-separated, '' for the program).\n";
  s += "_ghes_topology_subcommands() {\n  case \"$1\" in\n";
  for (const auto& c : commands)
    if (!c.subcommands.empty())
      s += fmt::format("    {}) echo {} ;;\n", sh_quote(c.path), sh_quote(join(c.subcommands)));
  s += "  esac\n}\n";
  s += "# The options of command path $1, the global ones included.\n";
  s += "_ghes_topology_options() {\n  case \"$1\" in\n";
  for (const auto& c : commands) {
    std::vector<std::string> names = global;
    if (!c.path.empty())
      for (const auto& o : c.options)
        names.insert(names.end(), o.names.begin(), o.names.end());
    names.push_back("-h");
    names.push_back("--help");
    s += fmt::format("    {}) echo {} ;;\n", sh_quote(c.path), sh_quote(join(names)));
  }
  s += "  esac\n}\n";
  s += "# What the value of option $2 of command path $1 completes to: 'words W...', 'files',\n"
       "# 'dirs', 'rules' or 'none'; nothing when $2 takes no value.\n";
  s += "_ghes_topology_value() {\n  case \"$1|$2\" in\n";
  auto value_line = [&](const std::string& pattern, const OptionInfo& o) {
    std::string what;
    switch (o.kind) {
    case ValueKind::words:
      what = "words " + join(o.words);
      break;
    case ValueKind::files:
      what = "files";
      break;
    case ValueKind::dirs:
      what = "dirs";
      break;
    case ValueKind::rule_ids:
      what = "rules";
      break;
    case ValueKind::none:
      what = "none";
      break;
    }
    std::vector<std::string> patterns;
    for (const auto& n : o.names)
      patterns.push_back(pattern + sh_quote("|" + n));
    s += fmt::format("    {}) echo {} ;;\n", join(patterns, "|"), sh_quote(what));
  };
  for (const auto& c : commands)
    if (!c.path.empty())
      for (const auto& o : c.options)
        if (o.takes_value)
          value_line(sh_quote(c.path), o);
  for (const auto& o : root.options) // global options, after any command
    if (o.takes_value)
      value_line("*", o);
  s += "  esac\n}\n";
  s += "# What the positional arguments of command path $1 complete to (as _ghes_topology_value).\n";
  s += "_ghes_topology_positional() {\n  case \"$1\" in\n";
  for (const auto& c : commands) {
    if (c.positional == ValueKind::files)
      s += fmt::format("    {}) echo files ;;\n", sh_quote(c.path));
    else if (c.positional == ValueKind::dirs)
      s += fmt::format("    {}) echo dirs ;;\n", sh_quote(c.path));
    else if (c.positional == ValueKind::rule_ids)
      s += fmt::format("    {}) echo rules ;;\n", sh_quote(c.path));
    else if (c.positional == ValueKind::words)
      s += fmt::format("    {}) echo {} ;;\n", sh_quote(c.path),
                       sh_quote("words " + join(c.positional_words)));
  }
  s += "    *) echo none ;;\n  esac\n}\n";
  s += fmt::format("_ghes_topology_rule_ids={}\n", sh_quote(join(rule_ids)));
  s += fmt::format("_ghes_topology_value_options={}\n",
                   sh_quote(" " + join(names_taking_values(commands)) + " "));
  return s;
}

// Walks words 1..last-1 (bash: COMP_WORDS; zsh: words, shifted) to the command path.
const char* const k_walk = R"SH(  local cmdpath='' skip='' w subs
  for w in "${before[@]}"; do
    if [ -n "$skip" ]; then skip=''; continue; fi
    case "$w" in
      --*=*) continue ;;
      -*) case "$_ghes_topology_value_options" in *" $w "*) skip=1 ;; esac; continue ;;
    esac
    subs=" $(_ghes_topology_subcommands "$cmdpath") "
    case "$subs" in *" $w "*) cmdpath="${cmdpath:+$cmdpath }$w" ;; esac
  done
)SH";

std::string bash_script(const std::vector<CommandInfo>& commands, const std::vector<std::string>& rule_ids)
{
  std::string s = "# bash completion for ghes-topology (generated by 'ghes-topology completion bash').\n";
  s += "# Install as share/bash-completion/completions/ghes-topology, or: source <(ghes-topology completion "
       "bash)\n";
  s += shared_tables(commands, rule_ids);
  s += R"SH(_ghes_topology() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev='' what
  [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
  local before=("${COMP_WORDS[@]:1:COMP_CWORD-1}")
)SH";
  s += k_walk;
  s += R"SH(  COMPREPLY=()
  what=''
  case "$prev" in -*) what=$(_ghes_topology_value "$cmdpath" "$prev") ;; esac
  if [ -z "$what" ]; then
    case "$cur" in
      -*) COMPREPLY=($(compgen -W "$(_ghes_topology_options "$cmdpath")" -- "$cur")); return 0 ;;
    esac
    what="words $(_ghes_topology_subcommands "$cmdpath")"
    [ "$what" = 'words ' ] && what=$(_ghes_topology_positional "$cmdpath")
  fi
  case "$what" in
    words\ *) COMPREPLY=($(compgen -W "${what#words }" -- "$cur")) ;;
    rules) COMPREPLY=($(compgen -W "$_ghes_topology_rule_ids" -- "$cur")) ;;
    files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    dirs) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
  esac
  return 0
}
complete -F _ghes_topology ghes-topology
)SH";
  return s;
}

std::string zsh_script(const std::vector<CommandInfo>& commands, const std::vector<std::string>& rule_ids)
{
  std::string s = "#compdef ghes-topology\n";
  s += "# zsh completion for ghes-topology (generated by 'ghes-topology completion zsh').\n";
  s += "# Install as _ghes-topology in a folder of $fpath (share/zsh/vendor-completions).\n";
  s += shared_tables(commands, rule_ids);
  s += R"SH(_ghes-topology() {
  local cur=${words[CURRENT]} prev=${words[CURRENT-1]} what
  local -a before
  before=("${(@)words[2,CURRENT-1]}")
)SH";
  s += k_walk;
  s += R"SH(  what=''
  case "$prev" in -*) what=$(_ghes_topology_value "$cmdpath" "$prev") ;; esac
  if [ -z "$what" ]; then
    case "$cur" in
      -*) compadd -- ${=$(_ghes_topology_options "$cmdpath")}; return ;;
    esac
    what="words $(_ghes_topology_subcommands "$cmdpath")"
    [ "$what" = 'words ' ] && what=$(_ghes_topology_positional "$cmdpath")
  fi
  case "$what" in
    words\ *) compadd -- ${=what#words } ;;
    rules) compadd -- ${=_ghes_topology_rule_ids} ;;
    files) _files ;;
    dirs) _files -/ ;;
  esac
}
_ghes-topology "$@"
)SH";
  return s;
}

std::string fish_script(const std::vector<CommandInfo>& commands, const std::vector<std::string>& rule_ids)
{
  std::string s = "# fish completion for ghes-topology (generated by 'ghes-topology completion fish').\n";
  s += "# Install as share/fish/vendor_completions.d/ghes-topology.fish, or: ghes-topology completion fish | "
       "source\n";
  s += "complete -c ghes-topology -f\n";
  // The condition that the command line is at `path` (its words seen, no deeper subcommand).
  auto condition = [&](const CommandInfo& c) {
    if (c.path.empty()) {
      return std::string("__fish_use_subcommand");
    }
    std::string cond;
    std::string word;
    std::string rest = c.path;
    std::vector<std::string> parts;
    while (!rest.empty()) {
      const auto space = rest.find(' ');
      parts.push_back(rest.substr(0, space));
      rest = space == std::string::npos ? std::string() : rest.substr(space + 1);
    }
    for (const auto& p : parts)
      cond += (cond.empty() ? "" : "; and ") + std::string("__fish_seen_subcommand_from ") + p;
    if (!c.subcommands.empty())
      cond += "; and not __fish_seen_subcommand_from " + join(c.subcommands);
    return cond;
  };
  auto option_line = [&](const std::string& cond, const OptionInfo& o) {
    std::string line = "complete -c ghes-topology";
    if (!cond.empty())
      line += " -n " + sh_quote(cond);
    for (const auto& n : o.names)
      line += (n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1));
    switch (o.kind) {
    case ValueKind::words:
      line += " -x -a " + sh_quote(join(o.words));
      break;
    case ValueKind::files:
      line += " -r -F";
      break;
    case ValueKind::dirs:
      line += " -x -a '(__fish_complete_directories)'";
      break;
    case ValueKind::rule_ids:
      line += " -x -a " + sh_quote(join(rule_ids));
      break;
    case ValueKind::none:
      if (o.takes_value)
        line += " -x";
      break;
    }
    return line + " -d " + sh_quote(o.description.substr(0, o.description.find(". "))) + "\n";
  };
  for (const auto& o : commands.front().options)
    s += option_line("", o);
  for (const auto& c : commands) {
    const std::string cond = condition(c);
    for (const auto& sub_name : c.subcommands) {
      std::string sub_path = c.path.empty() ? sub_name : c.path + " " + sub_name;
      for (const auto& sub : commands)
        if (sub.path == sub_path)
          s += fmt::format("complete -c ghes-topology -n {} -a {} -d {}\n", sh_quote(cond),
                           sh_quote(sub_name), sh_quote(sub.description));
    }
    if (c.path.empty())
      continue;
    for (const auto& o : c.options)
      s += option_line(cond, o);
    if (c.positional == ValueKind::files)
      s += fmt::format("complete -c ghes-topology -n {} -F\n", sh_quote(cond));
    else if (c.positional == ValueKind::dirs)
      s +=
          fmt::format("complete -c ghes-topology -n {} -a '(__fish_complete_directories)'\n", sh_quote(cond));
    else if (c.positional == ValueKind::rule_ids)
      s += fmt::format("complete -c ghes-topology -n {} -a {}\n", sh_quote(cond), sh_quote(join(rule_ids)));
    else if (c.positional == ValueKind::words)
      s += fmt::format("complete -c ghes-topology -n {} -a {}\n", sh_quote(cond),
                       sh_quote(join(c.positional_words)));
  }
  return s;
}

} // namespace

void add_completion_command(CLI::App& app, Context& ctx)
{
  auto shell = std::make_shared<std::string>();
  auto list = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  cmd->add_option("SHELL", *shell, "bash, zsh or fish")->check(one_of("SHELL", {"bash", "zsh", "fish"}));
  // For the man page generator: every command path, one a line.
  cmd->add_flag("--list-commands", *list, "Print every command path, one a line")->group("");
  cmd->footer("The scripts complete commands, options, option values (output formats, severities),\n"
              "rule ids for 'rules show' and file names; docs/install.md says where to put them.\n\n"
              "Examples:\n"
              "  source <(ghes-topology completion bash)\n"
              "  ghes-topology completion zsh > \"${fpath[1]}/_ghes-topology\"\n"
              "  ghes-topology completion fish > ~/.config/fish/completions/ghes-topology.fish\n");
  CLI::App* root = &app;
  cmd->callback([&ctx, shell, list, root] {
    ctx.action = [&ctx, shell, list, root] {
      std::vector<CommandInfo> commands;
      collect(*root, "", commands);
      if (*list) {
        for (const auto& c : commands)
          if (!c.path.empty())
            ctx.result << c.path << '\n';
        return ExitCode::success;
      }
      if (shell->empty())
        throw Error("completion needs a shell: bash, zsh or fish");
      diag::DiagnosticBag bag;
      diag::SourceMap sources;
      const auto catalog = engine::load_catalog(engine::CatalogOptions{}, bag, sources);
      if (!catalog)
        throw Fatal("the built-in rule catalog embedded in this binary does not load");
      const auto ids = catalog->ids();
      if (*shell == "bash")
        ctx.result << bash_script(commands, ids);
      else if (*shell == "zsh")
        ctx.result << zsh_script(commands, ids);
      else
        ctx.result << fish_script(commands, ids);
      return ExitCode::success;
    };
  });
}

} // namespace ghes_topology::cli
