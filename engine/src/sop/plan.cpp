#include "sop/plan.hpp"

namespace strata::sop {

namespace {

int add_extra(Plan& plan, const ast::Expr* e) {
  plan.extras.push_back(e);
  return static_cast<int>(plan.extras.size() - 1);
}

ActionPlan plan_action(Plan& plan, const ActionSpec& spec) {
  ActionPlan a;
  a.spec = &spec;
  if (spec.decl->owner) a.owner = add_extra(plan, spec.decl->owner.get());
  for (const ast::MessagePart& part : spec.decl->message.parts) {
    a.parts.push_back(part.expr ? add_extra(plan, part.expr.get()) : -1);
  }
  return a;
}

}  // namespace

std::optional<Plan> make_plan(const Model& model, std::string* error) {
  Plan plan;
  for (const CalendarSymbol& c : model.calendars) {
    auto cal = Calendar::build(c.spec, error);
    if (!cal) return std::nullopt;
    plan.calendars.push_back(std::move(*cal));
  }
  for (std::size_t s = 0; s < model.sops.size(); ++s) {
    const SopSymbol& sop = model.sops[s];
    for (std::size_t k = 0; k < sop.obligations.size(); ++k) {
      const ObligationSymbol& ob = sop.obligations[k];
      ObligationPlan p;
      p.sop = s;
      p.number = k + 1;
      p.ob = &ob;
      p.mark_slot = static_cast<std::uint32_t>(plan.marks.size());
      plan.marks.push_back({ob.events, ob.decl->events.filter.get()});
      if (ob.decl->from) p.from = add_extra(plan, ob.decl->from.get());
      if (ob.warn_action) p.warn_action = plan_action(plan, *ob.warn_action);
      if (ob.otherwise) p.otherwise = plan_action(plan, *ob.otherwise);
      plan.obligations.push_back(std::move(p));
    }
    for (const TriggerSymbol& t : sop.triggers) {
      plan.triggers.push_back({s, &t, plan_action(plan, t.action)});
    }
  }
  return plan;
}

void add_to_request(const Plan& plan, CompileRequest& request) {
  request.extras.insert(request.extras.end(), plan.extras.begin(), plan.extras.end());
  request.marks.insert(request.marks.end(), plan.marks.begin(), plan.marks.end());
}

}  // namespace strata::sop
