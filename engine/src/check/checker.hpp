// The checker's working state, shared by the files that check one construct each.
//
// check_files() loads and parses the modules, then a Checker walks them in three steps:
// collect_declarations() builds the symbol tables and the one top-level namespace,
// check_bodies() types every expression (lets on demand, so definitions may come in any order),
// and order_definitions() turns the dependencies found on the way into let_order and
// tiering_order, reporting cycles. An expression that failed gets TypeKind::Error, and every
// rule below treats an Error operand as "already reported" so one mistake gives one diagnostic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"

namespace strata::check {

// What a top-level name stands for.
enum class TopKind : std::uint8_t { Record, RecordField, Events, Param, Let, Tiering };

struct TopName {
  TopKind kind = TopKind::Let;
  std::uint32_t index = 0;
  Span span;  // where it was defined, for "first defined here"
};

// A node of the dependency graph: lets and tierings.
struct Node {
  enum class Kind : std::uint8_t { Let, Tiering } kind = Kind::Let;
  std::uint32_t id = 0;
  friend bool operator==(const Node&, const Node&) = default;
};

class Checker {
 public:
  Checker(Model& model, Diagnostics& diags) : m_(model), diags_(diags) {}

  // The three steps, in order.
  void collect_declarations();
  void check_bodies();
  void order_definitions();
  // After ordering: event aggregates must not depend on statistics over all customers
  // (population_order.cpp).
  void check_population_order();

  // ---- expressions (check_expr.cpp, check_operator.cpp, check_call.cpp) ----
  Type check(const ast::Expr& e);
  // Checks `e` where a bare name may be a member of the enum or a tier of the tiering that
  // `context` belongs to (`industry == ict`, `pyramid in [top, large]`).
  Type check_in_context(const ast::Expr& e, const Type& context);

  // ---- helpers shared by the files ----
  std::string name_of(const Type& t) const { return type_name(t, &m_); }
  Type set(const ast::Expr& e, Type t) {
    m_.types[e.id] = t;
    return t;
  }
  // Literal values (literal.cpp): validates and records the value in Model::constants.
  Type check_literal(const ast::Expr& e, const ast::LiteralExpr& lit);
  // The value of a literal, or of `-literal`, once checked; nullopt for anything else.
  std::optional<ConstValue> constant_of(const ast::Expr& e) const;

 private:
  // check_decl.cpp
  void declare(const std::string& name, TopName top);
  Type field_type(const ast::TypeRef& ref, const std::string& owner_name, bool allow_range,
                  FieldSymbol* field);
  void collect_record(const ast::RecordDecl& d, Span& first_record);
  void collect_events(const ast::EventsDecl& d);
  void check_params();
  void check_let(std::uint32_t id);
  void check_range(const ast::TypeRef& ref, const Type& type, FieldSymbol* field);

  // check_tiering.cpp
  void collect_tiering(const ast::TieringDecl& d);
  void collect_tiers(TieringSymbol& sym, const std::vector<ast::TierDecl>& level,
                     std::optional<std::uint32_t> parent);
  void collect_holds(const ast::TieringDecl& d, TieringSymbol& sym);
  void check_tiering(std::uint32_t id);
  void check_condition(const ast::Expr& e, const std::string& what);

  // check_table.cpp
  void collect_table_tiers(TieringSymbol& sym);
  void check_table(std::uint32_t id);
  TableCellSymbol check_cell(const TableColumnSymbol& column, const ast::TableCell& cell);
  TableCellSymbol check_bool_cell(const TableColumnSymbol& column, const ast::TableCell& cell);
  void check_range_cell(const ast::TableCell& cell);

  // check_product.cpp
  void expand_products();
  std::optional<std::uint32_t> product_operand(const ast::Expr& e, std::uint32_t product,
                                               const std::vector<std::uint32_t>& before);
  void expand_level(TieringSymbol& sym, std::size_t level, std::optional<std::uint32_t> parent);

