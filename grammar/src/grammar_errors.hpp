// What each must<> point of the grammar expects, in plain English, and the PEGTL control class
// that turns a failed must<> into a SyntaxFailure carrying that text.
//
// This follows PEGTL's error_message idiom (`must_if<>` with a message per rule), extended with a
// label, an optional help line and flags the parser uses to refine the diagnostic (a keyword where
// a name was expected, an unknown type name). A must<> point without an entry fails to compile, so
// no demangled rule name can ever reach a user. In a message, `{prev}` is replaced by the token
// before the error and `{word}` by the malformed word at the error.
#pragma once

#include <cstddef>
#include <type_traits>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "grammar.hpp"
#include "strata/diagnostic.hpp"

namespace strata::grammar {

enum SyntaxFlag : unsigned {
  kNoFlags = 0,
  kExpectsName = 1,  // a keyword found here is reported as E0106
  kExpectsType = 2,  // an identifier found here is an unknown type name
  kSpanWord = 4,     // underline the whole malformed word at the error position
  kNoSkip = 8,       // the error is at the raise position itself (inside a token)
  kWordStart = 16,   // with kSpanWord: start the underline at the beginning of the word
};

struct SyntaxErrorInfo {
  const char* message = nullptr;
  const char* label = nullptr;
  const char* help = nullptr;
  unsigned flags = kNoFlags;
  DiagCode code = DiagCode::SyntaxError;
  char opener = 0;  // for a missing closer: the bracket whose opening is shown as a second label
};

template <typename Rule>
inline constexpr SyntaxErrorInfo error_info{};

#define STRATA_SYNTAX_ERROR(Rule, ...)                \
  template <>                                         \
  inline constexpr SyntaxErrorInfo error_info<Rule> { \
    __VA_ARGS__                                       \
  }

inline constexpr const char* kExprLabel = "expected an expression here";
inline constexpr const char* kUnitsHelp =
    "durations are written `90d`, `12h`, `30min`, `45s`, `2w` and calendar periods `1mo`, `1q`, "
    "`1y`";
inline constexpr const char* kTypesHelp =
    "the types are `int`, `decimal`, `money`, `bool`, `string`, `date`, `datetime`, `duration` "
    "and `enum { ... }`";
inline constexpr const char* kRecordHelp = "a record is written `record Customer key id { ... }`";
inline constexpr const char* kTableHelp =
    "a decision table is written `tiering name table (column, column) { (yes, -) -> tier }`";
inline constexpr const char* kRowHelp =
    "a row is written `(yes, no, -) -> tier \"label\"`, the last one may be `otherwise -> tier`";
inline constexpr const char* kCellsHelp =
    "a cell is `yes`, `no`, `-` (any value), a value (`5`, `ict`), a comparison (`>= 5`), a "
    "range (`1..3`) or a list (`[ict, retail]`); cells are separated by `,`";
inline constexpr const char* kProductHelp =
    "a product of tierings is written `tiering key = pyramid * rfm`";
inline constexpr const char* kCalendarHelp =
    "a calendar is written with lines such as `week mon..fri 09:00..18:00`, "
    "`closed 2026-10-01..2026-10-08` and `open 2026-10-10`";
inline constexpr const char* kSopHelp =
    "write `sop name \"label\" for rfm.important_value { respond ... every ... on enter ... }`";
inline constexpr const char* kActionHelp =
    "the actions are `task owner \"message\" due 7d`, `notify owner \"message\"` and "
    "`release to pool`";
inline constexpr const char* kKpiHelp =
    "a KPI is written `kpi name \"label\" by tiering = count(condition) / count()`";
inline constexpr const char* kTargetHelp =
    "a target is written `target >= 40` or `target >= 40 for important_value, general_value`";
inline constexpr const char* kEventsHelp =
    "events are written `events Order of Customer by customer_id { ... }`";

// clang-format off
STRATA_SYNTAX_ERROR(time_of_day, "malformed date-time `{word}`", "expected a time `HH:MM:SS` after `T`",
                    "write date-times as `2026-11-25T09:30:00`", kSpanWord | kNoSkip | kWordStart);
STRATA_SYNTAX_ERROR(date_or_datetime, "malformed date `{word}`", "not a date of the form `YYYY-MM-DD`",
                    "write dates as `2026-11-25`; to subtract numbers, put spaces around `-`",
                    kSpanWord | kNoSkip | kWordStart);
STRATA_SYNTAX_ERROR(number_end, "invalid suffix `{word}` after a number", "not a known unit", kUnitsHelp,
                    kSpanWord | kNoSkip);
STRATA_SYNTAX_ERROR(escape_code, "invalid escape sequence", "not a valid escape",
                    "the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{4E2D}`; write `\\\\` "
                    "for a backslash", kNoSkip, DiagCode::InvalidEscape);
STRATA_SYNTAX_ERROR(string_char, "unterminated string", "this string is never closed",
                    "add the closing `\"` before the end of the line", kNoSkip,
                    DiagCode::UnterminatedString);

template <typename Op, typename Level>
inline constexpr SyntaxErrorInfo error_info<rhs<Op, Level>>{
    "expected an expression after `{prev}`", kExprLabel};
STRATA_SYNTAX_ERROR(operand<tag_paren>, "expected an expression after `(`", kExprLabel);
STRATA_SYNTAX_ERROR(operand<tag_list>, "expected a list item after `,`", kExprLabel);
STRATA_SYNTAX_ERROR(operand<tag_arg>, "expected an argument after `,`", kExprLabel);
STRATA_SYNTAX_ERROR(operand<tag_where>, "expected a condition after `where`",
                    "expected a condition here",
                    "for example `count(Order where amount > 100)`");
STRATA_SYNTAX_ERROR(operand<tag_if>, "expected a condition after `if`", "expected a condition here");
STRATA_SYNTAX_ERROR(operand<tag_then>, "expected a value after `then`", kExprLabel);
STRATA_SYNTAX_ERROR(operand<tag_else>, "expected a value after `else`", kExprLabel);
STRATA_SYNTAX_ERROR(operand<tag_value>, "expected a value after `=`", kExprLabel);
STRATA_SYNTAX_ERROR(paren_close, "expected `)` to close the parenthesis", "expected `)` here",
                    nullptr, kNoFlags, DiagCode::SyntaxError, '(');
STRATA_SYNTAX_ERROR(list_close, "expected `,` or `]` in the list", "expected `,` or `]` here",
                    nullptr, kNoFlags, DiagCode::SyntaxError, '[');
STRATA_SYNTAX_ERROR(call_close, "expected `,` or `)` in the arguments", "expected `,` or `)` here",
                    nullptr, kNoFlags, DiagCode::SyntaxError, '(');
STRATA_SYNTAX_ERROR(member_name, "expected a field name after `.`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(cmp_operand<cmp_op>, "expected a value to compare with after `{prev}`",
                    kExprLabel);
STRATA_SYNTAX_ERROR(cmp_operand<kw_between>, "expected the lower bound after `between`", kExprLabel,
                    "write `x between low and high`");
STRATA_SYNTAX_ERROR(cmp_operand<between_and>, "expected the upper bound after `and`", kExprLabel,
                    "write `x between low and high`");
STRATA_SYNTAX_ERROR(between_and, "expected `and` between the bounds of `between`",
                    "expected `and` here", "write `x between low and high`");
STRATA_SYNTAX_ERROR(in_list, "expected a list in brackets after `in`", "expected `[` here",
                    "write `x in [a, b, c]`");
STRATA_SYNTAX_ERROR(is_target, "expected `none` or a tier name after `is`",
                    "expected `none` or a name here",
                    "write `x is none`, `x is not none` or `rfm is important_value`");
STRATA_SYNTAX_ERROR(no_chained_comparison, "comparisons cannot be chained",
                    "a second comparison here",
                    "join two comparisons with `and`, for example `a < b and b < c`");
STRATA_SYNTAX_ERROR(then_kw, "expected `then` after the condition of `if`", "expected `then` here",
                    "write `if condition then value else other`");
STRATA_SYNTAX_ERROR(else_kw, "expected `else` after the `then` value", "expected `else` here",
                    "an `if` always needs an `else` value: `if condition then value else other`");

STRATA_SYNTAX_ERROR(enum_open, "expected `{` after `enum`", "expected `{` here",
                    "write `enum { a, b, c }`");
STRATA_SYNTAX_ERROR(enum_member, "expected a member name in the enum", "expected a name here",
                    "write `enum { a, b, c }`", kExpectsName);
STRATA_SYNTAX_ERROR(enum_close, "expected `,` or `}` in the enum", "expected `,` or `}` here");
STRATA_SYNTAX_ERROR(range_low, "expected the lower bound of the range after `in`",
                    "expected a literal here", "a declared range is written `in 0..10`");
STRATA_SYNTAX_ERROR(range_dots, "expected `..` between the bounds of the range",
                    "expected `..` here", "a declared range is written `in 0..10`");
STRATA_SYNTAX_ERROR(range_high, "expected the upper bound of the range after `..`",
                    "expected a literal here", "a declared range is written `in 0..10`");
STRATA_SYNTAX_ERROR(type_ref, "expected a type", "expected a type here", kTypesHelp, kExpectsType);

STRATA_SYNTAX_ERROR(name<kw_record>, "expected a name after `record`", "expected a name here",
                    kRecordHelp, kExpectsName);
STRATA_SYNTAX_ERROR(record_key, "expected `key` after the record name", "expected `key` here",
                    kRecordHelp);
STRATA_SYNTAX_ERROR(name<kw_key>, "expected the key field's name after `key`",
                    "expected a name here", kRecordHelp, kExpectsName);
STRATA_SYNTAX_ERROR(record_open, "expected `{` after the record's key field", "expected `{` here",
                    kRecordHelp);
STRATA_SYNTAX_ERROR(record_close, "expected a field or `}` in the record",
                    "expected `name: type` or `}` here");
STRATA_SYNTAX_ERROR(field_colon, "expected `:` after the field name", "expected `:` here",
                    "fields are written `name: type`");
STRATA_SYNTAX_ERROR(name<kw_events>, "expected a name after `events`", "expected a name here",
                    kEventsHelp, kExpectsName);
STRATA_SYNTAX_ERROR(events_of, "expected `of` after the events name", "expected `of` here",
                    kEventsHelp);
STRATA_SYNTAX_ERROR(name<kw_of>, "expected the record's name after `of`", "expected a name here",
                    kEventsHelp, kExpectsName);
STRATA_SYNTAX_ERROR(events_by, "expected `by` after the record's name", "expected `by` here",
                    kEventsHelp);
STRATA_SYNTAX_ERROR(name<kw_by>, "expected the join column after `by`", "expected a name here",
                    kEventsHelp, kExpectsName);
STRATA_SYNTAX_ERROR(events_open, "expected `{` after the join column", "expected `{` here",
                    kEventsHelp);
STRATA_SYNTAX_ERROR(events_close, "expected a field or `}` in the events",
                    "expected `name: type` or `}` here");

STRATA_SYNTAX_ERROR(name<kw_param>, "expected a name after `param`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(param_rest, "expected a type or a default value after the parameter name",
                    "expected `:` or `=` here",
                    "write `param name: type`, `param name = value` or both, as in "
                    "`param window: duration = 365d`");
STRATA_SYNTAX_ERROR(name<kw_let>, "expected a name after `let`", "expected a name here", nullptr,
                    kExpectsName);
STRATA_SYNTAX_ERROR(let_assign, "expected `=` in the `let` declaration", "expected `=` here",
                    "write `let name = value`");
STRATA_SYNTAX_ERROR(use_path, "expected a file path in double quotes after `use`",
                    "expected a string here", "write `use \"common.strata\"`");

STRATA_SYNTAX_ERROR(name<kw_tiering>, "expected a name after `tiering`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(tiering_body, "expected `{` after the tiering name", "expected `{` here",
                    "write `tiering name \"label\" { tier ... }`, or a decision table "
                    "`tiering name table (columns) { rows }`");
STRATA_SYNTAX_ERROR(tiering_close, "expected `tier`, `hold` or `}` in the tiering",
                    "expected `tier`, `hold` or `}` here");
STRATA_SYNTAX_ERROR(tier_block_close, "expected `tier` or `}` in the sub-tiers",
                    "expected `tier` or `}` here", "sub-tiers are written `tier name when ...` "
                    "inside the braces", kNoFlags, DiagCode::SyntaxError, '{');

STRATA_SYNTAX_ERROR(table_columns, "expected `(` and the columns after `table`",
                    "expected `(` here", kTableHelp);
STRATA_SYNTAX_ERROR(operand<tag_column>, "expected a column after `{prev}`", kExprLabel,
                    "the columns are expressions, as in `table (r_high, frequency, industry)`");
STRATA_SYNTAX_ERROR(columns_close, "expected `,` or `)` in the table's columns",
                    "expected `,` or `)` here", nullptr, kNoFlags, DiagCode::SyntaxError, '(');
STRATA_SYNTAX_ERROR(table_open, "expected `{` after the table's columns", "expected `{` here",
                    kTableHelp);
STRATA_SYNTAX_ERROR(table_close, "expected a row, `hold` or `}` in the table",
                    "expected `(...) -> tier`, `otherwise -> tier`, `hold` or `}` here", kRowHelp);
STRATA_SYNTAX_ERROR(table_cell, "expected a cell after `{prev}`", "expected a cell here",
                    kCellsHelp);
STRATA_SYNTAX_ERROR(cmp_operand<tag_cell>, "expected a value after `{prev}` in the cell",
                    kExprLabel, "a comparison cell is written `>= 5`");
STRATA_SYNTAX_ERROR(cell_range_high, "expected the upper bound of the range after `..`",
                    kExprLabel, "a range cell is written `1..3`; both ends are included");
STRATA_SYNTAX_ERROR(row_close, "expected `,` or `)` after the cell", "expected `,` or `)` here",
                    kCellsHelp, kNoFlags, DiagCode::SyntaxError, '(');
STRATA_SYNTAX_ERROR(row_arrow, "expected `->` and a tier after the row", "expected `->` here",
                    kRowHelp);
STRATA_SYNTAX_ERROR(name<row_arrow>, "expected a tier name after `->`", "expected a name here",
                    kRowHelp, kExpectsName);

STRATA_SYNTAX_ERROR(product_operand, "expected a tiering name after `{prev}`",
                    "expected a name here", kProductHelp, kExpectsName);
STRATA_SYNTAX_ERROR(product_times, "expected `*` and another tiering after `{prev}`",
                    "expected `*` here", kProductHelp);
STRATA_SYNTAX_ERROR(hold_direction, "expected `demote` or `promote` after `hold`",
                    "expected `demote` or `promote` here",
                    "write `hold demote 2`: a move down takes effect after 2 consecutive runs");
STRATA_SYNTAX_ERROR(hold_runs, "expected a number of runs after `hold {prev}`",
                    "expected a whole number here", "write `hold demote 2`");

STRATA_SYNTAX_ERROR(name<kw_calendar>, "expected a name after `calendar`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(calendar_open, "expected `{` after the calendar name", "expected `{` here",
                    "write `calendar workdays \"工作日\" { zone \"Asia/Shanghai\" ... }`");
STRATA_SYNTAX_ERROR(calendar_close, "expected `zone`, `week`, `closed`, `open` or `}` in the calendar",
                    "expected a calendar line or `}` here", kCalendarHelp);
STRATA_SYNTAX_ERROR(zone_name, "expected a time zone name in double quotes after `zone`",
                    "expected a string here", "write `zone \"Asia/Shanghai\"`");
STRATA_SYNTAX_ERROR(day_range, "expected a weekday after `{prev}`", "expected `mon` ... `sun` here",
                    kCalendarHelp);
STRATA_SYNTAX_ERROR(day_last, "expected the last weekday of the range after `..`",
                    "expected `mon` ... `sun` here", kCalendarHelp);
STRATA_SYNTAX_ERROR(week_hours, "expected working hours after the weekdays",
                    "expected `HH:MM..HH:MM` here", kCalendarHelp);
STRATA_SYNTAX_ERROR(clock_range, "expected working hours after `,`", "expected `HH:MM..HH:MM` here",
                    kCalendarHelp);
STRATA_SYNTAX_ERROR(clock_dots, "expected `..` between the start and end of the hours",
                    "expected `..` here", kCalendarHelp);
STRATA_SYNTAX_ERROR(clock_end, "expected the end of the working hours after `..`",
                    "expected `HH:MM` here", kCalendarHelp);
STRATA_SYNTAX_ERROR(date_range, "expected a date after `{prev}`", "expected `YYYY-MM-DD` here",
                    kCalendarHelp);
STRATA_SYNTAX_ERROR(cal_date_last, "expected the last date of the range after `..`",
                    "expected `YYYY-MM-DD` here", kCalendarHelp);

STRATA_SYNTAX_ERROR(name<kw_sop>, "expected a name after `sop`", "expected a name here", nullptr,
                    kExpectsName);
STRATA_SYNTAX_ERROR(sop_for, "expected `for` after the SOP's name", "expected `for` here",
                    kSopHelp);
STRATA_SYNTAX_ERROR(sop_targets, "expected `all` or the tiers the SOP is for after `for`",
                    "expected `all` or `tiering.tier` here",
                    "write `for rfm.important_value, pyramid.top` or `for all`");
STRATA_SYNTAX_ERROR(tier_ref, "expected another tier after `,`", "expected `tiering.tier` here",
                    "write `for rfm.important_value, pyramid.top`");
STRATA_SYNTAX_ERROR(tier_ref_member, "expected a tier name after `.`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(sop_open, "expected `{` after the SOP's tiers", "expected `{` here", kSopHelp);
STRATA_SYNTAX_ERROR(sop_close, "expected `respond`, `every`, `on` or `}` in the SOP",
                    "expected an obligation, a trigger or `}` here", kSopHelp);
STRATA_SYNTAX_ERROR(events_ref, "expected the name of the events after `{prev}`",
                    "expected an events name here",
                    "write `respond Touch where kind == ticket within 1h`", kExpectsName);
STRATA_SYNTAX_ERROR(amount, "expected a duration or period after `{prev}`",
                    "expected a duration such as `1h` or a period such as `1mo` here", kUnitsHelp);
STRATA_SYNTAX_ERROR(every_amount, "expected how often after `every`",
                    "expected a period such as `1mo` or a duration such as `30d` here",
                    "write `every 1mo Touch where kind == visit`");
STRATA_SYNTAX_ERROR(calendar_ref, "expected a calendar name after `on`",
                    "expected a calendar name here", nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(by_field, "expected the response time field after `by`",
                    "expected a field name here", "write `by answered_at`", kExpectsName);
STRATA_SYNTAX_ERROR(warn_amount, "expected a duration after `warn`", "expected a duration here",
                    "write `warn 15min before`");
STRATA_SYNTAX_ERROR(warn_before, "expected `before` after the warning time",
                    "expected `before` here", "write `warn 15min before`");
STRATA_SYNTAX_ERROR(operand<tag_from>, "expected the start of the obligation after `from`",
                    "expected a date here", "write `from signed_on`");
STRATA_SYNTAX_ERROR(trigger_kind, "expected `enter` or `exit` after `on`",
                    "expected `enter` or `exit` here", "write `on enter rfm: task owner \"...\"`");
STRATA_SYNTAX_ERROR(trigger_tiering, "expected a tiering after `{prev}`",
                    "expected a tiering name here", "write `on enter rfm: task owner \"...\"`",
                    kExpectsName);
STRATA_SYNTAX_ERROR(trigger_colon, "expected `:` after the tiering", "expected `:` here",
                    "write `on enter rfm: task owner \"...\"`");
STRATA_SYNTAX_ERROR(action, "expected an action", "expected `task`, `notify` or `release` here",
                    kActionHelp);
STRATA_SYNTAX_ERROR(owner_name, "expected who the action is for after `{prev}`",
                    "expected a field name here", kActionHelp, kExpectsName);
STRATA_SYNTAX_ERROR(message, "expected the message in double quotes", "expected a string here",
                    kActionHelp);
STRATA_SYNTAX_ERROR(due_amount, "expected a duration after `due`", "expected a duration here",
                    "write `due 7d`");
STRATA_SYNTAX_ERROR(release_to, "expected `to pool` after `release`", "expected `to` here",
                    "write `release to pool`");
STRATA_SYNTAX_ERROR(release_pool, "expected `pool` after `release to`", "expected `pool` here",
                    "write `release to pool`");
STRATA_SYNTAX_ERROR(operand<tag_interp>, "expected an expression after `{` in the message",
                    kExprLabel, "write `{name}` to insert a value, or `\\{` for a brace");
STRATA_SYNTAX_ERROR(interp_close, "expected `}` to close the value in the message",
                    "expected `}` here", "write `{name}` to insert a value, or `\\{` for a brace",
                    kNoSkip);
STRATA_SYNTAX_ERROR(message_char, "unterminated string", "this string is never closed",
                    "add the closing `\"` before the end of the line", kNoSkip,
                    DiagCode::UnterminatedString);
STRATA_SYNTAX_ERROR(name<kw_kpi>, "expected a name after `kpi`", "expected a name here", nullptr,
                    kExpectsName);
STRATA_SYNTAX_ERROR(kpi_by_name, "expected a tiering after `by`", "expected a tiering name here",
                    kKpiHelp, kExpectsName);
STRATA_SYNTAX_ERROR(kpi_unit_name, "expected a unit after `unit`", "expected a unit here",
                    "the units are `count`, `money`, `percent`, `days`, `score` and `number`",
                    kExpectsName);
STRATA_SYNTAX_ERROR(kpi_assign, "expected `=` and the KPI's formula", "expected `=` here",
                    kKpiHelp);
STRATA_SYNTAX_ERROR(operand<tag_kpi>, "expected the KPI's formula after `=`", kExprLabel,
                    kKpiHelp);
STRATA_SYNTAX_ERROR(target_op, "expected a comparison after `target`",
                    "expected `>=`, `<=`, `>`, `<`, `==` or `!=` here", kTargetHelp);
STRATA_SYNTAX_ERROR(target_value, "expected the target value after `{prev}`", kExprLabel,
                    kTargetHelp);
STRATA_SYNTAX_ERROR(target_tier, "expected a tier after `{prev}`", "expected a tier name here",
                    kTargetHelp, kExpectsName);
STRATA_SYNTAX_ERROR(name<kw_tier>, "expected a tier name after `tier`", "expected a name here",
                    nullptr, kExpectsName);
STRATA_SYNTAX_ERROR(tier_body, "expected `when` or `otherwise` after the tier name",
                    "expected `when` or `otherwise` here",
                    "write `tier name when condition` or `tier name otherwise`");
STRATA_SYNTAX_ERROR(when_condition, "expected a condition after `when`",
                    "expected a condition here",
                    "write a condition after `when`, or use `otherwise`");
STRATA_SYNTAX_ERROR(declaration, "expected a declaration",
                    "expected `record`, `events`, `param`, `let`, `use`, `tiering`, `calendar`, "
                    "`sop` or `kpi` here");
// clang-format on

#undef STRATA_SYNTAX_ERROR

// Raised by the grammar; caught by the parser, which turns it into a Diagnostic.
struct SyntaxFailure {
  const SyntaxErrorInfo* info;
  std::size_t offset;  // byte offset in the file where the must<> point failed
};

inline constexpr std::size_t kMaxNesting = 256;
inline constexpr SyntaxErrorInfo kTooDeep{
    "expression is nested too deeply (more than 256 levels)", "too deep here",
    "split the expression into several `let` values", kNoSkip};

// Per-parse state seen by the control hooks.
struct ParseState {
  std::size_t depth = 0;
};

template <typename Rule>
struct Control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(error_info<Rule>.message != nullptr,
                  "every must<> point needs an entry in grammar_errors.hpp");
    throw SyntaxFailure{&error_info<Rule>, static_cast<std::size_t>(in.current() - in.begin())};
  }

  // Nesting is counted at `expr`, the one rule every recursive path of expressions goes
  // through, and at `tier_decl` for sub-tiers, so deeply nested input is an error instead of a
  // stack overflow.
  static constexpr bool kCountsNesting =
      std::is_same_v<Rule, expr> || std::is_same_v<Rule, tier_decl>;
  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, States&&... st) {
    if constexpr (kCountsNesting) (enter(in, st), ...);
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& /*unused*/, States&&... st) noexcept {
    if constexpr (kCountsNesting) (leave(st), ...);
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*unused*/, States&&... st) noexcept {
    if constexpr (kCountsNesting) (leave(st), ...);
  }

