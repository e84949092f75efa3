// SPDX-License-Identifier: Apache-2.0
// YAML text -> located YamlNode tree through yaml-cpp's event API, with the checks
// yaml-cpp does not make: duplicate keys, nesting depth, alias expansion, document count.
#include "ghes_topology/loader/yaml_tree.hpp"

#include "loader/text_internal.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ghes_topology::loader {

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

namespace {

// Thrown from the event handler after it recorded a diagnostic, to stop yaml-cpp.
struct StopParsing
{};

// A 0-based position in the text, as yaml-cpp counts (bytes).
struct Cursor
{
  std::size_t pos = 0;
  int line = 0;
  int column = 0;
};

std::string join_path(const std::string& parent, const std::string& key)
{
  return parent.empty() ? key : parent + "." + key;
}

bool is_blank(char c)
{
  return c == ' ' || c == '\t';
}

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Looks at the raw text around yaml-cpp's marks to find token extents.
class Source
{
public:
  Source(const std::string& name, const std::string& text, int first_line)
      : m_name(name)
      , m_text(text)
      , m_first_line(first_line)
  {}

  [[nodiscard]] const std::string& name() const { return m_name; }
  [[nodiscard]] const std::string& text() const { return m_text; }
  [[nodiscard]] int first_line() const { return m_first_line; } // the file line of the text's first line
  [[nodiscard]] char at(std::size_t pos) const { return pos < m_text.size() ? m_text[pos] : '\0'; }

  static Cursor cursor(const YAML::Mark& mark)
  {
    if (mark.is_null() || mark.pos < 0)
      return Cursor{};
    return Cursor{static_cast<std::size_t>(mark.pos), mark.line, mark.column};
  }

  // Moves `c` forward by one byte, keeping line and column.
  void advance(Cursor& c) const
  {
    if (c.pos >= m_text.size())
      return;
    if (m_text[c.pos] == '\n') {
      ++c.line;
      c.column = 0;
    } else {
      ++c.column;
    }
    ++c.pos;
  }

  // Skips node properties (`&anchor`, `!tag`) and the blanks after them: yaml-cpp
  // marks a node with properties at its first property.
  [[nodiscard]] Cursor skip_properties(Cursor c) const
  {
    while (at(c.pos) == '&' || at(c.pos) == '!') {
      while (c.pos < m_text.size() && !is_space(m_text[c.pos]))
        advance(c);
      while (c.pos < m_text.size() && is_space(m_text[c.pos]))
        advance(c);
    }
    return c;
  }

  // The first position at or after `c` that is neither blank nor inside a comment.
  [[nodiscard]] Cursor skip_blanks_and_comments(Cursor c) const
  {
    while (c.pos < m_text.size()) {
      if (is_space(m_text[c.pos])) {
        advance(c);
      } else if (m_text[c.pos] == '#') {
        while (c.pos < m_text.size() && m_text[c.pos] != '\n')
          advance(c);
      } else {
        break;
      }
    }
    return c;
  }

  // True when the line holding `pos` (or the line before, for errors marked at the
  // start of a line) is indented with a tab.
  [[nodiscard]] bool tab_in_indentation(std::size_t pos) const
  {
    auto indented_with_tab = [&](std::size_t start) {
      for (std::size_t i = start; i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'); ++i)
        if (m_text[i] == '\t')
          return true;
      return false;
    };
    std::size_t start = std::min(pos, m_text.size());
    while (start > 0 && m_text[start - 1] != '\n')
      --start;
    if (indented_with_tab(start))
      return true;
    if (start == 0)
      return false;
    std::size_t previous = start - 1;
    while (previous > 0 && m_text[previous - 1] != '\n')
      --previous;
    return indented_with_tab(previous);
  }

  // Bytes from `pos` to the end of its line, counting at most `limit`: lines of a
  // flow collection can be megabytes long, and every scalar on them asks.
  [[nodiscard]] std::size_t rest_of_line(std::size_t pos, std::size_t limit) const
  {
#if defined(__SSE2__)
    // Most tokens are short: sixteen bytes tell at once where the line ends, if it does.
    if (pos + 16 <= m_text.size()) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(m_text.data() + pos));
      const auto ends = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')))));
      const std::size_t line = ends != 0 ? static_cast<std::size_t>(std::countr_zero(ends)) : 16;
      if (line < 16 || limit <= 16)
        return std::min(line, limit);
    }
#endif
    std::size_t end = pos;
    while (end < m_text.size() && end - pos < limit && m_text[end] != '\n' && m_text[end] != '\r')
      ++end;
    return end - pos;
  }

