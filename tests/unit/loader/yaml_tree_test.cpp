// SPDX-License-Identifier: Apache-2.0
// Tests for the located YAML tree: locations, styles, anchors, duplicate keys and
// the bounds that keep hostile documents from exhausting time, stack or memory.
#include "ghes_topology/diag/render.hpp"
#include "ghes_topology/loader/yaml_tree.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <random>

using namespace ghes_topology;
using loader::Documents;
using loader::YamlNode;

namespace Catch {
template <>
struct StringMaker<ghes_topology::diag::Location>
{
  static std::string convert(const ghes_topology::diag::Location& l)
  {
    return fmt::format("{}:{}:{}-{}:{}", l.file, l.line, l.column, l.end_line, l.end_column);
  }
};
} // namespace Catch

namespace {

struct Parsed
{
  std::optional<std::vector<YamlNode>> documents;
  std::string rendered;
  diag::DiagnosticBag bag;
};

Parsed parse(const std::string& text, Documents documents = Documents::exactly_one,
             const loader::Limits& limits = {})
{
  Parsed result;
  diag::SourceMap sources;
  sources.add("t.yaml", text);
  result.documents = loader::parse_yaml("t.yaml", text, result.bag, documents, limits);
  result.rendered = diag::render_all(result.bag, sources);
  return result;
}

const YamlNode& value_of(const YamlNode& mapping, const std::string& key)
{
  for (const auto& [k, v] : mapping.entries)
    if (k.text == key)
      return v;
  FAIL("no key " << key);
  throw std::logic_error("unreachable");
}

// Runs `fn` and checks it took less than `limit`; hostile input must fail fast.
template <typename Fn>
void within(std::chrono::milliseconds limit, Fn fn)
{
  const auto start = std::chrono::steady_clock::now();
  fn();
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  CHECK(took < limit);
}

} // namespace

TEST_CASE("loader: scalars keep raw text, style and the location of their token", "[loader][yaml]")
{
  const Parsed p = parse("plain: some text # comment\n"
                         "double: \"a \\\"b\\\"\" # c\n"
                         "single: 'it''s'\n"
                         "block: |\n"
                         "  line one\n"
                         "  line two\n"
                         "flow: [a, \"b\"]\n"
                         "anchored: &x  value\n"
                         "empty:\n"
                         "tilde: ~\n");
  INFO(p.rendered);
  REQUIRE(p.documents);
  const YamlNode& root = p.documents->front();
  REQUIRE(root.kind == YamlNode::Kind::mapping);
  REQUIRE(root.entries.size() == 8);

  const YamlNode& plain = value_of(root, "plain");
  CHECK(plain.text == "some text");
  CHECK(plain.style == YamlNode::Style::plain);
  CHECK(plain.where == diag::span("t.yaml", 1, 8, 9));
  CHECK(root.entries[0].first.where == diag::span("t.yaml", 1, 1, 5)); // keys are located too

  const YamlNode& dq = value_of(root, "double");
  CHECK(dq.text == "a \"b\"");
  CHECK(dq.style == YamlNode::Style::quoted);
  CHECK(dq.where == diag::span("t.yaml", 2, 9, 9)); // the quotes included

  const YamlNode& sq = value_of(root, "single");
  CHECK(sq.text == "it's");
  CHECK(sq.style == YamlNode::Style::quoted);
  CHECK(sq.where == diag::span("t.yaml", 3, 9, 7));

  const YamlNode& block = value_of(root, "block");
  CHECK(block.text == "line one\nline two\n");
  CHECK(block.style == YamlNode::Style::block);
  CHECK(block.where == diag::span("t.yaml", 4, 8, 1));

  const YamlNode& flow = value_of(root, "flow");
  REQUIRE(flow.kind == YamlNode::Kind::sequence);
  REQUIRE(flow.items.size() == 2);
  CHECK(flow.where == diag::span("t.yaml", 7, 7, 1));
  CHECK(flow.items[1].where == diag::span("t.yaml", 7, 11, 3));
  CHECK(flow.items[1].style == YamlNode::Style::quoted);

  CHECK(value_of(root, "anchored").where == diag::span("t.yaml", 8, 15, 5)); // after the anchor

  const YamlNode& empty = value_of(root, "empty");
  CHECK(empty.kind == YamlNode::Kind::null);
  CHECK(empty.text.empty());
  CHECK(empty.where == diag::span("t.yaml", 9, 1, 5)); // points at its key

  const YamlNode& tilde = value_of(root, "tilde");
  CHECK(tilde.kind == YamlNode::Kind::null);
  CHECK(tilde.text == "~");
  CHECK(tilde.where == diag::span("t.yaml", 10, 8, 1));
}

