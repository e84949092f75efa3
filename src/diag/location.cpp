// SPDX-License-Identifier: Apache-2.0
// Location formatting.
#include "ghes_topology/diag/location.hpp"

#include <charconv>
#include <functional>
#include <mutex>
#include <unordered_set>

namespace ghes_topology::diag {

const std::string& FileName::no_name()
{
  static const std::string empty;
  return empty;
}

namespace {

struct NameHash
{
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
};

} // namespace

FileName::FileName(std::string_view name)
{
  if (name.empty())
    return;
  // Most names made in a row are the same file's: the last one is checked first, unlocked
  // (a thread's own), then the table. Its strings never move (a node-based set).
  thread_local const std::string* last = nullptr;
  if (last != nullptr && *last == name) {
    m_name = last;
    return;
  }
  static std::mutex mutex;
  // Room for a batch's files and a catalog's rule files without rehashing (which would hash
  // every name again: the set does not keep the hashes).
  static std::unordered_set<std::string, NameHash, std::equal_to<>> names(1024);
  const std::lock_guard lock(mutex);
  auto it = names.find(name);
  if (it == names.end())
    it = names.emplace(name).first;
  m_name = &*it;
  last = m_name;
}

std::string Location::to_string() const
{
  if (file.empty())
    return "<unknown>";
  if (line <= 0)
    return file.str();
  // `file:line:col` without a format call: every finding and diagnostic prints one.
  std::string out;
  out.reserve(file.size() + 16);
  out += file.str();
  for (const int number : {line, column}) {
    char digits[16];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    out += ':';
    out.append(digits, result.ptr);
  }
  return out;
}

Location point(FileName file, int line, int column)
{
  return Location{std::move(file), line, column, line, column};
}

Location span(FileName file, int line, int column, int length)
{
  return Location{std::move(file), line, column, line, column + (length > 0 ? length - 1 : 0)};
}

} // namespace ghes_topology::diag
