// The checked model: what the checker proves about a rule set, and what every later stage reads.
//
// The model owns the parsed modules (the AST) and describes the rule set with symbol tables
// (record, events, params, lets, enums, tierings) and side tables indexed by ast::ExprId: each
// expression's type, what each name refers to, which built-in each call is, and each literal's
// value. The linter, formatter, language server and planner read this, never the bytecode.
// A Model is immutable once check() returns.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/types.hpp"
#include "sop/calendar.hpp"
#include "strata/ast.hpp"
#include "strata/dataset.hpp"
#include "strata/decimal.hpp"
#include "strata/diagnostic.hpp"
#include "strata/kpi.hpp"
#include "strata/source.hpp"

namespace strata {

// ---- symbols ------------------------------------------------------------------------------------

struct FieldSymbol {
  std::string name;
  Type type;
  const ast::FieldDecl* decl = nullptr;
  std::optional<Decimal> range_low, range_high;
};

struct RecordSymbol {
  std::string name;
  std::vector<FieldSymbol> fields;
  std::uint32_t key_field = 0;
  const ast::RecordDecl* decl = nullptr;
};

struct EventsSymbol {
  std::string name;
  std::vector<FieldSymbol> fields;
  std::string by;  // join column
  std::optional<std::uint32_t> time_field;
  const ast::EventsDecl* decl = nullptr;
};

struct EnumSymbol {
  std::string name;  // the field that declared it, e.g. "industry"
  std::vector<std::string> members;
};

// A literal value known at check time (literals, and folded constants later).
struct ConstValue {
  TypeKind kind = TypeKind::Null;  // Null: none
  std::int64_t i = 0;              // Int, Bool (0/1), Date, DateTime, Duration, Period, Enum
  Decimal d;                       // Decimal (percentages are decimals: 80% = 0.8)
  std::string s;                   // String
};

struct ParamSymbol {
  std::string name;
  Type type;
  const ast::ParamDecl* decl = nullptr;
  std::optional<ConstValue> default_value;  // folded default; `today` is kept as a flag
  bool default_is_today = false;
};

struct LetSymbol {
  std::string name;
  Type type;
  const ast::LetDecl* decl = nullptr;
  std::vector<std::uint32_t> depends_on_lets;      // direct dependencies (let ids)
  std::vector<std::uint32_t> depends_on_tierings;  // direct dependencies (tiering ids)
};

// One tier of a tiering. Tiers are listed in pre-order: a tier with sub-tiers (a nested tier, or a
// tier of the first operand of a product) is followed by all of its descendants, so the tiers
// within `t` are exactly the indices [t, t.end). A tier's index is the value a customer's result
// holds at run time.
struct TierSymbol {
  std::string name;   // the tier's id: `top`, or `top.important_value` for a sub-tier
  std::string local;  // the last part of the id: `important_value`
  std::string label;  // as written on this tier; empty when not written
  Span span;          // where the tier is named (the tier line, the first row naming it)
  const ast::TierDecl* decl = nullptr;  // tier form only; null for table and product tiers
  std::optional<std::uint32_t> parent;  // the enclosing tier
  std::uint32_t depth = 0;              // 0 at the top level
  std::uint32_t end = 0;                // one past the last descendant
  bool otherwise = false;               // takes every customer its siblings leave
};

// ---- decision tables ----------------------------------------------------------------------------
//
// A table is kept as data, not only as lowered conditions, so the linter can reason about rows
// (gaps, duplicates, rows masked by earlier ones) and explanations can show cells.

// What a cell tests, decided from its form and its column's type.
enum class CellTest : std::uint8_t {
  Any,      // `-`: every value, missing included
  Yes,      // `yes` under a bool column: the column is true
  No,       // `no` under a bool column: the column is false
  Equal,    // `5`, `ict`, or a bool value other than yes/no: column == value
  Compare,  // `>= 5`: column <op> value
  Range,    // `1..3`: low <= column <= high
  List,     // `[ict, retail]`: column == one of the items
  Missing,  // `none`: the column is missing
};

struct TableColumnSymbol {
  const ast::Expr* expr = nullptr;  // any expression; never assumed to be a name
  Type type;
};

struct TableCellSymbol {
  CellTest test = CellTest::Any;
  ast::BinaryOp op = ast::BinaryOp::Eq;    // Compare
  TypeKind compare_kind = TypeKind::Bool;  // the kind column and operands are converted to
  const ast::TableCell* cell = nullptr;    // the operands: cell->value, cell->high, cell->items
};

struct TableRowSymbol {
  std::uint32_t tier = 0;              // index into TieringSymbol::tiers
  bool otherwise = false;              // `otherwise -> tier`: no cells
  std::vector<TableCellSymbol> cells;  // one per column (fewer only after a reported error)
  const ast::TableRow* row = nullptr;
  // Every cell is `-` (or it is `otherwise`): the row matches every customer it sees.
  bool matches_all() const;
};

struct DecisionTableSymbol {
  std::vector<TableColumnSymbol> columns;
  std::vector<TableRowSymbol> rows;  // in order; first match unless the tiering is `unique`
};

// `hold demote N` / `hold promote N`: consecutive runs needed before a move takes effect (1: at
// once, the default).
struct HoldRule {
  std::uint32_t demote = 1;
  std::uint32_t promote = 1;
  bool any() const { return demote > 1 || promote > 1; }
};

struct TieringSymbol {
  std::string name;
  std::string label;
  HoldRule hold;
  ast::HitPolicy policy = ast::HitPolicy::First;
  ast::TieringForm form = ast::TieringForm::Tiers;
  std::vector<TierSymbol> tiers;  // pre-order (see TierSymbol)
  // Every customer gets a tier: a top-level `otherwise`, a table row matching everything, or a
  // product whose first operand has one. Otherwise the tiering's value is optional.
  bool has_otherwise = false;
  const ast::TieringDecl* decl = nullptr;
  std::optional<DecisionTableSymbol> table;  // Table form
  std::vector<std::uint32_t> operands;       // Product form: the tierings combined, in order
  std::vector<std::uint32_t> depends_on_lets;
  std::vector<std::uint32_t> depends_on_tierings;

