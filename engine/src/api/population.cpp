// Population snapshots and plan descriptions of the public API.
#include <fmt/format.h>

#include <set>

#include "api/outputs.hpp"
#include "check/model.hpp"
#include "population/snapshot.hpp"
#include "strata/strata.hpp"
#include "vm/program.hpp"

namespace strata {

Population::Population() = default;
Population::~Population() = default;

const population::Snapshot* api::snapshot_of(const Population& population) {
  return population.snapshot_.get();
}

std::size_t Population::customers() const {
  return snapshot_ ? snapshot_->customers : 0;
}

std::shared_ptr<const Population> RuleSet::keep(std::unique_ptr<population::Snapshot> snapshot,
                                                const vm::Plan& plan) const {
  auto out = std::shared_ptr<Population>(new Population());
  for (const vm::Statistic& s : plan.statistics) snapshot->statistic_keys.push_back(s.key);
  for (std::size_t k = 0; k < plan.statistics.size(); ++k) {
    // Positions belong to customers: the population holds none of its own.
    const vm::Statistic& s = plan.statistics[k];
    const vm::ParamValue value = s.column ? vm::ParamValue{} : snapshot->values[k];
    out->statistics_.push_back(api::population_value(s, value, snapshot->over[k]));
  }
  out->snapshot_ = std::move(snapshot);
  out->rules_hash_ = hash();
  return out;
}

bool RuleSet::check_population(const Population* population, Diagnostics& diags) const {
  if (plan_->statistics.empty()) return true;
  std::string names;
  for (std::size_t k = 0; k < plan_->statistics.size() && k < 3; ++k) {
    names += (k ? ", `" : "`") + plan_->statistics[k].text + "`";
  }
  if (plan_->statistics.size() > 3) names += ", ...";
  if (population == nullptr || !population->snapshot_) {
    diags
        .error(DiagCode::PopulationRequired, plan_->statistics.front().span,
               "this rule set uses statistics over all customers (" + names +
                   "), so a single customer needs a population to be evaluated against",
               "a statistic over all customers")
        .help(
            "run the rule set over the customers with `RunOptions::keep_population = true` and "
            "pass `RunResult::population` when creating the record");
    return false;
  }
  std::vector<std::string> keys;
  for (const vm::Statistic& s : plan_->statistics) keys.push_back(s.key);
  if (population->rules_hash_ != hash() || population->snapshot_->statistic_keys != keys) {
    diags
        .error(DiagCode::PopulationRequired, plan_->statistics.front().span,
               "the population was computed by another rule set",
               "this rule set's statistics differ")
        .help("keep the population of a run of this rule set, and use it with this rule set only");
    return false;
  }
  return true;
}

PlanInfo RuleSet::plan() const {
  PlanInfo info;
  for (const vm::Program& p : plan_->phases) {
    PlanInfo::Phase phase;
    phase.name = p.name;
    phase.computes = p.computes;
    for (const vm::EventFrame& ef : p.event_frames) phase.event_passes.push_back(ef.description);
    for (const vm::Output& o : p.outputs) {
      if (o.kind == vm::Output::Kind::Carry) phase.carries.push_back(o.name);
    }
    info.phases.push_back(std::move(phase));
  }
  std::set<std::uint32_t> sorted;
  for (const vm::Statistic& s : plan_->statistics) {
    PlanInfo::Statistic st;
    st.text = s.text;
    st.description = vm::stat_description(s.kind);
    if (s.kind == vm::StatKind::Count && s.input) {
      st.description +=
          s.input_kind == TypeKind::Bool ? " for whom it is true" : " whose value is present";
    }
    st.stage = s.stage;
    st.position = s.column.has_value();
    st.argument = s.input ? plan_->scratch[*s.input].what : std::string();
    st.used_by = s.used_by;
    st.span = s.span;
    st.calls = s.calls;
    if (s.input && (s.column || s.kind == vm::StatKind::Percentile)) sorted.insert(*s.input);
    info.statistics.push_back(std::move(st));
  }
  info.sorts = sorted.size();
  return info;
}

}  // namespace strata
