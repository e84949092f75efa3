// SPDX-License-Identifier: Apache-2.0
// Test helpers for the expression language: a small hand-made environment type and
// bindings, and compile/evaluate shortcuts that render diagnostics as the user sees them.
#pragma once

#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/expr/program.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace expr_test {

using namespace ghes_topology;
using namespace ghes_topology::expr;

inline const char* const k_file = "rules/failover/ha-dns-ttl.yaml";

// An environment-like record: sections with scalar fields, an enumeration, a list
// of objects, parameters and the chosen topology.
inline TypeEnv test_env()
{
  auto replica = Type::object("replica", {{"type", Type::enumeration({"active", "passive"})},
                                          {"latency_ms", Type::decimal()},
                                          {"datacenter", Type::string()},
                                          {"name", Type::string()}});
  TypeEnv env;
  env["network"] = Type::object("network", {{"dns_ttl_seconds", Type::integer()},
                                            {"geodns_available", Type::boolean()},
                                            {"load_balancer", Type::string()}});
  env["plan"] = Type::object("plan", {{"topology", Type::enumeration({"standalone", "ha", "cluster"})},
                                      {"failover_via", Type::enumeration({"dns", "load_balancer"})},
                                      {"replicas", Type::list(replica)},
                                      {"ghes_version", Type::string()}});
  env["developers"] = Type::object("developers", {{"total", Type::integer()}, {"active", Type::integer()}});
  env["primary"] =
      Type::object("primary", {{"usage", Type::object("usage", {{"memory_percent", Type::decimal()},
                                                                {"cpu_percent", Type::decimal()}})},
                               {"cpus", Type::integer()},
                               {"memory_gb", Type::integer()}});
  env["params"] = Type::object(
      "params", {{"failover", Type::object("failover", {{"max_dns_ttl_seconds", Type::integer()}})},
                 {"geography", Type::object("geography", {{"max_replica_latency_ms", Type::integer()}})}});
  env["topology"] = Type::enumeration({"standalone", "ha", "cluster"});
  env["tags"] = Type::list(Type::string());
  env["anything"] = Type::dyn();
  return env;
}

inline Value replica(std::string type, double latency, std::string datacenter, std::string name)
{
  return Value::map({{"type", Value::string(std::move(type))},
                     {"latency_ms", Value::decimal(latency)},
                     {"datacenter", Value::string(std::move(datacenter))},
                     {"name", Value::string(std::move(name))}});
}

// A complete environment matching `test_env()`.
inline Bindings test_bindings()
{
  Bindings b;
  b["network"] = Value::map({{"dns_ttl_seconds", Value::integer(600)},
                             {"geodns_available", Value::boolean(false)},
                             {"load_balancer", Value::string("haproxy")}});
  b["plan"] = Value::map({{"topology", Value::string("ha")},
                          {"failover_via", Value::string("dns")},
                          {"replicas", Value::list({replica("active", 20.0, "dc2", "r1"),
                                                    replica("passive", 80.5, "dc3", "r2")})},
                          {"ghes_version", Value::string("3.14.2")}});
  b["developers"] = Value::map({{"total", Value::integer(4000)}, {"active", Value::integer(3500)}});
  b["primary"] = Value::map({{"usage", Value::map({{"memory_percent", Value::decimal(72.5)},
                                                   {"cpu_percent", Value::decimal(40.0)}})},
                             {"cpus", Value::integer(16)},
                             {"memory_gb", Value::integer(128)}});
  b["params"] = Value::map({{"failover", Value::map({{"max_dns_ttl_seconds", Value::integer(300)}})},
                            {"geography", Value::map({{"max_replica_latency_ms", Value::integer(70)}})}});
  b["topology"] = Value::string("ha");
  b["tags"] = Value::list({Value::string("prod"), Value::string("eu")});
  b["anything"] = Value::integer(7);
  return b;
}

// A compilation placed in a rule file: single-line texts sit on line 7 after
// `when: ` (column 7); texts with newlines form a `when: |` block scalar whose lines
// start at column 3 from line 8 on.
struct Compiled
{
  std::optional<Program> program;
  std::string diagnostics; // rendered exactly as the CLI prints them
};

inline Compiled compile_in_rule(std::string_view text, CompileOptions options = {})
{
  std::string file = "id: failover-ha-dns-ttl\ntitle: t\nkind: finding\nseverity: warning\nmessage: m\n"
                     "remediation: r\n";
  diag::Location base{k_file, 7, 7, 7, 7};
  if (text.find('\n') == std::string_view::npos) {
    file += "when: " + std::string(text) + "\n";
  } else {
    file += "when: |\n";
    std::size_t start = 0;
    while (start <= text.size()) {
      auto nl = text.find('\n', start);
      file += "  " +
              std::string(
                  text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start)) +
              "\n";
      if (nl == std::string_view::npos)
        break;
      start = nl + 1;
    }
    base = diag::Location{k_file, 8, 3, 8, 3};
    options.continuation_column = 3;
  }
  file += "source: x\n";
  diag::DiagnosticBag bag;
  diag::SourceMap sources;
  sources.add(k_file, file);
  Compiled out;
  out.program = compile(text, base, test_env(), bag, options);
  out.diagnostics = diag::render_all(bag, sources);
  return out;
}

// The rendered diagnostics of compiling `text` (empty when it compiles).
inline std::string errors(std::string_view text, CompileOptions options = {})
{
  return compile_in_rule(text, std::move(options)).diagnostics;
}

// Compiles `text` (which must compile) and evaluates it on `bindings`; returns the
// value as text, or "error[code] message @line:col-endcol".
inline std::string run(std::string_view text, const Bindings& bindings = test_bindings(),
                       const EvalOptions& options = {})
{
  Compiled c = compile_in_rule(text);
  if (!c.program)
    return "compile error: " + c.diagnostics;
  Result r = evaluate(*c.program, bindings, options);
  if (r.error)
    return "error[" + r.error->code + "] " + r.error->message + " @" + std::to_string(r.error->where.line) +
           ":" + std::to_string(r.error->where.column) + "-" + std::to_string(r.error->where.end_column);
  return r.value.to_string();
}

} // namespace expr_test
