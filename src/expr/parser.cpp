// SPDX-License-Identifier: Apache-2.0
// Recursive-descent parser for the condition language (CEL grammar subset).
#include "ghes_topology/expr/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>

namespace ghes_topology::expr {
namespace {

// CEL's reserved words: not usable as variable or function names.
constexpr std::array<std::string_view, 17> k_reserved = {
    "as",  "break", "const",   "continue",  "else",   "for", "function", "if",   "import",
    "let", "loop",  "package", "namespace", "return", "var", "void",     "while"};

// Thrown after the first error has been reported, to unwind the recursion; never
// leaves `parse`.
struct Abort
{};

diag::Location join(const diag::Location& first, const diag::Location& last)
{
  diag::Location where = first;
  where.end_line = last.end_line;
  where.end_column = last.end_column;
  return where;
}

// A literal node's value (`Node::value`).
std::unique_ptr<const Value> literal(Value value)
{
  return std::make_unique<const Value>(std::move(value));
}

class Parser
{
public:
  Parser(const std::vector<Token>& tokens, int max_depth, diag::DiagnosticBag& bag)
      : m_tokens(tokens)
      , m_max_depth(std::clamp(max_depth, 1, k_max_depth_limit))
      , m_bag(bag)
  {}

  NodePtr run()
  {
    try {
      auto root = expression();
      if (peek().kind != TokenKind::end)
        fail(peek(),
             fmt::format("expected an operator or the end of the expression but found {}", describe(peek())));
      return root;
    } catch (const Abort&) {
      return nullptr;
    }
  }

private:
  const std::vector<Token>& m_tokens;
  int m_max_depth;
  diag::DiagnosticBag& m_bag;
  std::size_t m_pos = 0;
  int m_depth = 0;

  // Counts one level of recursion for the lifetime of the guard.
  class Level
  {
  public:
    Level(Parser& parser, const Token& at)
        : m_parser(parser)
    {
      if (++m_parser.m_depth > m_parser.m_max_depth)
        m_parser.too_deep(at.where);
    }
    ~Level() { --m_parser.m_depth; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

  private:
    Parser& m_parser;
  };

  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const
  {
    return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
  }

  const Token& advance()
  {
    const Token& t = peek();
    if (m_pos < m_tokens.size() - 1)
      ++m_pos;
    return t;
  }

  bool accept(TokenKind kind)
  {
    if (peek().kind != kind)
      return false;
    advance();
    return true;
  }

  [[noreturn]] void fail(const Token& at, std::string message)
  {
    m_bag.error("expr-syntax", std::move(message), at.where);
    throw Abort{};
  }

  [[noreturn]] void too_deep(const diag::Location& where)
  {
    m_bag.error("expr-too-deep",
                fmt::format("expression is nested too deeply (more than {} levels)", m_max_depth), where);
    throw Abort{};
  }

  const Token& expect(TokenKind kind, std::string_view what)
  {
    if (peek().kind != kind)
      fail(peek(), fmt::format("expected {} but found {}", what, describe(peek())));
    return advance();
  }

  NodePtr make(NodeKind kind, diag::Location where)
  {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->where = std::move(where);
    return node;
  }

  // Sets the height of `node` from its children and enforces the bound.
  NodePtr finish(NodePtr node)
  {
    int height = 0;
    for (const auto& child : node->children)
      height = std::max(height, child->height);
    node->height = height + 1;
    if (node->height > m_max_depth)
      too_deep(node->name_where().line > 0 ? node->name_where() : node->where);
    return node;
  }

  NodePtr expression()
  {
    Level level(*this, peek());
    auto condition = logical(Operator::logical_or);
    if (peek().kind != TokenKind::question)
      return condition;
    advance();
    auto then_branch = logical(Operator::logical_or);
    expect(TokenKind::colon, "':' of the conditional '?:'");
    auto else_branch = expression();
    auto node = make(NodeKind::conditional, join(condition->where, else_branch->where));
    node->children.push_back(std::move(condition));
    node->children.push_back(std::move(then_branch));
    node->children.push_back(std::move(else_branch));
    return finish(std::move(node));
  }

