#include "lint/translate.hpp"

#include <algorithm>

#include "lint/population.hpp"
#include "lint/walk.hpp"

namespace strata::linter {

using ast::BinaryOp;

namespace {

constexpr std::size_t kExpansionLimit = 4000;  // formula nodes for one expanded tier reference

BinaryOp mirror(BinaryOp op) {
  switch (op) {
    case BinaryOp::Lt:
      return BinaryOp::Gt;
    case BinaryOp::Le:
      return BinaryOp::Ge;
    case BinaryOp::Gt:
      return BinaryOp::Lt;
    case BinaryOp::Ge:
      return BinaryOp::Le;
    default:
      return op;
  }
}

bool holds(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::Eq:
      return c == 0;
    case BinaryOp::Ne:
      return c != 0;
    case BinaryOp::Lt:
      return c < 0;
    case BinaryOp::Le:
      return c <= 0;
    case BinaryOp::Gt:
      return c > 0;
    case BinaryOp::Ge:
      return c >= 0;
    default:
      return false;
  }
}

int sign_of(const Val& v) {
  return v.n > 0 ? 1 : v.n < 0 ? -1 : 0;
}

// Binds one atom to a value for evaluating a monotone term.
class OneAtom : public Env {
 public:
  OneAtom(const Atom& atom, std::optional<Num> v) : atom_(atom), v_(v) {}
  std::optional<Val> field(std::uint32_t index) const override {
    if (atom_.kind == AtomKind::Field && atom_.index == index) return value();
    return Val::unknown();
  }
  std::optional<Val> aggregate(const ast::Expr& call) const override {
    if (atom_.kind == AtomKind::Aggregate && atom_.expr == &call) return value();
    return Val::unknown();
  }
  std::optional<Val> run_constant(std::uint32_t index) const override {
    if (atom_.kind == AtomKind::RunConstant && atom_.index == index) return value();
    return Val::unknown();
  }
  std::optional<Val> opaque(const ast::Expr& e) const override {
    if (atom_.kind == AtomKind::Opaque && !atom_.rhs && atom_.expr == &e) return value();
    return std::nullopt;
  }
  std::optional<Val> population(const ast::Expr&, std::uint32_t stat) const override {
    if (atom_.kind == AtomKind::Population && atom_.index == stat) return value();
    return std::nullopt;
  }

 private:
  Val value() const { return v_ ? Val::of(atom_.type.kind, *v_) : Val::none(); }
  const Atom& atom_;
  std::optional<Num> v_;
};

}  // namespace

Translator::Translator(const Model& model, AtomTable& atoms, const Evaluator& eval)
    : model_(model), atoms_(atoms), eval_(eval) {}

F Translator::truth(const ast::Expr& e) {
  return translate(e).first;
}
F Translator::falsity(const ast::Expr& e) {
  return translate(e).second;
}

Translator::Pair Translator::translate(const ast::Expr& e) {
  if (auto it = cache_.find(e.id); it != cache_.end()) return it->second;
  Pair p = translate_uncached(e);
  cache_.emplace(e.id, p);
  return p;
}

Translator::Pair Translator::opaque_bool(const ast::Expr& e) {
  const std::uint32_t a = atoms_.opaque(e);
  return {f_lit(atoms_, a, Domain::point(1)), f_lit(atoms_, a, Domain::point(0))};
}

