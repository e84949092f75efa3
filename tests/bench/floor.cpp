// SPDX-License-Identifier: Apache-2.0
// The benchmark's floor: what reading the inputs costs and nothing else. Loads each file
// named on the command line with YAML::LoadFile and walks every node (keys, values, items),
// then prints one checksum so that the walk cannot be optimised away. Exit 0, or 2 when a
// file cannot be read or parsed.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdio>
#include <exception>

namespace {

// Visits every node under `node` and returns a count mixed with the scalars' lengths.
std::size_t walk(const YAML::Node& node)
{
  std::size_t sum = 1;
  switch (node.Type()) {
  case YAML::NodeType::Scalar:
    sum += node.Scalar().size();
    break;
  case YAML::NodeType::Sequence:
    for (const YAML::Node& item : node)
      sum += walk(item);
    break;
  case YAML::NodeType::Map:
    for (const auto& entry : node)
      sum += walk(entry.first) + walk(entry.second);
    break;
  default:
    break;
  }
  return sum;
}

} // namespace

int main(int argc, char** argv)
{
  std::size_t total = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      total += walk(YAML::LoadFile(argv[i]));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
      return 2;
    }
  }
  std::printf("%zu\n", total);
  return 0;
}
