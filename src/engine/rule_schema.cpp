// SPDX-License-Identifier: Apache-2.0
// The rule file's field table (rules/README.md); the loader checks rule files against it.
#include "ghes_topology/engine/rule_schema.hpp"

#include <utility>

namespace ghes_topology::engine {
namespace {

using T = model::FieldType;

// A small fluent helper so each row reads like a table row.
struct F
{
  model::FieldSpec spec;

  F(std::string name, T type, std::string description)
      : spec(model::field(std::move(name), type, std::move(description)))
  {}
  F& required()
  {
    spec.presence = model::Presence::required;
    return *this;
  }
  F& values(std::vector<std::string> v)
  {
    spec.values = std::move(v);
    return *this;
  }
  F& fields(std::vector<model::FieldSpec> f)
  {
    spec.fields = std::move(f);
    return *this;
  }
  F& items(model::FieldSpec item, std::size_t max)
  {
    spec.item = {std::move(item)};
    spec.max_items = max;
    return *this;
  }
  F& range(double lo, double hi)
  {
    spec.minimum = lo;
    spec.maximum = hi;
    return *this;
  }
  F& example(std::string e)
  {
    spec.example = std::move(e);
    return *this;
  }
  operator model::FieldSpec() const { return spec; } // NOLINT(google-explicit-constructor)
};

model::Schema build_rule_schema()
{
  model::Schema s;
  s.title = "ghes-topology rule file";
  s.id = "https://github.com/ghes-topology/ghes-topology/schema/rule-v1.json";
  s.version = 1;
  s.root =
      F("rule", T::object, "One rule of the catalog.")
          .fields({
              F("id", T::string, "`<category>-<name>` of the file's path.").required(),
              F("title", T::string, "One line saying what the rule is about.").required(),
              F("kind", T::enumeration, "What the rule does when it fires.")
                  .required()
                  .values({"finding", "evidence", "implication"}),
              F("severity", T::enumeration, "How serious a finding is (finding rules only).")
                  .values({"info", "warning", "error"}),
              F("requires", T::list,
                "Fact paths that must be known, else the rule does not apply (silently).")
                  .items(F("fact", T::string, "A dotted fact path."), 32),
              F("for_each", T::object,
                "Evaluate the rule once per item of a list (finding and "
                "implication rules).")
                  .fields({
                      F("var", T::string, "The name the item is bound to.").required(),
                      F("in", T::string, "An expression giving the list.").required(),
                  }),
              F("when", T::string, "The condition, in the condition language.").required(),
              F("point_at", T::string, "An expression whose value's location the rule points at."),
              F("message", T::string, "What the rule says when it fires; `{expression}` shows a value.")
                  .required(),
              F("rationale", T::string, "Why the rule matters."),
              F("remediation", T::string, "What to do about a finding (finding rules)."),
              F("source", T::object, "Where the rule's facts come from.")
                  .required()
                  .fields({
                      F("path", T::string,
                        "The `github/docs` path the rule encodes; for a house rule, the https:// URL of "
                        "the policy page it encodes.")
                          .required(),
                      F("section", T::string, "The section of that page."),
                      F("versions", T::string,
                        "The GHES versions the cited facts apply to, as the docs gate them (`>= 3.18`)."),
                  }),
              F("threshold", T::enumeration,
                "Whether the rule's threshold is stated by the docs or the advisor's assumption.")
                  .values({"documented", "assumption", "none"}),
              F("effect", T::list, "How an evidence rule moves the verdict.")
                  .items(
                      F("effect", T::object, "Weight for or against an option, or a block.")
                          .fields({
                              F("option", T::enumeration, "The topology the effect is about.")
                                  .required()
                                  .values({"standalone", "ha", "cluster"}),
                              F("weight", T::decimal, "For (+) or against (-) the option.").range(-100, 100),
                              F("block", T::boolean, "Rules the option out (`message` is the reason)."),
                          }),
                      6),
              F("section", T::enumeration, "The implications section (implication rules only).")
                  .values({"topology", "failover", "backups", "monitoring"}),
              // Checked entry by entry against `param_schema()`; listed here so that the
              // key is known (and suggested for a misspelling).
              F("params", T::object,
                "Named parameters: `<dotted.name>: {default, description, basis, unit, type}`."),
          });
  return s;
}

model::FieldSpec build_param_schema()
{
  return F("param", T::object, "A named, overridable parameter.")
      .fields({
          F("type", T::enumeration, "The parameter's type; inferred from `default` when absent.")
              .values({"integer", "decimal", "string", "boolean"}),
          F("unit", T::string, "Unit of the value (`seconds`, `ms`, `developers`, ...)."),
          F("description", T::string, "What the parameter means.").required(),
          F("basis", T::enumeration,
            "`documented` when the GHES docs state the value, `assumption` when it is the advisor's.")
              .required()
              .values({"documented", "assumption"}),
      });
}

} // namespace

const model::Schema& rule_schema()
{
  static const model::Schema schema = build_rule_schema();
  return schema;
}

const model::FieldSpec& param_schema()
{
  static const model::FieldSpec spec = build_param_schema();
  return spec;
}

} // namespace ghes_topology::engine
