// Rules about single expressions in lets and tier conditions: constant-condition,
// impossible-range, possible-division-by-zero and unit-mismatch.
//
// Each let body and tier condition is walked once (event filters inside aggregates are not: they
// are about events, not customers). A comparison is constant when the search proves one of its
// outcomes impossible; an `and` is an impossible range when both sides can hold but not together.
// A division is reported when its divisor can be zero where it is evaluated: under the `if`
// branches and `and`/`or` left sides that lead to it.
#include "lint/analysis.hpp"
#include "lint/walk.hpp"

namespace strata::linter {

namespace {

using ast::BinaryOp;

bool is_leaf_condition(const ast::Expr& e) {
  if (const auto* b = e.as<ast::BinaryExpr>()) return ast::is_comparison(b->op);
  return e.as<ast::BetweenExpr>() || e.as<ast::InExpr>() || e.as<ast::IsExpr>();
}

class ExprChecker {
 public:
  explicit ExprChecker(Context& ctx) : ctx_(ctx), an_(ctx.analysis()), m_(ctx.model()) {}

  void check(const ast::Expr& e, F context, bool handled) {
    if (const auto* c = e.as<ast::CallExpr>();
        c && m_.calls[e.id].scope == CallScope::EventAggregate) {
      return;  // about events: filters and arguments are not customer conditions
    }
    if (m_.types[e.id].kind == TypeKind::Bool && !an_.eval().constant(e)) conditions(e);
    if (ctx_.enabled(LintRule::UnitMismatch)) units(e);
    if (const auto* b = e.as<ast::BinaryExpr>()) {
      if (b->op == BinaryOp::Div && ctx_.enabled(LintRule::PossibleDivisionByZero) && !handled) {
        division(e, *b, context);
      }
      if (b->op == BinaryOp::And || b->op == BinaryOp::Or) {
        check(*b->lhs, context, handled);
        // The right side matters only where the left side does not decide.
        const F left = b->op == BinaryOp::And ? an_.tr().falsity(*b->lhs) : an_.tr().truth(*b->lhs);
        check(*b->rhs, f_and(context, f_not(an_.atoms(), left)), handled);
        return;
      }
      if (b->op == BinaryOp::Coalesce) {
        check(*b->lhs, context, true);  // none on the left is what `??` is for
        check(*b->rhs, context, handled);
        return;
      }
    }
    if (const auto* f = e.as<ast::IfExpr>()) {
      check(*f->condition, context, handled);
      const F c = an_.tr().truth(*f->condition);
      check(*f->then_value, f_and(context, c), handled);
      check(*f->else_value, f_and(context, f_not(an_.atoms(), c)), handled);
      return;
    }
    if (const auto* is = e.as<ast::IsExpr>(); is && !is->target) {
      check(*is->value, context, true);
      return;
    }
    for (const ast::Expr* c : children(e)) check(*c, context, handled);
  }

 private:
  void conditions(const ast::Expr& e) {
    const bool leaf = is_leaf_condition(e);
    const auto* b = e.as<ast::BinaryExpr>();
    const bool junction = b && (b->op == BinaryOp::And || b->op == BinaryOp::Or);
    if (!leaf && !junction) return;
    const F yes = an_.tr().truth(e);
    const F not_yes = f_not(an_.atoms(), yes);
    const auto never = [&](const F& f) { return an_.solve({f}).sat == Sat::No; };
    if (b && b->op == BinaryOp::And) {
      if (!ctx_.enabled(LintRule::ImpossibleRange) || !never(yes)) return;
      if (never(an_.tr().truth(*b->lhs)) || never(an_.tr().truth(*b->rhs))) return;
      Finding& f = ctx_.report(LintRule::ImpossibleRange, b->op_span,
                               "no customer satisfies both sides of this `and`",
                               "the two sides cannot both hold");
      add_label(f, b->lhs->span, "");
      add_label(f, b->rhs->span, "");
      f.diag.help = std::string(lint_rule_info(LintRule::ImpossibleRange).help);
      return;
    }
    if (b && b->op == BinaryOp::Or) {
      if (!ctx_.enabled(LintRule::ConstantCondition) || !never(not_yes)) return;
      if (never(an_.tr().not_true(*b->lhs)) || never(an_.tr().not_true(*b->rhs))) return;
      Finding& f = ctx_.report(LintRule::ConstantCondition, e.span,
                               "this `or` is true for every customer", "always true");
      f.diag.notes.push_back("between them, the two sides cover every possible value");
      f.diag.help = "remove the test, or fix the thresholds";
      return;
    }
    if (const auto* bt = e.as<ast::BetweenExpr>(); bt && !bt->negated && never(yes)) {
      if (!ctx_.enabled(LintRule::ImpossibleRange)) return;
      const auto lo = an_.eval().constant(*bt->low), hi = an_.eval().constant(*bt->high);
      if (lo && hi && lo->present() && hi->present() && lo->n > hi->n) {
        Finding& f =
            ctx_.report(LintRule::ImpossibleRange, e.span,
                        "`between` with a lower bound above the upper bound", "never true");
        add_label(f, bt->low->span, "lower bound");
        add_label(f, bt->high->span, "upper bound");
        f.diag.help = "swap the bounds: `between " + ctx_.text(bt->high->span) + " and " +
                      ctx_.text(bt->low->span) + "`";
        return;
      }
    }
    if (!ctx_.enabled(LintRule::ConstantCondition)) return;
    if (never(yes)) {
      Finding& f = ctx_.report(LintRule::ConstantCondition, e.span, "this condition is never true",
                               "always false");
      f.diag.notes.push_back("no possible value of " + inputs(e) + " satisfies it");
      f.diag.help = "remove the test, or fix the constant that makes it impossible";
    } else if (never(not_yes)) {
      Finding& f = ctx_.report(LintRule::ConstantCondition, e.span,
                               "this condition is true for every customer", "always true");
      f.diag.notes.push_back("every possible value of " + inputs(e) + " satisfies it");
      f.diag.help = "remove the test, or fix the constant that makes it always hold";
    }
  }

