// SPDX-License-Identifier: Apache-2.0
// Rule self-tests: split fixture files, find `# expect:` markers, run each document
// against its own rule and compare (rule id, line) pairs both ways.
#include "ghes_topology/engine/fixtures.hpp"

#include "engine/scalar_layout_internal.hpp"
#include "ghes_topology/diag/suggest.hpp"
#include "ghes_topology/engine/evaluate.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ghes_topology::engine {
namespace {

bool is_blank(char c)
{
  return c == ' ' || c == '\t';
}

bool is_id_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

std::string_view trim(std::string_view s)
{
  while (!s.empty() && (is_blank(s.front()) || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The byte offset of the comment on `line` (a `#` at the start or after a blank, outside
// quotes), or npos.
std::size_t comment_start(std::string_view line)
{
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      if (i == 0 || is_blank(line[i - 1]) || line[i - 1] == ':' || line[i - 1] == '[' || line[i - 1] == '{' ||
          line[i - 1] == ',')
        quote = c;
    } else if (c == '#' && (i == 0 || is_blank(line[i - 1]))) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool is_separator(std::string_view line)
{
  return line.starts_with("---") && (line.size() == 3 || is_blank(line[3]) || line[3] == '\r');
}

// Whether `line` holds YAML content (not only blanks and a comment).
bool has_content(std::string_view line)
{
  const auto hash = comment_start(line);
  return !trim(line.substr(0, hash)).empty();
}

// Reads a marker from comment text `c` (after `#`). Returns the id, or an empty string
// with `malformed` set when the comment looks like a marker but is not one.
std::string marker_of(std::string_view c, bool& malformed)
{
  malformed = false;
  c = trim(c);
  if (!c.starts_with("expect"))
    return {};
  std::string_view rest = c.substr(6);
  const std::string_view after = trim(rest);
  if (!after.starts_with(':')) {
    // `# expect failover-ha-dns-ttl`: a marker without its colon.
    if (!rest.empty() && is_blank(rest.front()) && !after.empty() &&
        std::all_of(after.begin(), after.end(), is_id_char))
      malformed = true;
    return {};
  }
  std::string_view id = trim(after.substr(1));
  std::size_t n = 0;
  while (n < id.size() && is_id_char(id[n]))
    ++n;
  if (n == 0 || (n < id.size() && !is_blank(id[n]))) {
    malformed = true;
    return {};
  }
  return std::string(id.substr(0, n));
}

std::string join(const std::vector<std::string>& items)
{
  std::string out;
  for (const auto& item : items) {
    if (!out.empty())
      out += ", ";
    out += item;
  }
  return out;
}

struct LineFailure
{
  int line;
  int order; // missing before unexpected on the same line
  std::string message;
  auto operator<=>(const LineFailure&) const = default;
};

void run_fixture(const Catalog& catalog, const Rule& rule, const FixtureFile& fixture, RuleTestResult& result,
                 std::size_t& documents, diag::DiagnosticBag& bag, diag::SourceMap& sources)
{
  result.fixture = fixture.file;
  diag::DiagnosticBag marker_problems;
  const auto docs = split_fixture(fixture, marker_problems);
  for (const auto& d : marker_problems.all())
    result.failures.push_back(TestFailure{diag::Location{d.where.file, d.where.line}, d.message});

  bool any_firing = false;
  bool any_quiet = false;
  std::vector<std::string> ids; // for did-you-mean, built at the first unknown rule id
  const PreloadedDocuments* preloaded =
      fixture.preloaded && fixture.preloaded->size() == docs.size() ? fixture.preloaded.get() : nullptr;
  for (std::size_t index = 0; index < docs.size(); ++index) {
    const FixtureDocument& doc = docs[index];
    std::vector<LineFailure> failures;
    std::set<int> expected;
    for (const auto& m : doc.expects) {
      if (m.rule_id == rule.id) {
        expected.insert(m.line);
      } else if (catalog.find(m.rule_id) != nullptr) {
        failures.push_back(
            {m.line, 0,
             fmt::format("expect marker names rule {}, but this file tests only {}", m.rule_id, rule.id)});
      } else {
        std::string message = fmt::format("expect marker names unknown rule {}", m.rule_id);
        if (ids.empty())
          ids = catalog.ids();
        const auto suggestion = diag::closest_match(m.rule_id, ids);
        if (!suggestion.empty())
          message += fmt::format(" (did you mean {}?)", suggestion);
        failures.push_back({m.line, 0, std::move(message)});
      }
    }
    (expected.empty() ? any_quiet : any_firing) = true;

    // Loaded by the build when the catalog was compiled; loaded here otherwise, or again for
    // the diagnostics of a document that does not load.
    std::optional<model::Environment> environment;
    if (preloaded != nullptr)
      environment = preloaded->document(index);
    if (!environment) {
      diag::DiagnosticBag load_bag;
      environment = loader::load_document(fixture.file, doc.text, doc.first_line, load_bag);
      if (!environment) {
        bag.merge(load_bag);
        continue;
      }
    }
    ++result.documents;
    ++documents;
    std::optional<Topology> topology;
    if (const model::Value* t = environment->root.find("plan.topology"); t != nullptr)
      topology = parse_topology(t->string);
    const Scope scope = make_scope(catalog, *environment, topology);
    const Outcome outcome = evaluate_rule(rule, scope);

    if (outcome.status == Status::error) {
      const auto& e = *outcome.error;
      failures.push_back({doc.first_line, 0,
                          fmt::format("evaluation error in {}: {} [{}] at {}", rule.id, e.message, e.code,
                                      e.where.to_string())});
    } else {
      std::map<int, std::string> actual;
      for (const auto& occurrence : outcome.occurrences)
        actual.emplace(occurrence.where.line, occurrence.message);
      std::string reason;
      if (outcome.status == Status::undecided)
        reason = fmt::format(" (could not be decided: needs {})", join(outcome.missing));
      else if (outcome.status == Status::not_applicable)
        reason = fmt::format(" (not applicable: requires {})", join(outcome.missing));
      for (int line : expected)
        if (actual.count(line) == 0)
          failures.push_back({line, 0, fmt::format("missing finding {}{}", rule.id, reason)});
      for (const auto& [line, message] : actual)
        if (expected.count(line) == 0)
          failures.push_back({line, 1, fmt::format("unexpected finding {} ({})", rule.id, message)});
    }
    std::sort(failures.begin(), failures.end());
    for (auto& f : failures)
      result.failures.push_back(TestFailure{diag::point(fixture.file, f.line, 0), std::move(f.message)});
  }
  // Each document's locations are the whole file's: the file serves its diagnostics.
  sources.add(fixture.file, fixture.text);

  if (!any_firing)
    result.failures.push_back(TestFailure{
        diag::Location{fixture.file},
        fmt::format("no document on which {} fires (mark the line it points at with '# expect: {}')", rule.id,
                    rule.id)});
  if (!any_quiet)
    result.failures.push_back(TestFailure{
        diag::Location{fixture.file},
        fmt::format("no document on which {} must stay silent (add one without markers)", rule.id)});
}

std::string fixture_path_for(const Rule& rule)
{
  std::string path = rule.file;
  if (path.ends_with(".yaml"))
    path.resize(path.size() - 5);
  return path + ".test.yaml";
}

} // namespace

std::vector<FixtureDocument> split_fixture(const FixtureFile& fixture, diag::DiagnosticBag& bag)
{
  const SourceLines lines(fixture.text);
  std::vector<std::pair<int, int>> chunks; // first, last line
  int start = 1;
  for (int n = 1; n <= lines.count(); ++n)
    if (is_separator(lines.line(n))) {
      if (n > start)
        chunks.emplace_back(start, n - 1);
      start = n;
    }
  if (start <= lines.count())
    chunks.emplace_back(start, lines.count());

  std::vector<FixtureDocument> docs;
  for (const auto& [first, last] : chunks) {
    FixtureDocument doc;
    doc.first_line = first;
    doc.last_line = last;
    bool content = false;
    for (int n = first; n <= last; ++n) {
      std::string line(lines.line(n));
      if (n == first && is_separator(line))
        line.replace(0, 3, "   ");
      content = content || has_content(line);
      doc.text += line;
      doc.text += '\n';
      const auto hash = comment_start(line);
      if (hash == std::string::npos)
        continue;
      const std::string_view comment = std::string_view(line).substr(hash + 1);
      bool malformed = false;
      std::string id = marker_of(comment, malformed);
      if (malformed) {
        auto& d = bag.error("fixture-bad-marker", "malformed expect marker; write '# expect: <rule-id>'",
                            diag::point(fixture.file, n, static_cast<int>(hash) + 1));
        d.found = std::string(trim(comment));
      } else if (!id.empty()) {
        doc.expects.push_back(ExpectMarker{n, std::move(id)});
      } else if (doc.description.empty()) {
        doc.description = std::string(trim(comment));
      }
    }
    if (content)
      docs.push_back(std::move(doc));
  }
  return docs;
}

std::string TestFailure::text() const
{
  if (where.line > 0)
    return fmt::format("{}:{}: {}", where.file, where.line, message);
  return fmt::format("{}: {}", where.file, message);
}

std::size_t TestReport::failed() const
{
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const RuleTestResult& r) { return !r.passed(); }));
}

TestReport run_fixtures(const Catalog& catalog, diag::DiagnosticBag& bag, diag::SourceMap& sources)
{
  TestReport report;
  std::set<std::string> used_fixtures;
  for (const auto& rule : catalog.rules) {
    RuleTestResult result;
    result.rule_id = rule.id;
    if (const FixtureFile* fixture = catalog.fixture_for(rule)) {
      used_fixtures.insert(fixture->file);
      run_fixture(catalog, rule, *fixture, result, report.documents, bag, sources);
    } else {
      result.failures.push_back(
          TestFailure{diag::Location{rule.file}, fmt::format("rule {} has no fixture file (expected {})",
                                                             rule.id, fixture_path_for(rule))});
    }
    report.results.push_back(std::move(result));
  }
  const auto ids = catalog.ids();
  for (const auto& fixture : catalog.fixtures) {
    if (used_fixtures.count(fixture.file) > 0)
      continue;
    RuleTestResult result;
    result.rule_id = fixture.rule_id;
    result.fixture = fixture.file;
    const std::string rule_file = fixture.file.substr(0, fixture.file.size() - 10) + ".yaml";
    std::string message =
        fmt::format("fixture for rule {}, but there is no rule file {}", fixture.rule_id, rule_file);
    result.failures.push_back(TestFailure{diag::Location{fixture.file}, std::move(message)});
    report.results.push_back(std::move(result));
  }
  std::stable_sort(report.results.begin(), report.results.end(),
                   [](const RuleTestResult& a, const RuleTestResult& b) { return a.rule_id < b.rule_id; });
  return report;
}

} // namespace ghes_topology::engine
