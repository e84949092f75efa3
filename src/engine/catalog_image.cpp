// SPDX-License-Identifier: Apache-2.0
// The compiled catalog's byte layout: a header, a table of the strings locations name, a
// table of types (each after the types it refers to), a table of the fact paths the trees
// read (each after its parent path), then the catalog. Integers are little-endian; every
// variable-length part is preceded by its count, and the parts a reader may skip (a tree, a
// message's parts) by their length in bytes.
#include "engine/catalog_image.hpp"

#include "ghes_topology/engine/fixtures.hpp"
#include "ghes_topology/expr/ast.hpp"
#include "ghes_topology/expr/builtins.hpp"
#include "ghes_topology/expr/flat_tree.hpp"
#include "ghes_topology/loader/environment_loader.hpp"

#include <bit>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace ghes_topology::engine {
namespace {

constexpr std::string_view k_magic = "GHESCAT";
constexpr std::uint32_t k_none = 0xFFFFFFFFu;
// The fixed part of an encoded expression node (`Writer::node`), and its flag for a literal value.
constexpr std::size_t k_node_head = 56;
constexpr unsigned k_node_has_value = 1;

// The little-endian u32 at `p`.
std::uint32_t load32(const char* p)
{
  std::uint32_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, sizeof v); // one load
  } else {
    for (int i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

class Writer
{
public:
  std::string body;

  void u8(unsigned v) { body.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v)
  {
    for (int i = 0; i < 4; ++i)
      body.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
  }
  void i32(int v) { u32(static_cast<std::uint32_t>(v)); }
  void u64(std::uint64_t v)
  {
    for (int i = 0; i < 8; ++i)
      body.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
  }
  void f64(double d)
  {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    u64(bits);
  }
  void str(std::string_view s)
  {
    u32(static_cast<std::uint32_t>(s.size()));
    body.append(s);
  }
  void strs(const std::vector<std::string>& v)
  {
    u32(static_cast<std::uint32_t>(v.size()));
    for (const auto& s : v)
      str(s);
  }
  void location(const diag::Location& l)
  {
    u32(intern(l.file));
    i32(l.line);
    i32(l.column);
    i32(l.end_line);
    i32(l.end_column);
  }
  void type(const expr::TypePtr& t) { u32(t ? type_index(*t) : k_none); }

  // Every member, whatever the kind: the reader rebuilds the value exactly.
  void model_value(const model::Value& v)
  {
    u8(static_cast<unsigned>(v.kind));
    u8(v.boolean ? 1 : 0);
    u64(static_cast<std::uint64_t>(v.integer));
    f64(v.decimal);
    str(v.string);
    location(v.where);
    location(v.key_where);
    u32(static_cast<std::uint32_t>(v.items.size()));
    for (const auto& item : v.items)
      model_value(item);
    u32(static_cast<std::uint32_t>(v.fields.size()));
    for (const auto& [key, field] : v.fields) {
      str(key);
      model_value(field);
    }
  }

  // The documents of `fixture` as `loader::load_document` gives them: the block's length, the
  // number of documents, where each starts (from the block's start), then each: whether it
  // loaded, and its root.
  void fixture_documents(const FixtureFile& fixture)
  {
    diag::DiagnosticBag ignored; // marker problems do not change the documents
    const auto docs = split_fixture(fixture, ignored);
    const std::size_t length_at = body.size();
    u32(0);
    const std::size_t block = body.size();
    u32(static_cast<std::uint32_t>(docs.size()));
    const std::size_t table = body.size();
    for (std::size_t i = 0; i < docs.size(); ++i)
      u32(0);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      patch(table + 4 * i, body.size() - block);
      diag::DiagnosticBag bag;
      const auto environment = loader::load_document(fixture.file, docs[i].text, docs[i].first_line, bag);
      u8(environment ? 1 : 0);
      if (environment)
        model_value(environment->root);
    }
    patch(length_at, body.size() - block);
  }
  // Overwrites the u32 at `at` with `value`.
  void patch(std::size_t at, std::size_t value)
  {
    const auto v = static_cast<std::uint32_t>(value);
    for (std::size_t i = 0; i < 4; ++i)
      body[at + i] = static_cast<char>((v >> (8 * i)) & 0xFFu);
  }

  void value(const expr::Value& v)
  {
    using K = expr::Value::Kind;
    u8(static_cast<unsigned>(v.kind()));
    location(v.origin);
    switch (v.kind()) {
    case K::unknown:
      strs(v.missing());
      break;
    case K::null:
      break;
    case K::boolean:
      u8(v.as_bool() ? 1 : 0);
      break;
    case K::integer:
      u64(static_cast<std::uint64_t>(v.as_int()));
      break;
    case K::decimal:
      f64(v.as_double());
      break;
    case K::string:
      str(v.as_string());
      break;
    case K::list:
      u32(static_cast<std::uint32_t>(v.as_list().size()));
      for (const auto& item : v.as_list())
        value(item);
      break;
    case K::map:
      u32(static_cast<std::uint32_t>(v.as_map().size()));
      for (const auto& [key, item] : v.as_map()) {
        str(key);
        value(item);
      }
      break;
    }
  }

  // A node: a head of `k_node_head` bytes (read with one bounds check), then its name's bytes,
  // its operators (one byte each), its literal value when it has one, then its children.
  void node(const expr::Node& n)
  {
    // Only literals have a value, and it is written unless it is a null from nowhere (told by
    // the flag). Only literals have a `value`.
    const bool plain = n.kind != expr::NodeKind::literal || !n.value ||
                       (n.value->kind() == expr::Value::Kind::null && n.value->origin == diag::Location{});
    u8(static_cast<unsigned>(n.kind));
    u8(static_cast<unsigned>(n.style));
    u8(static_cast<unsigned>(n.macro));
    u8(plain ? 0 : k_node_has_value);
    u32(static_cast<std::uint32_t>(n.ops.size()));
    u32(static_cast<std::uint32_t>(n.children.size()));
    u32(static_cast<std::uint32_t>(n.name.size()));
    i32(n.height);
    i32(n.slot);
    // Not name_where nor op_where: only the checker reads them. The file is left out when it
    // is the program's (always, for a rule's expression): no copy of it per node when read;
    // evaluation puts it back into the location of an error (`expr::evaluate_borrowed`). A
    // node read back from an image has no file: it is written the same way.
    u32(n.where.file.empty() || n.where.file == m_tree_file ? k_none : intern(n.where.file));
    i32(n.where.line);
    i32(n.where.column);
    i32(n.where.end_line);
    i32(n.where.end_column);
    type(n.type);
    u32(n.builtin != nullptr ? builtin_index(*n.builtin) : k_none);
    // The fact path (`Node::fact`) as an entry of the header's table: the reader looks each
    // path up once, not once per node (ids are the process's own, `expr::fact_path_id`).
    u32(fact_index(n));
    body.append(n.name);
    for (auto op : n.ops)
      u8(static_cast<unsigned>(op));
    if (!plain)
      value(*n.value);
    for (const auto& child : n.children)
      node(*child);
  }

  void expression(const Expression& e)
  {
    str(e.text);
    const expr::Program& p = e.program;
    str(p.source);
    type(p.result_type);
    strs(p.paths);
    location(p.location);
    i32(p.slots);
    const expr::Node* root = p.tree();
    u8(root != nullptr ? 1 : 0);
    if (root != nullptr) {
      m_tree_file = p.location.file;
      // The tree's length first, so a reader can leave it encoded and skip it.
      const std::size_t at = body.size();
      u32(0);
      node(*root);
      patch(at, body.size() - at - 4);
    }
  }
  void optional_expression(const std::optional<Expression>& e)
  {
    u8(e ? 1 : 0);
    if (e)
      expression(*e);
  }
  void message(const MessageTemplate& m)
  {
    str(m.text);
    // The parts' length first, so a reader can leave them encoded and skip them.
    const std::size_t at = body.size();
    u32(0);
    u32(static_cast<std::uint32_t>(m.parts().size()));
    for (const auto& part : m.parts()) {
      str(part.literal);
      optional_expression(part.expression);
    }
    patch(at, body.size() - at - 4);
  }

  void rule(const Rule& r)
  {
    str(r.id);
    str(r.category);
    str(r.name);
    str(r.title);
    u8(static_cast<unsigned>(r.kind));
    u8(r.severity ? 1 + static_cast<unsigned>(*r.severity) : 0);
    strs(r.required_facts);
    u8(r.for_each ? 1 : 0);
    if (r.for_each) {
      str(r.for_each->var);
      expression(r.for_each->in);
      str(r.for_each->in_path);
    }
    expression(r.when);
    optional_expression(r.point_at);
    message(r.message);
    str(r.rationale);
    message(r.remediation);
    str(r.source.path);
    str(r.source.section);
    str(r.source.versions);
    u8(static_cast<unsigned>(r.threshold));
    u32(static_cast<std::uint32_t>(r.params.size()));
    for (const auto& p : r.params) {
      str(p.name);
      u8(static_cast<unsigned>(p.type));
      value(p.value);
      str(p.unit);
      str(p.description);
      u8(static_cast<unsigned>(p.basis));
      location(p.where);
    }
    u32(static_cast<std::uint32_t>(r.effects.size()));
    for (const auto& e : r.effects) {
      u8(static_cast<unsigned>(e.option));
      f64(e.weight);
      u8(e.blocks ? 1 : 0);
      location(e.where);
    }
    u8(r.section ? 1 + static_cast<unsigned>(*r.section) : 0);
    str(r.file);
    u64(r.text_hash);
    u8(static_cast<unsigned>(r.origin));
    str(r.overrides);
    strs(r.fact_paths);
    strs(r.used_params);
    u8(r.uses_topology ? 1 : 0);
  }

  // The header, the string and type tables, then `body`.
  [[nodiscard]] std::string finish() const
  {
    Writer head;
    head.body.append(k_magic);
    head.u32(k_catalog_image_version);
    head.strs(m_strings);
    head.u32(static_cast<std::uint32_t>(m_types.size()));
    for (const expr::Type* t : m_types) {
      head.u8(static_cast<unsigned>(t->kind));
      head.u32(t->element ? m_type_index.at(t->element.get()) : k_none);
      head.u32(static_cast<std::uint32_t>(t->fields.size()));
      for (const auto& [name, field] : t->fields) {
        head.str(name);
        head.u32(field ? m_type_index.at(field.get()) : k_none);
      }
      head.str(t->name);
      head.strs(t->values);
    }
    head.u32(static_cast<std::uint32_t>(m_facts.size()));
    for (const auto& [parent, name] : m_facts) {
      head.u32(parent);
      head.str(name);
    }
    return head.body + body;
  }

private:
  // The position of `b` in `expr::builtins()`: the reader needs no lookup by name.
  static std::uint32_t builtin_index(const expr::Builtin& b)
  {
    const auto& all = expr::builtins();
    return static_cast<std::uint32_t>(&b - all.data());
  }
  std::uint32_t intern(const std::string& s)
  {
    auto [it, inserted] = m_string_index.emplace(s, static_cast<std::uint32_t>(m_strings.size()));
    if (inserted)
      m_strings.push_back(s);
    return it->second;
  }
  // The entry of `n`'s fact path (`Node::fact`) in the fact table, k_none when it has none.
  // An entry is its parent path's entry (k_none for a root) and its last name; parents are
  // numbered first, so the reader builds the table in order.
  std::uint32_t fact_index(const expr::Node& n)
  {
    if (n.fact < 0)
      return k_none;
    const std::uint32_t parent =
        n.kind == expr::NodeKind::select && !n.children.empty() ? fact_index(*n.children[0]) : k_none;
    auto [it, inserted] =
        m_fact_index.emplace(std::make_pair(parent, n.name), static_cast<std::uint32_t>(m_facts.size()));
    if (inserted)
      m_facts.emplace_back(parent, n.name);
    return it->second;
  }
  // Types are numbered after the types they refer to, so the reader builds them in order.
  std::uint32_t type_index(const expr::Type& t)
  {
    if (auto it = m_type_index.find(&t); it != m_type_index.end())
      return it->second;
    if (t.element)
      type_index(*t.element);
    for (const auto& [name, field] : t.fields)
      if (field)
        type_index(*field);
    const auto index = static_cast<std::uint32_t>(m_types.size());
    m_types.push_back(&t);
    m_type_index.emplace(&t, index);
    return index;
  }

  std::string m_tree_file; // the file of the program whose tree `node` writes
  std::vector<std::string> m_strings;
  std::map<std::string, std::uint32_t> m_string_index;
  std::vector<const expr::Type*> m_types;
  std::map<const expr::Type*, std::uint32_t> m_type_index;
  std::vector<std::pair<std::uint32_t, std::string>> m_facts; // (parent entry, name)
  std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> m_fact_index;
};

// What every part of an image refers to: its bytes, and the string and type tables of its header.
struct Tables
{
  std::string_view bytes;
  std::string owned; // the bytes when the reader could not borrow them (`ImageTrees::decoded`)
  std::vector<std::string_view> strings; // into `bytes`
  std::uint32_t empty = k_none;          // the index of "" in `strings`: no copy needed
  std::vector<expr::TypePtr> types;
  std::vector<int> facts; // the fact table: each entry's id (`expr::fact_path_id`)

  // `strings[index]` as a location's file name, interned once for all the locations that name
  // it (a rule file's hundreds of locations; the rules alternate, so `diag::FileName`'s own
  // "same as the last one" check would miss).
  const diag::FileName& file_name(std::uint32_t index) const
  {
    if (file_names.size() != strings.size())
      file_names.resize(strings.size());
    std::optional<diag::FileName>& name = file_names[index];
    if (!name)
      name.emplace(strings[index]);
    return *name;
  }
  mutable std::vector<std::optional<diag::FileName>> file_names; // by index in `strings`, made on first use
};

// A program tree left encoded in bytes [begin, end) of the image `tables` belong to.
std::shared_ptr<const expr::TreeSource> deferred_tree(std::shared_ptr<const Tables> tables, std::size_t begin,
                                                      std::size_t end);
// The parts of a message template left encoded in bytes [begin, end) (`Writer::message`).
std::shared_ptr<const MessageTemplate::PartsSource> deferred_parts(std::shared_ptr<const Tables> tables,
                                                                   std::size_t begin, std::size_t end);
// The fixture documents encoded in bytes [begin, end) (`Writer::fixture_documents`), decoded
// when asked; nullptr when `check` and they do not all decode.
std::shared_ptr<const PreloadedDocuments> preloaded_documents(std::shared_ptr<const Tables> tables,
                                                              std::size_t begin, std::size_t end,
                                                              const std::string& source, bool check);

class Reader
{
public:
  Reader(std::string_view bytes, ImageTrees trees)
      : m_tables(make_tables(bytes, trees))
      , m_bytes(m_tables->bytes)
      , m_trees(trees)
  {}
  // Reads the bytes [begin, end) of the image `tables` belong to (a deferred tree or message
  // parts), leaving the trees in them encoded or not as `trees` says.
  Reader(std::shared_ptr<const Tables> tables, std::size_t begin, std::size_t end,
         ImageTrees trees = ImageTrees::decoded)
      : m_tables(std::move(tables))
      , m_bytes(m_tables->bytes.substr(0, end))
      , m_pos(begin)
      , m_trees(trees)
  {}

  [[nodiscard]] bool ok() const { return m_ok; }
  [[nodiscard]] bool at_end() const { return m_pos == m_bytes.size(); }
  [[nodiscard]] std::size_t position() const { return m_pos; }
  // Skips `n` bytes.
  void skip(std::size_t n)
  {
    if (need(n))
      m_pos += n;
  }

  bool header()
  {
    if (m_bytes.substr(0, k_magic.size()) != k_magic)
      return false;
    m_pos = k_magic.size();
    if (u32() != k_catalog_image_version)
      return false;
    // Only the header's reader fills the tables; deferred trees share them, read-only.
    auto tables = std::const_pointer_cast<Tables>(m_tables);
    const std::uint32_t strings = count();
    tables->strings.reserve(strings);
    for (std::uint32_t i = 0; i < strings && m_ok; ++i)
      tables->strings.push_back(view());
    for (std::size_t i = 0; i < tables->strings.size(); ++i)
      if (tables->strings[i].empty())
        tables->empty = static_cast<std::uint32_t>(i);
    const std::uint32_t types = count();
    for (std::uint32_t i = 0; i < types && m_ok; ++i) {
      auto t = std::make_shared<expr::Type>();
      t->kind = static_cast<expr::Type::Kind>(u8());
      t->element = type_at(u32());
      const std::uint32_t fields = count();
      for (std::uint32_t f = 0; f < fields && m_ok; ++f) {
        std::string name = str();
        t->fields.emplace(std::move(name), type_at(u32()));
      }
      str(t->name);
      t->values = strs();
      tables->types.push_back(std::move(t));
    }
    const std::uint32_t facts = count();
    tables->facts.reserve(facts);
    for (std::uint32_t i = 0; i < facts && m_ok; ++i) {
      const std::uint32_t parent = u32();
      const std::string_view name = view();
      if (!m_ok || (parent != k_none && parent >= i)) {
        m_ok = false;
        break;
      }
      tables->facts.push_back(expr::fact_field_id(parent == k_none ? -1 : tables->facts[parent], name));
    }
    return m_ok;
  }

  unsigned u8()
  {
    if (!need(1))
      return 0;
    return static_cast<unsigned char>(m_bytes[m_pos++]);
  }
  std::uint32_t u32()
  {
    if (!need(4))
      return 0;
    return raw32();
  }
  int i32() { return static_cast<int>(u32()); }
  std::uint64_t u64()
  {
    if (!need(8))
      return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_bytes[m_pos++])) << (8 * i);
    return v;
  }
  double f64()
  {
    const std::uint64_t bits = u64();
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  // A count of items that each take at least one byte: more than the bytes left is an error.
  std::uint32_t count()
  {
    const std::uint32_t n = u32();
    if (n > m_bytes.size() - m_pos)
      m_ok = false;
    return m_ok ? n : 0;
  }
  std::string str()
  {
    const std::uint32_t n = u32();
    if (!need(n))
      return {};
    std::string s(m_bytes.substr(m_pos, n));
    m_pos += n;
    return s;
  }
  // A string left in the image's bytes.
  std::string_view view()
  {
    const std::uint32_t n = u32();
    if (!need(n))
      return {};
    const std::string_view v = m_bytes.substr(m_pos, n);
    m_pos += n;
    return v;
  }
  // A string into `out` (no temporary).
  void str(std::string& out)
  {
    const std::uint32_t n = u32();
    if (!need(n))
      return;
    if (out.empty()) // constructed and moved in: cheaper than `assign` growing an empty string
      out = std::string(m_bytes.data() + m_pos, n);
    else
      out.assign(m_bytes.data() + m_pos, n);
    m_pos += n;
  }
  std::vector<std::string> strs()
  {
    std::vector<std::string> v;
    strs(v);
    return v;
  }
  // Strings into `v`, empty.
  void strs(std::vector<std::string>& v)
  {
    v.resize(count());
    for (auto& s : v)
      str(s);
  }
  diag::Location location()
  {
    diag::Location l;
    if (!need(20))
      return l;
    const std::uint32_t file = raw32();
    l.line = static_cast<int>(raw32());
    l.column = static_cast<int>(raw32());
    l.end_line = static_cast<int>(raw32());
    l.end_column = static_cast<int>(raw32());
    if (file >= m_tables->strings.size())
      m_ok = false;
    else if (file != m_tables->empty)
      l.file = m_tables->file_name(file);
    return l;
  }
  expr::TypePtr type() { return type_at(u32()); }

  expr::Value value(int depth = 0)
  {
    expr::Value v;
    value(v, depth);
    return v;
  }
  // A value into `v`, a null one.
  void value(expr::Value& v, int depth = 0)
  {
    using K = expr::Value::Kind;
    if (depth > 256) {
      m_ok = false;
      return;
    }
    const auto kind = static_cast<K>(u8());
    diag::Location origin = location();
    switch (kind) {
    case K::unknown:
      v = expr::Value::unknown(strs());
      break;
    case K::null:
      break;
    case K::boolean:
      v = expr::Value::boolean(u8() != 0);
      break;
    case K::integer:
      v = expr::Value::integer(static_cast<std::int64_t>(u64()));
      break;
    case K::decimal:
      v = expr::Value::decimal(f64());
      break;
    case K::string:
      v = expr::Value::string(str());
      break;
    case K::list: {
      expr::Value::List items(count());
      for (auto& item : items)
        value(item, depth + 1);
      v = expr::Value::list(std::move(items));
      break;
    }
    case K::map: {
      expr::Value::Map fields;
      const std::uint32_t n = count();
      for (std::uint32_t i = 0; i < n && m_ok; ++i) {
        std::string key = str();
        fields.emplace(std::move(key), value(depth + 1));
      }
      v = expr::Value::map(std::move(fields));
      break;
    }
    default:
      m_ok = false;
    }
    v.origin = std::move(origin);
  }

  // The builtin at `index` in `expr::builtins()`; nullptr for k_none (none), or, with the
  // reader failed, for an index out of range.
  const expr::Builtin* builtin_at(std::uint32_t index)
  {
    if (index == k_none)
      return nullptr;
    const auto& all = expr::builtins();
    if (index < all.size())
      return &all[index];
    m_ok = false;
    return nullptr;
  }
  // The id of the fact path at `index` in the header's fact table; -1 for k_none (none), or,
  // with the reader failed, for an index out of range.
  int fact_at(std::uint32_t index)
  {
    if (index == k_none)
      return -1;
    if (index < m_tables->facts.size())
      return m_tables->facts[index];
    m_ok = false;
    return -1;
  }

  // Decodes one node (and its subtree, `Writer::node`) into `n`.
  void fill(expr::Node& n, int depth = 0)
  {
    if (depth > 256 || !need(k_node_head)) {
      m_ok = false;
      return;
    }
    const char* head = m_bytes.data() + m_pos;
    m_pos += k_node_head;
    n.kind = static_cast<expr::NodeKind>(static_cast<unsigned char>(head[0]));
    n.style = static_cast<expr::CallStyle>(static_cast<unsigned char>(head[1]));
    n.macro = static_cast<expr::Macro>(static_cast<unsigned char>(head[2]));
    const unsigned flags = static_cast<unsigned char>(head[3]);
    const std::uint32_t ops = load32(head + 4);
    const std::uint32_t children = load32(head + 8);
    const std::uint32_t name = load32(head + 12);
    n.height = static_cast<int>(load32(head + 16));
    n.slot = static_cast<int>(load32(head + 20));
    if (const std::uint32_t file = load32(head + 24); file != k_none) {
      if (file < m_tables->strings.size())
        n.where.file = m_tables->file_name(file);
      else
        m_ok = false;
    }
    n.where.line = static_cast<int>(load32(head + 28));
    n.where.column = static_cast<int>(load32(head + 32));
    n.where.end_line = static_cast<int>(load32(head + 36));
    n.where.end_column = static_cast<int>(load32(head + 40));
    n.type = type_at(load32(head + 44));
    n.builtin = builtin_at(load32(head + 48));
    n.fact = fact_at(load32(head + 52));
    if (!need(std::size_t{name} + ops))
      return;
    if (name != 0)
      n.name.assign(m_bytes.data() + m_pos, name);
    m_pos += name;
    n.ops.reserve(ops);
    for (std::uint32_t i = 0; i < ops; ++i)
      n.ops.push_back(static_cast<expr::Operator>(static_cast<unsigned char>(m_bytes[m_pos + i])));
    m_pos += ops;
    if ((flags & k_node_has_value) != 0)
      n.value = std::make_unique<const expr::Value>(value());
    else if (n.kind == expr::NodeKind::literal)
      n.value = std::make_unique<const expr::Value>();
    // Each child takes at least a head: more than the bytes left is an error.
    if (!m_ok || children > (m_bytes.size() - m_pos) / k_node_head) {
      m_ok = false;
      return;
    }
    n.children.reserve(children);
    for (std::uint32_t i = 0; i < children && m_ok; ++i) {
      n.children.push_back(std::make_unique<expr::Node>());
      fill(*n.children.back(), depth + 1);
    }
    // The rest of `expr::annotate`'s work: the image gives the fact path.
    if (n.fact >= 0)
      n.fact_depth =
          n.kind == expr::NodeKind::select && !n.children.empty() ? n.children[0]->fact_depth + 1 : 1;
  }

  // Decodes one node and its subtree (`Writer::node`) into records appended to `tree`: the
  // records `expr::flatten` makes of the tree `fill` decodes, without the tree. `before`:
  // the operator before the node when it is an operand of a binary node after its first.
  void flat(expr::FlatTree& tree, expr::Operator before, int depth = 0)
  {
    if (depth > 256 || !need(k_node_head)) {
      m_ok = false;
      return;
    }
    const char* head = m_bytes.data() + m_pos;
    m_pos += k_node_head;
    const std::size_t at = tree.nodes.size();
    expr::FlatNode& n = tree.nodes.emplace_back();
    n.kind = static_cast<expr::NodeKind>(static_cast<unsigned char>(head[0]));
    n.macro = static_cast<expr::Macro>(static_cast<unsigned char>(head[2]));
    n.before = before;
    const unsigned flags = static_cast<unsigned char>(head[3]);
    const std::uint32_t ops = load32(head + 4);
    const std::uint32_t children = load32(head + 8);
    const std::uint32_t name = load32(head + 12);
    n.slot = static_cast<std::int16_t>(static_cast<int>(load32(head + 20)));
    n.children = children;
    if (const std::uint32_t type = load32(head + 44); type < m_tables->types.size()) {
      const expr::TypePtr& t = m_tables->types[type];
      if (t && t->kind == expr::Type::Kind::decimal)
        n.flags |= expr::FlatNode::k_decimal;
    } else {
      m_ok = false;
    }
    if (const expr::Builtin* builtin = builtin_at(load32(head + 48))) {
      if (n.kind == expr::NodeKind::call)
        n.set_builtin(builtin);
      else
        m_ok = false; // only calls have one (`FlatNode`'s one pointer is a builtin only in a call)
    }
    n.fact = fact_at(load32(head + 52));
    if (!need(std::size_t{name} + ops))
      return;
    if (n.kind == expr::NodeKind::identifier || n.kind == expr::NodeKind::select)
      n.set_name(m_bytes.substr(m_pos, name)); // the image outlives the records (`FlatTree::owner`)
    m_pos += name;
    const std::size_t ops_at = m_pos;
    if (ops > 0)
      n.op = static_cast<expr::Operator>(static_cast<unsigned char>(m_bytes[ops_at]));
    m_pos += ops;
    if (n.kind == expr::NodeKind::literal) {
      expr::Value& literal = tree.constants.emplace_back(); // read in place, not moved
      if ((flags & k_node_has_value) != 0)
        value(literal);
      n.set_value(&literal);
    } else if ((flags & k_node_has_value) != 0)
      m_ok = false; // only literals have a value (`Writer::node`)
    // Each child takes at least a head: more than the bytes left is an error.
    if (!m_ok || children > (m_bytes.size() - m_pos) / k_node_head) {
      m_ok = false;
      return;
    }
    const bool binary = n.kind == expr::NodeKind::binary; // `n` may move as children are appended
    for (std::uint32_t i = 0; i < children && m_ok; ++i)
      flat(tree,
           binary && i > 0 && i - 1 < ops
               ? static_cast<expr::Operator>(static_cast<unsigned char>(m_bytes[ops_at + i - 1]))
               : expr::Operator::logical_not,
           depth + 1);
    if (m_ok)
      expr::finish(tree, at);
  }

  // An expression into `e`, a default-constructed one.
  void expression(Expression& e)
  {
    str(e.text);
    expr::Program& p = e.program;
    str(p.source);
    p.result_type = type();
    strs(p.paths);
    p.location = location();
    p.slots = i32();
    if (u8() != 0) {
      const std::uint32_t length = count();
      if (!need(length))
        return;
      p.annotated = true; // `fill` sets the annotations (`expr::annotate`'s) as it reads
      const std::size_t end = m_pos + length;
      if (m_trees == ImageTrees::deferred) {
        p.deferred = deferred_tree(m_tables, m_pos, end);
        m_pos = end;
      } else {
        auto root = std::make_shared<expr::Node>(); // node and count in one allocation
        fill(*root);
        if (m_pos != end)
          m_ok = false;
        p.root = std::move(root);
      }
    }
  }
  // An optional expression into `e`, empty.
  void optional_expression(std::optional<Expression>& e)
  {
    if (u8() != 0)
      expression(e.emplace());
  }
  // A message template into `m`, a default-constructed one. Its parts are left encoded when
  // the trees are (`ImageTrees::deferred`): most rules do not fire, and only a rule that fires
  // reads its message's and remediation's parts.
  void message(MessageTemplate& m)
  {
    str(m.text);
    const std::uint32_t length = count();
    if (!need(length))
      return;
    const std::size_t end = m_pos + length;
    if (m_trees == ImageTrees::deferred) {
      m.deferred = deferred_parts(m_tables, m_pos, end);
      m_pos = end;
      return;
    }
    parts(m.part_list);
    if (m_pos != end)
      m_ok = false;
  }
  // The parts of a message template (`Writer::message`, after their length) into `parts`, empty.
  void parts(std::vector<MessageTemplate::Part>& parts)
  {
    parts.resize(count());
    for (auto& part : parts) {
      str(part.literal);
      optional_expression(part.expression);
    }
  }

  // A rule (`Writer::rule`) into `r`, a default-constructed one.
  void rule(Rule& r)
  {
    str(r.id);
    str(r.category);
    str(r.name);
    str(r.title);
    r.kind = static_cast<RuleKind>(u8());
    if (const unsigned s = u8(); s != 0)
      r.severity = static_cast<Severity>(s - 1);
    strs(r.required_facts);
    if (u8() != 0) {
      ForEach& f = r.for_each.emplace();
      str(f.var);
      expression(f.in);
      str(f.in_path);
    }
    expression(r.when);
    optional_expression(r.point_at);
    message(r.message);
    str(r.rationale);
    message(r.remediation);
    str(r.source.path);
    str(r.source.section);
    str(r.source.versions);
    r.threshold = static_cast<Threshold>(u8());
    r.params.resize(count());
    for (auto& p : r.params) {
      str(p.name);
      p.type = static_cast<ParamType>(u8());
      value(p.value);
      str(p.unit);
      str(p.description);
      p.basis = static_cast<Basis>(u8());
      p.where = location();
    }
    r.effects.resize(count());
    for (auto& e : r.effects) {
      e.option = static_cast<Topology>(u8());
      e.weight = f64();
      e.blocks = u8() != 0;
      e.where = location();
    }
    if (const unsigned s = u8(); s != 0)
      r.section = static_cast<Section>(s - 1);
    str(r.file);
    r.text_hash = u64();
    r.origin = static_cast<RuleOrigin>(u8());
    str(r.overrides);
    strs(r.fact_paths);
    strs(r.used_params);
    r.uses_topology = u8() != 0;
  }

  // A model value (`Writer::model_value`) into `v`; false when the bytes are not one.
  bool model_value(model::Value& v, int depth = 0)
  {
    if (depth > 256)
      m_ok = false;
    if (!m_ok)
      return false;
    v.kind = static_cast<model::Value::Kind>(u8());
    v.boolean = u8() != 0;
    v.integer = static_cast<std::int64_t>(u64());
    v.decimal = f64();
    str(v.string);
    v.where = location();
    v.key_where = location();
    v.items.resize(count());
    for (auto& item : v.items)
      model_value(item, depth + 1);
    const std::uint32_t fields = count();
    v.fields.reserve(fields);
    for (std::uint32_t i = 0; i < fields && m_ok; ++i) {
      std::string key = str();
      v.fields.emplace_back(std::move(key), model::Value{});
      model_value(v.fields.back().second, depth + 1);
    }
    return m_ok;
  }

  // A fixture's documents block, left encoded (checked when the trees are decoded too).
  std::shared_ptr<const PreloadedDocuments> fixture_documents(const std::string& source)
  {
    const std::uint32_t length = count();
    if (!need(length))
      return nullptr;
    const std::size_t begin = m_pos;
    m_pos += length;
    auto documents = preloaded_documents(m_tables, begin, m_pos, source, m_trees == ImageTrees::decoded);
    if (documents == nullptr)
      m_ok = false;
    return documents;
  }

private:
  static std::shared_ptr<const Tables> make_tables(std::string_view bytes, ImageTrees trees)
  {
    auto tables = std::make_shared<Tables>();
    if (trees == ImageTrees::decoded) {
      tables->owned.assign(bytes); // the fixtures' documents are decoded later, from here
      tables->bytes = tables->owned;
    } else {
      tables->bytes = bytes;
    }
    return tables;
  }

  // The next 4 bytes, already checked to be there.
  std::uint32_t raw32()
  {
    const std::uint32_t v = load32(m_bytes.data() + m_pos);
    m_pos += 4;
    return v;
  }
  bool need(std::size_t n)
  {
    if (!m_ok || n > m_bytes.size() - m_pos) {
      m_ok = false;
      return false;
    }
    return true;
  }
  expr::TypePtr type_at(std::uint32_t index)
  {
    if (index == k_none)
      return nullptr;
    if (index >= m_tables->types.size()) {
      m_ok = false;
      return nullptr;
    }
    return m_tables->types[index];
  }

  std::shared_ptr<const Tables> m_tables;
  std::string_view m_bytes;
  std::size_t m_pos = 0;
  bool m_ok = true;
  ImageTrees m_trees;
};