  // check_calendar.cpp
  void collect_calendar(const ast::CalendarDecl& d);
  std::optional<std::vector<sop::DayHours>> day_hours(const std::vector<ast::ClockRange>& ranges,
                                                      const std::string& what);
  std::optional<std::pair<std::int64_t, std::int64_t>> date_span(const ast::DateRange& r);

  // check_sop.cpp
  void collect_sop(const ast::SopDecl& d);
  void check_sop(std::uint32_t id);
  std::optional<ObligationSymbol> check_obligation(const ast::ObligationDecl& d);
  void check_response_field(const ast::ObligationDecl& d, ObligationSymbol& ob);
  std::optional<ActionSpec> check_action(const ast::ActionDecl& a);
  std::optional<std::uint32_t> sop_tiering(const ast::Ident& name);
  void report_defined_twice(const std::string& what, const ast::Ident& again, Span first);
  std::optional<std::int64_t> literal_amount(const ast::Expr& e, bool allow_period,
                                             bool& is_period);

  // check_kpi.cpp
  void collect_kpi(const ast::KpiDecl& d);
  void check_kpi(std::uint32_t id);
  void check_kpi_targets(KpiSymbol& k);
  std::optional<Type> check_kpi_name(const ast::Expr& e, const std::string& name);
  void report_customer_value(const ast::Expr& e);
  Type check_kpi_function(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id);
  // Reports calls that have no meaning where they are in a KPI; true when one was reported.
  bool misplaced_in_kpi(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id, bool aggregate);
  KpiUnit infer_unit(const ast::Expr& e) const;

  // resolve.cpp
  Type check_name(const ast::Expr& e, const ast::NameExpr& n);
  Type check_member(const ast::Expr& e, const ast::MemberExpr& n);
  Type resolve_top(const ast::Expr& e, const std::string& name, const TopName& top);
  std::vector<std::string> names_in_scope() const;
  bool in_scope(const std::string& name) const;
  void report_event_field_outside(const ast::Expr& e, std::uint32_t events,
                                  const std::string& field);
  std::optional<std::uint32_t> tier_index(std::uint32_t tiering, std::string_view name) const;
  Type tier_path(const ast::Expr& e, const ast::MemberExpr& n);
  void report_unknown_tier(const ast::Ident& name, std::uint32_t tiering);
  std::optional<std::uint32_t> event_field(std::uint32_t events, std::string_view name) const;
  std::optional<std::uint32_t> find_events(std::string_view name) const;
  void use(Node dep);
  void report_unknown_name(const ast::Expr& e, const std::string& name);
  bool mentions_events(const ast::Expr& e) const;

  // check_expr.cpp
  Type check_unary(const ast::Expr& e, const ast::UnaryExpr& u);
  Type check_if(const ast::Expr& e, const ast::IfExpr& n);
  Type check_is(const ast::Expr& e, const ast::IsExpr& n);
  Type expect_bool(const ast::Expr& e, std::string_view what);

  // check_operator.cpp
  Type check_binary(const ast::Expr& e, const ast::BinaryExpr& b);
  Type check_arithmetic(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r);
  Type check_comparison(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r);
  Type check_logic(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r);
  Type check_coalesce(const ast::Expr& e, const ast::BinaryExpr& b, Type l, Type r);
  Type check_between(const ast::Expr& e, const ast::BetweenExpr& n);
  Type check_in(const ast::Expr& e, const ast::InExpr& n);
  // The kind both sides of a comparison are converted to, or Error when they don't compare.
  std::optional<TypeKind> comparison_kind(const Type& a, const Type& b, bool ordered) const;
  void mismatch(const std::string& message, const ast::Expr& a, const Type& ta, const ast::Expr* b,
                const Type* tb, std::optional<std::string> help = std::nullopt);
  std::pair<Type, Type> check_pair(const ast::Expr& a, const ast::Expr& b);

