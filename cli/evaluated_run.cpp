#include "evaluated_run.hpp"

#include <ctime>
#include <filesystem>

namespace strata::cli {

ColorMode parse_color(const std::string& c);

void add_run_input_options(CLI::App* cmd, RunInputOptions& o) {
  cmd->add_option("FILES", o.files, "rule files, or folders of .strata files")->required();
  cmd->add_option("--color", o.color, "colour: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--data", o.data, "the record file (CSV, or JSON Lines as .jsonl)")->required();
  cmd->add_option("--events", o.events, "an events file: NAME=PATH (e.g. Order=orders.csv)");
  cmd->add_option("--param", o.params, "a parameter value: NAME=VALUE (e.g. as_of=2026-11-01)");
  cmd->add_option("--today", o.today, "the date `today` stands for (YYYY-MM-DD)");
  cmd->add_option("--threads", o.threads, "worker threads (default: one per core)");
  cmd->add_option("--state", o.state,
                  "the previous run's state (tier history, churn); read, never written");
  cmd->add_flag("--state-drop-removed", o.state_drop_removed,
                "read customers of the state in tiers the rules no longer have as having had "
                "no tier");
  cmd->add_flag("--quiet,-q", o.quiet, "no notes on standard error");
}

bool read_previous_state(const RuleSet& rules, const std::string& path, bool drop_removed,
                         const std::string& format, const Terminal& term, bool quiet,
                         std::optional<RunState>& previous) {
  if (path.empty() || !std::filesystem::exists(path)) return true;
  Diagnostics diags;
  StateReadOptions read_options;
  read_options.drop_removed_tiers = drop_removed;
  previous = rules.read_state(path, diags, read_options);
  if (!diags.empty()) print_diagnostics(diags, format, term);
  if (!previous) return false;
  if (!quiet && previous->rules_hash != rules.hash()) {
    std::fprintf(stderr,
                 "note: %s was written by another version of the rules (%s, now %s); tiers are "
                 "matched by id\n",
                 path.c_str(), previous->rules_hash.c_str(), rules.hash().c_str());
  }
  return true;
}

std::string run_date_text(const RunResult& result) {
  return Value{ResultKind::Date, true, result.run_date, {}, {}}.to_string();
}

std::optional<int> evaluate_run(const RunInputOptions& o, const Terminal& term, EvaluatedRun& out) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &local);
  out.started_at = stamp;

  Diagnostics diags;
  out.rules = compile(o.files, diags);
  if (!diags.empty()) print_diagnostics(diags, "human", term);
  if (!out.rules) return compile_exit(diags);

  RuleSet::DataFiles files;
  if (!collect_data_files(*out.rules, o.data, o.events, term, files)) return kUsage;
  if (!collect_params(o.params, term, out.options)) return kUsage;
  out.options.threads = o.threads;
  out.options.today = o.today;
  out.options.kpis = true;
  {
    Progress progress(term, "loading data");
    Diagnostics load_diags;
    out.data = out.rules->load(files, load_diags);
    progress.finish();
    if (!load_diags.empty()) print_diagnostics(load_diags, "human", term);
    if (!out.data) return data_exit(load_diags);
  }
  if (!read_previous_state(*out.rules, o.state, o.state_drop_removed, "human", term, o.quiet,
                           out.previous)) {
    return kFindings;
  }
  if (out.previous) out.options.previous = &*out.previous;
  {
    Progress progress(term, "evaluating");
    out.options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.update(done, total);
    };
    out.result = out.rules->run(*out.data, out.options);
    out.options.progress = nullptr;
    progress.finish();
  }
  if (!out.result.ok) {
    print_diagnostics(out.result.diags, "human", term);
    for (const Diagnostic& d : out.result.diags.all()) {
      if (d.code == DiagCode::BadParam || d.code == DiagCode::UsageError) return kUsage;
    }
    return kFindings;
  }
  return std::nullopt;
}

}  // namespace strata::cli