// A tree left encoded in the image: decoded when its program is first evaluated.
class DeferredTree final : public expr::TreeSource
{
public:
  DeferredTree(std::shared_ptr<const Tables> tables, std::size_t begin, std::size_t end)
      : m_tables(std::move(tables))
      , m_begin(begin)
      , m_end(end)
  {}

  [[nodiscard]] std::shared_ptr<const expr::Node> decode() const override
  {
    Reader reader(m_tables, m_begin, m_end);
    auto root = std::make_shared<expr::Node>(); // node and count in one allocation
    reader.fill(*root);
    if (!reader.ok() || !reader.at_end())
      return nullptr;
    return root;
  }

  [[nodiscard]] std::shared_ptr<const expr::FlatTree> flatten() const override
  {
    Reader reader(m_tables, m_begin, m_end);
    auto tree = std::make_shared<expr::FlatTree>();
    tree->nodes.reserve((m_end - m_begin) / k_node_head); // at most one node per head
    reader.flat(*tree, expr::Operator::logical_not);
    if (!reader.ok() || !reader.at_end())
      return nullptr;
    tree->owner = m_tables;
    return tree;
  }

private:
  std::shared_ptr<const Tables> m_tables;
  std::size_t m_begin;
  std::size_t m_end;
};

std::shared_ptr<const expr::TreeSource> deferred_tree(std::shared_ptr<const Tables> tables, std::size_t begin,
                                                      std::size_t end)
{
  return std::make_shared<DeferredTree>(std::move(tables), begin, end);
}

