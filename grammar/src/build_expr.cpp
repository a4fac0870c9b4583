// Expressions: parse-tree nodes of the expression grammar to ast::Expr.
#include <algorithm>
#include <string>

#include "build.hpp"
#include "grammar.hpp"
#include "utf8.hpp"

namespace strata::internal {

namespace g = strata::grammar;
using ast::BinaryOp;

Builder::Built Builder::make(Span s, decltype(ast::Expr::node) value, int depth) {
  if (depth > kMaxTreeDepth) throw TreeTooDeep{s};
  auto e = std::make_unique<ast::Expr>();
  e->id = next_id_++;
  e->span = s;
  e->node = std::move(value);
  return {std::move(e), depth};
}

// Any expression node: dispatches on the rule that produced it.
Builder::Built Builder::expr(const Node& node) {
  if (node.is_type<g::identifier>()) {
    return make(span(node), ast::NameExpr{node.string()}, 1);
  }
  if (node.is_type<g::call_expr>()) return call(node);
  if (node.is_type<g::paren_expr>()) {
    // No node of its own: the inner expression takes in the parentheses, so that an expression
    // built on it (`(r > avg(r)) ?? false`) spans its whole text, as explanations show it.
    Built inner = expr(*node.children.at(0));
    inner.expr->span = span(node);
    return inner;
  }
  if (node.is_type<g::postfix_expr>()) return postfix(node);
  if (node.is_type<g::unary_expr>() || node.is_type<g::not_expr>()) return prefix(node);
  if (node.is_type<g::mul_expr>() || node.is_type<g::add_expr>() ||
      node.is_type<g::coalesce_expr>() || node.is_type<g::and_expr>() ||
      node.is_type<g::or_expr>()) {
    return binary_chain(node);
  }
  if (node.is_type<g::cmp_expr>()) return comparison(node);
  if (node.is_type<g::if_expr>()) {
    Built c = expr(*node.children.at(0));
    Built t = expr(*node.children.at(1));
    Built e = expr(*node.children.at(2));
    const int depth = 1 + std::max({c.depth, t.depth, e.depth});
    return make(span(node), ast::IfExpr{std::move(c.expr), std::move(t.expr), std::move(e.expr)},
                depth);
  }
  return literal(node);
}

// Literals keep their source text, except strings (decoded) and percentages (without `%`).
Builder::Built Builder::literal(const Node& node) {
  using K = ast::LiteralKind;
  K kind = K::None;
  std::string text = node.string();
  if (node.is_type<g::int_lit>()) {
    kind = K::Int;
  } else if (node.is_type<g::decimal_lit>()) {
    kind = K::Decimal;
  } else if (node.is_type<g::percent_lit>()) {
    kind = K::Percent;
    text.pop_back();
  } else if (node.is_type<g::string_lit>()) {
    kind = K::String;
    text = decode_string(node);
  } else if (node.is_type<g::bool_lit>()) {
    kind = K::Bool;
  } else if (node.is_type<g::none_lit>()) {
    kind = K::None;
  } else if (node.is_type<g::today_lit>()) {
    kind = K::Today;
  } else if (node.is_type<g::date_lit>()) {
    kind = K::Date;
  } else if (node.is_type<g::datetime_lit>()) {
    kind = K::DateTime;
  } else if (node.is_type<g::duration_lit>()) {
    kind = K::Duration;
  } else if (node.is_type<g::period_lit>()) {
    kind = K::Period;
  }
  return make(span(node), ast::LiteralExpr{kind, std::move(text)}, 1);
}

// call_expr: callee, the first argument, an optional where_filter, further arguments.
Builder::Built Builder::call(const Node& node) {
  ast::CallExpr call;
  call.callee = ident(*node.children.at(0));
  int depth = 1;
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::where_filter>()) {
      Built filter = expr(*child.children.at(0));
      depth = std::max(depth, filter.depth + 1);
      call.filter = std::move(filter.expr);
    } else {
      Built arg = expr(child);
      depth = std::max(depth, arg.depth + 1);
      call.args.push_back(std::move(arg.expr));
    }
  }
  return make(span(node), std::move(call), depth);
}

// postfix_expr: a primary then `.member` suffixes, applied left to right.
Builder::Built Builder::postfix(const Node& node) {
  Built result = expr(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    ast::Ident member = ident(*node.children[i]);
    const Span s = Span::merge(result.expr->span, member.span);
    result = make(s, ast::MemberExpr{std::move(result.expr), std::move(member)}, result.depth + 1);
  }
  return result;
}

// unary_expr / not_expr: prefix operators then the operand; the innermost operator applies first.
Builder::Built Builder::prefix(const Node& node) {
  const auto& kids = node.children;
  Built result = expr(*kids.back());
  for (std::size_t i = kids.size() - 1; i-- > 0;) {
    const ast::UnaryOp op =
        kids[i]->is_type<g::neg_op>() ? ast::UnaryOp::Negate : ast::UnaryOp::Not;
    const Span s = Span::merge(span(*kids[i]), result.expr->span);
    result = make(s, ast::UnaryExpr{op, std::move(result.expr)}, result.depth + 1);
  }
  return result;
}