  std::string inputs(const ast::Expr& e) {
    std::vector<std::uint32_t> atoms;
    formula_atoms(an_.tr().truth(e), atoms);
    formula_atoms(an_.tr().falsity(e), atoms);
    std::string out;
    for (std::size_t i = 0; i < atoms.size() && i < 3; ++i) {
      out += (i == 0 ? "" : ", ") + ("`" + an_.atoms()[atoms[i]].name + "`");
    }
    return out.empty() ? "its inputs" : out;
  }

  void division(const ast::Expr& e, const ast::BinaryExpr& b, const F& context) {
    if (an_.eval().constant(*b.rhs)) return;
    if (!m_.types[b.rhs->id].is_numeric()) return;
    const std::vector<F> goals = {context, an_.tr().is_zero(*b.rhs)};
    if (an_.solve(goals).sat != Sat::Yes) return;
    Finding& f =
        ctx_.report(LintRule::PossibleDivisionByZero, b.rhs->span,
                    "the divisor `" + ctx_.text(b.rhs->span) + "` may be zero", "may be zero");
    add_label(f, e.span, "none when it is");
    f.diag.notes.push_back("dividing by zero gives none, and a condition using none is unknown");
    f.diag.help = "guard it: `if " + ctx_.text(b.rhs->span) +
                  " > 0 then ... else ...`, or add "
                  "a default: `(" +
                  ctx_.text(e.span) + ") ?? 0`";
  }

  // A per-customer value that is not money, i.e. not a constant.
  bool per_customer(const ast::Expr& e) const { return !an_.eval().constant(e); }

  void units(const ast::Expr& e) {
    const ast::Expr* l = nullptr;
    const ast::Expr* r = nullptr;
    std::string how;
    if (const auto* b = e.as<ast::BinaryExpr>()) {
      if (!ast::is_comparison(b->op) && b->op != BinaryOp::Add && b->op != BinaryOp::Sub) return;
      l = b->lhs.get();
      r = b->rhs.get();
      how = ast::is_comparison(b->op) ? "compared with"
            : b->op == BinaryOp::Add  ? "added to"
                                      : "combined with";
    } else if (const auto* bt = e.as<ast::BetweenExpr>()) {
      l = bt->value.get();
      r = !m_.types[bt->low->id].money ? bt->low.get() : bt->high.get();
      how = "bounded by";
    } else {
      return;
    }
    const Type &tl = m_.types[l->id], &tr = m_.types[r->id];
    if (!tl.is_numeric() || !tr.is_numeric() || tl.money == tr.money) return;
    const ast::Expr& money = tl.money ? *l : *r;
    const ast::Expr& plain = tl.money ? *r : *l;
    if (!per_customer(plain) || !per_customer(money)) return;
    Finding& f = ctx_.report(LintRule::UnitMismatch, e.span,
                             "money " + how + " a number that is not money", "mixes units");
    add_label(f, money.span, "money");
    add_label(f, plain.span, "`" + type_name(m_.types[plain.id], &m_) + "`, not money");
    f.diag.notes.push_back("the types allow it, but `" + ctx_.text(plain.span) +
                           "` counts or measures something else than `" + ctx_.text(money.span) +
                           "`");
    f.diag.help = std::string(lint_rule_info(LintRule::UnitMismatch).help);
  }

  Context& ctx_;
  Analysis& an_;
  const Model& m_;
};

}  // namespace

void check_conditions(Context& ctx) {
  if (!ctx.enabled(LintRule::ConstantCondition) && !ctx.enabled(LintRule::ImpossibleRange) &&
      !ctx.enabled(LintRule::PossibleDivisionByZero) && !ctx.enabled(LintRule::UnitMismatch)) {
    return;
  }
  const Model& m = ctx.model();
  ExprChecker checker(ctx);
  for (const LetSymbol& l : m.lets) {
    if (l.decl && l.decl->value) checker.check(*l.decl->value, f_true(), false);
  }
  for (const TieringSymbol& t : m.tierings) {
    for (const TierSymbol& tier : t.tiers) {
      if (tier.decl && tier.decl->condition) checker.check(*tier.decl->condition, f_true(), false);
    }
    if (t.table) {
      for (const TableColumnSymbol& column : t.table->columns) {
        if (column.expr) checker.check(*column.expr, f_true(), false);
      }
    }
  }
}

}  // namespace strata::linter
