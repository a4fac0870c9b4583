// A run for the commands that report on one (`strata kpi`, `strata report`): the same inputs as
// `strata run` — rule files, data, params, the previous state — evaluated with the KPIs, without
// writing assignments or advancing the state.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"

namespace strata::cli {

void add_run_input_options(CLI::App* cmd, RunInputOptions& o);

struct EvaluatedRun {
  std::shared_ptr<const RuleSet> rules;
  std::optional<Dataset> data;
  std::optional<RunState> previous;
  RunOptions options;
  RunResult result;
  std::string started_at;  // local time, 2026-11-01T09:30:00
};

// Compiles, loads, reads the state and runs with KPIs. Returns the exit code when something
// failed (already printed), nullopt when the run is in `out`.
std::optional<int> evaluate_run(const RunInputOptions& o, const Terminal& term, EvaluatedRun& out);

// The previous run's state at `path` when the file exists (a first run otherwise); false when the
// file cannot be used (printed).
bool read_previous_state(const RuleSet& rules, const std::string& path, bool drop_removed,
                         const std::string& format, const Terminal& term, bool quiet,
                         std::optional<RunState>& previous);

// The run's date as YYYY-MM-DD.
std::string run_date_text(const RunResult& result);

}  // namespace strata::cli
