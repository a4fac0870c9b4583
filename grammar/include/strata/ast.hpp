// The abstract syntax tree of a Strata module (one .strata file).
//
// Typed node structs, one per construct, each with the Span of its source text. Expressions carry a
// dense ExprId so later passes keep resolved types and symbols in side tables indexed by id instead
// of mutating the tree. Literals keep their source text; the checker parses and validates values
// (an impossible date such as 2026-02-30 is a checker diagnostic, not a syntax error).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "strata/source.hpp"

namespace strata::ast {

using ExprId = std::uint32_t;

struct Ident {
  std::string text;
  Span span;
};

// ---- expressions ------------------------------------------------------------------------------

enum class LiteralKind : std::uint8_t {
  Int,       // 42, 1_000_000 (text keeps underscores)
  Decimal,   // 5000.00, 0.8
  Percent,   // 80% (text without the %: "80")
  String,    // text is the decoded value (escapes resolved)
  Bool,      // true / false / yes / no
  None,      // none
  Date,      // 2026-11-25
  DateTime,  // 2026-11-25T09:30:00
  Duration,  // 90d 12h 30min 2w 45s (text as written)
  Period,    // 1mo 1q 1y (text as written)
  Today,     // today: the run's current date
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct LiteralExpr {
  LiteralKind kind;
  std::string text;
};

// A bare identifier: a let, param, record field, event field (inside an aggregate), enum member,
// tier id, tiering or events name. What it means is decided by the checker.
struct NameExpr {
  std::string name;
};

// object.member: Order.amount, rfm.previous, pyramid.top
struct MemberExpr {
  ExprPtr object;
  Ident member;
};

enum class UnaryOp : std::uint8_t { Negate, Not };

struct UnaryExpr {
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : std::uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Coalesce,  // ??
};

struct BinaryExpr {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  Span op_span;
};

// value between low and high (inclusive); `not between` sets negated
struct BetweenExpr {
  ExprPtr value;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
};

// value in [a, b, c]; value not in [...]
struct InExpr {
  ExprPtr value;
  std::vector<ExprPtr> items;
  bool negated = false;
};

// value is none / value is not none / tiering is tier_id / tiering is not tier_id
struct IsExpr {
  ExprPtr value;
  std::optional<Ident> target;  // empty for `none`
  bool negated = false;
};

struct IfExpr {
  ExprPtr condition;
  ExprPtr then_value;
  ExprPtr else_value;
};

// name(args) with an optional `where` filter after the first argument:
//   count(Order where amount > 100), sum(Order.amount where at > as_of - window), max(a, b)
struct CallExpr {
  Ident callee;
  std::vector<ExprPtr> args;
  ExprPtr filter;  // null when there is no `where`
};

struct Expr {
  ExprId id = 0;
  Span span;
  std::variant<LiteralExpr, NameExpr, MemberExpr, UnaryExpr, BinaryExpr, BetweenExpr, InExpr,
               IsExpr, IfExpr, CallExpr>
      node;

