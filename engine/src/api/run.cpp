// RuleSet::run: evaluate every customer of a dataset, in batches, on several threads.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "api/operations.hpp"
#include "api/outputs.hpp"
#include "api/params.hpp"
#include "compile/compiler.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata {

namespace {

unsigned thread_count(const RunOptions& options, std::size_t batches) {
  unsigned n = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (n == 0) n = 1;
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(batches, 1)));
}

}  // namespace

RunResult RuleSet::run(const Dataset& data, const RunOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  result.diags.set_sources(model_->sources);
  auto params = api::resolve_params(*model_, options, result.diags);
  if (!params) return result;

  // The shared program covers the tierings; requested let columns need a program of their own.
  std::unique_ptr<vm::Program> custom;
  const vm::Program* program = program_.get();
  if (!options.columns.empty()) {
    CompileRequest request;
    sop::add_to_request(*sop_plan_, request);
    for (const std::string& name : options.columns) {
      if (auto id = model_->find_let(name)) {
        request.lets.push_back(*id);
        continue;
      }
      auto b = result.diags.error(DiagCode::UsageError, Span{},
                                  "`" + name + "` is not a let of the rule set");
      if (auto near = closest_name(name, let_names())) b.help("did you mean `" + *near + "`?");
    }
    if (result.diags.has_errors()) return result;
    custom = std::make_unique<vm::Program>(compile_customer_phase(*model_, request));
    program = custom.get();
  }

  const std::size_t n = data.size();
  api::OutputColumns outputs(*model_, *program, n);
  const std::size_t batches = (n + vm::kBatchSize - 1) / vm::kBatchSize;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex error_mutex;
  std::optional<vm::EvalError> first_error;
  api::Operations operations(*model_, *program, *sop_plan_, data, options, *params, batches);

  auto worker = [&]() {
    vm::Context ctx(*program, data, *params);
    operations.attach(ctx);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= batches) break;
      const std::size_t first = b * vm::kBatchSize;
      const std::size_t count = std::min(vm::kBatchSize, n - first);
      ctx.run(first, count);
      outputs.store(ctx, first, count);
      if (!ctx.error()) operations.batch(ctx, b, first, count);
      const std::size_t total = done.fetch_add(count) + count;
      if (options.progress) options.progress(total, n);
    }
    if (ctx.error()) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error || ctx.error()->row < first_error->row) first_error = ctx.error();
    }
  };
  const unsigned threads = thread_count(options, batches);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  if (auto sop_error = operations.error()) {
    if (!first_error || sop_error->row < first_error->row) first_error = sop_error;
  }
  if (first_error) {
    api::report_eval_error(*model_, data, *first_error, result.diags);
    return result;
  }
  outputs.finish(result);
  operations.finish(result, hash());
  result.ok = true;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace strata