// A message template's parts left encoded in the image: decoded when first read. Their
// expressions' trees stay encoded until evaluated.
class DeferredParts final : public MessageTemplate::PartsSource
{
public:
  DeferredParts(std::shared_ptr<const Tables> tables, std::size_t begin, std::size_t end)
      : m_tables(std::move(tables))
      , m_begin(begin)
      , m_end(end)
  {}

  [[nodiscard]] std::optional<std::vector<MessageTemplate::Part>> decode() const override
  {
    Reader reader(m_tables, m_begin, m_end, ImageTrees::deferred);
    std::vector<MessageTemplate::Part> parts;
    reader.parts(parts);
    if (!reader.ok() || !reader.at_end())
      return std::nullopt;
    return parts;
  }

private:
  std::shared_ptr<const Tables> m_tables;
  std::size_t m_begin;
  std::size_t m_end;
};

std::shared_ptr<const MessageTemplate::PartsSource> deferred_parts(std::shared_ptr<const Tables> tables,
                                                                   std::size_t begin, std::size_t end)
{
  return std::make_shared<DeferredParts>(std::move(tables), begin, end);
}

class ImageDocuments final : public PreloadedDocuments
{
public:
  ImageDocuments(std::shared_ptr<const Tables> tables, std::size_t begin, std::size_t end, std::string source)
      : m_tables(std::move(tables))
      , m_begin(begin)
      , m_end(end)
      , m_source(std::move(source))
  {
    Reader reader(m_tables, m_begin, m_end);
    const std::uint32_t count = reader.u32();
    m_count = reader.ok() && count <= (m_end - m_begin) / 4 ? count : 0;
  }

