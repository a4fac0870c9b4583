// Products of tierings: `tiering key = pyramid * rfm` has a tier for every combination.
//
// The tiers form a tree, one level per operand: `top`, then `top.important_value`, ... A
// customer's tier follows the operands' results from the first: in `top` of pyramid and in
// `important_value` of rfm gives `top.important_value`; a customer whose rfm is none stays at
// `top`, one whose pyramid is none has no tier. Operands must be tierings without sub-tiers, so
// every level is one operand; products are expanded as soon as every tiering is collected, before
// any condition that may test their tiers is checked.
#include <algorithm>

#include "check/checker.hpp"

namespace strata::check {

namespace {

// Safety limit: a product of large tierings could otherwise ask for millions of tiers.
constexpr std::size_t kMaxProductTiers = 100'000;

}  // namespace

void Checker::expand_products() {
  for (std::uint32_t id = 0; id < m_.tierings.size(); ++id) {
    if (m_.tierings[id].form != ast::TieringForm::Product) continue;
    owner_ = Node{Node::Kind::Tiering, id};
    const ast::TieringDecl& d = *m_.tierings[id].decl;
    std::vector<std::uint32_t> operands;
    bool ok = true;
    for (const ast::ExprPtr& operand : d.product) {
      const std::optional<std::uint32_t> t = product_operand(*operand, id, operands);
      ok = ok && t.has_value();
      if (t) operands.push_back(*t);
    }
    owner_.reset();
    TieringSymbol& sym = m_.tierings[id];
    sym.operands = operands;
    if (!ok) continue;
    std::size_t count = 0, level = 1;
    for (std::uint32_t t : operands) {
      level *= m_.tierings[t].tiers.size();
      count += level;
      if (count > kMaxProductTiers) break;
    }
    if (count > kMaxProductTiers) {
      diags_
          .error(DiagCode::BadProduct, Span::merge(d.product.front()->span, d.product.back()->span),
                 "the product `" + sym.name + "` would have more than " +
                     std::to_string(kMaxProductTiers) + " tiers",
                 "too many combinations")
          .help("combine fewer or smaller tierings, or subdivide only some tiers with sub-tiers");
      continue;
    }
    expand_level(sym, 0, std::nullopt);
    sym.has_otherwise = m_.tierings[operands.front()].has_otherwise;
  }
}

// Resolves one operand: a tiering without sub-tiers, not the product itself, not listed twice.
std::optional<std::uint32_t> Checker::product_operand(const ast::Expr& e, std::uint32_t product,
                                                      const std::vector<std::uint32_t>& before) {
  const std::string& name = e.as<ast::NameExpr>()->name;
  const auto top = top_.find(name);
  if (top == top_.end() || top->second.kind != TopKind::Tiering) {
    std::vector<std::string> tierings;
    for (const TieringSymbol& t : m_.tierings) tierings.push_back(t.name);
    if (top == top_.end()) {
      auto b = diags_.error(DiagCode::UnknownName, e.span, "unknown tiering `" + name + "`",
                            "not defined");
      if (auto near = closest_name(name, tierings)) {
        b.help("did you mean `" + *near + "`?");
      } else {
        std::string list;
        for (const std::string& t : tierings) list += (list.empty() ? "" : ", ") + t;
        b.help("a product combines tierings; the tierings are " + list);
      }
    } else {
      diags_
          .error(DiagCode::BadProduct, e.span,
                 "`" + name + "` is not a tiering, so it cannot be part of a product",
                 "not a tiering")
          .help("a product combines tierings: `tiering key = pyramid * rfm`");
    }
    return std::nullopt;
  }
  const std::uint32_t t = top->second.index;
  const TieringSymbol& operand = m_.tierings[t];
  std::optional<std::string> problem;
  if (t == product) {
    problem = "a product cannot contain itself";
  } else if (operand.form == ast::TieringForm::Product) {
    problem = "`" + name + "` is itself a product; list its operands instead";
  } else if (std::find(before.begin(), before.end(), t) != before.end()) {
    problem = "`" + name + "` appears twice in the product";
  } else {
    for (std::uint32_t i = 0; i < operand.tiers.size() && !problem; ++i) {
      if (operand.has_children(i)) {
        problem = "`" + name + "` has sub-tiers (`" + operand.tiers[i + 1].name +
                  "`); a product combines tierings without sub-tiers";
      }
    }
  }
  if (problem) {
    diags_.error(DiagCode::BadProduct, e.span, *problem, "cannot be combined here")
        .help("a product's operands are tierings with one level of tiers, each named once");
    return std::nullopt;
  }
  m_.names[e.id] = {SymbolKind::Tiering, t, 0};
  Type type = Type::of(TypeKind::Tier, !operand.has_otherwise);
  type.ref = t;
  set(e, type);
  use({Node::Kind::Tiering, t});
  return t;
}

// Appends the tiers of operand `level` below `parent`, each followed by its own combinations.
void Checker::expand_level(TieringSymbol& sym, std::size_t level,
                           std::optional<std::uint32_t> parent) {
  const TieringSymbol& operand = m_.tierings[sym.operands[level]];
  for (const TierSymbol& part : operand.tiers) {
    TierSymbol tier;
    tier.local = part.name;
    tier.name = parent ? sym.tiers[*parent].name + "." + part.name : part.name;
    tier.label = part.label;
    tier.span = sym.decl->product[level]->span;
    tier.parent = parent;
    tier.depth = static_cast<std::uint32_t>(level);
    const auto index = static_cast<std::uint32_t>(sym.tiers.size());
    sym.tiers.push_back(std::move(tier));
    if (level + 1 < sym.operands.size()) expand_level(sym, level + 1, index);
    sym.tiers[index].end = static_cast<std::uint32_t>(sym.tiers.size());
  }
}

}  // namespace strata::check
