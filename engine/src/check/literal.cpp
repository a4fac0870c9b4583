// Literal values: validated once here and stored in Model::constants.
//
// The parser keeps each literal's text; the checker decides whether it is a value. Every
// rejection says why in the user's terms ("February 2026 has 28 days") because a business admin
// who typed 2026-02-30 needs the calendar fact, not the grammar. `today` has no value until the
// run starts, so its constant stays empty.
#include <array>
#include <charconv>
#include <limits>

#include "check/checker.hpp"
#include "strata/time.hpp"

namespace strata::check {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Why "YYYY-MM-DD" is not a real date, or nullopt when the calendar is not the reason.
std::optional<std::string> date_problem(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = number(text.substr(0, 4));
  const auto mo = number(text.substr(5, 2));
  const auto d = number(text.substr(8, 2));
  if (!y || !mo || !d) return std::nullopt;
  if (*y < 1) return "years start at 0001";
  if (*mo < 1 || *mo > 12) return "months go from 01 to 12";
  const unsigned last = timeutil::days_in_month(*y, static_cast<unsigned>(*mo));
  if (*d < 1 || static_cast<unsigned>(*d) > last) {
    return std::string(kMonths[static_cast<std::size_t>(*mo - 1)]) + " " + std::to_string(*y) +
           " has " + std::to_string(last) + " days";
  }
  return std::nullopt;
}

// Why "HH:MM[:SS]" is not a real time of day.
std::optional<std::string> time_problem(std::string_view text) {
  if (text.size() < 5 || text[2] != ':') return std::nullopt;
  const auto h = number(text.substr(0, 2));
  const auto mi = number(text.substr(3, 2));
  if (!h || !mi) return std::nullopt;
  if (*h > 23) return "hours go from 00 to 23";
  if (*mi > 59) return "minutes go from 00 to 59";
  if (text.size() >= 8 && text[5] == ':') {
    const auto s = number(text.substr(6, 2));
    if (s && *s > 59) return "seconds go from 00 to 59";
  }
  return std::nullopt;
}

std::size_t decimal_places(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return 0;
  std::size_t places = 0;
  for (char c : text.substr(dot + 1)) {
    if (c >= '0' && c <= '9') ++places;
  }
  return places;
}

}  // namespace

std::optional<std::string> why_not_a_date(std::string_view text) {
  return date_problem(text);
}

Type Checker::check_literal(const ast::Expr& e, const ast::LiteralExpr& lit) {
  ConstValue v;
  Type type;
  const std::string shown = "`" + lit.text + "`";
  auto invalid = [&](const std::string& message, const std::string& label) {
    diags_.error(DiagCode::InvalidLiteral, e.span, message, label).emit();
    return set(e, Type::of(TypeKind::Error));
  };
  switch (lit.kind) {
    case ast::LiteralKind::Int: {
      const auto d = Decimal::parse(lit.text, true);
      const auto i = d ? d->to_int() : std::nullopt;
      if (!i || !d->is_integer()) {
        return invalid(shown + " is too large for an `int`", "larger than 9223372036854775807");
      }
      v.kind = TypeKind::Int;
      v.i = *i;
      type = Type::of(TypeKind::Int);
      break;
    }
    case ast::LiteralKind::Decimal:
    case ast::LiteralKind::Percent: {
      const bool percent = lit.kind == ast::LiteralKind::Percent;
      const std::string text = lit.text + (percent ? "%" : "");
      const std::size_t places = decimal_places(lit.text) + (percent ? 2 : 0);
      if (places > Decimal::kScale) {
        return invalid("`" + text + "` has more than 6 decimal places",
                       "decimals keep at most 6 places");
      }
      const auto d = Decimal::parse(lit.text, true);
      if (!d) return invalid("`" + text + "` is too large for a decimal", "too large");
      v.kind = TypeKind::Decimal;
      v.d = percent ? Decimal::from_units(d->units() / 100) : *d;
      type = Type::of(TypeKind::Decimal);
      break;
    }
    case ast::LiteralKind::String:
      v.kind = TypeKind::String;
      v.s = lit.text;
      type = Type::of(TypeKind::String);
      break;
    case ast::LiteralKind::Bool:
      v.kind = TypeKind::Bool;
      v.i = (lit.text == "true" || lit.text == "yes") ? 1 : 0;
      type = Type::of(TypeKind::Bool);
      break;
    case ast::LiteralKind::None:
      v.kind = TypeKind::Null;
      type = Type::of(TypeKind::Null, true);
      break;
    case ast::LiteralKind::Date: {
      const auto days = timeutil::parse_date(lit.text);
      if (!days) {
        const auto why = date_problem(lit.text);
        return invalid(shown + " is not a valid date" + (why ? ": " + *why : ""),
                       why ? "not a real date" : "dates are written YYYY-MM-DD");
      }
      v.kind = TypeKind::Date;
      v.i = *days;
      type = Type::of(TypeKind::Date);
      break;
    }
    case ast::LiteralKind::DateTime: {
      const auto seconds = timeutil::parse_datetime(lit.text);
      if (!seconds) {
        const auto t = lit.text.find_first_of("T ");
        auto why = date_problem(std::string_view(lit.text).substr(0, t));
        if (!why && t != std::string::npos) {
          why = time_problem(std::string_view(lit.text).substr(t + 1));
        }
        return invalid(shown + " is not a valid date-time" + (why ? ": " + *why : ""),
                       why ? "not a real date-time" : "date-times are written YYYY-MM-DDTHH:MM:SS");
      }
      v.kind = TypeKind::DateTime;
      v.i = *seconds;
      type = Type::of(TypeKind::DateTime);
      break;
    }
    case ast::LiteralKind::Duration: {
      const auto seconds = timeutil::parse_duration(lit.text);
      if (!seconds) return invalid(shown + " is not a valid duration", "too large or malformed");
      v.kind = TypeKind::Duration;
      v.i = *seconds;
      type = Type::of(TypeKind::Duration);
      break;
    }
    case ast::LiteralKind::Period: {
      const auto months = timeutil::parse_period(lit.text);
      if (!months) return invalid(shown + " is not a valid period", "too large or malformed");
      v.kind = TypeKind::Period;
      v.i = *months;
      type = Type::of(TypeKind::Period);
      break;
    }
    case ast::LiteralKind::Today:
      m_.constants[e.id] = std::nullopt;
      return set(e, Type::of(TypeKind::Date));
  }
  m_.constants[e.id] = v;
  return set(e, type);
}

std::optional<ConstValue> Checker::constant_of(const ast::Expr& e) const {
  if (e.as<ast::LiteralExpr>() != nullptr) return m_.constants[e.id];
  const auto* u = e.as<ast::UnaryExpr>();
  if (u == nullptr || u->op != ast::UnaryOp::Negate) return std::nullopt;
  std::optional<ConstValue> v = constant_of(*u->operand);
  if (!v) return std::nullopt;
  switch (v->kind) {
    case TypeKind::Int:
      if (v->i == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
      v->i = -v->i;
      return v;
    case TypeKind::Duration:
      v->i = -v->i;
      return v;
    case TypeKind::Decimal:
      v->d = Decimal::from_units(-v->d.units());
      return v;
    default:
      return std::nullopt;
  }
}

}  // namespace strata::check
