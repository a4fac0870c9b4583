#include "lint/atoms.hpp"

#include <algorithm>
#include <set>

#include "lint/walk.hpp"
#include "strata/time.hpp"

namespace strata::linter {

namespace {

// Decimals stay far from the 128-bit limit so that sums of two bounds cannot overflow.
constexpr Num kDecimalLimit =
    static_cast<Num>(1'000'000'000'000'000'000LL) * 1'000'000'000'000'000'000LL;

std::int64_t first_day() {
  return timeutil::days_from_civil(1, 1, 1);
}
std::int64_t last_day() {
  return timeutil::days_from_civil(9999, 12, 31);
}

// A short spelling of an expression for messages: its source text with runs of spaces folded.
std::string spelled(const Model& m, const ast::Expr& e) {
  std::string out;
  for (char c : m.sources->text(e.span)) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Num type_low(TypeKind kind) {
  switch (kind) {
    case TypeKind::Decimal:
      return -kDecimalLimit;
    case TypeKind::Bool:
      return 0;
    case TypeKind::Date:
      return first_day();
    case TypeKind::DateTime:
      return static_cast<Num>(first_day()) * timeutil::kSecondsPerDay;
    default:
      return INT64_MIN;
  }
}

Num type_high(TypeKind kind) {
  switch (kind) {
    case TypeKind::Decimal:
      return kDecimalLimit;
    case TypeKind::Bool:
      return 1;
    case TypeKind::Date:
      return last_day();
    case TypeKind::DateTime:
      return static_cast<Num>(last_day()) * timeutil::kSecondsPerDay + timeutil::kSecondsPerDay - 1;
    default:
      return INT64_MAX;
  }
}

AtomTable::AtomTable(const Model& model, const Evaluator& eval) : model_(model), eval_(eval) {
  // Every string constant compared with something, so that string atoms can rank values.
  std::set<std::string> strings;
  for (std::size_t id = 0; id < model.constants.size(); ++id) {
    const auto& c = model.constants[id];
    if (c && c->kind == TypeKind::String) strings.insert(c->s);
  }
  for (const ParamSymbol& p : model.params) {
    if (auto v = eval_.param(static_cast<std::uint32_t>(&p - model.params.data()));
        v && v->present() && v->kind == TypeKind::String) {
      strings.insert(v->s);
    }
  }
  strings_.assign(strings.begin(), strings.end());
}

Num AtomTable::string_code(const std::string& s) const {
  auto it = std::lower_bound(strings_.begin(), strings_.end(), s);
  const Num i = it - strings_.begin();
  return (it != strings_.end() && *it == s) ? 2 * i + 1 : 2 * i;
}

Domain AtomTable::type_universe(const Type& t) const {
  Num lo = type_low(t.kind), hi = type_high(t.kind);
  if (t.kind == TypeKind::Enum) {
    lo = 0;
    hi = static_cast<Num>(model_.enums[t.ref].members.size()) - 1;
  } else if (t.kind == TypeKind::Tier) {
    lo = 0;
    hi = static_cast<Num>(model_.tierings[t.ref].tiers.size()) - 1;
  } else if (t.kind == TypeKind::String) {
    lo = 0;
    hi = 2 * static_cast<Num>(strings_.size());
  }
  return Domain::range(lo, hi, t.optional);
}

std::uint32_t AtomTable::add(Atom atom) {
  atoms_.push_back(std::move(atom));
  return static_cast<std::uint32_t>(atoms_.size() - 1);
}

std::uint32_t AtomTable::field(std::uint32_t index) {
  if (auto it = fields_.find(index); it != fields_.end()) return it->second;
  const FieldSymbol& f = model_.record->fields[index];
  Atom a;
  a.kind = AtomKind::Field;
  a.type = f.type;
  a.universe = type_universe(f.type);
  if (f.range_low && f.range_high) {
    const bool dec = f.type.kind == TypeKind::Decimal;
    const Num lo = dec ? f.range_low->units() : f.range_low->units() / Decimal::kOne;
    const Num hi = dec ? f.range_high->units() : f.range_high->units() / Decimal::kOne;
    a.universe = a.universe.intersect(Domain::range(lo, hi, f.type.optional));
  }
  a.name = f.name;
  a.index = index;
  const std::uint32_t id = add(std::move(a));
  fields_[index] = id;
  return id;
}

std::uint32_t AtomTable::run_constant(std::uint32_t index) {
  if (auto it = run_constants_.find(index); it != run_constants_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::RunConstant;
  a.type = index == kToday ? Type::of(TypeKind::Date) : model_.params[index].type;
  a.universe = type_universe(a.type);
  a.name = index == kToday ? "today" : model_.params[index].name;
  a.index = index;
  const std::uint32_t id = add(std::move(a));
  run_constants_[index] = id;
  return id;
}

std::uint32_t AtomTable::tiering(std::uint32_t index) {
  if (auto it = tierings_.find(index); it != tierings_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::Tiering;
  a.type = Type{TypeKind::Tier, !model_.tierings[index].has_otherwise, false, index};
  a.universe = type_universe(a.type);
  a.name = model_.tierings[index].name;
  a.index = index;
  const std::uint32_t id = add(std::move(a));
  tierings_[index] = id;
  return id;
}

std::uint32_t AtomTable::opaque(const ast::Expr& e) {
  const std::string key = "opaque " + spelled(model_, e);
  if (auto it = by_text_.find(key); it != by_text_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::Opaque;
  a.type = model_.types[e.id];
  a.universe = type_universe(a.type);
  a.name = spelled(model_, e);
  a.expr = &e;
  const std::uint32_t id = add(std::move(a));
  by_text_[key] = id;
  return id;
}

std::uint32_t AtomTable::population(std::uint32_t stat, const ast::Expr& call,
                                    const Domain& universe) {
  if (auto found = find_population(stat)) return *found;
  Atom a;
  a.kind = AtomKind::Population;
  a.type = model_.types[call.id];
  a.universe = universe;
  a.name = spelled(model_, call);
  a.index = stat;
  a.expr = &call;
  const std::uint32_t id = add(std::move(a));
  statistics_[stat] = id;
  return id;
}

std::optional<std::uint32_t> AtomTable::find_population(std::uint32_t stat) const {
  if (auto it = statistics_.find(stat); it != statistics_.end()) return it->second;
  return std::nullopt;
}

std::uint32_t AtomTable::relation(const std::string& l, const std::string& r, bool equality,
                                  const ast::Expr& lhs, const ast::Expr& rhs, TypeKind lhs_kind,
                                  TypeKind rhs_kind) {
  const auto key = [](const std::string& x, const std::string& y, bool eq) {
    if (eq) return "compare " + std::min(x, y) + " == " + std::max(x, y);
    return "compare " + x + " < " + y;
  };
  const std::string full = key(l, r, equality);
  if (auto it = by_text_.find(full); it != by_text_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::Opaque;
  // Unknown only where a side may be missing.
  a.type = Type::of(TypeKind::Bool, model_.types[lhs.id].optional || model_.types[rhs.id].optional);
  a.universe = type_universe(a.type);
  a.name = full.substr(8);
  a.expr = &lhs;
  a.rhs = &rhs;
  a.op = equality ? ast::BinaryOp::Eq : ast::BinaryOp::Lt;
  a.lhs_kind = lhs_kind;
  a.rhs_kind = rhs_kind;
  const std::uint32_t id = add(std::move(a));
  by_text_[full] = id;
  // Trichotomy with the relations already known between the same sides.
  std::vector<std::uint32_t> family;
  for (const std::string& k : {key(l, r, false), key(r, l, false), key(l, r, true)}) {
    if (auto it = by_text_.find(k); it != by_text_.end()) family.push_back(it->second);
  }
  const auto holds = [&](std::uint32_t x) { return f_lit(*this, x, Domain::point(1)); };
  for (std::uint32_t other : family) {
    if (other != id) {
      atoms_[id].links.push_back(f_or(f_not(*this, holds(id)), f_not(*this, holds(other))));
    }
  }
  if (family.size() == 3) {
    std::vector<F> one = {f_lit(*this, id, Domain::none_only())};
    for (std::uint32_t x : family) one.push_back(holds(x));
    atoms_[id].links.push_back(f_or(std::move(one)));
  }
  return id;
}

std::uint32_t AtomTable::count_all(std::uint32_t events) {
  if (auto it = counts_.find(events); it != counts_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::Aggregate;
  a.type = Type::of(TypeKind::Int);
  a.universe = Domain::range(0, INT64_MAX);
  a.name = "count(" + model_.events[events].name + ")";
  a.events = events;
  a.count_all = true;
  const std::uint32_t id = add(std::move(a));
  counts_[events] = id;
  by_text_["aggregate " + atoms_[id].name] = id;
  return id;
}

// Without events, an aggregate has its empty value: 0 for counts and sums, none otherwise.
void AtomTable::link_empty(std::uint32_t atom, std::uint32_t all) {
  const Atom& a = atoms_[atom];
  const Domain empty = a.universe.has_none() ? Domain::none_only() : Domain::point(0);
  // The empty case first, so that examples have no more events than they need.
  F clause = f_or(f_lit(*this, atom, empty), f_lit(*this, all, Domain::range(1, INT64_MAX)));
  atoms_[atom].links.push_back(clause);
}

// count(E.f where c): the events a min/max/first/last/avg of E.f where c looks at.
std::uint32_t AtomTable::present_count(std::uint32_t events, const ast::Expr& call,
                                       std::uint32_t all) {
  const auto& c = std::get<ast::CallExpr>(call.node);
  const ast::Expr& value = *c.args[0];
  if (!c.filter && !model_.types[value.id].optional) return all;
  const std::string key = "aggregate count(" + spelled(model_, value) +
                          (c.filter ? " where " + spelled(model_, *c.filter) : "") + ")";
  if (auto it = by_text_.find(key); it != by_text_.end()) return it->second;
  Atom a;
  a.kind = AtomKind::Aggregate;
  a.type = Type::of(TypeKind::Int);
  a.universe = Domain::range(0, INT64_MAX);
  a.name = key.substr(10);
  a.events = events;
  const std::uint32_t id = add(std::move(a));
  by_text_[key] = id;
  link_empty(id, all);
  return id;
}

std::uint32_t AtomTable::aggregate(const ast::Expr& call) {
  const std::string key = "aggregate " + spelled(model_, call);
  if (auto it = by_text_.find(key); it != by_text_.end()) return it->second;
  const CallInfo& info = model_.calls[call.id];
  const auto& c = std::get<ast::CallExpr>(call.node);
  const std::uint32_t all = count_all(info.events);
  const bool has_value = !c.args.empty() && model_.names[c.args[0]->id].kind != SymbolKind::Events;
  if (info.builtin == BuiltinId::Count && !has_value && !c.filter) {
    by_text_[key] = all;
    return all;
  }
  Atom a;
  a.kind = AtomKind::Aggregate;
  a.type = model_.types[call.id];
  a.name = spelled(model_, call);
  a.expr = &call;
  a.events = info.events;
  switch (info.builtin) {
    case BuiltinId::Count:
    case BuiltinId::Distinct:
      a.universe = Domain::range(0, INT64_MAX);
      break;
    case BuiltinId::Sum: {
      a.universe = type_universe(a.type.as_optional(false));
      // A sum of values declared non-negative is non-negative.
      const ast::Expr& value = *c.args[0];
      const Resolution& r = model_.names[value.id];
      if (r.kind == SymbolKind::EventField) {
        const FieldSymbol& f = model_.events[r.index].fields[r.sub];
        if (f.range_low && *f.range_low >= Decimal()) {
          a.universe = a.universe.intersect(Domain::range(0, type_high(a.type.kind)));
        }
      }
      break;
    }
    default:
      a.universe = type_universe(a.type.as_optional(true));
      break;
  }
  const std::uint32_t id = add(std::move(a));
  by_text_[key] = id;
  link_empty(id, all);
  if (atoms_[id].universe.has_none() && has_value) {
    const std::uint32_t present = present_count(info.events, call, all);
    // none exactly when no event passing the filter has a value.
    atoms_[id].links.push_back(f_or(f_lit(*this, id, Domain::none_only()),
                                    f_lit(*this, present, Domain::range(1, INT64_MAX))));
    atoms_[id].links.push_back(f_or(f_lit(*this, present, Domain::point(0)),
                                    f_lit(*this, id, atoms_[id].universe.values_only())));
  }
  return id;
}

}  // namespace strata::linter
