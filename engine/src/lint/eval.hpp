// A reference evaluator of checked expressions for one customer, with the VM's semantics.
//
// The analysis uses it to fold constants (`as_of - window`), to compute monotone functions of one
// atom (`days_between(max(Order.at), as_of)`) while it inverts them, and to check candidate
// example customers before they are confirmed through the compiled rule set. Values are on the
// analysis grid (domain.hpp). An expression that needs a value the environment does not give
// evaluates to Unknown; run-time failures (overflow) to Error, which the VM would report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "lint/domain.hpp"

namespace strata::linter {

struct Val {
  enum class State : std::uint8_t { None, Present, Error, Unknown };
  State state = State::None;
  TypeKind kind = TypeKind::Null;
  Num n = 0;      // every kind but String
  std::string s;  // String

  static Val none() { return {}; }
  static Val error() { return {State::Error, TypeKind::Null, 0, {}}; }
  static Val unknown() { return {State::Unknown, TypeKind::Null, 0, {}}; }
  static Val of(TypeKind k, Num v) { return {State::Present, k, v, {}}; }
  static Val text(std::string v) { return {State::Present, TypeKind::String, 0, std::move(v)}; }
  bool present() const { return state == State::Present; }
  bool is_true() const { return present() && n != 0; }
};

// One event's field values, in declaration order.
using EventRow = std::vector<Val>;

// What an expression reads from outside itself. Return nullopt for "not bound here".
class Env {
 public:
  virtual ~Env() = default;
  virtual std::optional<Val> field(std::uint32_t index) const = 0;
  // An event aggregate call (count(Order where ...)).
  virtual std::optional<Val> aggregate(const ast::Expr& call) const = 0;
  // A parameter without a known value (index), or `today` (kToday).
  virtual std::optional<Val> run_constant(std::uint32_t index) const = 0;
  // Any expression the analysis treats as one opaque value; asked first at every node.
  virtual std::optional<Val> opaque(const ast::Expr&) const { return std::nullopt; }
  // A statistic over all customers (`stat`: its index, population.hpp), when this environment
  // gives it a value; otherwise it is the bound population's, or unknown.
  virtual std::optional<Val> population(const ast::Expr&, std::uint32_t) const {
    return std::nullopt;
  }
};

inline constexpr std::uint32_t kToday = 0xFFFFFFFFu;

class Statistics;

class Evaluator {
 public:
  // `params`: each parameter's value when it is known (default or given), else nullopt; `today`
  // likewise. `stats`: the statistics over all customers, bound to a population or not.
  Evaluator(const Model& model, std::vector<std::optional<Val>> params, std::optional<Val> today,
            const Statistics& stats);

  Val eval(const ast::Expr& e, const Env& env) const;
  // The value of `e` when it depends on no atom (literals, known parameters); nullopt otherwise.
  std::optional<Val> constant(const ast::Expr& e) const;
  // The value of an aggregate call over one customer's events (time order is restored here).
  Val aggregate_over(const ast::Expr& call, const std::vector<EventRow>& events,
                     const Env& customer) const;
  // The tier of `tiering` (an ordinal), none, or Error for a unique conflict; every form (tier
  // lists with sub-tiers, decision tables, products) as the compiled rule set assigns it
  // (eval_tiering.cpp).
  Val tiering(std::uint32_t tiering, const Env& env) const;
  // A statistic over all customers as it is in a run of this customer alone: `avg(x)` is x,
  // `count()` 1, every position the first (eval_population.cpp).
  Val alone_statistic(const ast::Expr& call, const Env& env) const;

  const std::optional<Val>& param(std::uint32_t index) const { return params_[index]; }
  const std::optional<Val>& today() const { return today_; }
  const Model& model() const { return model_; }
  const Statistics& statistics() const { return stats_; }

 private:
  Val eval_in(const ast::Expr& e, const Env& env, const EventRow* event) const;
  Val eval_binary(const ast::Expr& e, const ast::BinaryExpr& b, const Env& env,
                  const EventRow* event) const;
  Val eval_call(const ast::Expr& e, const ast::CallExpr& c, const Env& env,
                const EventRow* event) const;
  Val eval_name(const ast::Expr& e, const Env& env, const EventRow* event) const;
  Val eval_population(const ast::Expr& e, const ast::CallExpr& c, const Env& env) const;
  Val tier_level(const TieringSymbol& t, std::optional<std::uint32_t> parent, const Env& env) const;
  Val table_tier(const TieringSymbol& t, const Env& env) const;
  Val product_tier(const TieringSymbol& t, const Env& env) const;
  Val cell_test(const TableCellSymbol& cell, const Val& value, const Env& env) const;

  const Model& model_;
  std::vector<std::optional<Val>> params_;
  std::optional<Val> today_;
  const Statistics& stats_;
};

// Comparison and Kleene logic with the VM's semantics (none and unknown propagate).
Val compare_values(ast::BinaryOp op, const Val& a, const Val& b);
Val logic_values(bool is_and, const Val& a, const Val& b);
Val not_value(const Val& v);
// Whether tier value `v` is `tier` of `t` or one of its sub-tiers; none stays none.
Val within_tier(const Val& v, const TieringSymbol& t, std::uint32_t tier);

// Conversions between kinds as the VM makes them: int -> decimal, date -> datetime, none -> T.
Val convert(const Val& v, TypeKind to);
// The text of a value as a CSV cell holds it ("" for none), for Record::set and examples.
std::string value_text(const Val& v, const Model& model, const Type& type);

}  // namespace strata::linter
