// The Strata grammar in PEGTL 3.2: one struct per named rule.
//
// Whitespace convention: every token rule is written as `seq<sep, raw>`, i.e. whitespace and `#`
// comments are skipped *before* a token, never after it. The raw rules that the parse tree stores
// (identifiers, literals, operators) therefore span exactly their own text, and a composite node
// ends exactly at the end of its last token. Newlines are insignificant.
//
// Expression precedence, lowest first:
//   if c then a else b       prefix form; branches are full expressions
//   or                       left associative
//   and                      left associative
//   not                      prefix
//   == != < <= > >=          non-associative (`a < b < c` is an error), and in the same level:
//   between / in / is        `x [not] between a and b`, `x [not] in [..]`, `x is [not] none|tier`
//   ??                       left associative
//   + -                      left associative
//   * /                      left associative
//   - (negation)             prefix
//   a.b  name(args)          postfix member access; calls with an optional `where` filter
//
// Keywords are `key`-style rules (not followed by an identifier character) and identifiers never
// match a keyword. Each `must<>` point has an entry in grammar_errors.hpp that says, in plain
// English, what was expected; a missing entry does not compile.
#pragma once

#include <tao/pegtl.hpp>

namespace strata::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::digit;
using pegtl::eolf;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::ranges;
using pegtl::rep;
using pegtl::rep_min_max;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;
using pegtl::xdigit;

// ---- whitespace and comments --------------------------------------------------------------------

struct comment : seq<one<'#'>, until<eolf>> {};
struct blank : one<' ', '\t', '\r', '\n'> {};
struct sep : star<sor<blank, comment>> {};

// ---- identifiers and keywords -------------------------------------------------------------------

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct ident_word : seq<ident_first, star<ident_other>> {};

template <typename Word>
struct key : seq<Word, not_at<ident_other>> {};

// clang-format off
struct kw_record : key<TAO_PEGTL_STRING("record")> {};
struct kw_events : key<TAO_PEGTL_STRING("events")> {};
struct kw_of : key<TAO_PEGTL_STRING("of")> {};
struct kw_by : key<TAO_PEGTL_STRING("by")> {};
struct kw_key : key<TAO_PEGTL_STRING("key")> {};
struct kw_let : key<TAO_PEGTL_STRING("let")> {};
struct kw_param : key<TAO_PEGTL_STRING("param")> {};
struct kw_tiering : key<TAO_PEGTL_STRING("tiering")> {};
struct kw_tier : key<TAO_PEGTL_STRING("tier")> {};
struct kw_when : key<TAO_PEGTL_STRING("when")> {};
struct kw_otherwise : key<TAO_PEGTL_STRING("otherwise")> {};
struct kw_table : key<TAO_PEGTL_STRING("table")> {};
struct kw_use : key<TAO_PEGTL_STRING("use")> {};
struct kw_sop : key<TAO_PEGTL_STRING("sop")> {};
struct kw_for : key<TAO_PEGTL_STRING("for")> {};
struct kw_all : key<TAO_PEGTL_STRING("all")> {};
struct kw_kpi : key<TAO_PEGTL_STRING("kpi")> {};
struct kw_target : key<TAO_PEGTL_STRING("target")> {};
struct kw_calendar : key<TAO_PEGTL_STRING("calendar")> {};
struct kw_and : key<TAO_PEGTL_STRING("and")> {};
struct kw_or : key<TAO_PEGTL_STRING("or")> {};
struct kw_not : key<TAO_PEGTL_STRING("not")> {};
struct kw_in : key<TAO_PEGTL_STRING("in")> {};
struct kw_is : key<TAO_PEGTL_STRING("is")> {};
struct kw_between : key<TAO_PEGTL_STRING("between")> {};
struct kw_if : key<TAO_PEGTL_STRING("if")> {};
struct kw_then : key<TAO_PEGTL_STRING("then")> {};
struct kw_else : key<TAO_PEGTL_STRING("else")> {};
struct kw_yes : key<TAO_PEGTL_STRING("yes")> {};
struct kw_no : key<TAO_PEGTL_STRING("no")> {};
struct kw_none : key<TAO_PEGTL_STRING("none")> {};
struct kw_true : key<TAO_PEGTL_STRING("true")> {};
struct kw_false : key<TAO_PEGTL_STRING("false")> {};
struct kw_where : key<TAO_PEGTL_STRING("where")> {};
struct kw_unique : key<TAO_PEGTL_STRING("unique")> {};
struct kw_first : key<TAO_PEGTL_STRING("first")> {};
struct kw_hold : key<TAO_PEGTL_STRING("hold")> {};
struct kw_today : key<TAO_PEGTL_STRING("today")> {};
struct kw_enum : key<TAO_PEGTL_STRING("enum")> {};

