// RuleSet::run: evaluate every customer of a dataset, phase by phase, in batches, on several
// threads.
//
// Each per-customer phase runs over every batch on every thread; between phases, the statistics
// of the next stage are computed over the whole population (population/stage.hpp), also on
// several threads. A rule set without statistics over all customers has one phase.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "api/outputs.hpp"
#include "api/params.hpp"
#include "compile/compiler.hpp"
#include "population/stage.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"
#include "vm/scratch.hpp"

namespace strata {

namespace {

unsigned thread_count(const RunOptions& options, std::size_t batches) {
  unsigned n = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (n == 0) n = 1;
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(batches, 1)));
}

// Runs `program` over every batch of `data`; `store(ctx, first, count)` keeps each batch's
// outputs. Returns the error of the earliest customer, if any.
template <class Store>
std::optional<vm::EvalError> run_phase(const vm::Program& program, const Dataset& data,
                                       const std::vector<vm::ParamValue>& params,
                                       vm::PhaseInputs inputs, unsigned threads,
                                       const RunOptions& options, std::atomic<std::size_t>& done,
                                       std::size_t total, Store&& store) {
  const std::size_t n = data.size();
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  std::atomic<std::size_t> next{0};
  std::mutex error_mutex;
  std::optional<vm::EvalError> first_error;
  auto worker = [&]() {
    vm::Context ctx(program, data, params, vm::kBatchSize, inputs);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= batches) break;
      const std::size_t first = b * vm::kBatchSize;
      const std::size_t count = std::min(vm::kBatchSize, n - first);
      ctx.run(first, count);
      store(ctx, first, count);
      const std::size_t so_far = done.fetch_add(count) + count;
      if (options.progress) options.progress(so_far, total);
    }
    if (ctx.error()) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error || ctx.error()->row < first_error->row) first_error = ctx.error();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return first_error;
}

}  // namespace

std::unique_ptr<vm::Plan> RuleSet::plan_for(const RunOptions& options, Diagnostics& diags) const {
  // The shared plan covers the tierings; requested let columns need a plan of their own.
  if (options.columns.empty()) return nullptr;
  CompileRequest request;
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
  const vm::Plan& plan = custom ? *custom : *plan_;

  const std::size_t n = data.size();
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  const unsigned threads = thread_count(options, batches);
  const unsigned stage_threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  api::OutputColumns outputs(*model_, plan.phases.back(), n);
  vm::Scratch scratch;
  if (!plan.scratch.empty()) scratch.allocate(plan, n, 0);
  std::vector<vm::ParamValue> statistics(plan.statistics.size());
  std::unique_ptr<population::Snapshot> snapshot;
  if (options.keep_population && !plan.statistics.empty()) {
    snapshot = std::make_unique<population::Snapshot>();
    snapshot->set_keys(data);
    snapshot->values.resize(plan.statistics.size());
    snapshot->over.resize(plan.statistics.size());
    snapshot->distributions.resize(plan.scratch.size());
  }

  std::atomic<std::size_t> done{0};
  const std::size_t total = n * plan.phases.size();
  population::Stages stages(plan, data);
  for (std::uint32_t p = 0; p < plan.phases.size(); ++p) {
    // The statistics of stage p, from the arguments the previous phase stored; those argument
    // columns are not read again.
    const auto stage_start = std::chrono::steady_clock::now();
    auto stage_error = stages.compute(p, scratch, statistics, snapshot.get(), stage_threads);
    result.statistics_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start).count();
    if (stage_error) {
      api::report_eval_error(*model_, data, *stage_error, result.diags);
      return result;
    }
    for (const vm::Statistic& s : plan.statistics) {
      if (s.stage == p && s.input) scratch.release(*s.input);
    }
    const vm::Program& program = plan.phases[p];
    const bool last = p + 1 == plan.phases.size();
    for (const vm::Output& out : program.outputs) {
      if (out.kind == vm::Output::Kind::Carry) scratch.ensure(out.index);
    }
    auto error =
        run_phase(program, data, *params, vm::PhaseInputs{&statistics, &scratch}, threads, options,
                  done, total, [&](vm::Context& ctx, std::size_t first, std::size_t count) {
                    if (last) {
                      outputs.store(ctx, first, count);
                    } else {
                      scratch.store(program, ctx, first, count);
                    }
                  });
    if (error) {
      api::report_eval_error(*model_, data, *error, result.diags);
      return result;
    }
  }

  outputs.finish(result);
  if (snapshot) {
    snapshot->values = statistics;
    result.population = keep(std::move(snapshot), plan);
  }
  result.ok = true;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace strata