  [[nodiscard]] diag::Location span(const Cursor& c, std::size_t length) const
  {
    const std::size_t wanted = std::max<std::size_t>(1, length);
    const std::size_t clipped = std::max<std::size_t>(1, rest_of_line(c.pos, wanted));
    return diag::span(m_name, c.line + m_first_line, c.column + 1, static_cast<int>(clipped));
  }

  [[nodiscard]] diag::Location point(const Cursor& c) const
  {
    return diag::point(m_name, c.line + m_first_line, c.column + 1);
  }

  // Length of the quoted scalar starting at `pos` up to its closing quote on the
  // same line (to the end of the line when it continues on the next one).
  [[nodiscard]] std::size_t quoted_length(std::size_t pos) const
  {
    const char quote = at(pos);
    std::size_t i = pos + 1;
    while (i < m_text.size() && m_text[i] != '\n' && m_text[i] != '\r') {
      if (quote == '"' && m_text[i] == '\\') {
        i += 2;
        continue;
      }
      if (m_text[i] == quote) {
        if (quote == '\'' && at(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i - pos + 1;
      }
      ++i;
    }
    return std::min(i, m_text.size()) - pos;
  }

  // Length of the token (run of non-blank bytes) at `pos`.
  [[nodiscard]] std::size_t token_length(std::size_t pos) const
  {
    std::size_t i = pos;
    while (i < m_text.size() && !is_space(m_text[i]))
      ++i;
    return i - pos;
  }

  // The explicit null token (`~`, `null`, `Null`, `NULL`) at `pos`, or empty.
  [[nodiscard]] std::string null_token(std::size_t pos) const
  {
    if (at(pos) == '~')
      return "~";
    for (const char* word : {"null", "Null", "NULL"})
      if (m_text.compare(pos, 4, word) == 0) {
        const char next = at(pos + 4);
        if (next == '\0' || is_space(next) || next == ',' || next == ']' || next == '}' || next == '#')
          return word;
      }
    return {};
  }

  // True when a document starting at `pos` (not the first) really is one: it begins
  // with `---` or follows a `...` line. yaml-cpp 0.7 also "starts" a new document at
  // a stray token it could not place (issue jbeder/yaml-cpp#1040), looping forever.
  [[nodiscard]] bool genuine_document_start(std::size_t pos) const
  {
    if (m_text.compare(pos, 3, "---") == 0 && (pos == 0 || m_text[pos - 1] == '\n'))
      return true;
    // Walk back over blank and comment lines to the previous content line.
    std::size_t line_start = pos;
    while (line_start > 0 && m_text[line_start - 1] != '\n')
      --line_start;
    while (line_start > 0) {
      std::size_t prev_end = line_start - 1; // the '\n' ending the previous line
      std::size_t prev_start = prev_end;
      while (prev_start > 0 && m_text[prev_start - 1] != '\n')
        --prev_start;
      std::string_view line(m_text.data() + prev_start, prev_end - prev_start);
      while (!line.empty() && (is_blank(line.back()) || line.back() == '\r'))
        line.remove_suffix(1);
      std::size_t first = 0;
      while (first < line.size() && is_blank(line[first]))
        ++first;
      line.remove_prefix(first);
      if (!line.empty() && line.front() != '#')
        return line.rfind("...", 0) == 0;
      line_start = prev_start;
    }
    return false;
  }

private:
  const std::string& m_name;
  const std::string& m_text;
  int m_first_line = 1;
};

struct AnchorEntry
{
  YamlNode node;
  std::size_t size = 1; // nodes after expansion
  int height = 0;       // collection levels below and including the node
};

struct Frame
{
  YamlNode node;
  YAML::anchor_t anchor = 0;
  std::size_t count_at_start = 0;
  int child_height = 0;
  std::optional<YamlNode> pending_key; // mappings: the key whose value is being read
  bool skip_value = false;             // mappings: the pending key is a duplicate
  // Mappings with many keys: the scalar keys seen so far, where they are without the file
  // name (every location of one parse names the same file: copying it for each key costs
  // more than the check). Small mappings look through `node.entries` instead.
  std::map<std::string, diag::Location, std::less<>> keys;
};

std::string too_deep_message(const Limits& limits)
{
  return fmt::format("nesting is too deep: more than {} levels of mappings and lists", limits.max_depth);
}

std::string too_many_nodes_message(const Limits& limits)
{
  return fmt::format("the document is too large: more than {} nodes after expanding aliases",
                     limits.max_nodes);
}

class TreeBuilder final : public YAML::EventHandler
{
public:
  TreeBuilder(const Source& source, diag::DiagnosticBag& bag, Documents documents, const Limits& limits)
      : m_source(source)
      , m_bag(bag)
      , m_documents(documents)
      , m_limits(limits)
  {}

  std::vector<YamlNode> take_documents() { return std::move(m_result); }
  // Duplicate keys reported: the tree is still usable (first occurrences kept).
  [[nodiscard]] std::size_t duplicate_keys() const { return m_duplicate_keys; }
  [[nodiscard]] std::size_t document_count() const { return m_document_count; }

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    const Cursor c = Source::cursor(mark);
    if (m_document_count > 0) {
      if (!m_source.genuine_document_start(c.pos)) {
        syntax_error(c, fmt::format("unexpected '{}'", std::string(1, m_source.at(c.pos))));
        throw StopParsing{};
      }
      if (m_documents == Documents::exactly_one) {
        auto& d = m_bag.error("multiple-documents", "the input has more than one YAML document",
                              m_source.span(c, 3));
        d.expected = "exactly one document";
        d.found = "a second document starting here";
        d.notes.push_back("put each environment in a file of its own");
        throw StopParsing{};
      }
    }
    ++m_document_count;
    m_document_start = c;
    m_root.reset();
    m_anchors.clear();
  }

  void OnDocumentEnd() override
  {
    if (!m_root)
      return;
    if (m_root->kind == YamlNode::Kind::null && m_root->text.empty()) {
      // yaml-cpp 0.7 ends a document with an empty root at a token it cannot place
      // (a stray ',' or ']'); that is a syntax error, not an empty document.
      const Cursor stray = m_source.skip_blanks_and_comments(m_root_cursor);
      if (stray.pos < m_source.text().size() && m_source.text().compare(stray.pos, 3, "---") != 0 &&
          m_source.text().compare(stray.pos, 3, "...") != 0) {
        syntax_error(stray, fmt::format("unexpected '{}'", std::string(1, m_source.at(stray.pos))));
        throw StopParsing{};
      }
      auto& d = m_bag.error("empty-document", "the document is empty", m_source.point(m_document_start));
      d.found = "nothing after '---'";
    }
    m_result.push_back(std::move(*m_root));
    m_root.reset();
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    count_nodes(1, mark, {});
    YamlNode node;
    node.kind = YamlNode::Kind::null;
    const Cursor c = m_source.skip_properties(Source::cursor(mark));
    if (m_stack.empty())
      m_root_cursor = c;
    node.text = m_source.null_token(c.pos);
    if (!node.text.empty()) {
      node.where = m_source.span(c, node.text.size());
    } else if (!m_stack.empty() && m_stack.back().node.kind == YamlNode::Kind::mapping &&
               m_stack.back().pending_key) {
      node.where = m_stack.back().pending_key->where; // `key:` with nothing after it
    } else if (!m_stack.empty() && m_stack.back().node.kind == YamlNode::Kind::sequence) {
      node.where = empty_item_location(c);
    } else {
      node.where = m_source.point(c);
    }
    add(std::move(node), anchor, 1, 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    const Cursor c = Source::cursor(mark);
    const std::string name = alias_name(c.pos);
    const auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      auto& d =
          m_bag.error("yaml-syntax", fmt::format("invalid YAML: alias '{}' refers to its own anchor", name),
                      m_source.span(c, name.size()));
      d.notes.push_back("an alias cannot be used inside the node its anchor names");
      throw StopParsing{};
    }
    const AnchorEntry& entry = it->second;
    count_nodes(entry.size, mark, name);
    const int depth = static_cast<int>(m_stack.size());
    if (depth + entry.height > m_limits.max_depth) {
      too_deep(m_source.span(c, name.size()));
      throw StopParsing{};
    }
    YamlNode copy = entry.node;
    copy.where = m_source.span(c, name.size());
    add(std::move(copy), 0, entry.size, entry.height);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override
  {
    count_nodes(1, mark, {});
    YamlNode node;
    node.kind = YamlNode::Kind::scalar;
    node.text = value;
    const Cursor c = m_source.skip_properties(Source::cursor(mark));
    const char first = m_source.at(c.pos);
    if (tag == "?") {
      node.style = YamlNode::Style::plain;
      node.where = m_source.span(c, value.size());
    } else if (first == '"' || first == '\'') {
      node.style = YamlNode::Style::quoted;
      node.where = m_source.span(c, m_source.quoted_length(c.pos));
    } else if (first == '|' || first == '>') {
      node.style = YamlNode::Style::block;
      node.where = m_source.span(c, m_source.token_length(c.pos));
    } else if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      node.style = YamlNode::Style::quoted; // an explicit string tag: never resolved
      node.where = m_source.span(c, value.size());
    } else {
      node.style = YamlNode::Style::plain; // other tags are ignored
      node.where = m_source.span(c, value.size());
    }
    add(std::move(node), anchor, 1, 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override
  {
    open(mark, anchor, YamlNode::Kind::sequence);
  }

  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override
  {
    open(mark, anchor, YamlNode::Kind::mapping);
  }

  void OnMapEnd() override { close(); }

  // Reports a yaml-cpp ParserException-style problem at `mark`.
  void syntax_error(const YAML::Mark& mark, const std::string& message)
  {
    if (mark.is_null() || mark.line < 0) {
      m_bag.error("yaml-syntax", "invalid YAML: " + message, diag::Location{m_source.name()});
      return;
    }
    syntax_error(Source::cursor(mark), message);
  }

  void syntax_error(const Cursor& c, const std::string& message)
  {
    auto& d = m_bag.error("yaml-syntax", "invalid YAML: " + message, m_source.point(c));
    if (m_source.tab_in_indentation(c.pos))
      d.notes.push_back("YAML does not allow tabs for indentation; use spaces");
    else if (const char* hint = syntax_hint(message))
      d.notes.push_back(hint);
  }

  // Plain words for yaml-cpp's terse messages (see yaml-cpp's exceptions.h).
  static const char* syntax_hint(const std::string& message)
  {
    if (message == "illegal map value")
      return "a ':' here starts a value where none can be; check the indentation of this line and the "
             "one above, or quote a value that contains ': '";
    if (message == "end of map not found" || message == "end of sequence not found")
      return "check the indentation: items of one mapping or list must line up";
    if (message == "end of sequence flow not found" || message == "end of map flow not found")
      return "a '[' or '{' is not closed";
    return nullptr;
  }

private:
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, YamlNode::Kind kind)
  {
    const Cursor c = m_source.skip_properties(Source::cursor(mark));
    if (static_cast<int>(m_stack.size()) + 1 > m_limits.max_depth) {
      too_deep(m_source.span(c, 1));
      throw StopParsing{};
    }
    const std::size_t count_at_start = m_count;
    count_nodes(1, mark, {});
    Frame& frame = m_stack.emplace_back(); // built in place: a frame is large
    frame.count_at_start = count_at_start;
    frame.node.kind = kind;
    if (kind == YamlNode::Kind::mapping)
      frame.node.entries.reserve(8); // most mappings have a few keys: no regrowth from one
    else
      frame.node.items.reserve(4); // and most lists a few items
    frame.node.where = m_source.span(c, 1);
    frame.anchor = anchor;
  }

  void close()
  {
    Frame& frame = m_stack.back();
    if (frame.pending_key) { // cannot happen with yaml-cpp's events; keep the key anyway
      YamlNode null_value;
      null_value.where = frame.pending_key->where;
      frame.node.entries.emplace_back(std::move(*frame.pending_key), std::move(null_value));
    }
    YamlNode node = std::move(frame.node);
    const YAML::anchor_t anchor = frame.anchor;
    const std::size_t size = m_count - frame.count_at_start;
    const int height = frame.child_height + 1;
    m_stack.pop_back(); // `frame` is gone: the node goes to the frame below
    add(std::move(node), anchor, size, height);
  }

  void add(YamlNode&& node, YAML::anchor_t anchor, std::size_t size, int height)
  {
    if (anchor != 0)
      m_anchors.insert_or_assign(anchor, AnchorEntry{node, size, height});
    if (m_stack.empty()) {
      m_root = std::move(node);
      return;
    }
    Frame& top = m_stack.back();
    top.child_height = std::max(top.child_height, height);
    if (top.node.kind == YamlNode::Kind::sequence) {
      top.node.items.push_back(std::move(node));
      return;
    }
    if (!top.pending_key) {
      top.skip_value = !check_duplicate(top, node);
      top.pending_key = std::move(node);
      return;
    }
    if (!top.skip_value)
      top.node.entries.emplace_back(std::move(*top.pending_key), std::move(node));
    top.pending_key.reset();
  }

  // What makes two keys the same: the text of a scalar, one id for every null key;
  // nothing for a collection key (never compared).
  static std::optional<std::string_view> key_id(const YamlNode& key)
  {
    if (key.kind == YamlNode::Kind::sequence || key.kind == YamlNode::Kind::mapping)
      return std::nullopt;
    return key.kind == YamlNode::Kind::null ? std::string_view("\0null", 5) : std::string_view(key.text);
  }

  // The position of `where` without its file name.
  static diag::Location position_of(const diag::Location& where)
  {
    diag::Location at;
    at.line = where.line;
    at.column = where.column;
    at.end_line = where.end_line;
    at.end_column = where.end_column;
    return at;
  }

  // Mappings with up to this many entries are searched directly for a repeated key.
  static constexpr std::size_t k_scanned_keys = 16;

  // False (after reporting it) when `key` repeats an earlier key of `frame`.
  bool check_duplicate(Frame& frame, const YamlNode& key)
  {
    const std::optional<std::string_view> id = key_id(key);
    if (!id)
      return true;
    // Every key seen is in `entries` (a repeated key's value is skipped, its first
    // occurrence is there): a small mapping is scanned, a larger one has the map.
    std::optional<diag::Location> earlier;
    if (frame.keys.empty() && frame.node.entries.size() < k_scanned_keys) {
      for (const auto& entry : frame.node.entries)
        if (key_id(entry.first) == id) {
          earlier = position_of(entry.first.where);
          break;
        }
      if (!earlier)
        return true;
    } else {
      if (frame.keys.empty())
        for (const auto& entry : frame.node.entries)
          if (const auto seen = key_id(entry.first))
            frame.keys.emplace(std::string(*seen), position_of(entry.first.where));
      const auto it = frame.keys.lower_bound(*id);
      if (it == frame.keys.end() || it->first != *id) {
        frame.keys.emplace_hint(it, std::string(*id), position_of(key.where));
        return true;
      }
      earlier = it->second;
    }
    ++m_duplicate_keys;
    const std::string container = container_path();
    const std::string shown = key.kind == YamlNode::Kind::null ? "null" : shorten(key.text);
    auto& d = m_bag.error("duplicate-key",
                          container.empty() ? fmt::format("duplicate key '{}' at the top level", shown)
                                            : fmt::format("duplicate key '{}' in '{}'", shown, container),
                          key.where);
    d.key_path = join_path(container, shown);
    diag::Location first = *earlier;
    first.file = key.where.file;
    d.notes.push_back(fmt::format("first defined at {}", first.to_string()));
    return false;
  }

  // The key path of the innermost open mapping or sequence (`plan.replicas[1]`).
  [[nodiscard]] std::string container_path() const
  {
    std::string path;
    for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) {
      const Frame& frame = m_stack[i];
      if (frame.node.kind == YamlNode::Kind::sequence)
        path += fmt::format("[{}]", frame.node.items.size());
      else
        path = join_path(path, key_text(frame.pending_key ? &*frame.pending_key : nullptr));
    }
    return path;
  }

  static std::string key_text(const YamlNode* key)
  {
    if (key == nullptr || key->kind == YamlNode::Kind::sequence || key->kind == YamlNode::Kind::mapping)
      return "?";
    return key->kind == YamlNode::Kind::null ? "null" : shorten(key->text);
  }

  void count_nodes(std::size_t n, const YAML::Mark& mark, const std::string& alias)
  {
    m_count += n;
    if (m_count <= m_limits.max_nodes)
      return;
    const Cursor c = m_source.skip_properties(Source::cursor(mark));
    auto& d = m_bag.error("too-many-nodes", too_many_nodes_message(m_limits),
                          m_source.span(c, alias.empty() ? 1 : alias.size()));
    d.expected = fmt::format("at most {} nodes", m_limits.max_nodes);
    if (!alias.empty())
      d.notes.push_back(fmt::format("alias '{}' expands to {} nodes", alias, n));
    throw StopParsing{};
  }

  void too_deep(diag::Location where)
  {
    auto& d = m_bag.error("too-deep", too_deep_message(m_limits), std::move(where));
    d.expected = fmt::format("at most {} levels", m_limits.max_depth);
  }

  [[nodiscard]] std::string alias_name(std::size_t pos) const
  {
    if (m_source.at(pos) != '*')
      return "*";
    std::size_t end = pos + 1;
    const std::string& text = m_source.text();
    while (end < text.size() && !is_space(text[end]) && text[end] != ',' && text[end] != ']' &&
           text[end] != '}')
      ++end;
    return text.substr(pos, end - pos);
  }

  // `- ` with nothing after it: yaml-cpp marks the next token; point back at the dash.
  [[nodiscard]] diag::Location empty_item_location(const Cursor& c) const
  {
    const std::string& text = m_source.text();
    std::size_t p = std::min(c.pos, text.size());
    int line = c.line + m_source.first_line();
    while (p > 0 && is_space(text[p - 1])) {
      --p;
      if (text[p] == '\n')
        --line;
    }
    if (p > 0 && text[p - 1] == '-') {
      std::size_t line_start = p - 1;
      while (line_start > 0 && text[line_start - 1] != '\n')
        --line_start;
      return diag::span(m_source.name(), line, static_cast<int>(p - line_start), 1);
    }
    return m_source.point(c);
  }

  const Source& m_source;
  diag::DiagnosticBag& m_bag;
  Documents m_documents;
  const Limits& m_limits;
  std::vector<Frame> m_stack;
  std::optional<YamlNode> m_root;
  std::vector<YamlNode> m_result;
  std::map<YAML::anchor_t, AnchorEntry> m_anchors;
  std::size_t m_count = 0;
  std::size_t m_document_count = 0;
  std::size_t m_duplicate_keys = 0;
  Cursor m_document_start;
  Cursor m_root_cursor; // where an empty document root was marked
};

// yaml-cpp 0.7 tokenizes a whole flow collection before it emits the first event, at
// about 100 bytes per token, and nests without bound there. A light scan over flow
// collections bounds their depth and size before yaml-cpp sees the text.
struct PrescanResult
{
  enum class Problem { none, too_deep, too_many_nodes } problem = Problem::none;
  Cursor at;
};

// How many times `ch` occurs in `text`, counting no further than `cap` + 1 (memchr is
// vectorised; the bytes searched for are rare).
std::size_t count_up_to(const std::string& text, char ch, std::size_t cap)
{
  std::size_t n = 0;
  const char* p = text.data();
  const char* const end = text.data() + text.size();
  while (n <= cap) {
    const void* hit = std::memchr(p, ch, static_cast<std::size_t>(end - p));
    if (hit == nullptr)
      break;
    ++n;
    p = static_cast<const char*>(hit) + 1;
  }
  return n;
}

// True when `text` has too few '[', '{' and ',' for a flow collection to pass either
// bound, wherever they are (the depth is at most the number of opening brackets, the
// item count at most that plus the number of commas): the scan below cannot fail then.
bool flow_within_limits(const std::string& text, const Limits& limits)
{
  const std::size_t max_depth = limits.max_depth > 0 ? static_cast<std::size_t>(limits.max_depth) : 0;
  const std::size_t opening = count_up_to(text, '[', max_depth) + count_up_to(text, '{', max_depth);
  if (opening > max_depth || opening > limits.max_nodes)
    return false;
  return opening + count_up_to(text, ',', limits.max_nodes - opening) <= limits.max_nodes;
}

PrescanResult prescan_flow(const std::string& text, const Limits& limits)
{
  PrescanResult result;
  if (flow_within_limits(text, limits))
    return result;
  Cursor c;
  int depth = 0;
  std::size_t items = 0;
  auto advance = [&] {
    if (text[c.pos] == '\n') {
      ++c.line;
      c.column = 0;
    } else {
      ++c.column;
    }
    ++c.pos;
  };
  auto token_start = [&] {
    if (c.pos == 0)
      return true;
    const char prev = text[c.pos - 1];
    if (is_space(prev))
      return true;
    return depth > 0 && (prev == '[' || prev == '{' || prev == ',' || prev == ':');
  };
  auto line_indent = [&](std::size_t pos) {
    std::size_t start = pos;
    while (start > 0 && text[start - 1] != '\n')
      --start;
    std::size_t i = start;
    while (i < text.size() && text[i] == ' ')
      ++i;
    return i - start;
  };
  while (c.pos < text.size()) {
    const char ch = text[c.pos];
    if (ch == '#' && token_start()) {
      while (c.pos < text.size() && text[c.pos] != '\n')
        advance();
      continue;
    }
    if ((ch == '"' || ch == '\'') && token_start()) {
      advance();
      while (c.pos < text.size()) {
        const char q = text[c.pos];
        if (ch == '"' && q == '\\') {
          advance();
          if (c.pos < text.size())
            advance();
          continue;
        }
        if (q == ch) {
          advance();
          if (ch == '\'' && c.pos < text.size() && text[c.pos] == '\'') {
            advance();
            continue;
          }
          break;
        }
        advance();
      }
      continue;
    }
    if (depth == 0 && (ch == '|' || ch == '>') && token_start()) {
      // A block scalar: skip its header line and every more-indented or blank line.
      const std::size_t indent = line_indent(c.pos);
      while (c.pos < text.size() && text[c.pos] != '\n')
        advance();
      while (c.pos < text.size()) {
        std::size_t next = c.pos + 1; // first byte of the next line
        std::size_t i = next;
        while (i < text.size() && text[i] == ' ')
          ++i;
        const bool blank = i >= text.size() || text[i] == '\n' || text[i] == '\r';
        if (!blank && i - next <= indent)
          break;
        advance(); // the '\n'
        while (c.pos < text.size() && text[c.pos] != '\n')
          advance();
      }
      continue;
    }
    if ((ch == '[' || ch == '{') && (depth > 0 || token_start())) {
      ++depth;
      ++items;
      if (depth > limits.max_depth) {
        result.problem = PrescanResult::Problem::too_deep;
        result.at = c;
        return result;
      }
    } else if (depth > 0 && (ch == ']' || ch == '}')) {
      --depth;
    } else if (depth > 0 && ch == ',') {
      ++items;
    }
    if (items > limits.max_nodes) {
      result.problem = PrescanResult::Problem::too_many_nodes;
      result.at = c;
      return result;
    }
    advance();
  }
  return result;
}

} // namespace