struct keyword : sor<kw_record, kw_events, kw_of, kw_by, kw_key, kw_let, kw_param, kw_tiering,
                     kw_tier, kw_when, kw_otherwise, kw_table, kw_use, kw_sop, kw_for, kw_all,
                     kw_kpi, kw_target, kw_calendar, kw_and, kw_or, kw_not, kw_in, kw_is,
                     kw_between, kw_if, kw_then, kw_else, kw_yes, kw_no, kw_none, kw_true,
                     kw_false, kw_where, kw_unique, kw_first, kw_hold, kw_today> {};
// clang-format on

struct identifier : seq<not_at<keyword>, ident_word> {};

// ---- literals (raw: no leading whitespace) ------------------------------------------------------

struct digits : seq<digit, star<opt<one<'_'>>, digit>> {};
// A number must not run into a letter: `90days` is an unknown unit, not `90` then `days`.
struct number_end : not_at<ident_other> {};

struct date_shape : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct time_of_day
    : seq<rep<2, digit>, one<':'>, rep<2, digit>, one<':'>, rep<2, digit>, not_at<ident_other>> {};
struct datetime_lit : seq<date_shape, one<'T'>, must<time_of_day>> {};
struct date_lit : seq<date_shape, not_at<ident_other>> {};
// Anything shaped like digits-digits-digits without spaces is a date attempt, so `2026-11-25` is
// never read as a subtraction and `2026-1-5` is reported as a malformed date.
struct date_like : seq<plus<digit>, one<'-'>, plus<digit>, one<'-'>, digit> {};
struct date_or_datetime : sor<datetime_lit, date_lit> {};
struct dateish : seq<at<date_like>, must<date_or_datetime>> {};

struct duration_unit : sor<TAO_PEGTL_STRING("min"), one<'d', 'h', 'w', 's'>> {};
struct period_unit : sor<TAO_PEGTL_STRING("mo"), one<'q', 'y'>> {};
struct duration_lit : seq<plus<digit>, duration_unit, not_at<ident_other>> {};
struct period_lit : seq<plus<digit>, period_unit, not_at<ident_other>> {};
struct percent_lit : seq<digits, opt<one<'.'>, digits>, one<'%'>> {};
struct decimal_lit : seq<digits, one<'.'>, digits, must<number_end>> {};
struct int_lit : seq<digits, must<number_end>> {};

struct escape_code : sor<one<'"', '\\', 'n', 't', '{', '}'>,
                         seq<one<'u'>, one<'{'>, rep_min_max<1, 6, xdigit>, one<'}'>>> {};
struct escape : seq<one<'\\'>, must<escape_code>> {};
// Strings end on their own line: a line break inside one means the closing quote is missing.
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_lit : seq<one<'"'>, until<one<'"'>, must<string_char>>> {};

struct bool_lit : sor<kw_true, kw_false, kw_yes, kw_no> {};
struct none_lit : kw_none {};
struct today_lit : kw_today {};

struct literal : sor<dateish, duration_lit, period_lit, percent_lit, decimal_lit, int_lit,
                     string_lit, bool_lit, none_lit, today_lit> {};

// ---- expressions --------------------------------------------------------------------------------

struct expr;

// A full expression after a bracket or keyword; the tag only names the must<> point.
template <typename Tag>
struct operand : seq<expr> {};

// The right operand of an operator, at the next tighter level; `Op` names the must<> point.
template <typename Op, typename Level>
struct rhs : seq<Level> {};

struct tag_paren {};
struct tag_list {};
struct tag_arg {};
struct tag_where {};
struct tag_if {};
struct tag_then {};
struct tag_else {};
struct tag_value {};