 private:
  template <typename ParseInput>
  static void enter(const ParseInput& in, ParseState& state) {
    if (++state.depth > kMaxNesting) {
      throw SyntaxFailure{&kTooDeep, static_cast<std::size_t>(in.current() - in.begin())};
    }
  }
  template <typename ParseInput, typename Other>
  static void enter(const ParseInput& /*unused*/, Other& /*unused*/) {}
  static void leave(ParseState& state) noexcept { --state.depth; }
  template <typename Other>
  static void leave(Other& /*unused*/) noexcept {}
};

// Which rules the parse tree keeps. Leaves keep their text; expression levels with one child
// collapse into that child, so the tree holds only operators that were actually written.
// clang-format off
template <typename Rule>
using Selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        identifier, callee, member_name, label,
        date_lit, datetime_lit, duration_lit, period_lit, percent_lit, decimal_lit, int_lit,
        string_lit, bool_lit, none_lit, today_lit, range_bound,
        neg_op, mul_op, add_op, coalesce_op, cmp_op, negation, not_op, and_op, or_op,
        paren_expr, where_filter, call_expr, cmp_binary, between_tail, in_tail, is_tail, if_expr,
        type_name, enum_type, optional_mark, type_ref, field_decl, policy,
        tier_block, table_body, table_columns, table_row, otherwise_row, row_cells,
        cell_any, cell_compare, cell_list, cell_value, cell_range_tail, product_def,
        record_decl, events_decl, param_decl, let_decl, use_decl, tier_decl, tiering_decl,
        hold_decl, hold_direction, clock_range, clock_time, day_range, date_range, week_line,
        closed_line, open_line, zone_line, calendar_decl,
        message_lit, message_text, interp, owner_name, due_clause, task_action, notify_action,
        release_action, events_ref, within_clause, on_clause, by_clause, warn_clause,
        else_clause, from_clause, respond_decl, every_decl, trigger_kind, trigger_decl, tier_ref,
        sop_all, sop_decl, kpi_by, kpi_unit, target_clause, target_tier, kpi_decl>,
    pegtl::parse_tree::fold_one::on<
        expr, or_expr, and_expr, not_expr, cmp_expr, coalesce_expr, add_expr, mul_expr,
        unary_expr, postfix_expr>>;
// clang-format on

}  // namespace strata::grammar
