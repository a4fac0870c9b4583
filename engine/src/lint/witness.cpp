#include "lint/witness.hpp"

#include <algorithm>
#include <set>

#include "lint/population.hpp"
#include "lint/walk.hpp"
#include "strata/time.hpp"

namespace strata::linter {

namespace {

Num abs_num(Num v) {
  return v < 0 ? -v : v;
}

// The value of `d` closest to `ref`, rounded to a coarse step where the domain allows.
std::optional<Num> pick(const Domain& d, Num ref, const std::vector<Num>& steps) {
  if (!d.has_values()) return std::nullopt;
  if (d.contains(ref)) return ref;
  std::optional<Num> best;
  for (const Interval& r : d.ranges()) {
    const Num v = ref < r.lo ? r.lo : r.hi;
    if (!best || abs_num(v - ref) < abs_num(*best - ref)) best = v;
  }
  for (Num step : steps) {
    const Interval* in = nullptr;
    for (const Interval& r : d.ranges()) {
      if (r.lo <= *best && *best <= r.hi) in = &r;
    }
    // Round away from the reference, toward the inside of the interval.
    Num v = *best;
    const Num rem = ((v % step) + step) % step;
    if (rem != 0) v = *best > ref ? v - rem + step : v - rem;
    if (in && v >= in->lo && v <= in->hi) return v;
  }
  return best;
}

std::vector<Num> steps_for(TypeKind kind) {
  switch (kind) {
    case TypeKind::Decimal:
      return {Decimal::kOne * 1000, Decimal::kOne * 100, Decimal::kOne * 10,
              Decimal::kOne,        Decimal::kOne / 10,  Decimal::kOne / 100};
    case TypeKind::Int:
      return {1000, 100, 10};
    case TypeKind::DateTime:
    case TypeKind::Duration:
      return {timeutil::kSecondsPerDay, 3600, 60};
    default:
      return {};
  }
}

class Concrete : public Env {
 public:
  Concrete(const Model& m, const Evaluator& eval) : m_(m), eval_(eval) {}
  std::optional<Val> field(std::uint32_t index) const override { return fields[index]; }
  std::optional<Val> aggregate(const ast::Expr& call) const override {
    const std::uint32_t table = m_.calls[call.id].events;
    return eval_.aggregate_over(call, events[table], *this);
  }
  std::optional<Val> run_constant(std::uint32_t index) const override {
    auto it = constants.find(index);
    if (it == constants.end()) return Val::unknown();
    return it->second;
  }
  // Without sample data the example is confirmed in a run of its own.
  std::optional<Val> population(const ast::Expr& call, std::uint32_t) const override {
    if (eval_.statistics().bound()) return std::nullopt;
    return eval_.alone_statistic(call, *this);
  }
  const Evaluator& evaluator() const { return eval_; }
  std::vector<Val> fields;
  std::vector<std::vector<EventRow>> events;
  std::map<std::uint32_t, Val> constants;