  // Every expression the tiering evaluates: tier conditions (sub-tiers included), table columns
  // and cell operands, product operands.
  std::vector<const ast::Expr*> expressions() const;
  bool has_children(std::uint32_t tier) const { return tiers[tier].end > tier + 1; }
  // Whether tier `tier` is `ancestor` or one of its sub-tiers.
  bool within(std::uint32_t tier, std::uint32_t ancestor) const {
    return tier >= ancestor && tier < tiers[ancestor].end;
  }
  // The tiers directly below `parent` (the top-level tiers for nullopt), in order.
  std::vector<std::uint32_t> children_of(std::optional<std::uint32_t> parent) const;
};

// ---- calendars and SOPs -------------------------------------------------------------------------

struct CalendarSymbol {
  std::string name;
  std::string label;
  sop::CalendarSpec spec;
  const ast::CalendarDecl* decl = nullptr;
};

struct ActionSpec {
  ast::ActionKind kind = ast::ActionKind::Task;
  std::optional<std::int64_t> due;  // seconds after the run's time, for tasks
  const ast::ActionDecl* decl = nullptr;
};

struct ObligationSymbol {
  ast::ObligationKind kind = ast::ObligationKind::Respond;
  std::uint32_t events = 0;
  std::uint32_t time_field = 0;                 // the events' event time
  std::optional<std::uint32_t> response_field;  // respond: when the event was answered
  std::optional<std::uint32_t> calendar;        // respond ... on CAL
  std::int64_t amount = 0;                      // seconds, or months when amount_is_period
  bool amount_is_period = false;
  std::int64_t warn = 0;  // seconds before the deadline at which it is due soon (0: no warning)
  std::optional<ActionSpec> warn_action;
  std::optional<ActionSpec> otherwise;
  std::string text;  // the obligation as written, on one line
  const ast::ObligationDecl* decl = nullptr;
};

struct TriggerSymbol {
  bool enter = true;
  std::uint32_t tiering = 0;
  ActionSpec action;
  const ast::TriggerDecl* decl = nullptr;
};

// `for rfm.important_value`: a tier of a tiering, with its sub-tiers (as `is` takes them).
struct SopTarget {
  std::uint32_t tiering = 0;
  std::uint32_t tier = 0;
  Span span;
};

struct SopSymbol {
  std::string name;
  std::string label;
  bool all = false;  // `for all`
  std::vector<SopTarget> targets;
  std::vector<ObligationSymbol> obligations;
  std::vector<TriggerSymbol> triggers;
  const ast::SopDecl* decl = nullptr;
};

// ---- KPIs -------------------------------------------------------------------------------------

struct KpiTargetSymbol {
  ast::BinaryOp op = ast::BinaryOp::Ge;
  Decimal value;
  bool percent = false;              // written as a percentage
  std::vector<std::uint32_t> tiers;  // of the `by` tiering; empty: every group
  const ast::KpiTarget* decl = nullptr;
};

struct KpiSymbol {
  std::string name;
  std::string label;
  std::optional<std::uint32_t> by;  // the tiering grouping it
  KpiUnit unit = KpiUnit::Number;
  Type type;
  std::vector<KpiTargetSymbol> targets;
  const ast::KpiDecl* decl = nullptr;
};

// ---- side tables --------------------------------------------------------------------------------

enum class SymbolKind : std::uint8_t {
  Unresolved,
  RecordField,   // index = field
  EventField,    // index = events id, sub = field (only inside an aggregate over those events)
  Let,           // index = let id
  Param,         // index = param id
  EnumMember,    // index = enum id, sub = member ordinal
  Tier,          // index = tiering id, sub = tier ordinal (as in `pyramid is top`)
  Tiering,       // index = tiering id: the customer's tier in it
  Events,        // index = events id: the events of the customer (aggregate argument)
  TierPrevious,  // index = tiering id: `t.previous`, the tier of the previous run
  TierSince,     // index = tiering id: `t.since`, the run date the current tier began
  TierChanged,   // index = tiering id: `t.changed`, whether the tier differs from the previous run
  Kpi,           // index = KPI id: another KPI's value for the same group
  Sop,           // index = SOP id: the argument of `compliance(sop)` in a KPI
};

struct Resolution {
  SymbolKind kind = SymbolKind::Unresolved;
  std::uint32_t index = 0;
  std::uint32_t sub = 0;
};

// Built-in functions, declared in stdlib/builtins.def.
enum class BuiltinId : std::uint16_t {
#define STRATA_BUILTIN(Name, spelling, min_args, max_args, kind, summary) Name,
#include "builtins.def"
};

// Built-ins that exist only over all customers (median, ntile, ...), not over events.
bool is_population_only(BuiltinId id);
// Statistics over all customers that give each customer its own value (ntile, rank, ...) rather
// than one value for the run.
bool is_position(BuiltinId id);

enum class CallScope : std::uint8_t {
  Scalar,          // per customer: abs(x), days_between(a, b), max(a, b)
  EventAggregate,  // over one customer's events: count(Order where ...), sum(Order.amount)
  Population,      // over all customers of the run: avg(x), ntile(x, 5) (phase 2)
  Kpi,             // at the level of a KPI's group: count(x), sum(x) over the group's customers,
                   // total(...) over every customer, compliance(sop)
};

struct CallInfo {
  BuiltinId builtin{};
  CallScope scope = CallScope::Scalar;
  std::uint32_t events = 0;  // for EventAggregate: which events
};

// The operand types a binary operator works on after implicit widening (int -> decimal,
// date -> datetime, T -> T?). Comparisons, arithmetic and `??` record one; the compiler converts
// each side to these kinds and picks the typed instruction from (op, lhs, rhs).
struct OperatorSig {
  TypeKind lhs = TypeKind::Error;
  TypeKind rhs = TypeKind::Error;
  TypeKind result = TypeKind::Error;
};

struct Model {
  std::shared_ptr<SourceManager> sources;
  std::vector<ast::Module> modules;  // in load order; `use`d files before their users

