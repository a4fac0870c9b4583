#include "state/history.hpp"

#include "state/hold.hpp"

namespace strata::state {

PreviousRun join_previous(const Model& model, const Dataset& data, const RunState* previous,
                          std::int64_t run_date) {
  PreviousRun p;
  p.state = previous;
  p.history.run_date = run_date;
  p.history.previous_run = previous != nullptr;
  const std::size_t rows = data.size();
  p.state_of_row.assign(rows, -1);
  p.history.tierings.resize(model.tierings.size());
  if (previous == nullptr) return p;
  p.matched.assign(previous->customers.size(), 0);
  for (std::size_t c = 0; c < previous->customers.size(); ++c) {
    if (auto row = data.find_key(previous->customers[c].key)) {
      p.state_of_row[*row] = static_cast<std::int32_t>(c);
      p.matched[c] = 1;
    }
  }
  for (std::size_t t = 0; t < model.tierings.size(); ++t) {
    vm::History::Tiering& h = p.history.tierings[t];
    h.known = t < previous->tiering_known.size() && previous->tiering_known[t];
    if (!h.known) continue;
    h.seen.assign(rows, 0);
    h.tier.assign(rows, -1);
    h.since.assign(rows, run_date);
    h.streak.assign(rows, 0);
    for (std::size_t r = 0; r < rows; ++r) {
      const std::int32_t c = p.state_of_row[r];
      if (c < 0) continue;
      const TierState& ts = previous->customers[static_cast<std::size_t>(c)].tiers[t];
      h.seen[r] = 1;
      h.tier[r] = ts.tier;
      h.since[r] = ts.since;
      h.streak[r] = ts.streak;
    }
  }
  return p;
}

TierRegisters::TierRegisters(const vm::Program& program, std::size_t tierings)
    : held(tierings, vm::kNoReg), raw(tierings, vm::kNoReg) {
  for (const vm::Output& o : program.outputs) {
    if (o.kind == vm::Output::Kind::Tiering) held[o.index] = o.reg;
    if (o.kind == vm::Output::Kind::RawTier) raw[o.index] = o.reg;
  }
  for (std::size_t t = 0; t < tierings; ++t) {
    if (raw[t] == vm::kNoReg) raw[t] = held[t];
  }
}

ChangeKind change_kind(int from, int to) {
  if (from < 0) return ChangeKind::Enter;
  if (to < 0) return ChangeKind::Exit;
  return to < from ? ChangeKind::Upgrade : ChangeKind::Downgrade;
}

void next_states(const Model& model, const TierRegisters& regs, vm::Context& ctx,
                 const Dataset& data, const PreviousRun& prev, std::int64_t run_date,
                 std::size_t first, std::size_t count, BatchState& out) {
  vm::FrameState& st = ctx.main();
  const std::size_t tierings = model.tierings.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t row = first + i;
    const std::int32_t c = prev.state_of_row[row];
    const CustomerState* before =
        c >= 0 ? &prev.state->customers[static_cast<std::size_t>(c)] : nullptr;
    CustomerState cs;
    cs.key = data.key_text(row);
    cs.seen = before ? before->seen : run_date;
    cs.tiers.resize(tierings);
    for (std::size_t t = 0; t < tierings; ++t) {
      auto tier_at = [&](std::uint16_t reg) {
        return st.iok(reg)[i] ? static_cast<int>(st.i(reg)[i]) : -1;
      };
      const int held = tier_at(regs.held[t]);
      const int raw = tier_at(regs.raw[t]);
      const vm::History::Tiering& h = prev.history.tierings[t];
      const bool known = prev.state != nullptr && h.known;
      const TierState* was = known && before ? &before->tiers[t] : nullptr;
      TierState& ts = cs.tiers[t];
      ts.tier = held;
      const HoldRule rule = model.tierings[t].hold;
      if (rule.any() && was != nullptr) {
        const HoldOutcome o =
            hold_step(true, was->tier, was->streak, raw, rule.demote, rule.promote);
        ts.streak = o.streak;
        ts.pending = o.streak != 0 ? raw : -1;
      }
      ts.since = was != nullptr && was->tier == held ? was->since : run_date;
      if (!known) continue;
      const int from = was != nullptr ? was->tier : -1;
      if (from != held) out.changes.push_back({cs.key, t, change_kind(from, held), from, held});
    }
    out.customers.push_back(std::move(cs));
  }
}

void departures(const Model& model, const PreviousRun& prev, std::vector<TierChange>& out) {
  if (prev.state == nullptr) return;
  for (std::size_t c = 0; c < prev.state->customers.size(); ++c) {
    if (prev.matched[c]) continue;
    const CustomerState& cs = prev.state->customers[c];
    for (std::size_t t = 0; t < model.tierings.size(); ++t) {
      if (!prev.history.tierings[t].known || cs.tiers[t].tier < 0) continue;
      out.push_back({cs.key, t, ChangeKind::Exit, cs.tiers[t].tier, -1});
    }
  }
}

}  // namespace strata::state