TEST_CASE("loader: aliases are copies of their anchored node, located at the alias", "[loader][yaml]")
{
  const Parsed p = parse("base: &b {vcpus: 8, memory_gb: 64}\ncopy: *b\nitems: [*b, *b]\n");
  REQUIRE(p.documents);
  const YamlNode& root = p.documents->front();
  const YamlNode& copy = value_of(root, "copy");
  REQUIRE(copy.kind == YamlNode::Kind::mapping);
  REQUIRE(copy.entries.size() == 2);
  CHECK(copy.entries[1].second.text == "64");
  CHECK(copy.where == diag::span("t.yaml", 2, 7, 2));
  CHECK(copy.entries[1].second.where == diag::span("t.yaml", 1, 32, 2)); // inside: the anchor's text
  CHECK(value_of(root, "items").items.size() == 2);
}

TEST_CASE("loader: duplicate keys are reported at the second occurrence", "[loader][yaml]")
{
  const Parsed p = parse("a: 1\nb:\n  - c: 1\n    d: 2\n    c: 3\na: 4\n");
  CHECK_FALSE(p.documents);
  CHECK(p.rendered == "t.yaml:5:5: error: duplicate key 'c' in 'b[0]' [duplicate-key]\n"
                      " 5 |     c: 3\n"
                      "   |     ^\n"
                      "   = key path: b[0].c\n"
                      "   = note: first defined at t.yaml:3:5\n"
                      "t.yaml:6:1: error: duplicate key 'a' at the top level [duplicate-key]\n"
                      " 6 | a: 4\n"
                      "   | ^\n"
                      "   = key path: a\n"
                      "   = note: first defined at t.yaml:1:1\n");
  // Keys are compared by value: a quoted and a plain spelling are the same key.
  CHECK(parse("{\"x\": 1, x: 2}").rendered.find("duplicate key 'x' at the top level") != std::string::npos);
}

TEST_CASE("loader: duplicate keys are found in small and large mappings alike", "[loader][yaml]")
{
  // Keys k0..k39, then repeats of k3 (a plain spelling of a quoted key), of the null key and
  // of k30: the first two are seen while the mapping is small, all three once it is large.
  std::string text = "\"k3\": 0\n~: 0\n";
  for (int i = 0; i < 40; ++i)
    text += fmt::format("k{}: {}\n", i == 3 ? 99 : i, i);
  text += "k3: 1\nnull: 1\nk30: 1\n";
  const Parsed p = parse(text);
  CHECK_FALSE(p.documents);
  CHECK(p.bag.error_count() == 3);
  CHECK(p.rendered.find("t.yaml:43:1: error: duplicate key 'k3' at the top level [duplicate-key]\n") !=
        std::string::npos);
  CHECK(p.rendered.find("t.yaml:44:1: error: duplicate key 'null' at the top level [duplicate-key]\n") !=
        std::string::npos);
  CHECK(p.rendered.find("t.yaml:45:1: error: duplicate key 'k30' at the top level [duplicate-key]\n") !=
        std::string::npos);
  CHECK(p.rendered.find("= note: first defined at t.yaml:1:1\n") != std::string::npos);
  CHECK(p.rendered.find("= note: first defined at t.yaml:2:1\n") != std::string::npos);
  CHECK(p.rendered.find("= note: first defined at t.yaml:33:1\n") != std::string::npos);
  // A small mapping with a repeat in it, then enough keys to pass the scan's bound.
  std::string small = "a: 1\na: 2\n";
  for (int i = 0; i < 20; ++i)
    small += fmt::format("b{}: 1\n", i);
  small += "a: 3\n";
  const Parsed q = parse(small);
  CHECK(q.bag.error_count() == 2);
  CHECK(q.rendered.find("t.yaml:23:1: error: duplicate key 'a' at the top level [duplicate-key]\n") !=
        std::string::npos);
}

