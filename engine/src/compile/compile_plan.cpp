// The plan of a whole rule set: every per-customer phase, and the statistics between them.
//
// Phases are compiled last to first: a later phase that reads an event aggregate registers it as
// carried, so that the first phase — compiled last — knows to compute it and store it.
#include <fmt/format.h>

#include "compile/compiler.hpp"
#include "compile/internal/builder.hpp"

namespace strata {

using compile_internal::bank_of;

namespace {

std::string phase_name(std::uint32_t phase, std::uint32_t count) {
  if (count == 1) return "phase: per-customer event aggregates, lets and tierings";
  if (phase == 0) {
    return fmt::format("phase 1 of {}: per-customer event aggregates and the arguments of stage 1",
                       count);
  }
  if (phase + 1 == count) {
    return fmt::format("phase {} of {}: per-customer lets and tierings", phase + 1, count);
  }
  return fmt::format("phase {} of {}: per-customer values, the arguments of stage {}", phase + 1,
                     count, phase + 1);
}

}  // namespace

vm::Plan compile_plan(const Model& model, const CompileRequest& request) {
  const plan::Phases phases = plan::plan_phases(model);
  auto text = [&](const ast::Expr& e) { return std::string(model.sources->text(e.span)); };
  vm::Plan out;
  // Scratch columns 0..inputs-1 hold the statistics' arguments; positions and carried event
  // aggregates follow.
  for (const plan::Input& in : phases.inputs) {
    const TypeKind kind = model.types[in.expr->id].kind;
    out.scratch.push_back({text(*in.expr), bank_of(kind), kind});
  }
  for (const plan::Stat& st : phases.stats) {
    vm::Statistic s;
    s.kind = st.kind;
    s.input = st.input;
    if (st.input) s.input_kind = out.scratch[*st.input].kind;
    s.fraction = st.fraction.units();
    s.buckets = st.buckets;
    s.stage = st.stage;
    s.type = model.types[st.call->id];
    s.bank = bank_of(s.type.kind);
    s.text = text(*st.call);
    s.key = st.key;
    s.span = st.call->span;
    s.used_by = st.used_by;
    if (vm::stat_is_position(s.kind)) {
      s.column = static_cast<std::uint32_t>(out.scratch.size());
      out.scratch.push_back({s.text, s.bank, s.type.kind});
    }
    out.statistics.push_back(std::move(s));
  }
  for (const auto& [call, stat] : phases.stat_of_call) ++out.statistics[stat].calls;
  std::map<std::string, CarriedAggregate> carried;
  out.phases.resize(phases.count);
  for (std::uint32_t p = phases.count; p-- > 0;) {
    CompileRequest r;
    if (p + 1 == phases.count) {
      r = request;
    } else {
      r.all_tierings = false;
    }
    for (std::uint32_t i = 0; i < phases.inputs.size(); ++i) {
      if (phases.inputs[i].phase == p) r.carries.emplace_back(phases.inputs[i].expr, i);
    }
    PhaseLinks links{&phases, &out, p, &carried};
    out.phases[p] = compile_customer_phase(model, r, &links);
    out.phases[p].name = phase_name(p, phases.count);
  }
  return out;
}

}  // namespace strata
