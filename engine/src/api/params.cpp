#include "api/params.hpp"

#include <chrono>
#include <ctime>

#include "compile/compiler.hpp"
#include "io/value_parse.hpp"
#include "strata/time.hpp"

namespace strata::api {

ResultKind result_kind_of(TypeKind kind) {
  switch (kind) {
    case TypeKind::Int:
      return ResultKind::Int;
    case TypeKind::Decimal:
      return ResultKind::Decimal;
    case TypeKind::Bool:
      return ResultKind::Bool;
    case TypeKind::String:
      return ResultKind::String;
    case TypeKind::Date:
      return ResultKind::Date;
    case TypeKind::DateTime:
      return ResultKind::DateTime;
    case TypeKind::Duration:
      return ResultKind::Duration;
    case TypeKind::Period:
      return ResultKind::Period;
    case TypeKind::Enum:
      return ResultKind::Enum;
    case TypeKind::Tier:
      return ResultKind::Tier;
    default:
      return ResultKind::None;
  }
}

namespace {

std::int64_t local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return timeutil::days_from_civil(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                                   static_cast<unsigned>(local.tm_mday));
}

vm::ParamValue from_const(const ConstValue& c) {
  vm::ParamValue v;
  v.valid = c.kind != TypeKind::Null;
  v.i = c.i;
  v.d = c.d.units();
  if (c.kind == TypeKind::Int) v.d = Decimal::from_int(c.i).units();
  if (c.kind == TypeKind::String) v.text = c.s;
  return v;
}

// Parses a parameter's text value; a reason on failure.
}  // namespace

std::optional<vm::ParamValue> parse_param(const Model& model, const ParamSymbol& p,
                                          std::string_view text, std::string& reason) {
  vm::ParamValue v;
  if (text == "none" && p.type.optional) return v;
  if (p.type.kind == TypeKind::Period) {
    if (auto months = timeutil::parse_period(text)) {
      v.valid = true;
      v.i = *months;
      return v;
    }
    reason = "expected a calendar period such as 1mo, 1q or 1y";
    return std::nullopt;
  }
  // A share may be written as a percentage, as its default may be (`--param top_share=40%`);
  // an amount of money may not.
  if (p.type.kind == TypeKind::Decimal && !p.type.money && !text.empty() && text.back() == '%') {
    const std::optional<Decimal> percent = Decimal::parse(text.substr(0, text.size() - 1));
    Decimal share;
    Decimal back;
    if (!percent || !Decimal::div(*percent, Decimal::from_int(100), share) ||
        !Decimal::mul(share, Decimal::from_int(100), back) || back != *percent) {
      reason = "expected a percentage such as 40% or 12.5%, with at most 4 decimal places";
      return std::nullopt;
    }
    v.valid = true;
    v.d = share.units();
    return v;
  }
  const std::optional<ValueKind> kind = value_kind_of(p.type.kind);
  if (!kind) {
    reason = "parameters of this type cannot be set from the command line";
    return std::nullopt;
  }
  const std::vector<std::string>* members =
      p.type.kind == TypeKind::Enum ? &model.enums[p.type.ref].members : nullptr;
  io::Scalar s;
  const io::ParseStatus status = io::parse_value(*kind, text, s, members);
  if (status != io::ParseStatus::Ok) {
    reason = io::bad_value_reason(*kind, text, members);
    return std::nullopt;
  }
  v.valid = true;
  v.i = s.i64;
  v.d = s.dec.units();
  if (p.type.kind == TypeKind::String) v.text = std::string(text);
  return v;
}

std::optional<std::vector<vm::ParamValue>> resolve_params(const Model& model,
                                                          const RunOptions& options,
                                                          Diagnostics& diags) {
  bool ok = true;
  std::vector<std::string> names;
  for (const ParamSymbol& p : model.params) names.push_back(p.name);
  for (const auto& [name, value] : options.params) {
    if (model.find_param(name)) continue;
    auto b = diags.error(DiagCode::BadParam, Span{}, "unknown parameter `" + name + "`");
    if (auto near = closest_name(name, names))
      b.help("did you mean `" + *near + "`?");
    else if (!names.empty())
      b.note("the rule set's parameters are: " + [&] {
        std::string all;
        for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
        return all;
      }());
    ok = false;
  }

  vm::ParamValue today;
  today.valid = true;
  today.i = local_today();
  if (!options.today.empty()) {
    if (auto d = timeutil::parse_date(options.today)) {
      today.i = *d;
    } else {
      diags.error(DiagCode::BadParam, Span{}, "`" + options.today + "` is not a date")
          .help("write today's date as YYYY-MM-DD");
      ok = false;
    }
  }

  std::vector<vm::ParamValue> values;
  for (const ParamSymbol& p : model.params) {
    const Span span = p.decl ? p.decl->name.span : Span{};
    if (auto it = options.params.find(p.name); it != options.params.end()) {
      std::string reason;
      if (auto v = parse_param(model, p, it->second, reason)) {
        values.push_back(*v);
      } else {
        diags
            .error(DiagCode::BadParam, span,
                   "parameter `" + p.name + "` = `" + it->second + "`: " + reason,
                   "declared as `" + type_name(p.type, &model) + "` here")
            .emit();
        values.emplace_back();
        ok = false;
      }
    } else if (p.default_is_today) {
      values.push_back(today);
    } else if (p.default_value) {
      values.push_back(from_const(*p.default_value));
      if (p.type.kind == TypeKind::Decimal && p.default_value->kind == TypeKind::Int) {
        values.back().d = Decimal::from_int(p.default_value->i).units();
      }
      if (p.type.kind == TypeKind::DateTime && p.default_value->kind == TypeKind::Date) {
        values.back().i = p.default_value->i * timeutil::kSecondsPerDay;
      }
    } else if (p.type.optional) {
      values.emplace_back();
    } else {
      diags
          .error(DiagCode::BadParam, span, "parameter `" + p.name + "` has no value",
                 "declared without a default here")
          .help("pass it with --param " + p.name + "=VALUE");
      values.emplace_back();
      ok = false;
    }
  }
  values.push_back(today);
  if (!ok) return std::nullopt;
  return values;
}

}  // namespace strata::api