TEST_CASE("loader: empty input, comment-only input and a bare '---' are empty documents", "[loader][yaml]")
{
  CHECK(parse("").rendered == "t.yaml: error: the document is empty [empty-document]\n"
                              "     = found: no content\n");
  CHECK(parse("\n  \n").rendered == "t.yaml: error: the document is empty [empty-document]\n"
                                    "     = found: no content\n");
  CHECK(parse("# only a comment\n").rendered == "t.yaml: error: the document is empty [empty-document]\n"
                                                "     = found: only comments and blank lines\n");
  CHECK(parse("---\n# nothing\n").rendered == "t.yaml:1:1: error: the document is empty [empty-document]\n"
                                              " 1 | ---\n"
                                              "   | ^\n"
                                              "   = found: nothing after '---'\n");
}

TEST_CASE("loader: a second document is an error only when one is expected", "[loader][yaml]")
{
  const std::string text = "a: 1\n---\na: 2\n...\n# end\nb: 3\n";
  CHECK(parse(text).rendered ==
        "t.yaml:2:1: error: the input has more than one YAML document [multiple-documents]\n"
        " 2 | ---\n"
        "   | ^~~\n"
        "   = expected: exactly one document\n"
        "   = found: a second document starting here\n"
        "   = note: put each environment in a file of its own\n");
  const Parsed many = parse(text, Documents::any_number);
  INFO(many.rendered);
  REQUIRE(many.documents);
  CHECK(many.documents->size() == 3);
  CHECK(many.documents->at(2).entries.at(0).first.text == "b");
}

TEST_CASE("loader: yaml-cpp syntax errors become located diagnostics", "[loader][yaml]")
{
  CHECK(parse("a: [1, 2\nb: 3\n").rendered ==
        "t.yaml:2:2: error: invalid YAML: end of sequence flow not found [yaml-syntax]\n"
        " 2 | b: 3\n"
        "   |  ^\n"
        "   = note: a '[' or '{' is not closed\n");
  CHECK(parse("a: *missing\n").rendered ==
        "t.yaml:1:4: error: invalid YAML: the referenced anchor is not defined [yaml-syntax]\n"
        " 1 | a: *missing\n"
        "   |    ^\n");
  CHECK(parse("a: &r [1, *r]\n").rendered ==
        "t.yaml:1:11: error: invalid YAML: alias '*r' refers to its own anchor [yaml-syntax]\n"
        " 1 | a: &r [1, *r]\n"
        "   |           ^~\n"
        "   = note: an alias cannot be used inside the node its anchor names\n");
}

TEST_CASE("loader: stray tokens that make yaml-cpp 0.7 loop are syntax errors", "[loader][yaml]")
{
  // yaml-cpp 0.7 starts a new document at a token it cannot place, forever
  // (jbeder/yaml-cpp#1040): these must end, with a clear message.
  for (const char* text : {",", "[],", "a: 1\n]", "[a]]\n", "{a: 1}}", "- x\n,\n"}) {
    INFO(text);
    for (Documents documents : {Documents::exactly_one, Documents::any_number}) {
      within(std::chrono::milliseconds(2000), [&] {
        const Parsed p = parse(text, documents);
        CHECK_FALSE(p.documents);
        CHECK(p.rendered.find("[yaml-syntax]") != std::string::npos);
      });
    }
  }
  CHECK(parse("[a, b],\n").rendered == "t.yaml:1:7: error: invalid YAML: unexpected ',' [yaml-syntax]\n"
                                       " 1 | [a, b],\n"
                                       "   |       ^\n");
}

