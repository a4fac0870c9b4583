// Style rules: unused-definition, duplicate-label, missing-label.
//
// A let or param is used when a tiering or an SOP (its filters, start dates, owners and
// messages) reads it, directly or through lets; `as_of` also when there are SOPs, since it is
// the run's date they are measured at. A calendar is used when an obligation measures time on it.
//
// Labels are checked on every tier of tier lists (sub-tiers included) and decision tables, at the
// tier line or the table row where the label is written.
#include <map>
#include <optional>
#include <unordered_map>

#include "lint/context.hpp"
#include "lint/walk.hpp"

namespace strata::linter {

namespace {

// What each let and param is used by: tierings, KPIs and SOPs are the outputs of a run, so a
// definition is used when one of them reads it, directly or through lets.
struct Usage {
  std::vector<bool> let_used, param_used;
  std::vector<std::vector<std::uint32_t>> let_users;    // let -> lets that read it
  std::vector<std::vector<std::uint32_t>> param_users;  // param -> lets that read it
};

void collect_refs(const Model& m, const ast::Expr& e, std::vector<std::uint32_t>& lets,
                  std::vector<std::uint32_t>& params) {
  walk(e, [&](const ast::Expr& x) {
    if (x.as<ast::NameExpr>() || x.as<ast::MemberExpr>()) {
      const Resolution& r = m.names[x.id];
      if (r.kind == SymbolKind::Let) lets.push_back(r.index);
      if (r.kind == SymbolKind::Param) params.push_back(r.index);
    }
    return true;
  });
}

Usage find_usage(const Model& m) {
  Usage u;
  u.let_used.assign(m.lets.size(), false);
  u.param_used.assign(m.params.size(), false);
  u.let_users.resize(m.lets.size());
  u.param_users.resize(m.params.size());
  std::vector<std::vector<std::uint32_t>> let_lets(m.lets.size()), let_params(m.lets.size());
  for (std::uint32_t l = 0; l < m.lets.size(); ++l) {
    if (!m.lets[l].decl || !m.lets[l].decl->value) continue;
    collect_refs(m, *m.lets[l].decl->value, let_lets[l], let_params[l]);
    for (std::uint32_t d : let_lets[l]) u.let_users[d].push_back(l);
    for (std::uint32_t p : let_params[l]) u.param_users[p].push_back(l);
  }
  std::vector<std::uint32_t> stack, params;
  for (const TieringSymbol& t : m.tierings) {
    for (const ast::Expr* e : t.expressions()) collect_refs(m, *e, stack, params);
  }
  for (const KpiSymbol& k : m.kpis) {
    if (k.decl && k.decl->value) collect_refs(m, *k.decl->value, stack, params);
  }
  for (const SopSymbol& sop : m.sops) {
    for (const ast::Expr* e : sop_expressions(sop)) collect_refs(m, *e, stack, params);
  }
  if (!m.sops.empty()) {
    if (const auto as_of = m.find_param("as_of")) params.push_back(*as_of);
  }
  for (std::uint32_t p : params) u.param_used[p] = true;
  while (!stack.empty()) {
    const std::uint32_t l = stack.back();
    stack.pop_back();
    if (u.let_used[l]) continue;
    u.let_used[l] = true;
    for (std::uint32_t d : let_lets[l]) stack.push_back(d);
    for (std::uint32_t p : let_params[l]) u.param_used[p] = true;
  }
  return u;
}

std::string user_list(const Model& m, const std::vector<std::uint32_t>& lets) {
  std::string out;
  for (std::size_t i = 0; i < lets.size() && i < 3; ++i) {
    if (i > 0) out += i + 1 == lets.size() ? " and " : ", ";
    out += "`" + m.lets[lets[i]].name + "`";
  }
  if (lets.size() > 3) out += " and others";
  return out;
}

void check_unused(Context& ctx) {
  const Model& m = ctx.model();
  const Usage u = find_usage(m);
  const char* why = m.sops.empty() ? "no tiering or KPI reads it, directly or through lets"
                                   : "no tiering, KPI or SOP reads it, directly or through lets";
  for (std::uint32_t l = 0; l < m.lets.size(); ++l) {
    if (u.let_used[l] || !m.lets[l].decl) continue;
    Finding& f = ctx.report(LintRule::UnusedDefinition, m.lets[l].decl->name.span,
                            "let `" + m.lets[l].name + "` is never used", "defined here");
    f.diag.notes.push_back(u.let_users[l].empty() ? why
                                                  : "only " + user_list(m, u.let_users[l]) +
                                                        " read it, and nothing uses them either");
    f.diag.help = "remove it; to output it from a run, pass `--columns " + m.lets[l].name +
                  "` and allow this rule on its line";
  }
  for (std::uint32_t p = 0; p < m.params.size(); ++p) {
    if (u.param_used[p] || !m.params[p].decl) continue;
    Finding& f = ctx.report(LintRule::UnusedDefinition, m.params[p].decl->name.span,
                            "param `" + m.params[p].name + "` is never used", "defined here");
    f.diag.notes.push_back(u.param_users[p].empty() ? why
                                                    : "only " + user_list(m, u.param_users[p]) +
                                                          " read it, and nothing uses them either");
    f.diag.help = "remove it, or use it in the condition it was meant for";
  }
  std::vector<bool> calendar_used(m.calendars.size(), false);
  for (const SopSymbol& sop : m.sops) {
    for (const ObligationSymbol& o : sop.obligations) {
      if (o.calendar) calendar_used[*o.calendar] = true;
    }
  }
  for (std::uint32_t c = 0; c < m.calendars.size(); ++c) {
    if (calendar_used[c] || !m.calendars[c].decl) continue;
    const std::string& name = m.calendars[c].name;
    Finding& f = ctx.report(LintRule::UnusedDefinition, m.calendars[c].decl->name.span,
                            "calendar `" + name + "` is never used", "defined here");
    f.diag.notes.push_back("no obligation measures its time limit on it");
    f.diag.help =
        "remove it, or measure the obligation it was meant for on it: `respond ... "
        "within 4h on " +
        name + "`";
  }
}

// Where a tier's label is written: its tier line, or the first table row that labels it.
std::optional<Span> label_span(const TieringSymbol& t, std::uint32_t i) {
  const TierSymbol& tier = t.tiers[i];
  if (tier.decl)
    return tier.decl->label ? std::optional<Span>(tier.decl->label->span) : std::nullopt;
  if (!t.table) return std::nullopt;
  for (const TableRowSymbol& row : t.table->rows) {
    if (row.tier == i && row.row->label) return row.row->label->span;
  }
  return std::nullopt;
}

void check_tier_labels(Context& ctx, const TieringSymbol& t) {
  // Labels are told apart among siblings: `top.other` and `large.other` may both be "其他",
  // since reports show the path of labels.
  std::map<std::pair<std::optional<std::uint32_t>, std::string>, std::uint32_t> seen;
  for (std::uint32_t i = 0; i < t.tiers.size(); ++i) {
    const TierSymbol& tier = t.tiers[i];
    const std::optional<Span> at = label_span(t, i);
    if (!at) {
      Finding& f = ctx.report(LintRule::MissingLabel, tier.span,
                              "tier `" + tier.name + "` of `" + t.name + "` has no label",
                              "no label for people");
      f.diag.help =
          t.table ? "add one after the tier in one of its rows: `-> " + tier.local + " \"...\"`"
                  : "add one after the id: `tier " + tier.local + " \"...\"`";
      continue;
    }
    auto [it, fresh] = seen.emplace(std::make_pair(tier.parent, tier.label), i);
    if (fresh) continue;
    Finding& f = ctx.report(LintRule::DuplicateLabel, *at,
                            "tiers `" + t.tiers[it->second].name + "` and `" + tier.name +
                                "` of `" + t.name + "` have the same label",
                            "same label");
    add_label(f, *label_span(t, it->second), "first used here");
    f.diag.notes.push_back("reports and explanations show labels, so people cannot tell the " +
                           std::string("two tiers apart"));
    f.diag.help = "give each tier a label of its own";
  }
}

void check_labels(Context& ctx) {
  const Model& m = ctx.model();
  std::unordered_map<std::string, const ast::TieringDecl*> tiering_labels;
  for (const TieringSymbol& t : m.tierings) {
    const ast::TieringDecl* d = t.decl;
    if (!d) continue;
    if (!d->label) {
      ctx.report(LintRule::MissingLabel, d->name.span, "tiering `" + t.name + "` has no label",
                 "no label for people")
          .diag.help = "add one after the name: `tiering " + t.name + " \"...\" {`";
    } else if (auto [it, fresh] = tiering_labels.emplace(d->label->text, d); !fresh) {
      Finding& f = ctx.report(
          LintRule::DuplicateLabel, d->label->span,
          "tierings `" + it->second->name.text + "` and `" + t.name + "` have the same label",
          "same label");
      add_label(f, it->second->label->span, "first used here");
      f.diag.help = "give each tiering a label of its own";
    }
    // A product's tiers carry its operands' labels, checked there.
    if (t.form != ast::TieringForm::Product) check_tier_labels(ctx, t);
  }
}

}  // namespace

void check_style(Context& ctx) {
  if (ctx.enabled(LintRule::UnusedDefinition)) check_unused(ctx);
  if (ctx.enabled(LintRule::DuplicateLabel) || ctx.enabled(LintRule::MissingLabel)) {
    check_labels(ctx);
  }
}

}  // namespace strata::linter