  [[nodiscard]] std::size_t size() const override { return m_count; }

  [[nodiscard]] std::optional<model::Environment> document(std::size_t index) const override
  {
    bool valid = true;
    return decode(index, valid);
  }

  // Whether every document decodes (a document that did not load at build time does).
  [[nodiscard]] bool valid() const
  {
    bool valid = true;
    for (std::size_t i = 0; i < m_count && valid; ++i)
      (void)decode(i, valid);
    return valid;
  }

private:
  std::optional<model::Environment> decode(std::size_t index, bool& valid) const
  {
    if (index >= m_count)
      return std::nullopt;
    Reader table(m_tables, m_begin + 4 + 4 * index, m_end);
    const std::uint32_t start = table.u32();
    if (!table.ok() || start >= m_end - m_begin) {
      valid = false;
      return std::nullopt;
    }
    Reader reader(m_tables, m_begin + start, m_end);
    const bool loaded = reader.u8() != 0;
    if (!reader.ok() || !loaded) {
      valid = reader.ok();
      return std::nullopt;
    }
    model::Environment environment;
    environment.source = m_source;
    if (!reader.model_value(environment.root)) {
      valid = false;
      return std::nullopt;
    }
    return environment;
  }

  std::shared_ptr<const Tables> m_tables;
  std::size_t m_begin;
  std::size_t m_end;
  std::string m_source;
  std::size_t m_count = 0;
};