struct paren_close : seq<sep, one<')'>> {};
struct paren_expr : seq<one<'('>, must<operand<tag_paren>>, must<paren_close>> {};

struct list_close : seq<sep, one<']'>> {};
struct list_comma : seq<sep, one<','>> {};
struct list_expr
    : seq<one<'['>, opt<expr, star<list_comma, must<operand<tag_list>>>>, must<list_close>> {};

struct callee : sor<identifier, kw_first> {};
struct where_filter : seq<sep, kw_where, must<operand<tag_where>>> {};
struct call_close : seq<sep, one<')'>> {};
struct call_args : seq<opt<expr, opt<where_filter>, star<list_comma, must<operand<tag_arg>>>>,
                       must<call_close>> {};
// No space before `(`: a call is written `count(Order)`.
struct call_expr : seq<callee, one<'('>, call_args> {};

struct primary : seq<sep, sor<literal, call_expr, identifier, paren_expr>> {};

struct member_name : identifier {};
struct member_suffix : seq<sep, one<'.'>, not_at<one<'.'>>, must<member_name>> {};
struct postfix_expr : seq<primary, star<member_suffix>> {};

struct neg_op : one<'-'> {};
struct unary_expr : sor<seq<plus<sep, neg_op>, must<rhs<neg_op, postfix_expr>>>, postfix_expr> {};

struct mul_op : one<'*', '/'> {};
struct mul_expr : seq<unary_expr, star<sep, mul_op, must<rhs<mul_op, unary_expr>>>> {};

struct add_op : one<'+', '-'> {};
struct add_expr : seq<mul_expr, star<sep, add_op, must<rhs<add_op, mul_expr>>>> {};

struct coalesce_op : TAO_PEGTL_STRING("??") {};
struct coalesce_expr : seq<add_expr, star<sep, coalesce_op, must<rhs<coalesce_op, add_expr>>>> {};

// Operands of between, and the right side of a comparison, sit at the `??` level.
template <typename Tag>
struct cmp_operand : seq<coalesce_expr> {};

struct cmp_op : sor<TAO_PEGTL_STRING("=="), TAO_PEGTL_STRING("!="), TAO_PEGTL_STRING("<="),
                    TAO_PEGTL_STRING(">="), one<'<'>, one<'>'>> {};
struct negation : kw_not {};
struct cmp_binary : seq<sep, cmp_op, must<cmp_operand<cmp_op>>> {};
struct between_and : seq<sep, kw_and> {};
struct between_tail : seq<opt<sep, negation>, sep, kw_between, must<cmp_operand<kw_between>>,
                          must<between_and>, must<cmp_operand<between_and>>> {};
struct in_list : seq<sep, list_expr> {};
struct in_tail : seq<opt<sep, negation>, sep, kw_in, must<in_list>> {};
// `none`, or a tier id, which names a sub-tier with dots: `key is top.important_value`.
struct is_target : seq<sep, sor<none_lit, seq<identifier, star<member_suffix>>>> {};
struct is_tail : seq<sep, kw_is, opt<sep, negation>, must<is_target>> {};
struct cmp_tail : sor<cmp_binary, between_tail, in_tail, is_tail> {};
// After one comparison, another comparison operator is an error rather than the end of the
// expression: `a < b < c` would otherwise silently mean something else.
struct no_chained_comparison
    : not_at<sep, sor<cmp_op, kw_between, kw_in, kw_is, seq<kw_not, sep, sor<kw_in, kw_between>>>> {
};
struct cmp_expr : seq<coalesce_expr, opt<cmp_tail, must<no_chained_comparison>>> {};

struct not_op : kw_not {};
struct not_expr : sor<seq<plus<sep, not_op>, must<rhs<not_op, cmp_expr>>>, cmp_expr> {};
struct and_op : kw_and {};
struct and_expr : seq<not_expr, star<sep, and_op, must<rhs<and_op, not_expr>>>> {};
struct or_op : kw_or {};
struct or_expr : seq<and_expr, star<sep, or_op, must<rhs<or_op, and_expr>>>> {};

struct then_kw : seq<sep, kw_then> {};
struct else_kw : seq<sep, kw_else> {};
struct if_expr : seq<sep, kw_if, must<operand<tag_if>>, must<then_kw>, must<operand<tag_then>>,
                     must<else_kw>, must<operand<tag_else>>> {};

