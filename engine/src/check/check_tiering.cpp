// Tierings: their tiers (sub-tiers included), `otherwise`, and the conditions after `when`.
//
// A tiering's name used as a value is the customer's tier in it. Its type is known from the
// declaration alone — optional unless the tiering ends with `otherwise` — so tierings may refer
// to each other in any order; the dependency graph (deps.cpp) rejects cycles. Tiers are listed in
// pre-order with dotted ids (`top.important_value`), so a tier and its sub-tiers are one range of
// indices. Decision tables are in check_table.cpp, products in check_product.cpp.
#include "check/checker.hpp"

namespace strata::check {

void Checker::collect_tiering(const ast::TieringDecl& d) {
  TieringSymbol sym;
  sym.name = d.name.text;
  sym.label = d.label ? d.label->text : std::string();
  sym.policy = d.policy;
  sym.form = d.form;
  sym.decl = &d;
  const auto id = static_cast<std::uint32_t>(m_.tierings.size());
  declare(sym.name, {TopKind::Tiering, id, d.name.span});
  switch (d.form) {
    case ast::TieringForm::Tiers:
      collect_tiers(sym, d.tiers, std::nullopt);
      for (const TierSymbol& tier : sym.tiers) {
        sym.has_otherwise = sym.has_otherwise || (!tier.parent && tier.otherwise);
      }
      if (d.tiers.empty()) {
        diags_
            .error(DiagCode::EmptyTiering, d.name.span, "tiering `" + sym.name + "` has no tiers",
                   "no tiers")
            .help("add tiers, as in `tier top when monetary >= 1_000_000`");
      }
      break;
    case ast::TieringForm::Table:
      collect_table_tiers(sym);
      break;
    case ast::TieringForm::Product:
      break;  // its tiers follow from its operands: expand_products()
  }
  collect_holds(d, sym);
  m_.tierings.push_back(std::move(sym));
}

// One level of tiers, appended in pre-order under `parent`.
void Checker::collect_tiers(TieringSymbol& sym, const std::vector<ast::TierDecl>& level,
                            std::optional<std::uint32_t> parent) {
  const std::string prefix = parent ? sym.tiers[*parent].name + "." : std::string();
  const std::uint32_t depth = parent ? sym.tiers[*parent].depth + 1 : 0;
  std::unordered_map<std::string, Span> seen;
  for (std::size_t i = 0; i < level.size(); ++i) {
    const ast::TierDecl& tier = level[i];
    const std::string id = prefix + tier.name.text;
    const auto [it, inserted] = seen.emplace(tier.name.text, tier.name.span);
    if (!inserted) {
      diags_
          .error(DiagCode::DuplicateDefinition, tier.name.span,
                 "tier `" + id + "` is defined twice in `" + sym.name + "`", "defined again here")
          .label(it->second, "first defined here")
          .help("give each tier its own id; several tiers may share a label");
    }
    if (tier.otherwise && i + 1 < level.size()) {
      diags_
          .error(DiagCode::OtherwiseNotLast, tier.span,
                 "`otherwise` must be the last tier of `" +
                     (parent ? sym.tiers[*parent].name : sym.name) + "`",
                 "`" + tier.name.text + "` takes every customer left")
          .label(level[i + 1].name.span, "so this tier could never match")
          .help("move `tier " + tier.name.text + " ... otherwise` to the end of " +
                (parent ? "the sub-tiers of `" + sym.tiers[*parent].name + "`"
                        : "`" + sym.name + "`"));
    }
    TierSymbol ts;
    ts.name = id;
    ts.local = tier.name.text;
    ts.label = tier.label ? tier.label->text : std::string();
    ts.span = tier.name.span;
    ts.decl = &tier;
    ts.parent = parent;
    ts.depth = depth;
    ts.otherwise = tier.otherwise;
    const auto index = static_cast<std::uint32_t>(sym.tiers.size());
    sym.tiers.push_back(std::move(ts));
    if (tier.has_block && tier.children.empty()) {
      diags_
          .error(DiagCode::EmptyTiering, tier.name.span,
                 "tier `" + id + "` of `" + sym.name + "` has an empty block of sub-tiers",
                 "no sub-tiers")
          .help("add sub-tiers inside the braces, or remove the braces");
    }
    collect_tiers(sym, tier.children, index);
    sym.tiers[index].end = static_cast<std::uint32_t>(sym.tiers.size());
  }
}

// `hold demote N` / `hold promote N`: N consecutive runs, at least 1, each direction once.
void Checker::collect_holds(const ast::TieringDecl& d, TieringSymbol& sym) {
  const ast::HoldDecl* seen[2] = {nullptr, nullptr};
  for (const ast::HoldDecl& h : d.holds) {
    const char* dir = h.demote ? "demote" : "promote";
    const ast::HoldDecl*& first = seen[h.demote ? 0 : 1];
    if (first != nullptr) {
      diags_
          .error(DiagCode::BadHold, h.span,
                 "`hold " + std::string(dir) + "` is written twice in `" + sym.name + "`",
                 "written again here")
          .label(first->span, "first written here")
          .help("keep one `hold " + std::string(dir) + " N` line");
      continue;
    }
    first = &h;
    std::string digits;
    for (char c : h.runs) {
      if (c != '_') digits += c;
    }
    const bool ok = !digits.empty() && digits.size() <= 4 && std::stoi(digits) >= 1;
    if (!ok) {
      diags_
          .error(DiagCode::BadHold, h.runs_span,
                 "`hold " + std::string(dir) + "` needs 1 to 9999 runs, got " + h.runs,
                 "not a number of runs")
          .help("write `hold " + std::string(dir) +
                " 2`: a move takes effect after 2 consecutive runs; 1 means at once");
      continue;
    }
    (h.demote ? sym.hold.demote : sym.hold.promote) = static_cast<std::uint32_t>(std::stoi(digits));
  }
}

void Checker::check_tiering(std::uint32_t id) {
  owner_ = Node{Node::Kind::Tiering, id};
  event_scope_.reset();
  const TieringSymbol& sym = m_.tierings[id];
  if (sym.form == ast::TieringForm::Table) {
    check_table(id);
  } else {
    for (const TierSymbol& tier : sym.tiers) {
      if (tier.decl && tier.decl->condition) check_condition(*tier.decl->condition, tier.name);
    }
  }
  owner_.reset();
}

void Checker::check_condition(const ast::Expr& e, const std::string& tier) {
  const Type t = check(e);
  if (t.is_error() || t.kind == TypeKind::Bool) return;
  diags_
      .error(DiagCode::ConditionNotBool, e.span,
             "the condition of tier `" + tier + "` is `" + name_of(t) + "`, not a yes/no value",
             "this is `" + name_of(t) + "`")
      .help("compare it with something, as in `" + std::string(m_.sources->text(e.span)) + " > 0`");
}

}  // namespace strata::check