 private:
  const Model& m_;
  const Evaluator& eval_;
};

// Whether every atom of `box` other than fields and run constants has its value in its domain.
bool atoms_hold(const AtomTable& atoms, const std::vector<Domain>& box, const Evaluator& eval,
                const Concrete& env, std::optional<std::uint32_t> only_events) {
  for (std::uint32_t a = 0; a < atoms.size(); ++a) {
    const Atom& atom = atoms[a];
    if (box[a] == atom.universe) continue;
    Val v;
    if (atom.kind == AtomKind::Aggregate) {
      if (only_events && atom.events != *only_events) continue;
      if (atom.count_all) {
        v = Val::of(TypeKind::Int, static_cast<Num>(env.events[atom.events].size()));
      } else if (atom.expr) {
        v = *env.aggregate(*atom.expr);
      } else {
        continue;  // a helper count implied by the links of real aggregates
      }
    } else if (atom.kind == AtomKind::Opaque || atom.kind == AtomKind::Tiering ||
               atom.kind == AtomKind::Population) {
      if (only_events) continue;
      if (atom.kind == AtomKind::Tiering) {
        v = eval.tiering(atom.index, env);
      } else if (atom.rhs) {
        v = compare_values(atom.op, convert(eval.eval(*atom.expr, env), atom.lhs_kind),
                           convert(eval.eval(*atom.rhs, env), atom.rhs_kind));
      } else {
        v = eval.eval(*atom.expr, env);
      }
    } else {
      continue;
    }
    if (v.state == Val::State::Unknown || v.state == Val::State::Error) return false;
    if (v.kind == TypeKind::String && v.present()) v.n = atoms.string_code(v.s);
    if (v.present() ? !box[a].contains(v.n) : !box[a].has_none()) return false;
  }
  return true;
}

// Evaluates the example through the public API: as a record (against the sample's population
// when the rule set has statistics), or without sample data in a run of its own. Fills the
// statistics the tiering reads, as the engine gave them to the example (when it got a tier).
// Nullopt when the example cannot be loaded.
std::optional<Realizer::Outcome> evaluate(const RuleSet& rules, const RunOptions& run, Witness& w,
                                          const Statistics& stats, std::uint32_t tiering) {
  const Model& m = rules.model();
  const std::vector<std::uint32_t> read =
      statistics_read(m, stats, m.tierings[tiering].expressions());
  Realizer::Outcome out;
  std::shared_ptr<const Population> population = stats.population();
  const bool alone = !stats.empty() && !stats.bound();
  w.alone = alone && !read.empty();
  w.sample = stats.bound() && !read.empty();
  if (alone) {
    RunOptions keep = run;
    keep.keep_population = true;
    const RunResult result = run_of_one(rules, w, keep);
    if (result.ok && result.tierings.size() != m.tierings.size()) return std::nullopt;
    out.ok = result.ok;
    out.diags = result.diags;
    for (const ResultColumn& c : result.tierings) {
      out.tiers.push_back(!c.present.empty() && c.present[0] ? static_cast<int>(c.ints[0]) : -1);
    }
    population = result.population;
    if (!population) return out;
  }
  Diagnostics ignored;
  auto record = rules.new_record(run, ignored, population);
  if (!record || !load_witness(w, *record)) return std::nullopt;
  Assignment a;
  Diagnostics diags;
  const bool ok = rules.evaluate(*record, a, &diags);
  if (!alone) {
    out.ok = ok;
    out.tiers = a.tiers;
    out.diags = std::move(diags);
  }
  if (!ok) return out;
  const std::vector<PopulationValue> seen = record->population_values();
  for (std::uint32_t k : read) {
    if (k >= seen.size()) continue;
    const Value& v = seen[k].value;
    w.statistics.push_back({seen[k].text, v.present ? v.to_string() : "none", seen[k].position});
  }
  return out;
}

// Constants compared with an event field in the filters of aggregates over `events`.
void filter_constants(const Model& m, const Evaluator& eval, const ast::Expr& filter,
                      std::vector<std::vector<Val>>& out) {
  walk(filter, [&](const ast::Expr& x) {
    const ast::Expr* field = nullptr;
    std::vector<const ast::Expr*> others;
    if (const auto* b = x.as<ast::BinaryExpr>(); b && ast::is_comparison(b->op)) {
      others = {b->lhs.get(), b->rhs.get()};
    } else if (const auto* bt = x.as<ast::BetweenExpr>()) {
      others = {bt->value.get(), bt->low.get(), bt->high.get()};
    } else if (const auto* in = x.as<ast::InExpr>()) {
      others.push_back(in->value.get());
      for (const auto& item : in->items) others.push_back(item.get());
    } else {
      return true;
    }
    for (const ast::Expr* o : others) {
      if (m.names[o->id].kind == SymbolKind::EventField) field = o;
    }
    if (!field) return true;
    const std::uint32_t f = m.names[field->id].sub;
    const TypeKind fk = m.types[field->id].kind;
    for (const ast::Expr* o : others) {
      if (o == field) continue;
      auto c = eval.constant(*o);
      if (!c || !c->present()) continue;
      Val v = *c;
      if (fk == TypeKind::Date && v.kind == TypeKind::DateTime) {
        v = Val::of(TypeKind::Date,
                    timeutil::floor_div(static_cast<std::int64_t>(v.n), timeutil::kSecondsPerDay));
      } else if (fk == TypeKind::Int && v.kind == TypeKind::Decimal) {
        v = Val::of(TypeKind::Int, v.n / Decimal::kOne);
      } else {
        v.kind = fk;
      }
      const Num step = fk == TypeKind::Decimal ? Decimal::kOne / 100 : 1;
      for (Num delta : {Num(0), step, -step,
                        fk == TypeKind::DateTime ? Num(timeutil::kSecondsPerDay) : step * 10}) {
        Val w = v;
        w.n += delta;
        out[f].push_back(w);
      }
    }
    return false;
  });
}

}  // namespace

Realizer::Realizer(Context& ctx, const AtomTable& atoms, const Evaluator& eval)
    : ctx_(ctx), atoms_(atoms), eval_(eval) {
  // Dates are chosen near the first date parameter (the evaluation date), else near today.
  reference_day_ = eval.today() ? eval.today()->n : timeutil::days_from_civil(2026, 1, 1);
  const Model& m = ctx.model();
  for (std::uint32_t p = 0; p < m.params.size(); ++p) {
    const auto& v = eval.param(p);
    if (v && v->present() && (v->kind == TypeKind::Date || v->kind == TypeKind::DateTime)) {
      reference_day_ =
          v->kind == TypeKind::Date
              ? v->n
              : timeutil::floor_div(static_cast<std::int64_t>(v->n), timeutil::kSecondsPerDay);
      break;
    }
  }
}

std::optional<Witness> Realizer::realize(std::uint32_t tiering, const std::vector<Domain>& box,
                                         const std::vector<std::uint32_t>& shown,
                                         const Confirm& confirm,
                                         const std::vector<const ast::Expr*>& values) {
  // Round values first; then values spread through each domain, for opaque atoms (`a < b`) and
  // statistics whose value depends on several inputs, and when the compiled rule set disagreed
  // with an example (another tiering's conflict, say, over values the box leaves free).
  bool opaque = false;
  for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
    const AtomKind kind = atoms_[a].kind;
    opaque = opaque || ((kind == AtomKind::Opaque || kind == AtomKind::Population) &&
                        !(box[a] == atoms_[a].universe));
  }
  std::uint32_t seeds = opaque ? 40 : 1;
  for (std::uint32_t seed = 0; seed < seeds; ++seed) {
    bool evaluated = false;
    if (auto w = attempt(tiering, box, shown, confirm, values, seed, evaluated)) return w;
    if (evaluated) seeds = std::max<std::uint32_t>(seeds, 24);
  }
  return std::nullopt;
}