  std::optional<RecordSymbol> record;
  std::vector<EventsSymbol> events;
  std::vector<EnumSymbol> enums;
  std::vector<ParamSymbol> params;
  std::vector<LetSymbol> lets;
  std::vector<TieringSymbol> tierings;
  std::vector<CalendarSymbol> calendars;  // their own namespace: named only by `on CAL`
  std::vector<SopSymbol> sops;            // their own namespace
  std::vector<KpiSymbol> kpis;            // their own namespace, named only inside KPIs
  // KPIs in an order where each comes after the KPIs it uses.
  std::vector<std::uint32_t> kpi_order;
  // Lets in an order where each comes after everything it depends on.
  std::vector<std::uint32_t> let_order;
  // Tierings in dependency order (a tiering that refers to another comes after it).
  std::vector<std::uint32_t> tiering_order;

  // Side tables indexed by ast::ExprId (size = number of expressions).
  std::vector<Type> types;
  std::vector<Resolution> names;  // NameExpr, MemberExpr; IsExpr: tier/value tested
  std::vector<CallInfo> calls;    // CallExpr nodes
  std::vector<OperatorSig>
      operators;  // BinaryExpr (arithmetic, comparison, ??), BetweenExpr, InExpr
  std::vector<std::optional<ConstValue>> constants;  // LiteralExpr nodes (None for `today`)

  const Type& type_of(const ast::Expr& e) const { return types[e.id]; }
  const Resolution& name_of(const ast::Expr& e) const { return names[e.id]; }

  std::optional<std::uint32_t> find_let(std::string_view name) const;
  std::optional<std::uint32_t> find_param(std::string_view name) const;
  std::optional<std::uint32_t> find_tiering(std::string_view name) const;
  std::optional<std::uint32_t> find_kpi(std::string_view name) const;

  // The data schema the rule set reads (record and events with their fields).
  std::shared_ptr<const Schema> schema() const;
  // Whether e is a call of a statistic over all customers (`avg(x)`, `quintile(x)`, `count()`).
  bool is_population_call(const ast::Expr& e) const {
    return e.as<ast::CallExpr>() != nullptr && calls[e.id].scope == CallScope::Population;
  }
};

// Parses `paths` (following `use` declarations, each file once) and checks the whole rule set.
// Returns the model even when there are errors, as far as it could be built; callers check
// diags.has_errors() before planning.
std::unique_ptr<Model> check_files(const std::vector<std::string>& paths, Diagnostics& diags);
// The same for in-memory sources: (name, text) pairs; `use` paths resolve among these names first,
// then on disk relative to the using file.
struct SourceText {
  std::string name;
  std::string text;
};
std::unique_ptr<Model> check_sources(const std::vector<SourceText>& sources, Diagnostics& diags);

}  // namespace strata