std::shared_ptr<const PreloadedDocuments> preloaded_documents(std::shared_ptr<const Tables> tables,
                                                              std::size_t begin, std::size_t end,
                                                              const std::string& source, bool check)
{
  auto documents = std::make_shared<ImageDocuments>(std::move(tables), begin, end, source);
  if (check && !documents->valid())
    return nullptr;
  return documents;
}

} // namespace

std::string write_image(const Catalog& catalog)
{
  Writer w;
  w.u32(static_cast<std::uint32_t>(catalog.rules.size()));
  for (const auto& r : catalog.rules)
    w.rule(r);
  w.u32(static_cast<std::uint32_t>(catalog.parameters.size()));
  for (const auto& p : catalog.parameters) {
    w.str(p.name);
    w.u8(static_cast<unsigned>(p.type));
    w.value(p.default_value);
    w.str(p.unit);
    w.str(p.description);
    w.u8(static_cast<unsigned>(p.basis));
    w.strs(p.declared_by);
  }
  // The fixtures' count, then their length in bytes: a reader that skips them jumps over
  // them without touching their pages.
  w.u32(static_cast<std::uint32_t>(catalog.fixtures.size()));
  const std::size_t fixtures_at = w.body.size();
  w.u32(0);
  for (const auto& f : catalog.fixtures) {
    w.str(f.file);
    w.str(f.rule_id);
    w.str(f.text);
    w.u8(static_cast<unsigned>(f.origin));
    w.fixture_documents(f);
  }
  w.patch(fixtures_at, w.body.size() - fixtures_at - 4);
  w.u32(static_cast<std::uint32_t>(catalog.types.size()));
  for (const auto& [name, type] : catalog.types) {
    w.str(name);
    w.type(type);
  }
  return w.finish();
}

