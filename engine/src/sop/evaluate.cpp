// Obligation statuses: `respond ... within` per event, `every PERIOD` per customer.
#include "sop/evaluate.hpp"

#include <algorithm>

#include "strata/time.hpp"

namespace strata::sop {

namespace {

constexpr std::int64_t kDay = timeutil::kSecondsPerDay;

// An events column holding a date or a datetime, read as a datetime (a date at 00:00).
std::int64_t time_at(const Column& c, std::size_t row) {
  const std::int64_t v = std::get<std::vector<std::int64_t>>(c.data)[row];
  return c.kind == ValueKind::Date ? v * kDay : v;
}

bool breach(SopStatus s) {
  return s == SopStatus::Overdue || s == SopStatus::Violated;
}

}  // namespace

Clock run_clock(const Model& model, const std::vector<vm::ParamValue>& params) {
  Clock c;
  const auto as_of = model.find_param("as_of");
  const vm::ParamValue& today = params.back();
  if (as_of && params[*as_of].valid) {
    const TypeKind kind = model.params[*as_of].type.kind;
    if (kind == TypeKind::DateTime) {
      c.now = params[*as_of].i;
      c.run_date = timeutil::floor_div(c.now, kDay);
      return c;
    }
    if (kind == TypeKind::Date) {
      c.run_date = params[*as_of].i;
      c.now = (c.run_date + 1) * kDay;
      return c;
    }
  }
  c.run_date = today.i;
  c.now = (c.run_date + 1) * kDay;
  return c;
}

Evaluator::Evaluator(const Model& model, const Plan& plan, const vm::Program& program,
                     const Dataset& data, const state::PreviousRun& prev, Clock clock)
    : model_(model), plan_(plan), data_(data), prev_(prev), clock_(clock) {
  extras_.assign(plan.extras.size(), nullptr);
  // The SOPs' extras come first in the request; later ones belong to other stages (KPIs).
  for (const vm::Output& o : program.outputs) {
    if (o.kind == vm::Output::Kind::Extra && o.index < extras_.size()) extras_[o.index] = &o;
  }
  for (std::size_t s = 0; s < model.sops.size(); ++s) {
    first_row_of_sop_.push_back(rows_.size());
    const SopSymbol& sop = model.sops[s];
    if (sop.all) {
      rows_.push_back({s, -1, -1, 0, 0});
      continue;
    }
    for (const SopTarget& t : sop.targets) {
      rows_.push_back({s, static_cast<int>(t.tiering), static_cast<int>(t.tier), 0, 0});
    }
  }
  first_row_of_sop_.push_back(rows_.size());
}

bool Evaluator::applies(std::size_t sop, const CustomerState& cs) const {
  const SopSymbol& s = model_.sops[sop];
  if (s.all) return true;
  for (const SopTarget& t : s.targets) {
    if (in_target(model_, t, cs.tiers[t.tiering].tier)) return true;
  }
  return false;
}

// Since when the customer has been under the SOP: the earliest `since` of the SOP's tiers it is
// in, or, for `for all`, the first run that saw it.
std::int64_t Evaluator::sop_since(std::size_t sop, const CustomerState& cs) const {
  const SopSymbol& s = model_.sops[sop];
  if (s.all) return cs.seen;
  std::int64_t since = clock_.run_date;
  for (const SopTarget& t : s.targets) {
    const TierState& ts = cs.tiers[t.tiering];
    if (in_target(model_, t, ts.tier)) since = std::min(since, ts.since);
  }
  return since;
}

SopStatus Evaluator::previous_status(std::size_t obligation, std::size_t row) const {
  if (prev_.state == nullptr || !prev_.state->obligation_known[obligation]) return SopStatus::Ok;
  const std::int32_t c = prev_.state_of_row[row];
  if (c < 0) return SopStatus::Ok;
  return static_cast<SopStatus>(
      prev_.state->customers[static_cast<std::size_t>(c)].statuses[obligation]);
}

// Each matching event up to the run's time must be answered within the time allowed: answered
// late is `violated`, open past the deadline `overdue`, open inside the warning time `due_soon`.
ObligationResult Evaluator::respond(const ObligationPlan& p, vm::Context& ctx, std::size_t row,
                                    BatchSop& out) const {
  const ObligationSymbol& ob = *p.ob;
  const EventsTable& events = data_.events[ob.events];
  const Column& opened_col = events.table.columns[ob.time_field];
  const Column& answered_col = events.table.columns[*ob.response_field];
  const std::uint8_t* marks = ctx.marks(p.mark_slot);
  const std::size_t base = ctx.mark_begin(p.mark_slot);
  const Calendar* cal = ob.calendar ? &plan_.calendars[*ob.calendar] : nullptr;
  const std::int64_t now = clock_.now;
  auto elapsed = [&](std::int64_t a, std::int64_t b) {
    return cal ? cal->working_between(a, b) : b - a;
  };

  ObligationResult r;
  bool due_soon = false;
  std::int64_t overdue = -1, late = -1;
  for (std::size_t e = events.offsets[row]; e < events.offsets[row + 1]; ++e) {
    if (!marks[e - base] || !opened_col.validity.valid(e)) continue;
    const std::int64_t opened = time_at(opened_col, e);
    if (opened >= now) break;  // events are in time order
    if (cal && !cal->covers(opened)) {
      if (!out.error || out.error->row > row) {
        out.error = vm::EvalError{DiagCode::CalendarRange, ob.decl->span, row,
                                  "an event at " + timeutil::format_datetime(opened) +
                                      " lies outside the years 1970-2099 of the calendar"};
      }
      return r;
    }
    ++r.events;
    r.last = opened;
    std::int64_t deadline = opened + ob.amount;
    if (cal) {
      const auto d = cal->add_working(opened, ob.amount);
      deadline = d ? *d : now + 1;
    }
    const bool answered = answered_col.validity.valid(e) && time_at(answered_col, e) < now;
    if (answered) {
      const std::int64_t at = time_at(answered_col, e);
      if (at > deadline) {
        ++r.late;
        late = std::max(late, elapsed(deadline, at));
      }
      continue;
    }
    ++r.open;
    if (!r.due || deadline < *r.due) r.due = deadline;
    if (now > deadline) {
      overdue = std::max(overdue, elapsed(deadline, now));
    } else if (ob.warn > 0 && elapsed(now, deadline) <= ob.warn) {
      due_soon = true;
    }
  }
  if (overdue >= 0) {
    r.status = SopStatus::Overdue;
    r.overdue_by = overdue;
  } else if (late >= 0) {
    r.status = SopStatus::Violated;
    r.overdue_by = late;
  } else if (due_soon) {
    r.status = SopStatus::DueSoon;
  }
  return r;
}

// A cadence: the next matching event is due one period after the last one, or after the start
// (`from EXPR`, else when the customer came under the SOP) when that is later.
ObligationResult Evaluator::every(const ObligationPlan& p, vm::Context& ctx, std::size_t row,
                                  std::size_t offset, const CustomerState& cs) const {
  const ObligationSymbol& ob = *p.ob;
  const EventsTable& events = data_.events[ob.events];
  const Column& time_col = events.table.columns[ob.time_field];
  const std::uint8_t* marks = ctx.marks(p.mark_slot);
  const std::size_t base = ctx.mark_begin(p.mark_slot);
  const std::int64_t now = clock_.now;

  ObligationResult r;
  for (std::size_t e = events.offsets[row]; e < events.offsets[row + 1]; ++e) {
    if (!marks[e - base] || !time_col.validity.valid(e)) continue;
    const std::int64_t at = time_at(time_col, e);
    if (at >= now) break;
    ++r.events;
    r.last = at;
  }
  std::int64_t start = sop_since(p.sop, cs) * kDay;
  if (p.from >= 0) {
    const vm::Output& o = *extras_[static_cast<std::size_t>(p.from)];
    vm::FrameState& st = ctx.main();
    if (st.iok(o.reg)[offset]) {
      const std::int64_t v = st.i(o.reg)[offset];
      start = o.type.kind == TypeKind::Date ? v * kDay : v;
    }
  }
  const std::int64_t anchor = r.last ? std::max(*r.last, start) : start;
  std::int64_t due = anchor + ob.amount;
  if (ob.amount_is_period) {
    const auto d = timeutil::add_months_to_datetime(anchor, ob.amount);
    due = d ? *d : anchor;
  }
  r.due = due;
  if (now > due) {
    r.status = SopStatus::Overdue;
    r.overdue_by = now - due;
  } else if (ob.warn > 0 && due - now <= ob.warn) {
    r.status = SopStatus::DueSoon;
  }
  return r;
}

void Evaluator::batch(vm::Context& ctx, std::size_t first, std::size_t count,
                      std::vector<CustomerState>& states, BatchSop& out) const {
  out.compliance.assign(rows_.size() * 2, 0);
  const std::size_t n_obligations = plan_.obligations.size();
  std::vector<std::uint8_t> compliant(model_.sops.size());
  std::vector<std::uint8_t> under(model_.sops.size());
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t row = first + i;
    CustomerState& cs = states[i];
    cs.statuses.assign(n_obligations, 0);
    for (std::size_t s = 0; s < model_.sops.size(); ++s) {
      under[s] = applies(s, cs);
      compliant[s] = 1;
    }
    for (std::size_t o = 0; o < n_obligations; ++o) {
      const ObligationPlan& p = plan_.obligations[o];
      if (!under[p.sop]) continue;
      ObligationResult r = p.ob->kind == ast::ObligationKind::Respond ? respond(p, ctx, row, out)
                                                                      : every(p, ctx, row, i, cs);
      r.row = row;
      r.obligation = o;
      cs.statuses[o] = static_cast<std::uint8_t>(r.status);
      if (breach(r.status)) compliant[p.sop] = 0;
      const SopStatus before = previous_status(o, row);
      if (p.otherwise && breach(r.status) && !breach(before)) {
        out.actions.push_back(
            make_action(*p.otherwise, p.sop, ctx, row, i,
                        std::string(sop_status_name(r.status)) + ": " + p.ob->text));
      }
      if (p.warn_action && r.status == SopStatus::DueSoon && before != SopStatus::DueSoon) {
        out.actions.push_back(
            make_action(*p.warn_action, p.sop, ctx, row, i, "due_soon: " + p.ob->text));
      }
      out.obligations.push_back(r);
    }
    for (std::size_t s = 0; s < model_.sops.size(); ++s) {
      if (!under[s]) continue;
      for (std::size_t k = first_row_of_sop_[s]; k < first_row_of_sop_[s + 1]; ++k) {
        const SopCompliance& c = rows_[k];
        if (c.tiering >= 0 && cs.tiers[static_cast<std::size_t>(c.tiering)].tier != c.tier) {
          continue;
        }
        ++out.compliance[2 * k];
        out.compliance[2 * k + 1] += compliant[s];
      }
    }
    triggers(ctx, row, i, cs, out);
  }
}

}  // namespace strata::sop
