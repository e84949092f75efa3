// SPDX-License-Identifier: Apache-2.0
// The words every human-readable format shares: titles, numbers, effects, severities, states.
#pragma once

#include "ghes_topology/advice/assessment.hpp"
#include "ghes_topology/engine/rule.hpp"
#include "ghes_topology/report/catalog.hpp" // effect_text

#include <optional>
#include <string>
#include <string_view>

namespace ghes_topology::report {

// --- Interface ---

// "Standalone appliance", "High availability (primary + replicas)", "Clustering".
const char* option_title(engine::Topology option);

// "Topology", "Failover", "Backups", "Monitoring".
const char* section_title(engine::Section section);

// `option`'s id ("ha"), or `none` when there is no option.
std::string topology_word(const std::optional<engine::Topology>& option, std::string_view none);

// "error", "warning", "info".
std::string severity_word(engine::Severity severity);

// "applied", "expired", "unused".
const char* waiver_state_word(advice::WaiverUse::State state);

// 2500 -> "2,500"; 0.35 -> "0.35"; -1234.5 -> "-1,234.5": thousands separators, at most
// two decimals, no trailing zeros.
std::string number(double value);

// `value` in `unit`: "60 minutes", "85%" (for `percent`), "2,500" (no unit).
std::string with_unit(double value, const std::string& unit);

// `content/admin/a/b.md` (a page of github/docs) -> its address on docs.github.com for the
// GHES `version` ("3.17"; empty = the newest release, `latest`): `content/` and `.md` (and
// a trailing `/index`) dropped. An http(s) URL (a house rule's policy page) is returned as it is.
// SARIF's helpUri, the Markdown and HTML reports' links.
std::string docs_url(const std::string& source_path, const std::string& version);

// `count` and `noun`, plural unless `count` is 1: (2, "error") -> "2 errors".
std::string counted(long long count, std::string_view noun);

} // namespace ghes_topology::report