  // check_call.cpp
  Type check_call(const ast::Expr& e, const ast::CallExpr& c);
  Type check_aggregate(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id);
  Type check_scalar(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id,
                    const std::vector<Type>& args);
  // check_population.cpp
  Type check_population(const ast::Expr& e, const ast::CallExpr& c, BuiltinId id);

  // population_order.cpp
  // The statistic over all customers that `from` uses `to` through, when it uses it only inside
  // the argument of such statistics (no direct use); null otherwise.
  const ast::Expr* population_edge(std::uint32_t from, std::uint32_t to) const;
  std::vector<const ast::Expr*> node_exprs(Node n) const;

  // deps.cpp
  std::string node_name(Node n) const;
  Span node_span(Node n) const;
  std::uint32_t node_index(Node n) const;
  void report_cycles(const std::vector<Node>& nodes,
                     const std::vector<std::vector<std::uint32_t>>& deps,
                     const std::vector<std::uint64_t>& seq, const std::vector<bool>& placed);
  // Reports a cycle through a statistic over all customers (E0228); false for other cycles.
  bool report_population_cycle(const std::vector<Node>& nodes,
                               const std::vector<std::uint32_t>& path);
  std::vector<std::uint32_t> cycle_path(const std::vector<std::uint32_t>& group,
                                        const std::vector<std::vector<std::uint32_t>>& deps,
                                        const std::vector<std::uint64_t>& seq) const;

  Model& m_;
  Diagnostics& diags_;
  std::unordered_map<std::string, TopName> top_;
  std::vector<std::string> top_order_;  // top-level names in declaration order, for suggestions
  // Lets are typed on first use: 0 = not yet, 1 = in progress (a cycle when met again), 2 = done.
  std::vector<std::uint8_t> let_state_;
  std::optional<Node> owner_;                 // whose body is being checked
  std::optional<std::uint32_t> event_scope_;  // inside count(Order ...): the events id
  // Inside the argument of a statistic over all customers: that call.
  const ast::Expr* population_call_ = nullptr;
  // Dependency edges (node_index of user, of used): those made by direct uses, and those made
  // only inside the argument of a population statistic (with the first such call).
  std::set<std::pair<std::uint32_t, std::uint32_t>> direct_edges_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, const ast::Expr*> population_edges_;
  std::uint32_t enum_count_ = 0;
  // Where a KPI's formula is being checked: its group level, or inside an aggregate's argument
  // (one customer's scope).
  enum class KpiLevel : std::uint8_t { None, Group, Customer };
  KpiLevel kpi_level_ = KpiLevel::None;
  bool in_total_ = false;
  bool kpi_cycle_ = false;
  std::vector<std::uint8_t> kpi_state_;  // as let_state_
  std::vector<std::uint32_t> kpi_stack_;
};

// The type two values meet at (`if` branches, `??`, min/max arguments, `in` items): numeric
// widening, date -> datetime, none -> optional; nullopt when they have none.
std::optional<Type> common_type(const Type& a, const Type& b);
// The kind two comparable kinds meet at (int and decimal at decimal, date and datetime at
// datetime).
TypeKind meet_kinds(TypeKind a, TypeKind b);
// `a.b.c` for a name or a chain of members on a name; nullopt for anything else.
std::optional<std::string> dotted_path(const ast::Expr& e);
// Whether a value of type `value` may be stored where `target` is declared (lets, params).
bool accepts(const Type& target, const Type& value);

// Whether a diagnostic of this code may be only a consequence of a declaration that failed to
// parse or a `use`d file that was not found (an unknown name, no record, ...).
bool may_be_caused_by_missing_declarations(DiagCode code);

// Builds the Model for already parsed modules (load.cpp calls it).
void check_model(Model& model, Diagnostics& diags);

// Why "YYYY-MM-DD" is not a real date ("February 2026 has 28 days"), or nullopt.
std::optional<std::string> why_not_a_date(std::string_view text);

// English helpers for messages.
std::string plural(std::size_t n, std::string_view one, std::string_view many);
std::string quoted(std::string_view text);  // `text`

}  // namespace strata::check
