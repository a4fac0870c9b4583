#include "testing/expected_value.hpp"

#include <algorithm>
#include <cctype>

#include "api/outputs.hpp"
#include "api/params.hpp"
#include "io/value_parse.hpp"
#include "strata/time.hpp"

namespace strata::testfile {

namespace {

// `1_000` -> `1000`; an underscore only counts between two digits.
std::string without_digit_separators(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool between_digits = i > 0 && i + 1 < text.size() &&
                                std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                                std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (text[i] == '_' && between_digits) continue;
    out += text[i];
  }
  return out;
}

}  // namespace

bool parse_expected(const Model& model, const Type& type, const std::string& text, Value& out,
                    std::string& reason) {
  out = Value{};
  out.kind = api::result_kind_of(type.kind);
  if (text.empty() || text == "none") return true;  // the missing value
  out.present = true;
  const std::string type_text = type_name(type, &model);
  auto bad = [&]() {
    reason = io::quote_value(text) + " is not a value of type " + type_text;
    return false;
  };
  switch (type.kind) {
    case TypeKind::Int: {
      if (!io::parse_int64(without_digit_separators(text), out.i)) return bad();
      return true;
    }
    case TypeKind::Decimal: {
      std::string digits = without_digit_separators(text);
      const bool percent = !digits.empty() && digits.back() == '%';
      if (percent) digits.pop_back();
      auto d = Decimal::parse(digits);
      if (!d) return bad();
      if (percent && !Decimal::div(*d, Decimal::from_int(100), *d)) return bad();
      out.d = *d;
      return true;
    }
    case TypeKind::Bool: {
      const auto b = io::parse_bool(text);
      if (!b) return bad();
      out.i = *b ? 1 : 0;
      return true;
    }
    case TypeKind::String:
      out.text = text;
      return true;
    case TypeKind::Date: {
      const auto v = timeutil::parse_date(text);
      if (!v) return bad();
      out.i = *v;
      return true;
    }
    case TypeKind::DateTime: {
      const auto v = timeutil::parse_datetime(text);
      if (!v) return bad();
      out.i = *v;
      return true;
    }
    case TypeKind::Duration: {
      const auto v = timeutil::parse_duration(text);
      if (!v) return bad();
      out.i = *v;
      return true;
    }
    case TypeKind::Period: {
      const auto v = timeutil::parse_period(text);
      if (!v) return bad();
      out.i = *v;
      return true;
    }
    case TypeKind::Enum:
    case TypeKind::Tier: {
      const std::vector<std::string> names = api::value_names(model, type);
      const auto it = std::find(names.begin(), names.end(), text);
      if (it == names.end()) {
        reason = io::quote_value(text) + " is not one of " + type_text + ": ";
        for (std::size_t i = 0; i < names.size(); ++i) reason += (i ? ", " : "") + names[i];
        return false;
      }
      out.i = it - names.begin();
      out.text = text;
      return true;
    }
    default:
      reason = "values of type " + type_text + " cannot be expected";
      return false;
  }
}

bool same_value(const Value& a, const Value& b) {
  if (a.present != b.present) return false;
  if (!a.present) return true;
  switch (a.kind) {
    case ResultKind::Decimal:
      return a.d == b.d;
    case ResultKind::String:
      return a.text == b.text;
    default:
      return a.i == b.i;
  }
}

}  // namespace strata::testfile