struct expr : sor<if_expr, or_expr> {};

// ---- types --------------------------------------------------------------------------------------

// clang-format off
struct type_name : sor<key<TAO_PEGTL_STRING("int")>, key<TAO_PEGTL_STRING("decimal")>,
                       key<TAO_PEGTL_STRING("money")>, key<TAO_PEGTL_STRING("bool")>,
                       key<TAO_PEGTL_STRING("string")>, key<TAO_PEGTL_STRING("datetime")>,
                       key<TAO_PEGTL_STRING("date")>, key<TAO_PEGTL_STRING("duration")>> {};
// clang-format on
struct enum_open : seq<sep, one<'{'>> {};
struct enum_member : seq<sep, identifier> {};
struct enum_close : seq<sep, one<'}'>> {};
struct enum_type : seq<kw_enum, must<enum_open>, must<enum_member>,
                       star<list_comma, must<enum_member>>, must<enum_close>> {};
struct optional_mark : one<'?'> {};
struct range_bound : seq<opt<one<'-'>, sep>, literal> {};
struct range_low : seq<sep, range_bound> {};
struct range_dots : seq<sep, TAO_PEGTL_STRING("..")> {};
struct range_high : seq<sep, range_bound> {};
struct range_clause : seq<sep, kw_in, must<range_low>, must<range_dots>, must<range_high>> {};
struct type_ref : seq<sep, sor<enum_type, type_name>, opt<sep, optional_mark>, opt<range_clause>> {
};
struct type_annotation : seq<sep, one<':'>, must<type_ref>> {};

// ---- declarations -------------------------------------------------------------------------------

struct label : string_lit {};
struct opt_label : opt<sep, label> {};

// A declared name; the template argument only names the must<> point.
template <typename Tag>
struct name : seq<sep, identifier> {};

struct field_colon : seq<sep, one<':'>> {};
struct field_decl : seq<sep, identifier, must<field_colon>, must<type_ref>> {};
struct record_open : seq<sep, one<'{'>> {};
struct record_close : seq<sep, one<'}'>> {};
struct record_key : seq<sep, kw_key> {};
struct record_decl : seq<kw_record, must<name<kw_record>>, must<record_key>, must<name<kw_key>>,
                         must<record_open>, star<field_decl>, must<record_close>> {};

struct events_of : seq<sep, kw_of> {};
struct events_by : seq<sep, kw_by> {};
struct events_open : seq<sep, one<'{'>> {};
struct events_close : seq<sep, one<'}'>> {};
struct events_decl
    : seq<kw_events, must<name<kw_events>>, must<events_of>, must<name<kw_of>>, must<events_by>,
          must<name<kw_by>>, must<events_open>, star<field_decl>, must<events_close>> {};

struct assign : seq<sep, one<'='>, not_at<one<'='>>> {};
struct param_default : seq<assign, must<operand<tag_value>>> {};
struct param_rest : sor<seq<type_annotation, opt<param_default>>, param_default> {};
struct param_decl : seq<kw_param, must<name<kw_param>>, must<param_rest>> {};

struct let_assign : assign {};
struct let_decl : seq<kw_let, must<name<kw_let>>, opt<type_annotation>, must<let_assign>,
                      must<operand<tag_value>>> {};

struct use_path : seq<sep, string_lit> {};
struct use_decl : seq<kw_use, must<use_path>> {};

struct when_condition : seq<expr> {};
struct tier_body : sor<seq<sep, kw_when, must<when_condition>>, seq<sep, kw_otherwise>> {};
// A block of sub-tiers after a tier's condition: `tier top when ... { tier ... }`.
struct tier_decl;
struct tier_block_open : seq<sep, one<'{'>> {};
struct tier_block_close : seq<sep, one<'}'>> {};
struct tier_block : seq<tier_block_open, star<tier_decl>, must<tier_block_close>> {};
struct tier_decl
    : seq<sep, kw_tier, must<name<kw_tier>>, opt_label, must<tier_body>, opt<tier_block>> {};