Translator::Pair Translator::translate_uncached(const ast::Expr& e) {
  if (auto c = constant(e)) {
    if (!c->present()) return {f_false(), f_false()};
    return c->n ? Pair{f_true(), f_false()} : Pair{f_false(), f_true()};
  }
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    const Resolution& r = model_.names[e.id];
    if (r.kind == SymbolKind::Let) return translate(*model_.lets[r.index].decl->value);
    if (auto a = atom_of(e)) {
      return {f_lit(atoms_, *a, Domain::point(1)), f_lit(atoms_, *a, Domain::point(0))};
    }
    return opaque_bool(e);
  }
  if (const auto* u = e.as<ast::UnaryExpr>()) {
    if (u->op == ast::UnaryOp::Not) {
      const Pair p = translate(*u->operand);
      return {p.second, p.first};
    }
    return opaque_bool(e);
  }
  if (const auto* b = e.as<ast::BinaryExpr>()) {
    if (b->op == BinaryOp::And || b->op == BinaryOp::Or) {
      const Pair l = translate(*b->lhs), r = translate(*b->rhs);
      if (b->op == BinaryOp::And) return {f_and(l.first, r.first), f_or(l.second, r.second)};
      return {f_or(l.first, r.first), f_and(l.second, r.second)};
    }
    if (ast::is_comparison(b->op)) {
      return compare(b->op, *b->lhs, *b->rhs, model_.operators[e.id].lhs, e);
    }
    if (b->op == BinaryOp::Coalesce) {
      const Pair l = translate(*b->lhs), r = translate(*b->rhs);
      const F missing = f_not(atoms_, presence(*b->lhs));
      return {f_or(l.first, f_and(missing, r.first)), f_or(l.second, f_and(missing, r.second))};
    }
    return opaque_bool(e);
  }
  if (const auto* bt = e.as<ast::BetweenExpr>()) {
    const TypeKind kind = model_.operators[e.id].lhs;
    const Pair ge = compare(BinaryOp::Ge, *bt->value, *bt->low, kind, e);
    const Pair le = compare(BinaryOp::Le, *bt->value, *bt->high, kind, e);
    const Pair both = {f_and(ge.first, le.first), f_or(ge.second, le.second)};
    return bt->negated ? Pair{both.second, both.first} : both;
  }
  if (const auto* in = e.as<ast::InExpr>()) {
    const TypeKind kind = model_.operators[e.id].lhs;
    std::vector<F> t, f;
    for (const ast::ExprPtr& item : in->items) {
      // A tier takes its sub-tiers, as `is` does.
      const Resolution& r = model_.names[item->id];
      const Pair eq = r.kind == SymbolKind::Tier
                          ? tier_member(*in->value, r.index, r.sub, false)
                          : compare(BinaryOp::Eq, *in->value, *item, kind, e);
      t.push_back(eq.first);
      f.push_back(eq.second);
    }
    const Pair any = {f_or(t), f_and(f)};
    return in->negated ? Pair{any.second, any.first} : any;
  }
  if (const auto* is = e.as<ast::IsExpr>()) {
    Pair p;
    if (!is->target) {
      const F present = presence(*is->value);
      p = {f_not(atoms_, present), present};
    } else {
      const Resolution& target = model_.names[e.id];
      if (target.kind != SymbolKind::Tier) return opaque_bool(e);
      p = tier_member(*is->value, target.index, target.sub, true);
    }
    return is->negated ? Pair{p.second, p.first} : p;
  }
  if (const auto* f = e.as<ast::IfExpr>()) {
    const Pair c = translate(*f->condition), a = translate(*f->then_value),
               b = translate(*f->else_value);
    const F not_c = f_not(atoms_, c.first);
    return {f_or(f_and(c.first, a.first), f_and(not_c, b.first)),
            f_or(f_and(c.first, a.second), f_and(not_c, b.second))};
  }
  return opaque_bool(e);
}

std::optional<std::uint32_t> Translator::atom_of(const ast::Expr& e) {
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    const Resolution& r = model_.names[e.id];
    if (r.kind == SymbolKind::RecordField) return atoms_.field(r.index);
    if (r.kind == SymbolKind::Param && !eval_.param(r.index)) return atoms_.run_constant(r.index);
    if (r.kind == SymbolKind::Tiering) return atoms_.tiering(r.index);
    return std::nullopt;
  }
  if (const auto* lit = e.as<ast::LiteralExpr>()) {
    if (lit->kind == ast::LiteralKind::Today && !eval_.today()) return atoms_.run_constant(kToday);
    return std::nullopt;
  }
  if (e.as<ast::CallExpr>() && model_.calls[e.id].scope == CallScope::EventAggregate) {
    return atoms_.aggregate(e);
  }
  if (model_.is_population_call(e)) return population_atom(e);
  return std::nullopt;
}