  template <class T>
  const T* as() const {
    return std::get_if<T>(&node);
  }
  template <class T>
  T* as() {
    return std::get_if<T>(&node);
  }
};

// ---- types as written ---------------------------------------------------------------------------

enum class TypeKeyword : std::uint8_t {
  Int,
  Decimal,
  Money,
  Bool,
  String,
  Date,
  DateTime,
  Duration,
  Enum,
};

struct TypeRef {
  TypeKeyword keyword = TypeKeyword::Int;
  std::vector<Ident> enum_members;  // for enum { a, b, c }
  bool optional = false;            // T?
  ExprPtr range_low;                // `in low..high`, both literals; null when no range
  ExprPtr range_high;
  Span span;
};

// ---- declarations -------------------------------------------------------------------------------

struct FieldDecl {
  Ident name;
  TypeRef type;
  Span span;
};

// record Customer key id { ... }
struct RecordDecl {
  Ident name;
  Ident key;
  std::vector<FieldDecl> fields;
  Span span;
};

// events Order of Customer by customer_id { ... }
struct EventsDecl {
  Ident name;
  Ident owner;  // the record
  Ident by;     // the join column in the events data, matched to the owner's key
  std::vector<FieldDecl> fields;
  Span span;
};

// param as_of: date = today
struct ParamDecl {
  Ident name;
  std::optional<TypeRef> type;
  ExprPtr default_value;  // may be null when a type is given: then the value must be supplied
  Span span;
};

// let recency: int? = days_between(max(Order.at), as_of)
struct LetDecl {
  Ident name;
  std::optional<TypeRef> type;
  ExprPtr value;
  Span span;
};

// use "common.strata"
struct UseDecl {
  std::string path;  // as written, relative to the using file's folder
  Span span;
};

struct Label {
  std::string text;
  Span span;
};

// tier top "顶层客户" when monetary >= 1_000_000   /   tier small "小客户" otherwise
// A tier may be subdivided by a block of sub-tiers, tried only for the customers it takes:
//   tier top "顶层" when pyramid is top { tier important_value when ...  tier other otherwise }
struct TierDecl {
  Ident name;
  std::optional<Label> label;
  ExprPtr condition;  // null for `otherwise`
  bool otherwise = false;
  bool has_block = false;          // `{ ... }` was written, even if empty
  std::vector<TierDecl> children;  // the sub-tiers of the block, in order
  Span span;
};

// One cell of a decision-table row, as written. What the cell tests depends on its column's type
// and is decided by the checker (a `yes` under a bool column, an equality under any other).
enum class CellKind : std::uint8_t {
  Any,      // -
  Value,    // yes, no, 5, ict, "x", none: equal to the value (`none`: the column is missing)
  Compare,  // >= 5, != ict: the column compared with the value by `op`
  Range,    // 1..3: low <= column <= high
  List,     // [ict, retail]: equal to one of the items
};

struct TableCell {
  CellKind kind = CellKind::Any;
  BinaryOp op = BinaryOp::Eq;  // Compare: the operator
  ExprPtr value;               // Value, Compare: the operand; Range: the low bound
  ExprPtr high;                // Range: the high bound
  std::vector<ExprPtr> items;  // List
  Span span;
};

// (yes, no, -) -> important_develop "重要发展客户"   /   otherwise -> general_retain
struct TableRow {
  std::vector<TableCell> cells;  // empty for `otherwise`
  bool otherwise = false;
  Span cells_span;  // `( ... )`, or the `otherwise` keyword
  Ident tier;
  std::optional<Label> label;
  Span span;
};

// table (col, col, ...) { rows }
struct DecisionTable {
  std::vector<ExprPtr> columns;
  Span columns_span;  // `( ... )` after `table`
  std::vector<TableRow> rows;
  Span span;  // from `table` to the closing `}`
};

enum class HitPolicy : std::uint8_t { First, Unique };

// How a tiering's tiers are written.
enum class TieringForm : std::uint8_t {
  Tiers,    // { tier ... }, possibly with sub-tiers
  Table,    // table (...) { rows }
  Product,  // = pyramid * rfm: every combination of the operands' tiers
};

// hold demote 2 / hold promote 1 (inside a tiering): a move takes effect only after that many
// consecutive runs place the customer lower (higher).
struct HoldDecl {
  bool demote = true;
  std::string runs;  // the count as written
  Span runs_span;
  Span span;
};

// tiering pyramid "价值金字塔" [first|unique] { tier ... }
// tiering rfm "RFM" [first|unique] table (r_high, f_high, m_high) { (yes, yes, yes) -> ... }
// tiering key "重点客户" = pyramid * rfm
struct TieringDecl {
  Ident name;
  std::optional<Label> label;
  HitPolicy policy = HitPolicy::First;
  Span policy_span;  // invalid when the policy was not written
  TieringForm form = TieringForm::Tiers;
  std::vector<TierDecl> tiers;         // Tiers
  std::optional<DecisionTable> table;  // Table
  std::vector<ExprPtr> product;        // Product: the operands, each a name
  std::vector<HoldDecl> holds;         // Tiers and Table: `hold demote 2`
  Span span;
};

// ---- calendars ----------------------------------------------------------------------------------

// 09:00..18:00 (times as written; the checker validates them)
struct ClockRange {
  std::string begin, end;
  Span span;
};

// mon..fri, sat
struct DayRange {
  Ident first;
  std::optional<Ident> last;
  Span span;
};

// 2026-10-01..2026-10-08, 2027-01-01
struct DateRange {
  std::string first, last;  // last empty for a single day
  Span span;
};

// week mon..fri 09:00..12:00, 13:00..18:00
struct WeekLine {
  std::vector<DayRange> days;
  std::vector<ClockRange> hours;
  Span span;
};

// open 2026-10-10 [09:00..18:00]: an extra working day (a weekend worked in exchange for a holiday)
struct OpenLine {
  std::vector<DateRange> dates;
  std::vector<ClockRange> hours;  // empty: the hours of a regular working day
  Span span;
};

// calendar workdays "工作日" { zone "Asia/Shanghai"  week ...  closed ...  open ... }
struct CalendarDecl {
  Ident name;
  std::optional<Label> label;
  std::optional<Label> zone;
  std::vector<WeekLine> weeks;
  std::vector<DateRange> closed;
  std::vector<OpenLine> open;
  Span span;
};

// ---- SOPs ---------------------------------------------------------------------------------------

// A message with `{expr}` interpolation: text pieces and expressions in order.
struct MessagePart {
  std::string text;  // when expr is null
  ExprPtr expr;
};
struct Message {
  std::vector<MessagePart> parts;
  Span span;
};

enum class ActionKind : std::uint8_t { Task, Notify, ReleaseToPool };

// task owner "..." [due 7d] / notify owner "..." / release to pool
struct ActionDecl {
  ActionKind kind = ActionKind::Task;
  ExprPtr owner;  // a name; null for release to pool
  Message message;
  ExprPtr due;  // duration literal, or null
  Span span;
};

// Touch where kind == ticket
struct EventsRef {
  Ident events;
  ExprPtr filter;  // null: every event
  Span span;
};

enum class ObligationKind : std::uint8_t { Respond, Every };

// respond EVENTS within D [on CAL] [by FIELD] [warn D before [ACTION]] [else ACTION]
// every PERIOD EVENTS [from EXPR] [warn D before [ACTION]] [else ACTION]
// Clauses may come in any order; each at most once (the checker reports repeats).
struct ObligationDecl {
  ObligationKind kind = ObligationKind::Respond;
  EventsRef events;
  ExprPtr amount;  // respond: `within` duration; every: the period or duration
  std::optional<Ident> calendar;
  std::optional<Ident> by;
  ExprPtr from;
  ExprPtr warn;  // duration literal
  std::optional<ActionDecl> warn_action;
  std::optional<ActionDecl> otherwise;
  std::vector<std::pair<std::string, Span>> clauses;  // every clause keyword with its span
  Span span;
};

// on enter rfm: ACTION / on exit rfm: ACTION
struct TriggerDecl {
  bool enter = true;
  Ident tiering;
  ActionDecl action;
  Span span;
};

// rfm.important_value in `for ...`
struct TierRef {
  Ident tiering;
  Ident tier;
  Span span;
};

// sop vip_service "VIP 服务标准" for rfm.important_value, pyramid.top { ... }
struct SopDecl {
  Ident name;
  std::optional<Label> label;
  bool all = false;
  Span all_span;
  std::vector<TierRef> targets;
  std::vector<ObligationDecl> obligations;
  std::vector<TriggerDecl> triggers;
  Span span;
};

// ---- KPIs -------------------------------------------------------------------------------------

// target >= 40 for important_value, general_value
struct KpiTarget {
  BinaryOp op = BinaryOp::Ge;
  Span op_span;
  ExprPtr value;
  std::vector<Ident> tiers;  // ids as written, sub-tiers by path (`top.important_value`)
  Span span;
};

// kpi nps "净推荐值" by rfm unit score = 100 * (count(nps >= 9) - count(nps <= 6)) / count()
//     target >= 40 for important_value
struct KpiDecl {
  Ident name;
  std::optional<Label> label;
  std::optional<Ident> by;
  std::optional<Ident> unit;
  ExprPtr value;
  std::vector<KpiTarget> targets;
  Span span;
};

using Decl = std::variant<RecordDecl, EventsDecl, ParamDecl, LetDecl, UseDecl, TieringDecl,
                          CalendarDecl, SopDecl, KpiDecl>;

struct Module {
  FileId file = kNoFile;
  std::vector<Decl> decls;
};

Span decl_span(const Decl& decl);
// The operator as written in rule files: "+", "<=", "and", "??".
std::string_view binary_op_spelling(BinaryOp op);
inline bool is_comparison(BinaryOp op) {
  return op >= BinaryOp::Eq && op <= BinaryOp::Ge;
}
// Calls f on each direct sub-expression of e, in source order (call arguments, then the `where`
// filter).
void for_each_child(const Expr& e, const std::function<void(const Expr&)>& f);

}  // namespace strata::ast
