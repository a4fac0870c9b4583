// `strata kpi`: the KPI table of a run, per group, with targets met or missed.
//
// Inputs are those of `strata run` (the state is read for tier history, never written). The
// table goes to standard output or --out (written atomically) as text, CSV or JSON; --compare
// reads a previous JSON table and adds the deltas. Exit codes: 0 the table was made, 1 errors in
// rules or data (or, with --fail-on-missed-target, a target was missed), 2 usage or I/O problems.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "evaluated_run.hpp"
#include "kpi_output.hpp"

namespace strata::cli {

ColorMode parse_color(const std::string& c);

CLI::App* register_kpi(CLI::App& app, KpiCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "kpi", "Compute the rule set's KPIs per group, with their targets, from a run over data");
  add_run_input_options(cmd, o.inputs);
  cmd->add_option("--format", o.format, "text (default), csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_option("--out", o.out, "write the table here instead of standard output");
  cmd->add_option("--compare", o.compare,
                  "a previous table (from --format json): show each KPI's change since then");
  cmd->add_flag("--fail-on-missed-target", o.fail_on_missed,
                "exit 1 when a KPI misses a target (or has no value where a target applies)");
  cmd->footer(
      "Exit codes: 0 table made, 1 errors in rules or data (or a missed target with\n"
      "--fail-on-missed-target), 2 usage or I/O problem.");
  return cmd;
}

namespace {

std::optional<std::vector<KpiRow>> read_kpi_table(const std::string& path, const Terminal& term) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    print_error("cannot read the previous KPI table `" + path + "`", term, DiagCode::FileError);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  auto rows = parse_kpi_json(text.str(), error);
  if (!rows) print_error("`" + path + "` " + error, term, DiagCode::FileError);
  return rows;
}

}  // namespace

int run_kpi(const KpiCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.inputs.color));
  std::optional<std::vector<KpiRow>> previous;
  if (!o.compare.empty()) {
    previous = read_kpi_table(o.compare, term);
    if (!previous) return kUsage;
  }
  EvaluatedRun run;
  if (auto rc = evaluate_run(o.inputs, term, run)) return *rc;
  if (run.rules->kpis().empty() && !o.inputs.quiet) {
    std::fprintf(stderr,
                 "note: the rule set declares no KPI (write `kpi name = ...`, docs/kpi.md)\n");
  }

  KpiTable table;
  table.rows = kpi_rows(*run.rules, run.result.kpis);
  table.rules_hash = run.rules->hash();
  table.as_of = run_date_text(run.result);
  table.generated_at = run.started_at;
  if (previous) {
    table.deltas = compare_kpis(*previous, table.rows);
    table.compared_with = o.compare;
  }
  const bool color = o.out.empty() && isatty(1) && parse_color(o.inputs.color) != ColorMode::Never;
  const std::string text = o.format == "csv"    ? render_kpi_csv(table)
                           : o.format == "json" ? render_kpi_json(table)
                                                : render_kpi_text(table, color);
  if (!write_report(o.out, text, term)) return kUsage;
  if (o.fail_on_missed) {
    std::size_t missed = 0;
    for (const KpiRow& r : table.rows) {
      missed += r.status == TargetStatus::Missed || r.status == TargetStatus::NoValue;
    }
    if (missed > 0) {
      std::fprintf(stderr, "strata kpi: %zu target%s missed\n", missed, missed == 1 ? "" : "s");
      return kFindings;
    }
  }
  return kOk;
}

}  // namespace strata::cli
