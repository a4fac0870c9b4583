// What the SOP evaluator needs from a compiled rule set: each calendar's day table, and where the
// per-customer values of SOPs (owners, message parts, obligation starts) and the per-event filter
// marks are computed in the run's program.
//
// The values are compiled into the run's program as extra outputs and its filters as event marks
// (compile/compiler.hpp), so an SOP's expressions run on the same VM, over the same batches, as
// the tierings they depend on: no second evaluator.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "compile/compiler.hpp"
#include "sop/calendar.hpp"

namespace strata::sop {

struct ActionPlan {
  const ActionSpec* spec = nullptr;
  int owner = -1;          // extra output holding the owner; -1 for release to pool
  std::vector<int> parts;  // per message part: the extra output of its `{expr}`, -1 for text
};

struct ObligationPlan {
  std::size_t sop = 0;
  std::size_t number = 0;  // 1-based within its SOP
  const ObligationSymbol* ob = nullptr;
  std::uint32_t mark_slot = 0;
  int from = -1;  // extra output of `from EXPR`
  std::optional<ActionPlan> warn_action;
  std::optional<ActionPlan> otherwise;
};

struct TriggerPlan {
  std::size_t sop = 0;
  const TriggerSymbol* trigger = nullptr;
  ActionPlan action;
};

struct Plan {
  std::vector<Calendar> calendars;          // per model calendar
  std::vector<ObligationPlan> obligations;  // every SOP's, in declaration order
  std::vector<TriggerPlan> triggers;
  std::vector<const ast::Expr*> extras;
  std::vector<EventMark> marks;
  bool empty() const { return obligations.empty() && triggers.empty(); }
};

// Builds the plan and every calendar's table; nullopt (with a reason) when a zone is missing.
std::optional<Plan> make_plan(const Model& model, std::string* error);
// Adds the plan's extras and marks to a compile request.
void add_to_request(const Plan& plan, CompileRequest& request);

}  // namespace strata::sop
