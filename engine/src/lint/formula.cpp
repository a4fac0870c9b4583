#include "lint/formula.hpp"

#include <algorithm>

#include "lint/atoms.hpp"

namespace strata::linter {

namespace {
F make(Formula::Kind kind) {
  auto f = std::make_shared<Formula>();
  f->kind = kind;
  return f;
}
}  // namespace

F f_true() {
  static const F t = make(Formula::Kind::True);
  return t;
}

F f_false() {
  static const F f = make(Formula::Kind::False);
  return f;
}

F f_lit(const AtomTable& atoms, std::uint32_t atom, Domain domain) {
  const Domain& universe = atoms.universe(atom);
  Domain d = domain.intersect(universe);
  if (d.is_empty()) return f_false();
  if (universe.subset_of(d)) return f_true();
  auto f = std::make_shared<Formula>();
  f->kind = Formula::Kind::Lit;
  f->atom = atom;
  f->domain = std::move(d);
  return f;
}

namespace {
F combine(Formula::Kind kind, std::vector<F> kids) {
  const Formula::Kind unit =
      kind == Formula::Kind::And ? Formula::Kind::True : Formula::Kind::False;
  const Formula::Kind zero =
      kind == Formula::Kind::And ? Formula::Kind::False : Formula::Kind::True;
  std::vector<F> flat;
  for (F& k : kids) {
    if (k->kind == zero) return k;
    if (k->kind == unit) continue;
    if (k->kind == kind) {
      flat.insert(flat.end(), k->kids.begin(), k->kids.end());
    } else {
      flat.push_back(std::move(k));
    }
  }
  if (flat.empty()) return kind == Formula::Kind::And ? f_true() : f_false();
  if (flat.size() == 1) return flat[0];
  auto f = std::make_shared<Formula>();
  f->kind = kind;
  f->kids = std::move(flat);
  return f;
}
}  // namespace

F f_and(std::vector<F> kids) {
  return combine(Formula::Kind::And, std::move(kids));
}

F f_or(std::vector<F> kids) {
  return combine(Formula::Kind::Or, std::move(kids));
}

F f_not(const AtomTable& atoms, const F& f) {
  switch (f->kind) {
    case Formula::Kind::True:
      return f_false();
    case Formula::Kind::False:
      return f_true();
    case Formula::Kind::Lit:
      return f_lit(atoms, f->atom, f->domain.complement_in(atoms.universe(f->atom)));
    case Formula::Kind::And:
    case Formula::Kind::Or: {
      std::vector<F> kids;
      for (const F& k : f->kids) kids.push_back(f_not(atoms, k));
      return f->kind == Formula::Kind::And ? f_or(std::move(kids)) : f_and(std::move(kids));
    }
  }
  return f;
}

std::size_t formula_size(const F& f, std::size_t limit) {
  std::size_t n = 1;
  for (const F& k : f->kids) {
    if (n > limit) break;
    n += formula_size(k, limit);
  }
  return n;
}

void formula_atoms(const F& f, std::vector<std::uint32_t>& out) {
  if (f->kind == Formula::Kind::Lit) {
    if (std::find(out.begin(), out.end(), f->atom) == out.end()) out.push_back(f->atom);
    return;
  }
  for (const F& k : f->kids) formula_atoms(k, out);
}

}  // namespace strata::linter
