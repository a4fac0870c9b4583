#include "api/outputs.hpp"

#include "api/params.hpp"

namespace strata::api {

namespace {

bool collected(const vm::Output& out) {
  return out.kind == vm::Output::Kind::Tiering || out.kind == vm::Output::Kind::Let;
}

}  // namespace

std::vector<std::string> value_names(const Model& model, const Type& type) {
  std::vector<std::string> names;
  if (type.kind == TypeKind::Enum && type.ref < model.enums.size()) {
    names = model.enums[type.ref].members;
  } else if (type.kind == TypeKind::Tier && type.ref < model.tierings.size()) {
    for (const TierSymbol& t : model.tierings[type.ref].tiers) names.push_back(t.name);
  }
  return names;
}

PopulationValue population_value(const vm::Statistic& s, const vm::ParamValue& v,
                                 std::size_t over) {
  PopulationValue out;
  out.text = s.text;
  out.position = s.column.has_value();
  out.used_by = s.used_by;
  out.over = over;
  out.value.kind = result_kind_of(s.type.kind);
  out.value.present = v.valid;
  out.value.i = v.i;
  out.value.d = Decimal::from_units(v.d);
  return out;
}

OutputColumns::OutputColumns(const Model& model, const vm::Program& program, std::size_t rows)
    : program_(program) {
  for (const vm::Output& out : program.outputs) {
    ResultColumn c;
    c.name = out.name;
    // Probes, raw tiers and extras are read from the registers by the stage that asked for them.
    if (!collected(out)) {
      columns_.push_back(std::move(c));
      continue;
    }
    c.kind = result_kind_of(out.type.kind);
    c.names = value_names(model, out.type);
    c.present.assign(rows, 0);
    if (out.bank == vm::Bank::D) {
      c.decimals.assign(rows, 0);
    } else if (c.kind == ResultKind::String) {
      c.texts.assign(rows, std::string());
    } else {
      c.ints.assign(rows, 0);
    }
    columns_.push_back(std::move(c));
  }
}

void OutputColumns::store(vm::Context& ctx, std::size_t first, std::size_t count) {
  for (std::size_t o = 0; o < program_.outputs.size(); ++o) {
    const vm::Output& out = program_.outputs[o];
    if (!collected(out)) continue;
    ResultColumn& c = columns_[o];
    vm::FrameState& st = ctx.main();
    if (out.bank == vm::Bank::D) {
      std::copy_n(st.d(out.reg), count, c.decimals.begin() + static_cast<std::ptrdiff_t>(first));
      std::copy_n(st.dok(out.reg), count, c.present.begin() + static_cast<std::ptrdiff_t>(first));
    } else if (c.kind == ResultKind::String) {
      const std::int64_t* v = st.i(out.reg);
      const std::uint8_t* ok = st.iok(out.reg);
      for (std::size_t i = 0; i < count; ++i) {
        c.present[first + i] = ok[i];
        if (ok[i]) c.texts[first + i] = std::string(ctx.string_text(v[i]));
      }
    } else {
      std::copy_n(st.i(out.reg), count, c.ints.begin() + static_cast<std::ptrdiff_t>(first));
      std::copy_n(st.iok(out.reg), count, c.present.begin() + static_cast<std::ptrdiff_t>(first));
    }
  }
}

void OutputColumns::finish(RunResult& result) {
  for (std::size_t o = 0; o < program_.outputs.size(); ++o) {
    const vm::Output& out = program_.outputs[o];
    ResultColumn& c = columns_[o];
    if (out.kind == vm::Output::Kind::Tiering) {
      std::vector<std::uint64_t> counts(c.names.size() + 1, 0);
      for (std::size_t r = 0; r < c.present.size(); ++r) {
        if (c.present[r]) {
          ++counts[static_cast<std::size_t>(c.ints[r])];
        } else {
          ++counts.back();
        }
      }
      result.counts.push_back(std::move(counts));
      result.tierings.push_back(std::move(c));
    } else if (out.kind == vm::Output::Kind::Let) {
      result.lets.push_back(std::move(c));
    }
  }
}

Value register_value(const Model& model, const vm::Output& out, vm::Context& ctx,
                     std::size_t offset) {
  Value v;
  v.kind = result_kind_of(out.type.kind);
  vm::FrameState& st = ctx.main();
  if (out.bank == vm::Bank::D) {
    v.present = st.dok(out.reg)[offset] != 0;
    v.d = Decimal::from_units(st.d(out.reg)[offset]);
    return v;
  }
  v.present = st.iok(out.reg)[offset] != 0;
  v.i = st.i(out.reg)[offset];
  if (!v.present) return v;
  if (v.kind == ResultKind::String) {
    v.text = std::string(ctx.string_text(v.i));
  } else if (v.kind == ResultKind::Enum || v.kind == ResultKind::Tier) {
    const std::vector<std::string> names = value_names(model, out.type);
    if (v.i >= 0 && static_cast<std::size_t>(v.i) < names.size()) {
      v.text = names[static_cast<std::size_t>(v.i)];
    }
  }
  return v;
}

void report_eval_error(const Model& model, const Dataset& data, const vm::EvalError& error,
                       Diagnostics& diags) {
  if (error.row == vm::EvalError::kNoRow) {
    // A statistic over all customers: no one customer is to blame.
    const std::string what = error.code == DiagCode::IntegerOverflow ? "integer" : "decimal";
    auto b = diags.error(error.code, error.span,
                         what + " overflow while computing `" +
                             std::string(model.sources->text(error.span)) + "` over all customers",
                         "computed over all customers");
    if (!error.detail.empty()) b.note(error.detail);
    b.help("check the data for values far out of the usual range");
    return;
  }
  const std::string key = data.key_text(error.row);
  std::string message;
  switch (error.code) {
    case DiagCode::UniqueConflict: {
      // The failing instruction's span is the tier that matched second; name both tiers.
      message = "customer `" + key + "` matches more than one tier of a `unique` tiering";
      const auto comma = error.detail.find(',');
      std::optional<Span> first_row;
      for (const TieringSymbol& t : model.tierings) {
        if (!t.decl || t.decl->span.file != error.span.file ||
            error.span.begin < t.decl->span.begin || error.span.end > t.decl->span.end) {
          continue;
        }
        const auto a = static_cast<std::size_t>(std::stoll(error.detail.substr(0, comma)));
        const auto b = static_cast<std::size_t>(std::stoll(error.detail.substr(comma + 1)));
        if (t.table) {
          // A unique table numbers its rows, not its tiers (compile_table.cpp).
          const TableRowSymbol& ra = t.table->rows[a];
          const TableRowSymbol& rb = t.table->rows[b];
          message = "customer `" + key + "` matches rows " + std::to_string(a + 1) + " and " +
                    std::to_string(b + 1) + " of unique table `" + t.name + "` (`" +
                    t.tiers[ra.tier].name + "` and `" + t.tiers[rb.tier].name + "`)";
          first_row = ra.row->span;
        } else {
          message = "customer `" + key + "` matches both `" + t.tiers[a].name + "` and `" +
                    t.tiers[b].name + "` of unique tiering `" + t.name + "`";
        }
      }
      auto d = diags.error(error.code, error.span, message, "the second match");
      if (first_row) d.label(*first_row, "the first match");
      d.help(first_row
                 ? "make the rows disjoint, or drop `unique` to let the first matching row win"
                 : "make the conditions disjoint, or drop `unique` to let the first match win");
      return;
    }
    case DiagCode::CalendarRange: {
      auto d = diags.error(error.code, error.span,
                           "customer `" + key + "` has an event outside the calendar's years",
                           "measured on a calendar here");
      d.note(error.detail);
      d.help("check the data for a wrong year; leave unknown times empty");
      return;
    }
    case DiagCode::IntegerOverflow:
      message = "integer overflow while evaluating customer `" + key + "`";
      break;
    case DiagCode::DecimalOverflow:
      message = "decimal overflow while evaluating customer `" + key + "`";
      break;
    default:
      message = "evaluation failed for customer `" + key + "`";
      break;
  }
  auto b = diags.error(error.code, error.span, message, "while computing this");
  if (!error.detail.empty()) b.note(error.detail);
  b.help("check the customer's data, or guard the computation with `if ... then ... else`");
}

}  // namespace strata::api
