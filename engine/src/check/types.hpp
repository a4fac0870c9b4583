// Static types of Strata expressions.
//
// Every expression gets a Type from the checker. `optional` marks values that may be missing
// (none); `money` marks decimals declared as money, kept for unit checks and display. `ref` names
// the enum, tiering or events declaration a value belongs to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "strata/dataset.hpp"

namespace strata {

enum class TypeKind : std::uint8_t {
  Error,  // an expression that already produced a diagnostic; silences follow-on errors
  Null,   // the literal `none` before it meets another type
  Int,
  Decimal,
  Bool,
  String,
  Date,
  DateTime,
  Duration,
  Period,  // calendar months (1mo, 1q, 1y)
  Enum,    // ref = enum id
  Tier,    // ref = tiering id: the tier a customer is in
  Events,  // ref = events id: a set of events, only as an aggregate's argument
};

struct Type {
  TypeKind kind = TypeKind::Error;
  bool optional = false;
  bool money = false;
  std::uint32_t ref = 0;

  static Type of(TypeKind k, bool opt = false) { return Type{k, opt, false, 0}; }
  Type as_optional(bool opt = true) const {
    Type t = *this;
    t.optional = opt;
    return t;
  }
  bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Decimal; }
  bool is_error() const { return kind == TypeKind::Error; }
  friend bool operator==(const Type&, const Type&) = default;
};

// "int", "money?", "enum industry", "tier of pyramid" — as users read types in messages.
// `names` resolves refs; pass nullptr for the bare kind name.
struct Model;
// The data kind of a type, for parsing text and building schemas; nullopt for kinds that data
// cannot hold (period, tier, events).
std::optional<ValueKind> value_kind_of(TypeKind kind);
std::string type_name(const Type& type, const Model* names = nullptr);
std::string_view type_kind_name(TypeKind kind);

}  // namespace strata
