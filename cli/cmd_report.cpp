// `strata report`: one self-contained HTML page about a run (report_html.hpp), written atomically.
//
// Inputs are those of `strata kpi`; the previous state (--state) gives the migration matrix.
// Exit codes: 0 the report was written, 1 errors in rules or data, 2 usage or I/O problems.
#include <algorithm>
#include <cstdio>

#include "commands.hpp"
#include "evaluated_run.hpp"
#include "kpi_output.hpp"
#include "report_html.hpp"

namespace strata::cli {

ColorMode parse_color(const std::string& c);

CLI::App* register_report(CLI::App& app, ReportCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "report", "Write one HTML page about a run: tiers, migration, KPIs and SOP compliance");
  add_run_input_options(cmd, o.inputs);
  cmd->add_option("--out", o.out, "the HTML file to write")->required();
  cmd->add_option("--title", o.title, "the page's title");
  cmd->add_option("--revenue", o.revenue,
                  "the let summed as revenue per tier (default: `monetary`, when there is one)");
  cmd->footer("Exit codes: 0 report written, 1 errors in rules or data, 2 usage or I/O problem.");
  return cmd;
}

int run_report(const ReportCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.inputs.color));
  EvaluatedRun run;
  // The revenue let is computed with the run; it is checked against the rule set first, so a
  // wrong name is a usage error before any data is read.
  {
    Diagnostics diags;
    auto rules = compile(o.inputs.files, diags);
    if (rules) {
      const std::vector<std::string> lets = rules->let_names();
      const std::string wanted = o.revenue.empty() ? "monetary" : o.revenue;
      const bool known = std::find(lets.begin(), lets.end(), wanted) != lets.end();
      if (!known && !o.revenue.empty()) {
        std::string message = "--revenue " + o.revenue + ": not a let of the rule set";
        if (auto near = closest_name(o.revenue, lets))
          message += " (did you mean `" + *near + "`?)";
        print_error(message, term);
        return kUsage;
      }
      if (known) run.options.columns = {wanted};
    }
  }
  if (auto rc = evaluate_run(o.inputs, term, run)) return *rc;

  KpiTable kpis;
  kpis.rows = kpi_rows(*run.rules, run.result.kpis);
  ReportPage page;
  std::string rules_text;
  for (const std::string& f : o.inputs.files) rules_text += (rules_text.empty() ? "" : ", ") + f;
  page.title = o.title.empty() ? "strata report: " + rules_text : o.title;
  page.rules = rules_text;
  page.data = o.inputs.data;
  page.state = run.previous ? o.inputs.state : std::string();
  if (!run.result.lets.empty()) {
    page.revenue = run.options.columns.front();
    page.revenue_column = &run.result.lets.front();
  }
  const std::string html = render_report(run, kpis, page);
  std::string error;
  if (!write_text_atomically(o.out, html, error)) {
    print_error(error, term, DiagCode::FileError);
    return kUsage;
  }
  if (!o.inputs.quiet) std::fprintf(stderr, "strata report: wrote %s\n", o.out.c_str());
  return kOk;
}

}  // namespace strata::cli
