// RuleSet::run: evaluate every customer of a dataset through every phase of the plan
// (api/run_plan.hpp), then the tier changes and SOPs of the last phase's outputs.
#include <chrono>

#include "api/operations.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "api/run_plan.hpp"
#include "compile/compiler.hpp"
#include "kpi/columns.hpp"
#include "kpi/evaluate.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata {

std::unique_ptr<vm::Plan> RuleSet::plan_for(const RunOptions& options, Diagnostics& diags) const {
  // The shared plans cover the tierings (and the KPIs); requested let columns need a plan of
  // their own.
  if (options.columns.empty()) return nullptr;
  CompileRequest request;
  sop::add_to_request(*sop_plan_, request);
  if (options.kpis) kpi::add_to_request(*kpi_plan_, request);
  for (const std::string& name : options.columns) {
    if (auto id = model_->find_let(name)) {
      request.lets.push_back(*id);
      continue;
    }
    auto b =
        diags.error(DiagCode::UsageError, Span{}, "`" + name + "` is not a let of the rule set");
    if (auto near = closest_name(name, let_names())) b.help("did you mean `" + *near + "`?");
  }
  if (diags.has_errors()) return nullptr;
  return std::make_unique<vm::Plan>(compile_plan(*model_, request));
}

RunResult RuleSet::run(const Dataset& data, const RunOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  result.diags.set_sources(model_->sources);
  auto params = api::resolve_params(*model_, options, result.diags);
  if (!params) return result;
  std::unique_ptr<vm::Plan> custom = plan_for(options, result.diags);
  if (result.diags.has_errors()) return result;
  const bool kpis = options.kpis && kpi_run_plan_ != nullptr;
  const vm::Plan& plan = custom ? *custom : kpis ? *kpi_run_plan_ : *plan_;

  const std::size_t n = data.size();
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  api::OutputColumns outputs(*model_, plan.phases.back(), n);
  std::unique_ptr<population::Snapshot> snapshot;
  if (options.keep_population && !plan.statistics.empty()) {
    snapshot = std::make_unique<population::Snapshot>();
    snapshot->set_keys(data);
    snapshot->values.resize(plan.statistics.size());
    snapshot->over.resize(plan.statistics.size());
    snapshot->distributions.resize(plan.scratch.size());
  }
  // Every phase's contexts see the previous state and the run date (hold rules, `t.since`); the
  // last phase's outputs feed the tier changes and the SOPs, batch by batch.
  api::Operations operations(*model_, plan.phases.back(), *sop_plan_, data, options, *params,
                             batches);
  std::optional<kpi::Columns> kpi_inputs;
  if (kpis) kpi_inputs.emplace(*kpi_plan_, plan.phases.back(), kpi_first_extra_, n);
  api::PlanHooks hooks;
  hooks.attach = [&](vm::Context& ctx) { operations.attach(ctx); };
  hooks.last = [&](vm::Context& ctx, std::size_t batch, std::size_t first, std::size_t count) {
    outputs.store(ctx, first, count);
    if (kpi_inputs) kpi_inputs->store(ctx, first, count);
    if (!ctx.error()) operations.batch(ctx, batch, first, count);
  };
  api::PlanRun evaluated = api::run_plan(plan, data, *params, options, snapshot.get(), hooks);
  result.statistics_seconds = evaluated.statistics_seconds;
  result.phase_seconds = evaluated.phase_seconds;
  std::optional<vm::EvalError> error = evaluated.error;
  if (auto sop_error = operations.error(); sop_error && (!error || sop_error->row < error->row)) {
    error = sop_error;
  }
  if (error) {
    api::report_eval_error(*model_, data, *error, result.diags);
    return result;
  }

  outputs.finish(result);
  operations.finish(result, hash());
  if (kpi_inputs) {
    const auto kpi_start = std::chrono::steady_clock::now();
    const kpi::RunInputs inputs{&result.tierings, &result.obligations, &obligations_, &*params};
    if (!kpi::compute(*model_, *kpi_plan_, kpis_, *kpi_inputs, inputs, result.kpis, result.diags)) {
      return result;
    }
    result.kpi_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - kpi_start).count();
  }
  if (snapshot) {
    snapshot->values = std::move(evaluated.statistics);
    result.population = keep(std::move(snapshot), plan);
  }
  result.ok = true;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace strata