std::optional<std::vector<YamlNode>> parse_yaml(const std::string& name, const std::string& text,
                                                diag::DiagnosticBag& bag, Documents documents,
                                                const Limits& limits, DuplicateKeys duplicates,
                                                int first_line)
{
  const Source source(name, text, first_line);
  const std::size_t errors_before = bag.error_count();

  const PrescanResult pre = prescan_flow(text, limits);
  if (pre.problem == PrescanResult::Problem::too_deep) {
    auto& d = bag.error("too-deep", too_deep_message(limits), source.span(pre.at, 1));
    d.expected = fmt::format("at most {} levels", limits.max_depth);
    return std::nullopt;
  }
  if (pre.problem == PrescanResult::Problem::too_many_nodes) {
    auto& d = bag.error("too-many-nodes", too_many_nodes_message(limits), source.span(pre.at, 1));
    d.expected = fmt::format("at most {} nodes", limits.max_nodes);
    return std::nullopt;
  }

  std::istringstream stream(text);
  TreeBuilder builder(source, bag, documents, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing&) {
    // The handler already reported why.
  } catch (const YAML::Exception& e) {
    builder.syntax_error(e.mark, e.msg);
  }

  if (bag.error_count() == errors_before && builder.document_count() == 0) {
    const bool blank = std::all_of(text.begin(), text.end(), [](char c) { return is_space(c); });
    auto& d = bag.error("empty-document", "the document is empty", diag::Location{name});
    d.found = blank ? "no content" : "only comments and blank lines";
  }
  const std::size_t tolerated = duplicates == DuplicateKeys::keep_first ? builder.duplicate_keys() : 0;
  if (bag.error_count() != errors_before + tolerated)
    return std::nullopt;
  return builder.take_documents();
}

} // namespace ghes_topology::loader
