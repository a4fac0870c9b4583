// SOP actions: messages with `{expr}` values, and the `on enter` / `on exit` triggers.
//
// A message value renders as people read it: a tier as its label (its id when it has none), an
// enum as its member, dates and numbers in their plain text form, a missing value as `none`.
#include "api/outputs.hpp"
#include "sop/evaluate.hpp"

namespace strata::sop {

std::string Evaluator::render_value(vm::Context& ctx, int extra, std::size_t offset) const {
  const vm::Output& out = *extras_[static_cast<std::size_t>(extra)];
  const Value v = api::register_value(model_, out, ctx, offset);
  if (!v.present) return "none";
  if (v.kind == ResultKind::Tier && out.type.ref < model_.tierings.size()) {
    const auto& tiers = model_.tierings[out.type.ref].tiers;
    if (v.i >= 0 && static_cast<std::size_t>(v.i) < tiers.size()) {
      const TierSymbol& t = tiers[static_cast<std::size_t>(v.i)];
      return t.label.empty() ? t.name : t.label;
    }
  }
  return v.to_string();
}

SopAction Evaluator::make_action(const ActionPlan& a, std::size_t sop, vm::Context& ctx,
                                 std::size_t row, std::size_t offset, std::string reason) const {
  SopAction act;
  act.row = row;
  act.sop = sop;
  act.reason = std::move(reason);
  switch (a.spec->kind) {
    case ast::ActionKind::Task:
      act.type = ActionType::Task;
      break;
    case ast::ActionKind::Notify:
      act.type = ActionType::Notify;
      break;
    case ast::ActionKind::ReleaseToPool:
      act.type = ActionType::ReleaseToPool;
      return act;
  }
  if (a.owner >= 0) {
    const std::string owner = render_value(ctx, a.owner, offset);
    act.owner = owner == "none" ? std::string() : owner;
  }
  const auto& parts = a.spec->decl->message.parts;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    act.message += a.parts[k] >= 0 ? render_value(ctx, a.parts[k], offset) : parts[k].text;
  }
  if (a.spec->due) act.due = clock_.now + *a.spec->due;
  return act;
}

// `on enter t`: the customer comes into one of the SOP's tiers of `t` (any tier of `t` when the
// SOP names none of them); `on exit t`: it leaves them. Only a run with a previous state knows.
void Evaluator::triggers(vm::Context& ctx, std::size_t row, std::size_t offset,
                         const CustomerState& cs, BatchSop& out) const {
  if (prev_.state == nullptr) return;
  const std::int32_t c = prev_.state_of_row[row];
  for (const TriggerPlan& tp : plan_.triggers) {
    const std::uint32_t t = tp.trigger->tiering;
    if (!prev_.history.tierings[t].known) continue;
    const SopSymbol& sop = model_.sops[tp.sop];
    bool scoped = false;
    for (const SopTarget& target : sop.targets) scoped = scoped || target.tiering == t;
    auto inside = [&](int tier) {
      if (tier < 0) return false;
      if (!scoped) return true;
      for (const SopTarget& target : sop.targets) {
        if (target.tiering == t && in_target(model_, target, tier)) return true;
      }
      return false;
    };
    const int from =
        c >= 0 ? prev_.state->customers[static_cast<std::size_t>(c)].tiers[t].tier : -1;
    const int to = cs.tiers[t].tier;
    const bool was = inside(from), is = inside(to);
    if (tp.trigger->enter ? (!was && is) : (was && !is)) {
      out.actions.push_back(make_action(
          tp.action, tp.sop, ctx, row, offset,
          std::string(tp.trigger->enter ? "enter " : "exit ") + model_.tierings[t].name));
    }
  }
}

}  // namespace strata::sop
