#include "api/run_plan.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "population/stage.hpp"
#include "vm/scratch.hpp"

namespace strata::api {

namespace {

unsigned thread_count(const RunOptions& options, std::size_t batches) {
  unsigned n = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (n == 0) n = 1;
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(batches, 1)));
}

// Runs `program` over every batch of `data`; `store(ctx, batch, first, count)` keeps each batch's
// outputs. Returns the error of the earliest customer, if any.
template <class Store>
std::optional<vm::EvalError> run_phase(const vm::Program& program, const Dataset& data,
                                       const std::vector<vm::ParamValue>& params,
                                       vm::PhaseInputs inputs, unsigned threads,
                                       const RunOptions& options, const PlanHooks& hooks,
                                       std::atomic<std::size_t>& done, std::size_t total,
                                       Store&& store) {
  const std::size_t n = data.size();
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  std::atomic<std::size_t> next{0};
  std::mutex error_mutex;
  std::optional<vm::EvalError> first_error;
  auto worker = [&]() {
    vm::Context ctx(program, data, params, vm::kBatchSize, inputs);
    if (hooks.attach) hooks.attach(ctx);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= batches) break;
      const std::size_t first = b * vm::kBatchSize;
      const std::size_t count = std::min(vm::kBatchSize, n - first);
      ctx.run(first, count);
      store(ctx, b, first, count);
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

PlanRun run_plan(const vm::Plan& plan, const Dataset& data,
                 const std::vector<vm::ParamValue>& params, const RunOptions& options,
                 population::Snapshot* keep, const PlanHooks& hooks) {
  PlanRun out;
  const std::size_t n = data.size();
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  const unsigned threads = thread_count(options, batches);
  const unsigned stage_threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  vm::Scratch scratch;
  if (!plan.scratch.empty()) scratch.allocate(plan, n, 0);
  out.statistics.resize(plan.statistics.size());

  std::atomic<std::size_t> done{0};
  const std::size_t total = n * plan.phases.size();
  population::Stages stages(plan, data);
  for (std::uint32_t p = 0; p < plan.phases.size(); ++p) {
    // The statistics of stage p, from the arguments the previous phase stored; those argument
    // columns are not read again.
    const auto stage_start = std::chrono::steady_clock::now();
    out.error = stages.compute(p, scratch, out.statistics, keep, stage_threads);
    out.statistics_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start).count();
    if (out.error) return out;
    for (const vm::Statistic& s : plan.statistics) {
      if (s.stage == p && s.input) scratch.release(*s.input);
    }
    const vm::Program& program = plan.phases[p];
    const bool last = p + 1 == plan.phases.size();
    for (const vm::Output& o : program.outputs) {
      if (o.kind == vm::Output::Kind::Carry) scratch.ensure(o.index);
    }
    out.error =
        run_phase(program, data, params, vm::PhaseInputs{&out.statistics, &scratch}, threads,
                  options, hooks, done, total,
                  [&](vm::Context& ctx, std::size_t batch, std::size_t first, std::size_t count) {
                    if (last) {
                      hooks.last(ctx, batch, first, count);
                    } else {
                      scratch.store(program, ctx, first, count);
                    }
                  });
    if (out.error) return out;
  }
  return out;
}

}  // namespace strata::api