std::optional<Witness> Realizer::attempt(std::uint32_t tiering, const std::vector<Domain>& box,
                                         const std::vector<std::uint32_t>& shown_atoms,
                                         const Confirm& confirm,
                                         const std::vector<const ast::Expr*>& values,
                                         std::uint32_t seed, bool& evaluated) {
  const Model& m = ctx_.model();
  std::uint64_t state = 0x9E3779B97F4A7C15ull * (seed + 1);
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const auto plain_ref = [&](TypeKind kind) -> Num {
    if (kind == TypeKind::Date) return reference_day_;
    if (kind == TypeKind::DateTime) return reference_day_ * timeutil::kSecondsPerDay;
    return 0;
  };
  const auto ref_for = [&](TypeKind kind) -> Num {
    const Num ref = plain_ref(kind);
    if (seed == 0) return ref;
    const Num unit = kind == TypeKind::Decimal    ? Decimal::kOne
                     : kind == TypeKind::DateTime ? timeutil::kSecondsPerDay
                                                  : 1;
    // Small values first, so that an example reads easily; wider ones when those fail.
    const Num width = seed < 14 ? 10 : 1000;
    const Num spread = static_cast<Num>(next() % static_cast<std::uint64_t>(2 * width + 1)) - width;
    return ref + spread * unit * (seed < 27 ? 1 : 100);
  };
  // `spread`: near the reference value of this seed, else near the plain one.
  const auto choose = [&](const Domain& d, const Type& t,
                          bool spread = true) -> std::optional<Val> {
    if (auto v = pick(d, spread ? ref_for(t.kind) : plain_ref(t.kind), steps_for(t.kind))) {
      if (t.kind != TypeKind::String) return Val::of(t.kind, *v);
      // A string of the right rank among the constants.
      const auto& strings = atoms_.strings();
      if (*v % 2 == 1) return Val::text(strings[static_cast<std::size_t>(*v / 2)]);
      std::vector<std::string> tries = {"x", "example", "A", "~"};
      const auto i = static_cast<std::size_t>(*v / 2);
      if (i > 0) tries.push_back(strings[i - 1] + "~");
      for (const std::string& s : tries) {
        if (atoms_.string_code(s) == *v) return Val::text(s);
      }
      return std::nullopt;
    }
    if (d.has_none()) return Val::none();
    return std::nullopt;
  };

  Concrete env(m, eval_);
  std::vector<bool> shown(m.record->fields.size(), false);
  std::vector<bool> tables_shown(m.events.size(), false);
  for (std::uint32_t a : shown_atoms) {
    const Atom& atom = atoms_[a];
    if (atom.kind == AtomKind::Aggregate) tables_shown[atom.events] = true;
    for (const ast::Expr* side : {atom.expr, atom.rhs}) {
      if ((atom.kind != AtomKind::Opaque && atom.kind != AtomKind::Population) || !side) continue;
      // The inputs of an opaque value are shown too.
      walk(*side, [&](const ast::Expr& x) {
        const Resolution& r = m.names[x.id];
        if (r.kind == SymbolKind::RecordField) shown[r.index] = true;
        if (x.as<ast::CallExpr>() && m.calls[x.id].scope == CallScope::EventAggregate) {
          tables_shown[m.calls[x.id].events] = true;
          return false;
        }
        return true;
      });
    }
  }
  for (std::uint32_t f = 0; f < m.record->fields.size(); ++f) {
    const FieldSymbol& field = m.record->fields[f];
    Domain d = atoms_.type_universe(field.type).values_only();
    for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
      if (atoms_[a].kind == AtomKind::Field && atoms_[a].index == f) {
        d = box[a];
        shown[f] =
            shown[f] || std::find(shown_atoms.begin(), shown_atoms.end(), a) != shown_atoms.end();
      }
    }
    if (f == m.record->key_field && field.type.kind == TypeKind::String) {
      env.fields.push_back(Val::text("example"));
      continue;
    }
    // The key breaks ties in positions among all customers: the one the analysis assumed.
    auto v = choose(d, field.type, f != m.record->key_field);
    if (!v) return std::nullopt;
    env.fields.push_back(*v);
  }
  for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
    if (atoms_[a].kind != AtomKind::RunConstant) continue;
    auto v = choose(box[a], atoms_[a].type);
    if (!v) return std::nullopt;
    env.constants[atoms_[a].index] = *v;
  }
  // A run needs every parameter: those the rules compare nothing with still get a value.
  for (std::uint32_t p = 0; p < m.params.size(); ++p) {
    if (eval_.param(p) || env.constants.count(p)) continue;
    auto v = choose(atoms_.type_universe(m.params[p].type).values_only(), m.params[p].type, false);
    if (!v) return std::nullopt;
    env.constants[p] = *v;
  }

  // Events: a prototype repeated n times, or two prototypes, until every aggregate fits.
  env.events.assign(m.events.size(), {});
  for (std::uint32_t e = 0; e < m.events.size(); ++e) {
    std::optional<std::uint32_t> all;
    std::vector<std::vector<Val>> candidates(m.events[e].fields.size());
    for (std::uint32_t a = 0; a < atoms_.size(); ++a) {
      const Atom& atom = atoms_[a];
      if (atom.kind != AtomKind::Aggregate || atom.events != e) continue;
      if (atom.count_all) all = a;
      if (!atom.expr) continue;
      const auto& call = std::get<ast::CallExpr>(atom.expr->node);
      if (call.filter) filter_constants(m, eval_, *call.filter, candidates);
      if (!call.args.empty() && m.names[call.args[0]->id].kind == SymbolKind::EventField) {
        const std::uint32_t f = m.names[call.args[0]->id].sub;
        const Type& ft = m.events[e].fields[f].type;
        if (auto v = choose(box[a], ft.as_optional(false)); v && v->present()) {
          candidates[f].push_back(convert(*v, ft.kind));
          if (ft.kind == TypeKind::Decimal || ft.kind == TypeKind::Int) {
            for (Num n = 2; n <= 5; ++n) {
              if (v->n % n == 0) candidates[f].push_back(Val::of(v->kind, v->n / n));
            }
          }
        }
      }
    }
    if (!all) continue;
    for (std::uint32_t f = 0; f < candidates.size(); ++f) {
      const Type& ft = m.events[e].fields[f].type;
      if (auto v = choose(atoms_.type_universe(ft).values_only(), ft)) candidates[f].push_back(*v);
      std::sort(candidates[f].begin(), candidates[f].end(),
                [](const Val& a, const Val& b) { return a.n < b.n || (a.n == b.n && a.s < b.s); });
      candidates[f].erase(std::unique(candidates[f].begin(), candidates[f].end(),
                                      [](const Val& a, const Val& b) {
                                        return a.n == b.n && a.s == b.s && a.state == b.state;
                                      }),
                          candidates[f].end());
      if (candidates[f].size() > 8) candidates[f].resize(8);
    }
    std::vector<EventRow> protos(1);
    for (const auto& c : candidates) {
      std::vector<EventRow> next;
      for (const EventRow& p : protos) {
        for (const Val& v : c) {
          if (next.size() >= 256) break;
          EventRow row = p;
          row.push_back(v);
          next.push_back(std::move(row));
        }
      }
      protos = std::move(next);
    }
    std::vector<Num> counts;
    const Domain& nd = box[*all];
    for (const Interval& r : nd.ranges()) {
      for (Num n = r.lo; n <= r.hi && n <= r.lo + 3 && n <= 40; ++n) counts.push_back(n);
    }
    std::sort(counts.begin(), counts.end());
    bool found = false;
    std::size_t tries = 0;
    for (Num n : counts) {
      if (found || tries > 20'000) break;
      if (n == 0) {
        env.events[e].clear();
        found = atoms_hold(atoms_, box, eval_, env, e);
        continue;
      }
      for (std::size_t i = 0; i < protos.size() && !found; ++i) {
        for (std::size_t j = i; j < protos.size() && !found; ++j) {
          for (Num k = (i == j ? n : 1); k <= n && !found; ++k) {
            if (++tries > 20'000) break;
            std::vector<EventRow> list(static_cast<std::size_t>(k), protos[i]);
            list.insert(list.end(), static_cast<std::size_t>(n - k), protos[j]);
            env.events[e] = std::move(list);
            found = atoms_hold(atoms_, box, eval_, env, e);
          }
        }
      }
    }
    if (!found) return std::nullopt;
  }
  if (!atoms_hold(atoms_, box, eval_, env, std::nullopt)) return std::nullopt;

  Witness w;
  for (std::uint32_t f = 0; f < m.record->fields.size(); ++f) {
    const FieldSymbol& field = m.record->fields[f];
    w.fields.emplace_back(field.name, value_text(env.fields[f], m, field.type));
    w.shown.push_back(shown[f]);
  }
  for (std::uint32_t e = 0; e < m.events.size(); ++e) {
    if (env.events[e].empty() && tables_shown[e]) w.without_events.push_back(m.events[e].name);
    for (const EventRow& row : env.events[e]) {
      WitnessEvent we;
      we.events = m.events[e].name;
      for (std::uint32_t f = 0; f < row.size(); ++f) {
        we.fields.emplace_back(m.events[e].fields[f].name,
                               value_text(row[f], m, m.events[e].fields[f].type));
      }
      w.events.push_back(std::move(we));
    }
  }
  for (const auto& [index, v] : env.constants) {
    if (index == kToday) {
      w.today = value_text(v, m, Type::of(TypeKind::Date));
    } else {
      w.params[m.params[index].name] = value_text(v, m, m.params[index].type);
    }
  }
  // The compiled rule set has the last word.
  RunOptions run = ctx_.options().run;
  for (const auto& [name, value] : w.params) run.params[name] = value;
  if (!w.today.empty()) run.today = w.today;
  const std::optional<Outcome> outcome =
      evaluate(ctx_.rules(), run, w, eval_.statistics(), tiering);
  evaluated = outcome.has_value();
  if (!outcome || !confirm(*outcome)) return std::nullopt;
  for (const ast::Expr* e : values) {
    const Val v = eval_.eval(*e, env);
    const Type& type = m.types[e->id];
    w.values.push_back(!v.present()                  ? "none"
                       : type.kind == TypeKind::Bool ? (v.n ? "yes" : "no")
                                                     : value_text(v, m, type));
  }
  return w;
}

bool load_witness(const Witness& w, Record& record) {
  for (const auto& [field, text] : w.fields) {
    if (!record.set(field, text)) return false;
  }
  record.clear_events();
  for (const WitnessEvent& e : w.events) {
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    for (const auto& [f, v] : e.fields) fields.emplace_back(f, v);
    if (!record.add_event(e.events, fields)) return false;
  }
  return true;
}

std::string describe_witness(const Witness& w) {
  std::string out;
  for (std::size_t i = 0; i < w.fields.size(); ++i) {
    if (i < w.shown.size() && !w.shown[i]) continue;
    out += out.empty() ? "" : ", ";
    out += "`" + w.fields[i].first +
           "` = " + (w.fields[i].second.empty() ? "none" : w.fields[i].second);
  }
  // Events: identical ones are counted once.
  std::map<std::string, std::vector<std::pair<std::string, int>>> by_table;
  std::vector<std::string> tables;
  for (const WitnessEvent& e : w.events) {
    std::string text;
    for (const auto& [f, v] : e.fields) {
      text += (text.empty() ? "" : ", ") + f + " " + (v.empty() ? "none" : v);
    }
    auto& list = by_table[e.events];
    if (list.empty()) tables.push_back(e.events);
    if (!list.empty() && list.back().first == text) {
      ++list.back().second;
    } else {
      list.emplace_back(text, 1);
    }
  }
  for (const std::string& t : tables) {
    std::size_t total = 0;
    std::string items;
    for (const auto& [text, n] : by_table[t]) {
      total += static_cast<std::size_t>(n);
      items += (items.empty() ? "" : "; ") + (n > 1 ? std::to_string(n) + " × " : "") + text;
    }
    out += (out.empty() ? "" : ", and ") + std::to_string(total) + " `" + t + "` " +
           (total == 1 ? "event" : "events") + " (" + items + ")";
  }
  for (const std::string& t : w.without_events) {
    out += (out.empty() ? "no `" : ", and no `") + t + "` events";
  }
  if (out.empty()) out = "any values";
  if (w.alone || w.sample) {
    std::string stats;
    for (std::size_t i = 0; i < w.statistics.size(); ++i) {
      const Witness::Statistic& st = w.statistics[i];
      stats += i == 0 ? "" : i + 1 == w.statistics.size() ? " and " : ", ";
      stats += (st.position ? "its `" : "`") + st.text + "` = " + st.value;
    }
    out += w.alone ? " in a run of its own" : " among the customers of the sample data";
    if (!stats.empty()) out += " (" + stats + ")";
  }
  std::string when;
  for (const auto& [name, value] : w.params)
    when += (when.empty() ? "" : ", ") + ("`" + name + "` = " + value);
  if (!w.today.empty()) when += (when.empty() ? "" : ", ") + std::string("`today` = ") + w.today;
  if (!when.empty()) out += ", when " + when;
  return out;
}

}  // namespace strata::linter
