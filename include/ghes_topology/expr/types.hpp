// SPDX-License-Identifier: Apache-2.0
// Static types of the condition language, used by the checker.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ghes_topology::expr {

// --- Interface ---

struct Type;
using TypePtr = std::shared_ptr<const Type>;

// A static type. `object` is a record with a closed set of fields (an environment
// section): reading a field it does not declare is a compile-time error with a
// "did you mean". `dyn` accepts anything and defers checks to run time.
struct Type
{
  enum class Kind { dyn, null, boolean, integer, decimal, string, list, object };

  Kind kind = Kind::dyn;
  TypePtr element;                       // list element type
  std::map<std::string, TypePtr> fields; // object fields
  std::string name;                      // object name for messages, e.g. "network"
  std::vector<std::string> values;       // string: the allowed values of an enumeration (empty = any);
                                         //   comparing with a literal outside them is a compile error

  static TypePtr dyn();
  static TypePtr null();
  static TypePtr boolean();
  static TypePtr integer();
  static TypePtr decimal();
  static TypePtr string();
  static TypePtr enumeration(std::vector<std::string> values);
  static TypePtr list(TypePtr element);
  static TypePtr object(std::string name, std::map<std::string, TypePtr> fields);
};

// "int", "double", "string", "list(int)", "network" ...
std::string to_string(const Type& type);

// The identifiers an expression may start with (`developers`, `params`, `topology`)
// and their types.
using TypeEnv = std::map<std::string, TypePtr>;

} // namespace ghes_topology::expr
