// Declarations, types and tiers: parse-tree nodes to ast::Decl.
#include "build.hpp"
#include "grammar.hpp"
#include "lexer.hpp"

namespace strata::internal {

namespace g = strata::grammar;

Builder::Builder(const SourceManager& sources, FileId file, Diagnostics& diags,
                 ast::ExprId& next_id)
    : sources_(sources),
      file_(file),
      text_(sources.file(file).text()),
      diags_(diags),
      next_id_(next_id) {}

std::uint32_t Builder::offset(const char* p) const {
  return static_cast<std::uint32_t>(p - text_.data());
}

// A node's text without the whitespace and comments that the grammar skips before its first
// token (nothing follows its last token, by the grammar's whitespace convention).
Span Builder::span(const Node& node) const {
  const std::uint32_t begin = offset(node.m_begin.data);
  const std::uint32_t end = offset(node.m_end.data);
  const auto trimmed = static_cast<std::uint32_t>(skip_trivia(text_.substr(0, end), begin));
  return Span{file_, trimmed, end};
}

ast::Ident Builder::ident(const Node& node) const {
  return {node.string(), span(node)};
}

ast::Label Builder::label(const Node& node) {
  return {decode_string(node), span(node)};
}

// type_ref: (type_name | enum_type) optional_mark? range_bound range_bound?
ast::TypeRef Builder::type(const Node& node) {
  using K = ast::TypeKeyword;
  ast::TypeRef ref;
  ref.span = span(node);
  const Node& head = *node.children.at(0);
  if (head.is_type<g::enum_type>()) {
    ref.keyword = K::Enum;
    for (const auto& member : head.children) ref.enum_members.push_back(ident(*member));
  } else {
    const std::string_view name = head.string_view();
    static constexpr std::pair<std::string_view, K> kNames[] = {
        {"int", K::Int},           {"decimal", K::Decimal},  {"money", K::Money},
        {"bool", K::Bool},         {"string", K::String},    {"date", K::Date},
        {"datetime", K::DateTime}, {"duration", K::Duration}};
    for (const auto& [text, keyword] : kNames) {
      if (name == text) ref.keyword = keyword;
    }
  }
  std::vector<const Node*> bounds;
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::optional_mark>()) {
      ref.optional = true;
    } else if (child.is_type<g::range_bound>()) {
      bounds.push_back(&child);
    }
  }
  // Range bounds stay literals: a leading minus becomes part of the literal's text.
  for (std::size_t i = 0; i < bounds.size() && i < 2; ++i) {
    Built bound = literal(*bounds[i]->children.at(0));
    if (bounds[i]->string_view().front() == '-') {
      bound.expr->span = span(*bounds[i]);
      auto* lit = bound.expr->as<ast::LiteralExpr>();
      lit->text.insert(lit->text.begin(), '-');
    }
    (i == 0 ? ref.range_low : ref.range_high) = std::move(bound.expr);
  }
  return ref;
}

// field_decl: identifier type_ref
ast::FieldDecl Builder::field(const Node& node) {
  return {ident(*node.children.at(0)), type(*node.children.at(1)), span(node)};
}

// tier_decl: identifier label? condition? tier_block?   (no condition: `otherwise`)
ast::TierDecl Builder::tier(const Node& node) {
  ast::TierDecl tier;
  tier.span = span(node);
  tier.name = ident(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::label>()) {
      tier.label = label(child);
    } else if (child.is_type<g::tier_block>()) {
      tier.has_block = true;
      for (const auto& sub : child.children) tier.children.push_back(this->tier(*sub));
    } else {
      tier.condition = expr(child).expr;
    }
  }
  tier.otherwise = tier.condition == nullptr;
  return tier;
}

// tiering_decl: identifier label? (product_def | policy? (table_body | (tier_decl | hold_decl)*))
ast::TieringDecl Builder::tiering(const Node& node) {
  ast::TieringDecl tiering;
  tiering.span = span(node);
  tiering.name = ident(*node.children.at(0));
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const Node& child = *node.children[i];
    if (child.is_type<g::label>()) {
      tiering.label = label(child);
    } else if (child.is_type<g::policy>()) {
      tiering.policy =
          child.string_view() == "unique" ? ast::HitPolicy::Unique : ast::HitPolicy::First;
      tiering.policy_span = span(child);
    } else if (child.is_type<g::table_body>()) {
      tiering.form = ast::TieringForm::Table;
      tiering.table = table(child);
      // A table's `hold` lines sit among its rows; they belong to the tiering.
      for (const auto& item : child.children) {
        if (item->is_type<g::hold_decl>()) tiering.holds.push_back(hold(*item));
      }
    } else if (child.is_type<g::hold_decl>()) {
      tiering.holds.push_back(hold(child));
    } else if (child.is_type<g::product_def>()) {
      tiering.form = ast::TieringForm::Product;
      for (const auto& operand : child.children) tiering.product.push_back(expr(*operand).expr);
    } else {
      tiering.tiers.push_back(tier(child));
    }
  }
  return tiering;
}

// hold_decl: hold_direction int_lit
ast::HoldDecl Builder::hold(const Node& node) {
  ast::HoldDecl h;
  h.span = span(node);
  h.demote = node.children.at(0)->string_view().find("demote") != std::string_view::npos;
  const Node& runs = *node.children.at(1);
  h.runs = runs.string();
  h.runs_span = span(runs);
  return h;
}

ast::Decl Builder::decl(const Node& node) {
  const auto& kids = node.children;
  if (node.is_type<g::calendar_decl>()) return calendar(node);
  if (node.is_type<g::sop_decl>()) return sop(node);
  if (node.is_type<g::kpi_decl>()) return kpi(node);
  if (node.is_type<g::record_decl>()) {
    ast::RecordDecl record{ident(*kids.at(0)), ident(*kids.at(1)), {}, span(node)};
    for (std::size_t i = 2; i < kids.size(); ++i) record.fields.push_back(field(*kids[i]));
    return record;
  }
  if (node.is_type<g::events_decl>()) {
    ast::EventsDecl events{
        ident(*kids.at(0)), ident(*kids.at(1)), ident(*kids.at(2)), {}, span(node)};
    for (std::size_t i = 3; i < kids.size(); ++i) events.fields.push_back(field(*kids[i]));
    return events;
  }
  if (node.is_type<g::param_decl>() || node.is_type<g::let_decl>()) {
    ast::Ident name = ident(*kids.at(0));
    std::optional<ast::TypeRef> declared;
    ast::ExprPtr value;
    for (std::size_t i = 1; i < kids.size(); ++i) {
      if (kids[i]->is_type<g::type_ref>()) {
        declared = type(*kids[i]);
      } else {
        value = expr(*kids[i]).expr;
      }
    }
    if (node.is_type<g::param_decl>()) {
      return ast::ParamDecl{std::move(name), std::move(declared), std::move(value), span(node)};
    }
    return ast::LetDecl{std::move(name), std::move(declared), std::move(value), span(node)};
  }
  if (node.is_type<g::use_decl>()) {
    return ast::UseDecl{decode_string(*kids.at(0)), span(node)};
  }
  return tiering(node);
}

}  // namespace strata::internal