struct policy : sor<kw_first, kw_unique> {};
struct tiering_open : seq<sep, one<'{'>> {};
struct tiering_close : seq<sep, one<'}'>> {};
// Words with a meaning only in one place (`hold demote 2`, `week mon..fri`, `respond ...`): they
// are not reserved, so they stay usable as names everywhere else.
template <typename Word>
struct word : key<Word> {};
// clang-format off
struct w_demote : word<TAO_PEGTL_STRING("demote")> {};
struct w_promote : word<TAO_PEGTL_STRING("promote")> {};
struct w_zone : word<TAO_PEGTL_STRING("zone")> {};
struct w_week : word<TAO_PEGTL_STRING("week")> {};
struct w_closed : word<TAO_PEGTL_STRING("closed")> {};
struct w_open : word<TAO_PEGTL_STRING("open")> {};
struct w_respond : word<TAO_PEGTL_STRING("respond")> {};
struct w_within : word<TAO_PEGTL_STRING("within")> {};
struct w_every : word<TAO_PEGTL_STRING("every")> {};
struct w_on : word<TAO_PEGTL_STRING("on")> {};
struct w_warn : word<TAO_PEGTL_STRING("warn")> {};
struct w_before : word<TAO_PEGTL_STRING("before")> {};
struct w_from : word<TAO_PEGTL_STRING("from")> {};
struct w_enter : word<TAO_PEGTL_STRING("enter")> {};
struct w_exit : word<TAO_PEGTL_STRING("exit")> {};
struct w_task : word<TAO_PEGTL_STRING("task")> {};
struct w_notify : word<TAO_PEGTL_STRING("notify")> {};
struct w_due : word<TAO_PEGTL_STRING("due")> {};
struct w_release : word<TAO_PEGTL_STRING("release")> {};
struct w_to : word<TAO_PEGTL_STRING("to")> {};
struct w_pool : word<TAO_PEGTL_STRING("pool")> {};
struct w_unit : word<TAO_PEGTL_STRING("unit")> {};
// clang-format on

// hold demote 2 / hold promote 1: in a tier list or a decision table, next to the tiers or rows.
struct hold_direction : seq<sep, sor<w_demote, w_promote>> {};
struct hold_runs : seq<sep, int_lit> {};
struct hold_decl : seq<sep, kw_hold, must<hold_direction>, must<hold_runs>> {};

// What a tiering body holds; clauses other than tiers join this list.
struct tiering_item : sor<tier_decl, hold_decl> {};
struct tier_list : seq<tiering_open, star<tiering_item>, must<tiering_close>> {};

// Decision tables: `table (col, ...) { (cell, ...) -> tier "label"  ...  otherwise -> tier }`.
// A cell is `-` (any value), a comparison `>= 5`, a list `[a, b]`, a range `1..3` or a value
// (`yes`, `5`, `ict`); operands sit at the `??` level, as the right side of a comparison does.
struct tag_column {};
struct tag_cell {};
struct cell_any : seq<one<'-'>, at<sep, one<',', ')'>>> {};
struct cell_compare : seq<cmp_op, must<cmp_operand<tag_cell>>> {};
struct cell_list : seq<list_expr> {};
struct range_dots_cell : seq<sep, TAO_PEGTL_STRING("..")> {};
struct cell_range_high : seq<coalesce_expr> {};
struct cell_range_tail : seq<range_dots_cell, must<cell_range_high>> {};
struct cell_value : seq<coalesce_expr, opt<cell_range_tail>> {};
struct table_cell : seq<sep, sor<cell_any, cell_compare, cell_list, cell_value>> {};
struct row_close : seq<sep, one<')'>> {};
struct row_cells
    : seq<one<'('>, must<table_cell>, star<list_comma, must<table_cell>>, must<row_close>> {};
struct row_arrow : seq<sep, TAO_PEGTL_STRING("->")> {};
struct row_target : seq<must<row_arrow>, must<name<row_arrow>>, opt_label> {};
struct table_row : seq<row_cells, row_target> {};
struct otherwise_row : seq<kw_otherwise, row_target> {};
// What a table body holds; clauses other than rows join this list.
struct table_item : seq<sep, sor<table_row, otherwise_row, hold_decl>> {};
struct columns_open : seq<sep, one<'('>> {};
struct columns_close : seq<sep, one<')'>> {};
struct table_columns : seq<columns_open, must<operand<tag_column>>,
                           star<list_comma, must<operand<tag_column>>>, must<columns_close>> {};