  // The binary operator a token stands for at precedence level `level`.
  static std::optional<Operator> binary_operator(TokenKind kind, Operator level)
  {
    switch (level) {
    case Operator::logical_or:
      if (kind == TokenKind::or_or)
        return Operator::logical_or;
      break;
    case Operator::logical_and:
      if (kind == TokenKind::and_and)
        return Operator::logical_and;
      break;
    case Operator::equal: // relations
      switch (kind) {
      case TokenKind::less:
        return Operator::less;
      case TokenKind::less_equal:
        return Operator::less_equal;
      case TokenKind::greater:
        return Operator::greater;
      case TokenKind::greater_equal:
        return Operator::greater_equal;
      case TokenKind::equal_equal:
        return Operator::equal;
      case TokenKind::bang_equal:
        return Operator::not_equal;
      case TokenKind::kw_in:
        return Operator::in;
      default:
        break;
      }
      break;
    case Operator::add:
      if (kind == TokenKind::plus)
        return Operator::add;
      if (kind == TokenKind::minus)
        return Operator::subtract;
      break;
    case Operator::multiply:
      if (kind == TokenKind::star)
        return Operator::multiply;
      if (kind == TokenKind::slash)
        return Operator::divide;
      if (kind == TokenKind::percent)
        return Operator::modulo;
      break;
    default:
      break;
    }
    return std::nullopt;
  }

  static Operator next_level(Operator level)
  {
    switch (level) {
    case Operator::logical_or:
      return Operator::logical_and;
    case Operator::logical_and:
      return Operator::equal;
    case Operator::equal:
      return Operator::add;
    default:
      return Operator::multiply;
    }
  }

  // One precedence level of left-associative binary operators, kept flat:
  // `a + b - c` is one node with three operands, so long chains stay shallow.
  NodePtr logical(Operator level)
  {
    auto operand = [&]() { return level == Operator::multiply ? unary() : logical(next_level(level)); };
    auto first = operand();
    auto op = binary_operator(peek().kind, level);
    if (!op)
      return first;
    auto node = make(NodeKind::binary, first->where);
    node->places().name_where = peek().where;
    node->children.push_back(std::move(first));
    while (op) {
      node->places().op_where.push_back(advance().where);
      node->ops.push_back(*op);
      node->children.push_back(operand());
      op = binary_operator(peek().kind, level);
    }
    node->where = join(node->where, node->children.back()->where);
    return finish(std::move(node));
  }

  NodePtr unary()
  {
    const Token& t = peek();
    if (t.kind != TokenKind::bang && t.kind != TokenKind::minus)
      return member();
    Level level(*this, t);
    advance();
    if (t.kind == TokenKind::minus &&
        (peek().kind == TokenKind::integer || peek().kind == TokenKind::decimal) &&
        !is_member_suffix(peek(1).kind)) {
      const Token& number = advance();
      auto node = make(NodeKind::literal, join(t.where, number.where));
      if (number.kind == TokenKind::integer) {
        // The magnitude is at most 2^63 (checked by the lexer), so -magnitude fits.
        node->value = literal(Value::integer(number.integer_value == k_int_min_magnitude
                                                 ? std::numeric_limits<std::int64_t>::min()
                                                 : -static_cast<std::int64_t>(number.integer_value)));
      } else {
        node->value = literal(Value::decimal(-number.decimal_value));
      }
      return finish(std::move(node));
    }
    auto operand = unary();
    auto node = make(NodeKind::unary, join(t.where, operand->where));
    node->places().name_where = t.where;
    node->ops.push_back(t.kind == TokenKind::bang ? Operator::logical_not : Operator::negate);
    node->places().op_where.push_back(t.where);
    node->children.push_back(std::move(operand));
    return finish(std::move(node));
  }

  static constexpr std::uint64_t k_int_min_magnitude =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;

  static bool is_member_suffix(TokenKind kind)
  {
    return kind == TokenKind::dot || kind == TokenKind::left_bracket || kind == TokenKind::left_paren;
  }