std::optional<Catalog> read_image(std::string_view bytes, ImageTrees trees, Fixtures fixtures)
{
  Reader r(bytes, trees);
  if (!r.header())
    return std::nullopt;
  Catalog catalog;
  catalog.rules.resize(r.count());
  for (auto& rule : catalog.rules)
    r.rule(rule);
  catalog.parameters.resize(r.count());
  for (auto& p : catalog.parameters) {
    r.str(p.name);
    p.type = static_cast<ParamType>(r.u8());
    p.default_value = r.value();
    r.str(p.unit);
    r.str(p.description);
    p.basis = static_cast<Basis>(r.u8());
    p.declared_by = r.strs();
  }
  const std::uint32_t fixture_count = r.count();
  const std::uint32_t fixture_bytes = r.u32();
  const std::size_t fixtures_end = r.position() + fixture_bytes;
  if (fixtures == Fixtures::skip) {
    r.skip(fixture_bytes);
  } else {
    catalog.fixtures.resize(fixture_count);
    for (auto& f : catalog.fixtures) {
      r.str(f.file);
      r.str(f.rule_id);
      r.str(f.text);
      f.origin = static_cast<RuleOrigin>(r.u8());
      f.preloaded = r.fixture_documents(f.file);
    }
    if (r.position() != fixtures_end)
      return std::nullopt;
  }
  const std::uint32_t types = r.count();
  for (std::uint32_t i = 0; i < types && r.ok(); ++i) {
    std::string name = r.str();
    catalog.types.emplace(std::move(name), r.type());
  }
  if (!r.ok() || !r.at_end())
    return std::nullopt;
  return catalog;
}

} // namespace ghes_topology::engine
