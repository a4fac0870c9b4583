// Text forms of result values.
#include <fmt/format.h>

#include "strata/strata.hpp"
#include "strata/time.hpp"

namespace strata {

std::string Value::to_string() const {
  if (!present) return {};
  switch (kind) {
    case ResultKind::Int:
      return std::to_string(i);
    case ResultKind::Decimal:
      return d.to_string();
    case ResultKind::Bool:
      return i ? "true" : "false";
    case ResultKind::String:
    case ResultKind::Enum:
    case ResultKind::Tier:
      return text;
    case ResultKind::Date:
      return timeutil::format_date(i);
    case ResultKind::DateTime:
      return timeutil::format_datetime(i);
    case ResultKind::Duration:
      return timeutil::format_duration(i);
    case ResultKind::Period:
      return timeutil::format_period(i);
    case ResultKind::None:
      return {};
  }
  return {};
}

std::string Value::to_display() const {
  if (!present) return "none";
  switch (kind) {
    case ResultKind::Int: {
      // Thousands separators make large counts and amounts readable at a glance.
      std::string digits = std::to_string(i < 0 ? -i : i);
      std::string out;
      for (std::size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
        out += digits[k];
      }
      return (i < 0 ? "-" : "") + out;
    }
    case ResultKind::Decimal:
      return d.to_display(d.is_integer() ? 0 : 2);
    case ResultKind::Bool:
      return i ? "yes" : "no";
    case ResultKind::String:
      return "\"" + text + "\"";
    default:
      return to_string();
  }
}

Value ResultColumn::at(std::size_t row) const {
  Value v;
  v.kind = kind;
  v.present = present[row] != 0;
  if (!v.present) return v;
  if (!decimals.empty()) {
    v.d = Decimal::from_units(decimals[row]);
  } else if (!texts.empty()) {
    v.text = texts[row];
  } else {
    v.i = ints[row];
    if ((kind == ResultKind::Enum || kind == ResultKind::Tier) && v.i >= 0 &&
        static_cast<std::size_t>(v.i) < names.size()) {
      v.text = names[static_cast<std::size_t>(v.i)];
    }
  }
  return v;
}

}  // namespace strata