struct table_open : seq<sep, one<'{'>> {};
struct table_close : seq<sep, one<'}'>> {};
struct table_body : seq<sep, kw_table, must<table_columns>, must<table_open>, star<table_item>,
                        must<table_close>> {};

// A product of tierings: `tiering key = pyramid * rfm`.
struct product_times : seq<sep, one<'*'>> {};
struct product_operand : seq<sep, identifier> {};
struct product_def : seq<assign, must<product_operand>, must<product_times>, must<product_operand>,
                         star<product_times, must<product_operand>>> {};

struct tiering_body : sor<table_body, tier_list> {};
struct tiering_decl : seq<kw_tiering, must<name<kw_tiering>>, opt_label,
                          sor<product_def, seq<opt<sep, policy>, must<tiering_body>>>> {};

// ---- calendars ----------------------------------------------------------------------------------

struct clock_time : seq<rep<2, digit>, one<':'>, rep<2, digit>, not_at<ident_other>> {};
struct clock_begin : seq<sep, clock_time> {};
struct clock_end : seq<sep, clock_time> {};
struct clock_dots : seq<sep, TAO_PEGTL_STRING("..")> {};
struct clock_range : seq<clock_begin, must<clock_dots>, must<clock_end>> {};
struct clock_ranges : seq<clock_range, star<list_comma, must<clock_range>>> {};
struct day_name : seq<sep, identifier> {};
struct day_last : seq<sep, identifier> {};
struct day_range : seq<day_name, opt<range_dots, must<day_last>>> {};
struct cal_date : seq<sep, date_lit> {};
struct cal_date_last : seq<sep, date_lit> {};
struct date_range : seq<cal_date, opt<range_dots, must<cal_date_last>>> {};
struct week_hours : seq<clock_ranges> {};
struct week_line
    : seq<w_week, must<day_range>, star<list_comma, must<day_range>>, must<week_hours>> {};
struct closed_line : seq<w_closed, must<date_range>, star<list_comma, must<date_range>>> {};
// A comma after a date may start another date; hours follow without a comma.
struct open_line : seq<w_open, must<date_range>, star<list_comma, date_range>, opt<clock_ranges>> {
};
struct zone_name : seq<sep, string_lit> {};
struct zone_line : seq<w_zone, must<zone_name>> {};
struct calendar_item : seq<sep, sor<zone_line, week_line, closed_line, open_line>> {};
struct calendar_open : seq<sep, one<'{'>> {};
struct calendar_close : seq<sep, one<'}'>> {};
struct calendar_decl : seq<kw_calendar, must<name<kw_calendar>>, opt_label, must<calendar_open>,
                           star<calendar_item>, must<calendar_close>> {};

// ---- SOPs ---------------------------------------------------------------------------------------

// Message strings: text pieces and `{expr}` interpolations; `\{` writes a brace.
struct tag_interp {};
struct message_text : plus<sor<escape, not_one<'"', '\\', '\n', '\r', '{'>>> {};
struct interp_close : seq<sep, one<'}'>> {};
struct interp : seq<one<'{'>, must<operand<tag_interp>>, must<interp_close>> {};
struct message_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct message_lit : seq<one<'"'>, until<one<'"'>, sor<interp, message_text, must<message_char>>>> {
};
struct message : seq<sep, message_lit> {};

struct owner_name : seq<sep, identifier> {};
struct due_amount : seq<sep, duration_lit> {};
struct due_clause : seq<sep, w_due, must<due_amount>> {};
struct task_action : seq<w_task, must<owner_name>, must<message>, opt<due_clause>> {};
struct notify_action : seq<w_notify, must<owner_name>, must<message>> {};
struct release_to : seq<sep, w_to> {};
struct release_pool : seq<sep, w_pool> {};
struct release_action : seq<w_release, must<release_to>, must<release_pool>> {};
struct action : seq<sep, sor<task_action, notify_action, release_action>> {};

