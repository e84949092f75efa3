// SPDX-License-Identifier: Apache-2.0
// JUnit XML for CI test tabs (docs/ci.md), built with pugixml: one `testsuite` per file,
// written as soon as the file is assessed, one `testcase` per finding rule of the catalog.
#include "ghes_topology/report/renderer.hpp"

#include "report/escape.hpp"
#include "report/formats_internal.hpp"
#include "report/vocabulary.hpp"

#include <fmt/format.h>
#include <map>
#include <ostream>
#include <pugixml.hpp>
#include <set>

namespace ghes_topology::report {
namespace {

constexpr const char* k_other_class = "ghes-topology";

// One finding as the body of a `failure` or `skipped` element.
std::string detail(const advice::Finding& f)
{
  std::string text = fmt::format("{}: {}: {}\n", f.where.to_string(), severity_word(f.severity), f.message);
  if (!f.remediation.empty())
    text += "Fix: " + f.remediation + "\n";
  if (!f.source.path.empty())
    text +=
        "Source: " + f.source.path + (f.source.section.empty() ? "" : " (" + f.source.section + ")") + "\n";
  return text;
}

class JunitRenderer final : public Renderer
{
public:
  explicit JunitRenderer(std::ostream& out)
      : m_out(out)
  {}

  [[nodiscard]] Needs needs() const override
  {
    Needs needs;
    needs.rule_list = true;
    return needs;
  }
  void begin(const advice::RunInfo& run) override
  {
    m_run = &run;
    m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  }

  void file(const advice::FileResult& result) override
  {
    // The test cases: every finding rule of the catalog, then any other rule with a finding.
    struct Case
    {
      std::string classname;
      std::vector<const advice::Finding*> findings;
      const advice::RuleProblem* problem = nullptr;
    };
    std::vector<std::pair<std::string, Case>> cases;
    std::map<std::string, std::size_t> index;
    for (const auto& rule : m_run->rules)
      if (rule.kind == engine::RuleKind::finding) {
        index.emplace(rule.id, cases.size());
        cases.push_back({rule.id, Case{rule.category, {}, nullptr}});
      }
    for (const auto& f : result.findings) {
      auto [it, added] = index.emplace(f.rule_id, cases.size());
      if (added)
        cases.push_back({f.rule_id, Case{k_other_class, {}, nullptr}});
      cases[it->second].second.findings.push_back(&f);
    }
    for (const auto& p : result.problems) {
      auto [it, added] = index.emplace(p.rule_id, cases.size());
      if (added)
        cases.push_back({p.rule_id, Case{k_other_class, {}, nullptr}});
      cases[it->second].second.problem = &p;
    }

    pugi::xml_document doc;
    pugi::xml_node suite = start_suite(doc, result.file);
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (const auto& [id, c] : cases) {
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("name") = id.c_str();
      test.append_attribute("classname") = c.classname.c_str();
      test.append_attribute("time") = "0";
      if (c.problem != nullptr) {
        pugi::xml_node e = test.append_child("error");
        e.append_attribute("message") = xml_chars(c.problem->message).c_str();
        e.append_attribute("type") = c.problem->code.c_str();
        e.text() =
            xml_chars(fmt::format("{}: {}\n", c.problem->where.to_string(), c.problem->message)).c_str();
        ++errors;
        continue;
      }
      std::vector<const advice::Finding*> failing;
      std::vector<const advice::Finding*> waived;
      for (const auto* f : c.findings) {
        if (f->waived)
          waived.push_back(f);
        else if (m_run->fail_on && f->severity >= *m_run->fail_on)
          failing.push_back(f);
      }
      if (!failing.empty()) {
        pugi::xml_node e = test.append_child("failure");
        e.append_attribute("message") = xml_chars(failing.front()->message).c_str();
        e.append_attribute("type") = severity_word(failing.front()->severity).c_str();
        std::string body;
        for (const auto* f : failing)
          body += detail(*f);
        e.text() = xml_chars(body).c_str();
        ++failures;
      } else if (!waived.empty() && waived.size() == c.findings.size()) {
        std::string reason;
        if (const advice::WaiverUse* w = advice::waiver_of(result, *waived.front()))
          reason = fmt::format("waived: {} (owner: {}, expires {})", w->reason, w->owner, w->expires);
        pugi::xml_node e = test.append_child("skipped");
        e.append_attribute("message") = xml_chars(reason).c_str();
        std::string body;
        for (const auto* f : waived)
          body += detail(*f);
        e.text() = xml_chars(body).c_str();
        ++skipped;
      }
    }
    std::string below; // unwaived findings under `--fail-on`: shown, not failing
    for (const auto& f : result.findings)
      if (!f.waived && !(m_run->fail_on && f.severity >= *m_run->fail_on))
        below += detail(f);
    end_suite(suite, cases.size(), failures, errors, skipped, below);
    write(doc);
  }

