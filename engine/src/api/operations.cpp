#include "api/operations.hpp"

namespace strata {

std::string_view change_kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Enter:
      return "enter";
    case ChangeKind::Exit:
      return "exit";
    case ChangeKind::Upgrade:
      return "upgrade";
    case ChangeKind::Downgrade:
      return "downgrade";
  }
  return "";
}

std::string_view sop_status_name(SopStatus status) {
  switch (status) {
    case SopStatus::Ok:
      return "ok";
    case SopStatus::DueSoon:
      return "due_soon";
    case SopStatus::Overdue:
      return "overdue";
    case SopStatus::Violated:
      return "violated";
  }
  return "";
}

std::string_view action_type_name(ActionType type) {
  switch (type) {
    case ActionType::Task:
      return "task";
    case ActionType::Notify:
      return "notify";
    case ActionType::ReleaseToPool:
      return "release_to_pool";
  }
  return "";
}

namespace api {

Operations::Operations(const Model& model, const vm::Program& program, const sop::Plan& plan,
                       const Dataset& data, const RunOptions& options,
                       const std::vector<vm::ParamValue>& params, std::size_t batches)
    : model_(model),
      plan_(plan),
      prev_(state::join_previous(model, data, options.previous,
                                 sop::run_clock(model, params).run_date)),
      regs_(program, model.tierings.size()),
      clock_(sop::run_clock(model, params)),
      eval_(model, plan, program, data, prev_, clock_),
      slots_(batches),
      data_(data),
      build_states_(options.keep_state || options.previous != nullptr || !model.sops.empty()) {}

void Operations::attach(vm::Context& ctx) const {
  state::attach(ctx, prev_);
}

void Operations::batch(vm::Context& ctx, std::size_t index, std::size_t first, std::size_t count) {
  if (!build_states_) return;
  Slot& slot = slots_[index];
  state::next_states(model_, regs_, ctx, data_, prev_, clock_.run_date, first, count, slot.state);
  eval_.batch(ctx, first, count, slot.state.customers, slot.sop);
}

std::optional<vm::EvalError> Operations::error() const {
  std::optional<vm::EvalError> first;
  for (const Slot& s : slots_) {
    if (s.sop.error && (!first || s.sop.error->row < first->row)) first = s.sop.error;
  }
  return first;
}

void Operations::finish(RunResult& result, std::string rules_hash) {
  result.run_date = clock_.run_date;
  result.now = clock_.now;
  result.first_run = prev_.state == nullptr;
  RunState& st = result.state;
  st.rules_hash = std::move(rules_hash);
  st.as_of = clock_.run_date;
  st.tiering_known.assign(model_.tierings.size(), 1);
  st.obligation_known.assign(plan_.obligations.size(), 1);
  st.customers.reserve(data_.size());
  result.compliance = eval_.compliance_rows();
  for (Slot& s : slots_) {
    for (CustomerState& c : s.state.customers) st.customers.push_back(std::move(c));
    result.changes.insert(result.changes.end(), std::make_move_iterator(s.state.changes.begin()),
                          std::make_move_iterator(s.state.changes.end()));
    result.obligations.insert(result.obligations.end(), s.sop.obligations.begin(),
                              s.sop.obligations.end());
    result.actions.insert(result.actions.end(), std::make_move_iterator(s.sop.actions.begin()),
                          std::make_move_iterator(s.sop.actions.end()));
    for (std::size_t k = 0; k < result.compliance.size() && 2 * k + 1 < s.sop.compliance.size();
         ++k) {
      result.compliance[k].customers += s.sop.compliance[2 * k];
      result.compliance[k].compliant += s.sop.compliance[2 * k + 1];
    }
    s = Slot{};
  }
  state::departures(model_, prev_, result.changes);
}

}  // namespace api
}  // namespace strata