struct events_ref : seq<sep, identifier, opt<where_filter>> {};
struct amount : seq<sep, sor<duration_lit, period_lit>> {};
struct within_clause : seq<sep, w_within, must<amount>> {};
struct calendar_ref : seq<sep, identifier> {};
// `on enter`/`on exit` starts a trigger, not a calendar clause.
struct on_clause : seq<sep, w_on, not_at<sep, sor<w_enter, w_exit>>, must<calendar_ref>> {};
struct by_field : seq<sep, identifier> {};
struct by_clause : seq<sep, kw_by, must<by_field>> {};
struct warn_amount : seq<sep, duration_lit> {};
struct warn_before : seq<sep, w_before> {};
struct warn_clause : seq<sep, w_warn, must<warn_amount>, must<warn_before>, opt<action>> {};
struct else_clause : seq<sep, kw_else, must<action>> {};
struct tag_from {};
struct from_clause : seq<sep, w_from, must<operand<tag_from>>> {};
struct respond_decl
    : seq<w_respond, must<events_ref>,
          star<sor<within_clause, on_clause, by_clause, warn_clause, else_clause>>> {};
struct every_amount : seq<amount> {};
struct every_decl : seq<w_every, must<every_amount>, must<events_ref>,
                        star<sor<from_clause, warn_clause, else_clause>>> {};
struct trigger_kind : seq<sep, sor<w_enter, w_exit>> {};
struct trigger_tiering : seq<sep, identifier> {};
struct trigger_colon : seq<sep, one<':'>> {};
struct trigger_decl
    : seq<w_on, must<trigger_kind>, must<trigger_tiering>, must<trigger_colon>, must<action>> {};
struct sop_item : seq<sep, sor<respond_decl, every_decl, trigger_decl>> {};

struct tier_ref_member : seq<sep, identifier> {};
// rfm.important_value, or a sub-tier by its path: key_accounts.top.important_value
struct tier_ref : seq<sep, identifier, sep, one<'.'>, must<tier_ref_member>,
                      star<one<'.'>, must<tier_ref_member>>> {};
struct sop_all : kw_all {};
struct sop_targets : sor<seq<sep, sop_all>, seq<tier_ref, star<list_comma, must<tier_ref>>>> {};
struct sop_for : seq<sep, kw_for> {};
struct sop_open : seq<sep, one<'{'>> {};
struct sop_close : seq<sep, one<'}'>> {};
struct sop_decl : seq<kw_sop, must<name<kw_sop>>, opt_label, must<sop_for>, must<sop_targets>,
                      must<sop_open>, star<sop_item>, must<sop_close>> {};

// ---- KPIs ---------------------------------------------------------------------------------------

// kpi NAME "label" [by TIERING] [unit UNIT] = EXPR [target OP VALUE [for TIER, ...]]...
// The value is a full expression; `target` and `for` are keywords, so it ends before them. A
// target's value sits at the `??` level, as the right side of a comparison does.
struct tag_kpi {};
struct tag_target {};
struct kpi_by_name : seq<sep, identifier> {};
struct kpi_by : seq<sep, kw_by, must<kpi_by_name>> {};
struct kpi_unit_name : seq<sep, identifier> {};
struct kpi_unit : seq<sep, w_unit, must<kpi_unit_name>> {};
struct kpi_assign : assign {};
struct target_op : seq<sep, cmp_op> {};
struct target_value : seq<cmp_operand<tag_target>> {};
// important_value, or a sub-tier by its path: top.important_value
struct target_tier : seq<sep, identifier, star<one<'.'>, must<tier_ref_member>>> {};
struct target_tiers : seq<sep, kw_for, must<target_tier>, star<list_comma, must<target_tier>>> {};
struct target_clause : seq<sep, kw_target, must<target_op>, must<target_value>, opt<target_tiers>> {
};
struct kpi_decl : seq<kw_kpi, must<name<kw_kpi>>, opt_label, opt<kpi_by>, opt<kpi_unit>,
                      must<kpi_assign>, must<operand<tag_kpi>>, star<target_clause>> {};

struct declaration : sor<record_decl, events_decl, param_decl, let_decl, use_decl, tiering_decl,
                         calendar_decl, sop_decl, kpi_decl> {};
// One top-level declaration, starting at its keyword; the parser calls it in a loop so it can
// recover after an error.
struct decl_entry : must<declaration> {};

// The whole-file grammar, used by analyze<> in the tests.
struct module : seq<sep, star<declaration, sep>, pegtl::eof> {};

}  // namespace strata::grammar