  // Kept until `end` (a few small rows per rejected file): the suites of rejected files
  // follow those of the assessed files, wherever they were among the arguments.
  void input_errors(const std::vector<diag::Diagnostic>& errors) override
  {
    if (!errors.empty())
      m_rejected.push_back(errors);
  }

  void end(const RunSummary& /*summary*/) override
  {
    for (const auto& errors : m_rejected)
      write_rejected(errors);
    m_out << "</testsuites>\n";
  }

private:
  // A suite for one file that could not be assessed: an `error` test case per input error.
  void write_rejected(const std::vector<diag::Diagnostic>& errors)
  {
    pugi::xml_document doc;
    pugi::xml_node suite = start_suite(doc, errors.front().where.file);
    for (const auto& d : errors) {
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("name") = d.code.c_str();
      test.append_attribute("classname") = "input";
      test.append_attribute("time") = "0";
      pugi::xml_node e = test.append_child("error");
      e.append_attribute("message") = xml_chars(d.message).c_str();
      e.append_attribute("type") = d.code.c_str();
      e.text() =
          xml_chars(fmt::format("{}: error: {} [{}]\n", d.where.to_string(), d.message, d.code)).c_str();
    }
    end_suite(suite, errors.size(), 0, static_cast<int>(errors.size()), 0, "");
    write(doc);
  }

  // A `testsuite` for `file` under `doc`, with its identifying attributes; the counts
  // come in `end_suite`, in the order the schema lists them.
  pugi::xml_node start_suite(pugi::xml_document& doc, const std::string& file)
  {
    pugi::xml_node suite = doc.append_child("testsuite");
    suite.append_attribute("name") = xml_chars(file).c_str();
    suite.append_attribute("package") = "ghes-topology";
    suite.append_attribute("id") = m_suites++;
    // Deterministic: the date the run judged waivers against, and no host name.
    suite.append_attribute("timestamp") = (m_run->today + "T00:00:00").c_str();
    suite.append_attribute("hostname") = "localhost";
    suite.append_child("properties");
    return suite;
  }

  static void end_suite(pugi::xml_node suite, std::size_t tests, int failures, int errors, int skipped,
                        const std::string& out)
  {
    suite.append_attribute("tests") = static_cast<unsigned long long>(tests);
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = errors;
    suite.append_attribute("skipped") = skipped;
    suite.append_attribute("time") = "0";
    suite.append_child("system-out").text() = xml_chars(out).c_str();
    suite.append_child("system-err");
  }

  void write(const pugi::xml_document& doc)
  {
    doc.document_element().print(m_out, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
  }

  std::ostream& m_out;
  const advice::RunInfo* m_run = nullptr; // `begin`'s, alive until `end` returns (Renderer)
  int m_suites = 0;
  std::vector<std::vector<diag::Diagnostic>> m_rejected;
};

} // namespace

std::unique_ptr<Renderer> make_junit(std::ostream& out, const RenderOptions& /*options*/)
{
  return std::make_unique<JunitRenderer>(out);
}

} // namespace ghes_topology::report
