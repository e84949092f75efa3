// SPDX-License-Identifier: Apache-2.0
// The options of every command that loads rules (`--rules`, `--no-builtin-rules`,
// `--param`), shared by `rules`, `recommend` and `check`.
#pragma once

#include "cli/context.hpp"

#include "ghes_topology/engine/catalog.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace ghes_topology::cli {

// Adds `--rules DIR` (repeatable), `--no-builtin-rules` and `--param NAME=VALUE`
// (repeatable) to `command`, filling `options` when parsed.
void add_catalog_options(CLI::App& command, engine::CatalogOptions& options);

// The options of a command that runs no fixture: `Fixtures::skip`, the rest default.
engine::CatalogOptions options_without_fixtures();

// Loads the catalog `options` describe. Prints every diagnostic to stderr through `ctx`;
// returns nothing when any error was reported (the caller exits with code 2).
std::optional<engine::Catalog> load_catalog(Context& ctx, const engine::CatalogOptions& options);

// Moves `catalog` into storage that is never destroyed and returns it there: a process
// that exits after the command skips the catalog's teardown (thousands of small frees,
// about a tenth of a one-file `check`). The catalog kept by an earlier call in the same
// process is destroyed first, so in-process callers running many commands hold one at most.
const engine::Catalog& keep_until_exit(engine::Catalog&& catalog);

// One entry per `--param` override (`  cluster.min_developers = 20000 (default 10000)`),
// wrapped to `width` columns (continuation lines indented by four), for outputs that show
// overrides; empty when there are none.
std::string describe_param_overrides(const engine::Catalog& catalog, std::size_t width);

// One line per user rule that replaced a built-in rule
// (`  failover-ha-dns-ttl: my-rules/failover/ha-dns-ttl.yaml overrides built-in rule ...`).
std::string describe_rule_overrides(const engine::Catalog& catalog);

} // namespace ghes_topology::cli