  NodePtr member()
  {
    auto node = primary();
    while (true) {
      if (peek().kind == TokenKind::dot) {
        advance();
        const Token& name = peek();
        if (name.kind != TokenKind::identifier)
          fail(name, fmt::format("expected a field or method name after '.' but found {}", describe(name)));
        advance();
        if (peek().kind == TokenKind::left_paren) {
          auto call = make(NodeKind::call, node->where);
          call->style = CallStyle::method;
          call->name = name.text;
          call->places().name_where = name.where;
          call->children.push_back(std::move(node));
          arguments(*call);
          node = finish(std::move(call));
        } else {
          auto select = make(NodeKind::select, join(node->where, name.where));
          select->name = name.text;
          select->places().name_where = name.where;
          select->children.push_back(std::move(node));
          node = finish(std::move(select));
        }
      } else if (peek().kind == TokenKind::left_bracket) {
        const Token& open = advance();
        auto index = make(NodeKind::index, node->where);
        index->places().name_where = open.where;
        index->children.push_back(std::move(node));
        index->children.push_back(expression());
        const Token& close = expect(TokenKind::right_bracket, "']'");
        index->where = join(index->where, close.where);
        node = finish(std::move(index));
      } else {
        return node;
      }
    }
  }

  // Parses `( [expr {, expr}] )` into `call`'s children and extends its range. Each
  // argument is an `expression()`, which counts the nesting level.
  void arguments(Node& call)
  {
    expect(TokenKind::left_paren, "'('");
    if (peek().kind != TokenKind::right_paren) {
      do {
        call.children.push_back(expression());
      } while (accept(TokenKind::comma));
    }
    const Token& close = peek();
    if (close.kind != TokenKind::right_paren)
      fail(close, fmt::format("expected ',' or ')' in the arguments of {}() but found {}", call.name,
                              describe(close)));
    advance();
    call.where = join(call.where, close.where);
  }

  void check_name(const Token& t)
  {
    for (auto word : k_reserved)
      if (t.text == word)
        fail(t, fmt::format("'{}' is a reserved word and cannot be used as a name", t.text));
  }

  NodePtr primary()
  {
    const Token& t = peek();
    switch (t.kind) {
    case TokenKind::identifier: {
      check_name(t);
      advance();
      if (peek().kind == TokenKind::left_paren) {
        auto call = make(NodeKind::call, t.where);
        call->name = t.text;
        call->places().name_where = t.where;
        arguments(*call);
        return finish(std::move(call));
      }
      auto node = make(NodeKind::identifier, t.where);
      node->name = t.text;
      node->places().name_where = t.where;
      return finish(std::move(node));
    }
    case TokenKind::integer: {
      if (t.integer_value >= k_int_min_magnitude)
        fail(t, fmt::format("integer literal {} is out of range", t.text));
      advance();
      auto node = make(NodeKind::literal, t.where);
      node->value = literal(Value::integer(static_cast<std::int64_t>(t.integer_value)));
      return finish(std::move(node));
    }
    case TokenKind::decimal:
    case TokenKind::string:
    case TokenKind::kw_true:
    case TokenKind::kw_false:
    case TokenKind::kw_null: {
      advance();
      auto node = make(NodeKind::literal, t.where);
      if (t.kind == TokenKind::decimal)
        node->value = literal(Value::decimal(t.decimal_value));
      else if (t.kind == TokenKind::string)
        node->value = literal(Value::string(t.string_value));
      else if (t.kind == TokenKind::kw_null)
        node->value = literal(Value::null());
      else
        node->value = literal(Value::boolean(t.kind == TokenKind::kw_true));
      return finish(std::move(node));
    }
    case TokenKind::left_paren: {
      advance();
      auto inner = expression();
      const Token& close = expect(TokenKind::right_paren, "')'");
      // The range includes the parentheses, so carets under `(a + b)` cover them.
      inner->where = join(t.where, close.where);
      return inner;
    }
    case TokenKind::left_bracket: {
      advance();
      auto list = make(NodeKind::list, t.where);
      while (peek().kind != TokenKind::right_bracket) {
        list->children.push_back(expression());
        if (!accept(TokenKind::comma))
          break;
      }
      const Token& close = peek();
      if (close.kind != TokenKind::right_bracket)
        fail(close, fmt::format("expected ',' or ']' in the list but found {}", describe(close)));
      advance();
      list->where = join(t.where, close.where);
      return finish(std::move(list));
    }
    case TokenKind::dot:
      fail(t, "unexpected '.': a name is expected before '.'");
    default:
      fail(t, fmt::format("expected an expression but found {}", describe(t)));
    }
  }
};

} // namespace

NodePtr parse(const std::vector<Token>& tokens, int max_depth, diag::DiagnosticBag& bag)
{
  if (tokens.empty())
    return nullptr;
  return Parser(tokens, max_depth, bag).run();
}

} // namespace ghes_topology::expr
