// The `strata` command: check, run and inspect rule sets.
//
// Every subcommand goes through the public API (strata/strata.hpp) only. Exit codes: 0 success
// (clean), 1 findings (errors in rules or data, evaluation errors), 2 usage or I/O problems.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"

int main(int argc, char** argv) {
  using namespace strata::cli;
  CLI::App app{
      "strata: customer tiering rules — check, lint, run, test, compare, measure, format and "
      "explain rule sets written in Strata",
      "strata"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("strata ") + kVersion);
  app.footer(
      "Exit codes: 0 success, 1 errors in rules or data, 2 usage or I/O problems.\n"
      "Run `strata COMMAND --help` for the options of a command.");

  CheckOptions check;
  CLI::App* check_cmd = register_check(app, check);
  RunCommandOptions run;
  CLI::App* run_cmd = register_run(app, run);
  DisasmOptions disasm;
  CLI::App* disasm_cmd = register_disasm(app, disasm);
  LintCommandOptions lint;
  CLI::App* lint_cmd = register_lint(app, lint);
  ExplainCodeOptions explain;
  CLI::App* explain_cmd = register_explain_code(app, explain);
  TestCommandOptions test;
  CLI::App* test_cmd = register_test(app, test);
  DiffCommandOptions diff;
  CLI::App* diff_cmd = register_diff(app, diff);
  FmtOptions fmt;
  CLI::App* fmt_cmd = register_fmt(app, fmt);
  ExplainPlanOptions explain_plan;
  CLI::App* explain_plan_cmd = register_explain_plan(app, explain_plan);
  KpiCommandOptions kpi;
  CLI::App* kpi_cmd = register_kpi(app, kpi);
  ReportCommandOptions report;
  CLI::App* report_cmd = register_report(app, report);

  // A repeatable option takes one value per use (`--param a=1 --param b=2`), so it never swallows
  // the rule files written after it (`strata run --param a=1 rules/retail`).
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    for (CLI::Option* option : command->get_options([](CLI::Option* o) {
           return o->nonpositional() && o->get_items_expected_max() > 1;
         })) {
      option->allow_extra_args(false);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    std::fprintf(stderr, "Run `strata --help` or `strata COMMAND --help` for usage.\n");
    return kUsage;
  }
  if (check_cmd->parsed()) return run_check(check);
  if (run_cmd->parsed()) return run_run(run);
  if (disasm_cmd->parsed()) return run_disasm(disasm);
  if (lint_cmd->parsed()) return run_lint(lint);
  if (explain_cmd->parsed()) return run_explain_code(explain);
  if (test_cmd->parsed()) return run_test(test);
  if (diff_cmd->parsed()) return run_diff(diff);
  if (explain_plan_cmd->parsed()) return run_explain_plan(explain_plan);
  if (fmt_cmd->parsed()) return run_fmt(fmt);
  if (kpi_cmd->parsed()) return run_kpi(kpi);
  if (report_cmd->parsed()) return run_report(report);
  return kUsage;
}