TEST_CASE("loader: 10,000 levels of block nesting stop at the depth bound", "[loader][yaml][hostile]")
{
  std::string sequences;
  for (int i = 0; i < 10'000; ++i)
    sequences += "- ";
  sequences += "x\n";
  within(std::chrono::milliseconds(2000), [&] {
    const Parsed p = parse(sequences);
    CHECK_FALSE(p.documents);
    CHECK(p.rendered.rfind(
              "t.yaml:1:129: error: nesting is too deep: more than 64 levels of mappings and lists "
              "[too-deep]\n",
              0) == 0);
  });

  std::string mappings;
  for (int i = 0; i < 1'000; ++i)
    mappings += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  within(std::chrono::milliseconds(2000), [&] {
    const Parsed p = parse(mappings);
    CHECK(p.rendered == "t.yaml:65:65: error: nesting is too deep: more than 64 levels of mappings and lists "
                        "[too-deep]\n" +
                            fmt::format(" 65 | {}a:\n", std::string(64, ' ')) +
                            fmt::format("    | {}^\n", std::string(64, ' ')) +
                            "    = expected: at most 64 levels\n");
  });
}

TEST_CASE("loader: 10,000 levels of flow nesting stop before yaml-cpp sees them", "[loader][yaml][hostile]")
{
  for (const std::string& open : {std::string("["), std::string("{a: ")}) {
    std::string text = "key: ";
    for (int i = 0; i < 10'000; ++i)
      text += open;
    within(std::chrono::milliseconds(2000), [&] {
      const Parsed p = parse(text);
      CHECK_FALSE(p.documents);
      REQUIRE(p.bag.all().size() == 1);
      CHECK(p.bag.all()[0].code == "too-deep");
      CHECK(p.bag.all()[0].message == "nesting is too deep: more than 64 levels of mappings and lists");
      CHECK(p.bag.all()[0].where.column == 6 + 64 * static_cast<int>(open.size()));
    });
  }
  // Brackets inside quotes, comments and block scalars are text, not nesting.
  std::string quoted = "a: \"" + std::string(100, '[') + "\"\nb: '" + std::string(100, '{') + "'\n# " +
                       std::string(100, '[') + "\nc: |\n  " + std::string(100, '[') + "\nd: x\n";
  CHECK(parse(quoted).documents.has_value());
}

TEST_CASE("loader: a billion-laughs document fails fast at the node bound", "[loader][yaml][hostile]")
{
  std::string text =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string previous = "a";
  for (const char* name : {"b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
    std::string items;
    for (int i = 0; i < 10; ++i)
      items += (i == 0 ? "*" : ",*") + previous;
    text += fmt::format("{}: &{} [{}]\n", name, name, items);
    previous = name;
  }
  within(std::chrono::milliseconds(2000), [&] {
    const Parsed p = parse(text);
    CHECK_FALSE(p.documents);
    // a..e hold 123,455 nodes; the first *e in f (111,111 more) crosses 200,000.
    CHECK(p.rendered ==
          "t.yaml:6:8: error: the document is too large: more than 200000 nodes after expanding "
          "aliases [too-many-nodes]\n"
          " 6 | f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
          "   |        ^~\n"
          "   = expected: at most 200000 nodes\n"
          "   = note: alias '*e' expands to 111111 nodes\n");
  });
}

TEST_CASE("loader: aliases cannot nest deeper than the depth bound", "[loader][yaml][hostile]")
{
  // Each anchor nests the previous one 40 levels deeper: few nodes, great depth.
  std::string text;
  std::string previous;
  for (int level = 0; level < 5; ++level) {
    const std::string inner = previous.empty() ? "x" : "*" + previous;
    const std::string name = fmt::format("l{}", level);
    text += fmt::format("{}: &{} {}{}{}\n", name, name, std::string(40, '['), inner, std::string(40, ']'));
    previous = name;
  }
  const Parsed p = parse(text);
  CHECK_FALSE(p.documents);
  CHECK(p.rendered.rfind("t.yaml:2:49: error: nesting is too deep: more than 64 levels of mappings and lists "
                         "[too-deep]\n",
                         0) == 0);
}

TEST_CASE("loader: a huge flow list is refused before yaml-cpp tokenizes it", "[loader][yaml][hostile]")
{
  std::string text = "a: [";
  for (int i = 0; i < 250'000; ++i)
    text += "1,";
  text += "1]\n";
  within(std::chrono::milliseconds(3000), [&] {
    const Parsed p = parse(text);
    CHECK_FALSE(p.documents);
    REQUIRE(p.bag.all().size() == 1);
    CHECK(p.bag.all()[0].code == "too-many-nodes");
    CHECK(p.bag.all()[0].where == diag::span("t.yaml", 1, 4 + 2 * 200'000, 1));
  });
  loader::Limits small;
  small.max_nodes = 10;
  CHECK(parse("a: [1, 2, 3, 4, 5]\n", Documents::exactly_one, small).documents.has_value());
  // Key, list and 8 items are 10 nodes; the ninth item is one too many.
  CHECK(parse("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", Documents::exactly_one, small).rendered ==
        "t.yaml:1:26: error: the document is too large: more than 10 nodes after expanding aliases "
        "[too-many-nodes]\n"
        " 1 | a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        "   |                          ^\n"
        "   = expected: at most 10 nodes\n");
}

TEST_CASE("loader: random fragments of YAML syntax never hang or crash the parser", "[loader][yaml][hostile]")
{
  const std::string alphabet = "[]{}:,-?&*!|>'\"#%@` \n\tab1~.";
  std::mt19937 random(20240601); // fixed seed: the same cases on every run
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(1, 14);
  within(std::chrono::milliseconds(20'000), [&] {
    for (int n = 0; n < 4000; ++n) {
      std::string text;
      const int size = length(random);
      for (int i = 0; i < size; ++i)
        text += alphabet[pick(random)];
      for (Documents documents : {Documents::exactly_one, Documents::any_number}) {
        diag::DiagnosticBag bag;
        const auto result = loader::parse_yaml("f.yaml", text, bag, documents);
        if (!result.has_value() && !bag.has_errors())
          FAIL("no document and no diagnostic for: " << text);
      }
    }
  });
}

TEST_CASE("loader: a long one-line flow collection is parsed in linear time", "[loader][yaml][hostile]")
{
  // Locating each scalar once scanned to the end of its line: quadratic on one
  // 600 KB line (26 s for this document before the fix).
  std::string text = "x: [";
  for (int i = 0; i < 150'000; ++i)
    text += "ab, ";
  text += "ab]\n";
  within(std::chrono::milliseconds(5000), [&] {
    const Parsed p = parse(text);
    REQUIRE(p.documents);
    const YamlNode& list = value_of(p.documents->front(), "x");
    REQUIRE(list.items.size() == 150'001);
    CHECK(list.items[150'000].where == diag::span("t.yaml", 1, 5 + 4 * 150'000, 2));
  });
}

TEST_CASE("loader: a diagnostic on a very long line quotes a window around its column", "[loader][yaml]")
{
  std::string text = "x: {";
  for (int i = 0; i < 1000; ++i)
    text += "k: v, ";
  text += "k: v}\n";
  const Parsed p = parse(text);
  CHECK(p.bag.error_count() == 1000);
  // Each quoted line is 120 bytes of the source around the column, marked with "...".
  const std::string first = p.rendered.substr(0, p.rendered.find("\nt.yaml:1:") + 1);
  CHECK(first == "t.yaml:1:11: error: duplicate key 'k' in 'x' [duplicate-key]\n"
                 " 1 | " +
                     text.substr(0, 120) +
                     "...\n"
                     "   |           ^\n"
                     "   = key path: x.k\n"
                     "   = note: first defined at t.yaml:1:5\n");
  const std::size_t last = p.rendered.rfind("\nt.yaml:1:") + 1;
  const std::string fiftieth = p.rendered.substr(last, p.rendered.find("note: 950") - last);
  CHECK(fiftieth == "t.yaml:1:305: error: duplicate key 'k' in 'x' [duplicate-key]\n"
                    " 1 | ..." +
                        text.substr(244, 120) + "...\n   | " + std::string(63, ' ') +
                        "^\n"
                        "   = key path: x.k\n"
                        "   = note: first defined at t.yaml:1:5\n");
  CHECK(p.rendered.size() < 20'000);
}

TEST_CASE("loader: an empty list item points at its dash", "[loader][yaml]")
{
  const Parsed p = parse("a:\n  -\n  - x\n  - # nothing\n\n  - y\n");
  REQUIRE(p.documents);
  const YamlNode& list = value_of(p.documents->front(), "a");
  REQUIRE(list.items.size() == 4);
  CHECK(list.items[0].kind == YamlNode::Kind::null);
  CHECK(list.items[0].where == diag::span("t.yaml", 2, 3, 1));
  CHECK(list.items[2].kind == YamlNode::Kind::null);
  CHECK(list.items[2].where.line >= 4);
}