BinaryOp binary_op(std::string_view op) {
  if (op == "+") return BinaryOp::Add;
  if (op == "-") return BinaryOp::Sub;
  if (op == "*") return BinaryOp::Mul;
  if (op == "/") return BinaryOp::Div;
  if (op == "==") return BinaryOp::Eq;
  if (op == "!=") return BinaryOp::Ne;
  if (op == "<") return BinaryOp::Lt;
  if (op == "<=") return BinaryOp::Le;
  if (op == ">") return BinaryOp::Gt;
  if (op == ">=") return BinaryOp::Ge;
  if (op == "and") return BinaryOp::And;
  if (op == "or") return BinaryOp::Or;
  return BinaryOp::Coalesce;
}

// operand (op operand)*: left associative.
Builder::Built Builder::binary_chain(const Node& node) {
  const auto& kids = node.children;
  Built result = expr(*kids.at(0));
  for (std::size_t i = 1; i + 1 < kids.size(); i += 2) {
    Built rhs = expr(*kids[i + 1]);
    const Span s = Span::merge(result.expr->span, rhs.expr->span);
    const int depth = 1 + std::max(result.depth, rhs.depth);
    result = make(s,
                  ast::BinaryExpr{binary_op(kids[i]->string_view()), std::move(result.expr),
                                  std::move(rhs.expr), span(*kids[i])},
                  depth);
  }
  return result;
}

// cmp_expr: an operand and one comparison tail (binary, between, in or is).
Builder::Built Builder::comparison(const Node& node) {
  Built value = expr(*node.children.at(0));
  const Node& tail = *node.children.at(1);
  const Span s = Span::merge(value.expr->span, span(tail));
  const auto& kids = tail.children;
  if (tail.is_type<g::cmp_binary>()) {
    Built rhs = expr(*kids.at(1));
    const int depth = 1 + std::max(value.depth, rhs.depth);
    return make(s,
                ast::BinaryExpr{binary_op(kids[0]->string_view()), std::move(value.expr),
                                std::move(rhs.expr), span(*kids[0])},
                depth);
  }
  const bool negated = !kids.empty() && kids[0]->is_type<g::negation>();
  const std::size_t first = negated ? 1 : 0;
  int depth = value.depth + 1;
  if (tail.is_type<g::between_tail>()) {
    Built low = expr(*kids.at(first));
    Built high = expr(*kids.at(first + 1));
    depth = 1 + std::max({value.depth, low.depth, high.depth});
    return make(
        s,
        ast::BetweenExpr{std::move(value.expr), std::move(low.expr), std::move(high.expr), negated},
        depth);
  }
  if (tail.is_type<g::in_tail>()) {
    ast::InExpr in{std::move(value.expr), {}, negated};
    for (std::size_t i = first; i < kids.size(); ++i) {
      Built item = expr(*kids[i]);
      depth = std::max(depth, item.depth + 1);
      in.items.push_back(std::move(item.expr));
    }
    return make(s, std::move(in), depth);
  }
  // is_tail: `none` leaves the target empty; a sub-tier's id is joined with dots.
  ast::IsExpr is{std::move(value.expr), std::nullopt, negated};
  const Node& target = *kids.at(first);
  if (target.is_type<g::identifier>()) {
    is.target = ident(target);
    for (std::size_t i = first + 1; i < kids.size(); ++i) {
      const ast::Ident part = ident(*kids[i]);
      is.target->text += "." + part.text;
      is.target->span = Span::merge(is.target->span, part.span);
    }
  }
  return make(s, std::move(is), depth);
}

// The text between the quotes with escapes resolved. The grammar has already checked the escape
// shapes; a `\u{...}` naming a surrogate or a value past U+10FFFF is reported here.
std::string Builder::decode_string(const Node& node) {
  const std::string_view raw = node.string_view();
  const std::string_view body = raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0);
  return decode_body(body, offset(raw.data()) + 1);
}

std::string Builder::decode_body(std::string_view body, std::uint32_t body_offset) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    const char code = body[++i];
    switch (code) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const std::size_t close = body.find('}', i);
        const std::string_view hex = body.substr(i + 2, close - i - 2);
        const char32_t value = static_cast<char32_t>(std::stoul(std::string(hex), nullptr, 16));
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
          const std::uint32_t begin = body_offset + static_cast<std::uint32_t>(i) - 1;
          const std::uint32_t end = body_offset + static_cast<std::uint32_t>(close) + 1;
          diags_
              .error(
                  DiagCode::InvalidEscape, Span{file_, begin, end},
                  "invalid escape sequence `" + std::string(text_.substr(begin, end - begin)) + "`",
                  "not a Unicode scalar value")
              .help(
                  "`\\u{...}` takes a code point up to 10FFFF that is not a surrogate (D800-DFFF)");
          out += "\xEF\xBF\xBD";  // U+FFFD keeps the rest of the string usable
        } else {
          append_utf8(out, value);
        }
        i = close;
        break;
      }
      default:
        out += code;
        break;  // `\"`, `\\`, `\{` and `\}`
    }
  }
  return out;
}

}  // namespace strata::internal
