// Tierings: their tiers, `otherwise`, and the conditions after `when`.
//
// A tiering's name used as a value is the customer's tier in it. Its type is known from the
// declaration alone — optional unless the tiering ends with `otherwise` — so tierings may refer
// to each other in any order; the dependency graph (deps.cpp) rejects cycles.
#include "check/checker.hpp"

namespace strata::check {

void Checker::collect_tiering(const ast::TieringDecl& d) {
  TieringSymbol sym;
  sym.name = d.name.text;
  sym.label = d.label ? d.label->text : std::string();
  sym.policy = d.policy;
  sym.decl = &d;
  const auto id = static_cast<std::uint32_t>(m_.tierings.size());
  declare(sym.name, {TopKind::Tiering, id, d.name.span});
  std::unordered_map<std::string, Span> seen;
  for (std::size_t i = 0; i < d.tiers.size(); ++i) {
    const ast::TierDecl& tier = d.tiers[i];
    const auto [it, inserted] = seen.emplace(tier.name.text, tier.name.span);
    if (!inserted) {
      diags_
          .error(DiagCode::DuplicateDefinition, tier.name.span,
                 "tier `" + tier.name.text + "` is defined twice in `" + sym.name + "`",
                 "defined again here")
          .label(it->second, "first defined here")
          .help("give each tier its own id; several tiers may share a label");
    }
    if (tier.otherwise) {
      sym.has_otherwise = true;
      if (i + 1 < d.tiers.size()) {
        diags_
            .error(DiagCode::OtherwiseNotLast, tier.span,
                   "`otherwise` must be the last tier of `" + sym.name + "`",
                   "`" + tier.name.text + "` takes every customer left")
            .label(d.tiers[i + 1].name.span, "so this tier could never match")
            .help("move `tier " + tier.name.text + " ... otherwise` to the end of `" + sym.name +
                  "`");
      }
    }
    sym.tiers.push_back(
        TierSymbol{tier.name.text, tier.label ? tier.label->text : std::string(), &tier});
  }
  collect_holds(d, sym);
  if (d.tiers.empty()) {
    diags_
        .error(DiagCode::EmptyTiering, d.name.span, "tiering `" + sym.name + "` has no tiers",
               "no tiers")
        .help("add tiers, as in `tier top when monetary >= 1_000_000`");
  }
  m_.tierings.push_back(std::move(sym));
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
  for (const TierSymbol& tier : m_.tierings[id].tiers) {
    if (tier.decl->condition) check_condition(*tier.decl->condition, tier.name);
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
