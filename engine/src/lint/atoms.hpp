// Atoms: the per-customer unknowns a condition is built from.
//
// A record field, an event aggregate (count(Order where ...), max(Order.at), ... — the same call
// written twice is one atom), a run constant (`today`, a parameter without a value), the tier of
// a tiering too large to expand, or any other expression the analysis does not look into (an
// opaque value: `a * b`, a comparison of two fields), or a statistic over all customers the
// analysis has no value for (population.hpp). Each atom has a universe: the values its
// type allows, narrowed by declared ranges (`nps: int? in 0..10`) and by what aggregates can be
// (a count is never negative and never none). Aggregates over one events table are linked by
// clauses the search adds whenever they occur: without events every aggregate is empty (counts
// and sums 0, others none), and max(E.f where c) is none exactly when no event passing `c` has f.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "lint/eval.hpp"
#include "lint/formula.hpp"

namespace strata::linter {

enum class AtomKind : std::uint8_t { Field, Aggregate, RunConstant, Tiering, Opaque, Population };

struct Atom {
  AtomKind kind = AtomKind::Opaque;
  Type type;
  Domain universe;
  std::string name;                 // as people read it: `employees`, `count(Order)`
  std::uint32_t index = 0;          // field, param (or kToday), tiering, statistic
  const ast::Expr* expr = nullptr;  // aggregate or statistic call, opaque expression; null for
                                    // count(E)
  std::uint32_t events = 0;         // aggregates: the events table
  bool count_all = false;           // the synthetic count(E) of every event of the table
  // A relation between two customer values (see relation()): its value is `expr op rhs`, the
  // sides converted to lhs_kind and rhs_kind.
  const ast::Expr* rhs = nullptr;
  ast::BinaryOp op = ast::BinaryOp::Lt;
  TypeKind lhs_kind = TypeKind::Error, rhs_kind = TypeKind::Error;
  std::vector<F> links;  // clauses relating it to other atoms
};

class AtomTable {
 public:
  AtomTable(const Model& model, const Evaluator& eval);

  std::uint32_t field(std::uint32_t index);
  std::uint32_t aggregate(const ast::Expr& call);
  std::uint32_t run_constant(std::uint32_t param_or_today);
  std::uint32_t tiering(std::uint32_t tiering);
  std::uint32_t opaque(const ast::Expr& e);
  // Statistic `stat` over all customers (written as `call`), with the values it can take; the
  // first call makes it, later ones find it (the universe is then ignored).
  std::uint32_t population(std::uint32_t stat, const ast::Expr& call, const Domain& universe);
  std::optional<std::uint32_t> find_population(std::uint32_t stat) const;
  // Adds a clause the search adds with the atom (see Atom::links).
  void add_link(std::uint32_t atom, F clause) { atoms_[atom].links.push_back(std::move(clause)); }
  // A comparison of two customer values the analysis does not look into, as a yes/no value:
  // `l < r`, or `l == r` (the caller normalises `>`, `>=`, `!=` ... to these and negates), one
  // atom per spelling of the sides (`l`, `r`: their source text; `lhs`, `rhs`: the expressions
  // evaluated). Relations between the same two sides are linked: `l < r`, `r < l` and `l == r`
  // exclude each other, and one of them holds when the sides are known.
  std::uint32_t relation(const std::string& l, const std::string& r, bool equality,
                         const ast::Expr& lhs, const ast::Expr& rhs, TypeKind lhs_kind,
                         TypeKind rhs_kind);

  const Atom& operator[](std::uint32_t id) const { return atoms_[id]; }
  std::size_t size() const { return atoms_.size(); }
  const Domain& universe(std::uint32_t id) const { return atoms_[id].universe; }

  // Strings compared with string values anywhere in the rule set, in byte order: a string atom's
  // value 2i+1 stands for strings()[i], an even value 2i for some text between its neighbours.
  const std::vector<std::string>& strings() const { return strings_; }
  Num string_code(const std::string& s) const;
  // The universe of values of a type (declared ranges not applied).
  Domain type_universe(const Type& t) const;
  const Model& model() const { return model_; }

 private:
  std::uint32_t add(Atom atom);
  std::uint32_t count_all(std::uint32_t events);
  std::uint32_t present_count(std::uint32_t events, const ast::Expr& call, std::uint32_t all);
  void link_empty(std::uint32_t atom, std::uint32_t all);

  const Model& model_;
  const Evaluator& eval_;
  std::vector<Atom> atoms_;
  std::vector<std::string> strings_;
  std::map<std::uint32_t, std::uint32_t> fields_, run_constants_, tierings_, counts_, statistics_;
  std::map<std::string, std::uint32_t> by_text_;  // aggregates and opaque values by source text
};

// The universe of a numeric-grid type: its smallest and largest values.
Num type_low(TypeKind kind);
Num type_high(TypeKind kind);

}  // namespace strata::linter
