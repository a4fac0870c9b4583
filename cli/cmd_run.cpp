// `strata run`: load data, evaluate every customer, write assignments and a summary.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "evaluated_run.hpp"
#include "run_operations.hpp"
#include "run_output.hpp"

namespace strata::cli {

void add_common_options(CLI::App* cmd, CommonOptions& o);
ColorMode parse_color(const std::string& c);

CLI::App* register_run(CLI::App& app, RunCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "run", "Assign every customer a tier of each tiering, and summarise the result");
  add_common_options(cmd, o.common);
  cmd->add_option("--data", o.data, "the record file (CSV, or JSON Lines as .jsonl)")->required();
  cmd->add_option("--events", o.events, "an events file: NAME=PATH (e.g. Order=orders.csv)");
  cmd->add_option("--param", o.params, "a parameter value: NAME=VALUE (e.g. as_of=2026-11-01)");
  cmd->add_option("--out", o.out,
                  "write assignments here (.csv or .jsonl); when omitted they go to standard "
                  "output, unless --explain is given");
  cmd->add_option("--columns", o.columns, "also output these lets (comma-separated)")
      ->delimiter(',');
  cmd->add_flag("--labels", o.labels, "add each tier's label next to its id");
  cmd->add_option("--explain", o.explain, "explain the tiers of the customer with this key");
  cmd->add_option("--on-bad-row", o.on_bad_row,
                  "fail (default): stop at the first bad row; skip: quarantine bad rows")
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_option("--quarantine", o.quarantine,
                  "with --on-bad-row skip: where bad rows are written (JSON Lines)");
  cmd->add_option("--threads", o.threads, "worker threads (default: one per core)");
  cmd->add_option("--today", o.today, "the date `today` stands for (YYYY-MM-DD)");
  cmd->add_flag("--quiet,-q", o.quiet, "no summary on standard error");
  cmd->add_option("--state", o.state,
                  "the previous run's state (a first run when the file does not exist); the new "
                  "state replaces it atomically");
  cmd->add_flag("--state-drop-removed", o.state_drop_removed,
                "read customers of the state in tiers the rules no longer have as having had "
                "no tier (instead of stopping with E0406)");
  cmd->add_option("--changes", o.changes_out,
                  "write tier changes since the previous run here (JSON Lines; - for stdout)");
  cmd->add_option("--sop-status", o.sop_out,
                  "write each customer's status under each SOP obligation here (JSON Lines)");
  cmd->add_option("--actions", o.actions_out,
                  "write the SOP actions (tasks, notifications, pool releases) here (JSON Lines)");
  cmd->footer(
      "Exit codes: 0 success, 1 errors in rules or data (or an evaluation error), 2 usage or "
      "I/O problem.");
  return cmd;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int run_run(const RunCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.common.color));
  const auto t0 = std::chrono::steady_clock::now();

  Diagnostics diags;
  auto rules = compile(o.common.files, diags);
  if (!rules) {
    print_diagnostics(diags, o.common.format, term);
    return kFindings;
  }
  if (!diags.empty()) print_diagnostics(diags, o.common.format, term);

  RuleSet::DataFiles files;
  if (!collect_data_files(*rules, o.data, o.events, term, files)) return kUsage;
  RunOptions run;
  if (!collect_params(o.params, term, run)) return kUsage;
  files.options.on_bad_row = o.on_bad_row == "skip" ? BadRowPolicy::Skip : BadRowPolicy::Fail;
  files.options.quarantine_path = o.quarantine;
  run.columns = o.columns;
  run.threads = o.threads;
  run.today = o.today;
  // An explanation shows the statistics over all customers of this very run.
  run.keep_population = !o.explain.empty();
  // The new state is built only when it is written (below).
  run.keep_state = !o.state.empty() && o.explain.empty();

  const auto t_load = std::chrono::steady_clock::now();
  std::optional<Dataset> data;
  {
    Progress progress(term, "loading data");
    Diagnostics load_diags;
    data = rules->load(files, load_diags);
    progress.finish();
    if (!load_diags.empty()) print_diagnostics(load_diags, o.common.format, term);
    if (!data) return data_exit(load_diags);
  }
  const double load_seconds = seconds_since(t_load);

  // The previous state: a missing file is a first run; a file that cannot be used stops the run
  // before anything is written, so the state is never replaced by one built without history.
  std::optional<RunState> previous;
  if (!read_previous_state(*rules, o.state, o.state_drop_removed, o.common.format, term, o.quiet,
                           previous)) {
    return kFindings;
  }
  if (previous) run.previous = &*previous;

  RunResult result;
  {
    Progress progress(term, "evaluating");
    run.progress = [&progress](std::size_t done, std::size_t total) {
      progress.update(done, total);
    };
    result = rules->run(*data, run);
    progress.finish();
  }
  if (!result.ok) {
    print_diagnostics(result.diags, o.common.format, term);
    bool usage = false;
    for (const Diagnostic& d : result.diags.all()) {
      usage = usage || d.code == DiagCode::BadParam || d.code == DiagCode::UsageError;
    }
    return usage ? kUsage : kFindings;
  }

  const auto t_write = std::chrono::steady_clock::now();
  if (!o.explain.empty()) {
    Diagnostics explain_diags;
    auto explanation =
        rules->explain(*data, o.explain, run, explain_diags, result.population.get());
    if (!explanation) {
      print_diagnostics(explain_diags, o.common.format, term);
      return kFindings;
    }
    const std::string text = render_explanation(*rules, *explanation, term.color && isatty(1)) +
                             render_operations_explanation(*rules, *explanation);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!o.out.empty() || o.explain.empty()) {
    std::string error;
    if (!write_assignments(*rules, *data, result, o.out, o.labels, error)) {
      print_error(error, term, DiagCode::FileError);
      return kUsage;
    }
  }
  const std::pair<const std::string*, bool (*)(const RuleSet&, const Dataset&, const RunResult&,
                                               const std::string&, std::string&)>
      jsonl_outputs[] = {{&o.sop_out, write_obligations}, {&o.actions_out, write_actions}};
  for (const auto& [path, write] : jsonl_outputs) {
    std::string error;
    if (!path->empty() && !write(*rules, *data, result, *path, error)) {
      print_error(error, term, DiagCode::FileError);
      return kUsage;
    }
  }
  if (!o.changes_out.empty()) {
    std::string error;
    if (!write_changes(*rules, result, o.changes_out, error)) {
      print_error(error, term, DiagCode::FileError);
      return kUsage;
    }
  }
  // The state goes last: it is written only when every other output was. An explanation looks
  // at one customer as the next run would see it, and does not advance the history.
  if (!o.state.empty() && o.explain.empty()) {
    std::string error;
    if (!write_state_file(*rules, result.state, o.state, error)) {
      print_error(error, term, DiagCode::FileError);
      return kUsage;
    }
  }
  const double write_seconds = seconds_since(t_write);

  if (!o.quiet) {
    const std::string summary = render_summary(*rules, *data, result, load_seconds, result.seconds,
                                               write_seconds, seconds_since(t0), o.out) +
                                render_operations_summary(*rules, result);
    std::fwrite(summary.data(), 1, summary.size(), stderr);
  }
  return kOk;
}

}  // namespace strata::cli