std::optional<Translator::Term> Translator::term(const ast::Expr& e) {
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    const Resolution& r = model_.names[e.id];
    if (r.kind == SymbolKind::Let) {
      auto t = term(*model_.lets[r.index].decl->value);
      if (t) t->expr = &e;
      return t;
    }
    if (r.kind == SymbolKind::Tiering) return std::nullopt;
  }
  if (auto a = atom_of(e)) return Term{*a, &e, 1, true};
  if (const auto* u = e.as<ast::UnaryExpr>()) {
    if (u->op != ast::UnaryOp::Negate) return std::nullopt;
    auto t = term(*u->operand);
    if (!t) return std::nullopt;
    return Term{t->atom, &e, -t->direction, false};
  }
  // One operand a term, the others constants: the direction follows the operator.
  auto with_constants = [&](const ast::Expr& var, int direction) -> std::optional<Term> {
    auto t = term(var);
    if (!t || direction == 0) return std::nullopt;
    return Term{t->atom, &e, t->direction * direction, false};
  };
  if (const auto* b = e.as<ast::BinaryExpr>()) {
    const auto lc = constant(*b->lhs), rc = constant(*b->rhs);
    if ((lc && rc) || (!lc && !rc)) return std::nullopt;
    const ast::Expr& var = lc ? *b->rhs : *b->lhs;
    const Val& k = lc ? *lc : *rc;
    if (!k.present()) return std::nullopt;
    switch (b->op) {
      case BinaryOp::Add:
        return with_constants(var, 1);
      case BinaryOp::Sub:
        return with_constants(var, lc ? -1 : 1);
      case BinaryOp::Mul:
        if (k.kind == TypeKind::Period) return std::nullopt;
        return with_constants(var, sign_of(k));
      case BinaryOp::Div:
        return lc ? std::nullopt : with_constants(var, sign_of(k));
      case BinaryOp::Coalesce:
        return lc ? std::nullopt : with_constants(var, 1);
      default:
        return std::nullopt;
    }
  }
  if (const auto* c = e.as<ast::CallExpr>()) {
    if (model_.calls[e.id].scope != CallScope::Scalar) return std::nullopt;
    std::vector<std::size_t> vars;
    for (std::size_t i = 0; i < c->args.size(); ++i) {
      if (!constant(*c->args[i])) vars.push_back(i);
    }
    if (vars.size() != 1) return std::nullopt;
    switch (model_.calls[e.id].builtin) {
      case BuiltinId::DaysBetween:
      case BuiltinId::MonthsBetween:
        return with_constants(*c->args[vars[0]], vars[0] == 0 ? -1 : 1);
      case BuiltinId::Round:
      case BuiltinId::Floor:
      case BuiltinId::Ceil:
      case BuiltinId::Year:
      case BuiltinId::DateOf:
      case BuiltinId::Days:
      case BuiltinId::Hours:
      case BuiltinId::Min:
      case BuiltinId::Max:
        return vars[0] == 0 || model_.calls[e.id].builtin == BuiltinId::Min ||
                       model_.calls[e.id].builtin == BuiltinId::Max
                   ? with_constants(*c->args[vars[0]], 1)
                   : std::nullopt;
      case BuiltinId::Clamp:
        return vars[0] == 0 ? with_constants(*c->args[0], 1) : std::nullopt;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

Val Translator::value_at(const Term& t, std::optional<Num> v, TypeKind kind) const {
  const Atom& atom = atoms_[t.atom];
  if (t.identity) return convert(v ? Val::of(atom.type.kind, *v) : Val::none(), kind);
  return convert(eval_.eval(*t.expr, OneAtom(atom, v)), kind);
}

Translator::Pair Translator::compare(BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs,
                                     TypeKind kind, const ast::Expr& whole) {
  const auto lc = constant(lhs), rc = constant(rhs);
  if (lc && rc) {
    const Val a = convert(*lc, kind), b = convert(*rc, kind);
    if (!a.present() || !b.present()) return {f_false(), f_false()};
    const int c = kind == TypeKind::String ? a.s.compare(b.s) : (a.n < b.n ? -1 : a.n > b.n);
    return holds(op, c) ? Pair{f_true(), f_false()} : Pair{f_false(), f_true()};
  }
  // Tiers: `pyramid == top`.
  auto tier_side = [&](const ast::Expr& x, const std::optional<Val>& k) -> std::optional<Pair> {
    const auto tiering = tiering_read(model_, x);
    if (!k || !k->present() || !tiering) return std::nullopt;
    return tier_compare(op, *tiering, static_cast<std::uint32_t>(k->n));
  };
  if (kind == TypeKind::Tier) {
    if (auto p = tier_side(lhs, rc)) return *p;
    if (auto p = tier_side(rhs, lc)) return *p;
  }
  if (rc) return compare_with_constant(op, lhs, convert(*rc, kind), kind);
  if (lc) return compare_with_constant(mirror(op), rhs, convert(*lc, kind), kind);
  return opaque_compare(op, lhs, rhs, whole);
}

Translator::Pair Translator::compare_with_constant(BinaryOp op, const ast::Expr& e, const Val& k,
                                                   TypeKind kind) {
  if (!k.present()) return {f_false(), f_false()};
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    const Resolution& r = model_.names[e.id];
    if (r.kind == SymbolKind::Let) {
      return compare_with_constant(op, *model_.lets[r.index].decl->value, k, kind);
    }
  }
  if (const auto* f = e.as<ast::IfExpr>()) {
    const F c = truth(*f->condition);
    const F not_c = f_not(atoms_, c);
    const Pair a = compare_with_constant(op, *f->then_value, k, kind);
    const Pair b = compare_with_constant(op, *f->else_value, k, kind);
    return {f_or(f_and(c, a.first), f_and(not_c, b.first)),
            f_or(f_and(c, a.second), f_and(not_c, b.second))};
  }
  if (const auto* b = e.as<ast::BinaryExpr>(); b && b->op == BinaryOp::Coalesce) {
    if (!constant(*b->rhs)) {
      const F missing = f_not(atoms_, presence(*b->lhs));
      const Pair l = compare_with_constant(op, *b->lhs, k, kind);
      const Pair r = compare_with_constant(op, *b->rhs, k, kind);
      return {f_or(l.first, f_and(missing, r.first)), f_or(l.second, f_and(missing, r.second))};
    }
  }
  if (auto t = term(e)) return compare_term(op, *t, k, kind);
  // An opaque value compared with a constant is still a literal on that value.
  const std::uint32_t a = atoms_.opaque(e);
  return compare_term(op, Term{a, &e, 1, true}, k, kind);
}

// Preimages of a comparison with a constant under a monotone function of one atom.
Translator::Pair Translator::compare_term(BinaryOp op, const Term& t, const Val& k, TypeKind kind) {
  const Atom& atom = atoms_[t.atom];
  Val key = k;
  if (kind == TypeKind::String) key = Val::of(TypeKind::Int, atoms_.string_code(k.s));
  const auto cmp = [&](const Val& v) {
    if (kind == TypeKind::String) return v.n < key.n ? -1 : v.n > key.n ? 1 : 0;
    return v.n < key.n ? -1 : v.n > key.n ? 1 : 0;
  };
  auto value = [&](Num v) {
    if (kind == TypeKind::String) return Val::of(TypeKind::Int, v);
    return value_at(t, v, kind);
  };
  Domain yes, no;
  for (const Interval& range : atom.universe.ranges()) {
    // Within [lo, hi] where the function is defined, the set where `value >= key` (for a
    // non-decreasing function; mirrored otherwise) is an interval found by bisection.
    Num lo = range.lo, hi = range.hi;
    auto defined = [&](Num v) { return value(v).present(); };
    Num probe = std::clamp<Num>(0, lo, hi);
    if (!defined(probe)) {
      bool found = false;
      for (Num p : {lo, hi, lo + (hi - lo) / 2}) {
        if (defined(p)) {
          probe = p;
          found = true;
          break;
        }
      }
      if (!found) continue;
    }
    // Shrink [lo, hi] to the defined region around the probe.
    if (!defined(lo)) {
      Num a = lo, b = probe;  // a undefined, b defined
      while (b - a > 1) {
        const Num m = a + (b - a) / 2;
        (defined(m) ? b : a) = m;
      }
      lo = b;
    }
    if (!defined(hi)) {
      Num a = probe, b = hi;  // a defined, b undefined
      while (b - a > 1) {
        const Num m = a + (b - a) / 2;
        (defined(m) ? a : b) = m;
      }
      hi = a;
    }
    // first(pred): the smallest v in [lo, hi] with pred(v), pred monotone false -> true.
    auto first = [&](auto pred) -> Num {
      if (!pred(hi)) return hi + 1;
      Num a = lo - 1, b = hi;
      while (b - a > 1) {
        const Num m = a + (b - a) / 2;
        (pred(m) ? b : a) = m;
      }
      return b;
    };
    const bool up = t.direction > 0;
    // Cut points: where the value reaches the key, and where it passes it.
    const Num reach = up ? first([&](Num v) { return cmp(value(v)) >= 0; })
                         : first([&](Num v) { return cmp(value(v)) <= 0; });
    const Num pass = up ? first([&](Num v) { return cmp(value(v)) > 0; })
                        : first([&](Num v) { return cmp(value(v)) < 0; });
    const Domain below = Domain::range(lo, reach - 1), at = Domain::range(reach, pass - 1),
                 above = Domain::range(pass, hi);
    // For a non-increasing function "below" holds values greater than the key.
    const Domain& less = up ? below : above;
    const Domain& greater = up ? above : below;
    Domain r_yes, r_no;
    switch (op) {
      case BinaryOp::Eq:
        r_yes = at;
        r_no = less.unite(greater);
        break;
      case BinaryOp::Ne:
        r_yes = less.unite(greater);
        r_no = at;
        break;
      case BinaryOp::Lt:
        r_yes = less;
        r_no = at.unite(greater);
        break;
      case BinaryOp::Le:
        r_yes = less.unite(at);
        r_no = greater;
        break;
      case BinaryOp::Gt:
        r_yes = greater;
        r_no = less.unite(at);
        break;
      case BinaryOp::Ge:
        r_yes = greater.unite(at);
        r_no = less;
        break;
      default:
        break;
    }
    yes = yes.unite(r_yes);
    no = no.unite(r_no);
  }
  if (atom.universe.has_none()) {
    const Val at_none = kind == TypeKind::String ? Val::none() : value_at(t, std::nullopt, kind);
    if (at_none.present()) {
      (holds(op, cmp(at_none)) ? yes : no) = (holds(op, cmp(at_none)) ? yes : no).with_none(true);
    }
  }
  return {f_lit(atoms_, t.atom, yes), f_lit(atoms_, t.atom, no)};
}

// A comparison of two customer values: one opaque yes/no atom per pair of sides, shared by the
// comparison and its negation (`a < b` and `a >= b` are one atom, true and false).
Translator::Pair Translator::opaque_compare(BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs,
                                            const ast::Expr& whole) {
  const auto* cmp = whole.as<ast::BinaryExpr>();
  if (cmp == nullptr || !ast::is_comparison(cmp->op)) return opaque_bool(whole);
  const OperatorSig& sig = model_.operators[whole.id];
  return relation(op, lhs, rhs, sig.lhs, sig.rhs);
}

Translator::Pair Translator::relation(BinaryOp op, const ast::Expr& lhs, const ast::Expr& rhs,
                                      TypeKind lhs_kind, TypeKind rhs_kind) {
  const ast::Expr* l = &lhs;
  const ast::Expr* r = &rhs;
  bool negate = false, equality = false, swap = false;
  switch (op) {
    case BinaryOp::Gt:  // a > b is b < a
      swap = true;
      break;
    case BinaryOp::Ge:  // a >= b is not a < b
      negate = true;
      break;
    case BinaryOp::Le:  // a <= b is not b < a
      swap = negate = true;
      break;
    case BinaryOp::Ne:
      negate = equality = true;
      break;
    case BinaryOp::Eq:
      equality = true;
      break;
    default:
      break;
  }
  if (swap) {
    std::swap(l, r);
    std::swap(lhs_kind, rhs_kind);
  }
  const std::uint32_t a = atoms_.relation(std::string(model_.sources->text(l->span)),
                                          std::string(model_.sources->text(r->span)), equality, *l,
                                          *r, lhs_kind, rhs_kind);
  if (atoms_.universe(a).has_none() && linked_relations_.insert(a).second) {
    // Unknown exactly when a side is missing.
    const F pl = presence(*l), pr = presence(*r);
    const F none = f_lit(atoms_, a, Domain::none_only());
    atoms_.add_link(a, f_or({f_not(atoms_, pl), f_not(atoms_, pr),
                             f_lit(atoms_, a, atoms_.universe(a).values_only())}));
    atoms_.add_link(a, f_or(pl, none));
    atoms_.add_link(a, f_or(pr, none));
  }
  const F yes = f_lit(atoms_, a, Domain::point(1)), no = f_lit(atoms_, a, Domain::point(0));
  return negate ? Pair{no, yes} : Pair{yes, no};
}

F Translator::is_zero(const ast::Expr& e) {
  const TypeKind kind = model_.types[e.id].kind;
  return compare_with_constant(BinaryOp::Eq, e, Val::of(kind, 0), kind).first;
}

F Translator::presence(const ast::Expr& e) {
  if (auto c = constant(e)) return c->present() ? f_true() : f_false();
  if (e.as<ast::NameExpr>() || e.as<ast::MemberExpr>()) {
    const Resolution& r = model_.names[e.id];
    if (r.kind == SymbolKind::Let) return presence(*model_.lets[r.index].decl->value);
    if (r.kind == SymbolKind::Tiering) return f_not(atoms_, tier_none(r.index));
  }
  if (auto a = atom_of(e)) return f_lit(atoms_, *a, atoms_.universe(*a).values_only());
  if (!model_.types[e.id].optional) return f_true();
  if (const auto* b = e.as<ast::BinaryExpr>()) {
    if (b->op == BinaryOp::Coalesce) return f_or(presence(*b->lhs), presence(*b->rhs));
    if (b->op == BinaryOp::And || b->op == BinaryOp::Or || ast::is_comparison(b->op)) {
      const Pair p = translate(e);
      return f_or(p.first, p.second);
    }
    if (b->op != BinaryOp::Div) return f_and(presence(*b->lhs), presence(*b->rhs));
  }
  if (const auto* f = e.as<ast::IfExpr>()) {
    const F c = truth(*f->condition);
    return f_or(f_and(c, presence(*f->then_value)),
                f_and(f_not(atoms_, c), presence(*f->else_value)));
  }
  if (e.as<ast::UnaryExpr>() || e.as<ast::BetweenExpr>() || e.as<ast::InExpr>()) {
    if (model_.types[e.id].kind == TypeKind::Bool) {
      const Pair p = translate(e);
      return f_or(p.first, p.second);
    }
  }
  if (const auto* c = e.as<ast::CallExpr>()) {
    std::vector<F> parts;
    for (const ast::ExprPtr& a : c->args) parts.push_back(presence(*a));
    if (model_.calls[e.id].scope == CallScope::Scalar) return f_and(std::move(parts));
  }
  if (auto t = term(e)) {
    // A monotone term is present where its atom is, unless `??` fills the gap.
    const Val at_none = value_at(*t, std::nullopt, model_.types[e.id].kind);
    Domain d = atoms_.universe(t->atom).values_only();
    if (at_none.present()) d = d.with_none(true);
    return f_lit(atoms_, t->atom, d);
  }
  const std::uint32_t a = atoms_.opaque(e);
  return f_lit(atoms_, a, atoms_.universe(a).values_only());
}

void Translator::inputs_of(const ast::Expr& e, Span entry,
                           std::vector<std::pair<std::uint32_t, Span>>& out, int depth) {
  if (depth > 64) return;
  walk(e, [&](const ast::Expr& x) {
    const Span here = entry.valid() ? entry : x.span;
    if (x.as<ast::NameExpr>() || x.as<ast::MemberExpr>()) {
      const Resolution& r = model_.names[x.id];
      if (r.kind == SymbolKind::Let) {
        inputs_of(*model_.lets[r.index].decl->value, here, out, depth + 1);
        return false;
      }
    }
    if (const auto* b = x.as<ast::BinaryExpr>(); b && b->op == BinaryOp::Coalesce) {
      inputs_of(*b->rhs, entry, out, depth + 1);  // the left side's none is handled
      return false;
    }
    if (model_.is_population_call(x) && !atom_of(x)) return false;  // the sample's constant
    if (auto a = atom_of(x)) {
      if (atoms_.universe(*a).has_none() &&
          std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *a; })) {
        out.emplace_back(*a, here);
      }
      return false;
    }
    return true;
  });
}

std::vector<std::pair<std::uint32_t, Span>> Translator::optional_inputs(const ast::Expr& e) {
  std::vector<std::pair<std::uint32_t, Span>> out;
  inputs_of(e, Span{}, out, 0);
  return out;
}

}  // namespace strata::linter
