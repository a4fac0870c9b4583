// The subcommands of `strata`: their options, registration with CLI11, and entry points.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace strata::cli {

struct CommonOptions {
  std::vector<std::string> files;
  std::string color = "auto";
  std::string format = "human";
};

struct CheckOptions {
  CommonOptions common;
  std::string dump;  // tokens | ast | bytecode
};

struct RunCommandOptions {
  CommonOptions common;
  std::string data;
  std::vector<std::string> events;  // Name=path
  std::vector<std::string> params;  // name=value
  std::string out;
  std::vector<std::string> columns;
  std::string explain;
  bool labels = false;
  std::string on_bad_row = "fail";
  std::string quarantine = "quarantine.jsonl";
  unsigned threads = 0;
  std::string today;
  bool quiet = false;
  std::string state;  // previous state in (when the file exists), new state out
  bool state_drop_removed = false;
  std::string changes_out;  // tier-change events (JSON Lines)
  std::string sop_out;      // SOP status per customer and obligation (JSON Lines)
  std::string actions_out;  // tasks, notifications, pool releases (JSON Lines)
};

struct DisasmOptions {
  CommonOptions common;
};

struct LintCommandOptions {
  CommonOptions common;
  std::string deny;                 // "warnings": warnings fail the lint too
  std::vector<std::string> levels;  // RULE=LEVEL overrides
  std::string config;               // strata.yaml; default: beside the rule files
  std::string data;
  std::vector<std::string> events;  // Name=path
  std::vector<std::string> params;  // name=value
  std::string today;
  std::string max_tier_share, max_missing_share;
  bool list_rules = false;
};

struct ExplainCodeOptions {
  std::string code;
};

struct TestCommandOptions {
  std::vector<std::string> paths;  // test files or folders; none: the current folder
  std::string junit;
  bool coverage = false;
  std::string coverage_json;
  std::string min_coverage;  // "90%"
  std::string color = "auto";
  std::string format = "human";
  bool quiet = false;
};

struct DiffCommandOptions {
  std::string old_rules;
  std::string new_rules;
  std::string data;
  std::vector<std::string> events;
  std::vector<std::string> params;
  std::string today;
  std::string format = "human";  // human | markdown | json
  std::size_t sample = 10;
  std::string max_moved;  // "5%"
  std::string out;
  std::string color = "auto";
};

struct FmtOptions {
  std::vector<std::string> paths;
  bool write = false;  // rewrite the files in place
  bool check = false;  // print diffs, exit 1 when a file is not formatted
  std::string color = "auto";
};

struct ExplainPlanOptions {
  CommonOptions common;
};

// The inputs of a run that `strata kpi` and `strata report` report on (evaluated_run.hpp).
struct RunInputOptions {
  std::vector<std::string> files;
  std::string color = "auto";
  std::string data;
  std::vector<std::string> events;  // Name=path
  std::vector<std::string> params;  // name=value
  std::string today;
  unsigned threads = 0;
  std::string state;  // the previous run's state, read only
  bool state_drop_removed = false;
  bool quiet = false;
};

struct KpiCommandOptions {
  RunInputOptions inputs;
  std::string format = "text";  // text | csv | json
  std::string out;
  std::string compare;  // a previous table (JSON)
  bool fail_on_missed = false;
};

struct ReportCommandOptions {
  RunInputOptions inputs;
  std::string out;      // the HTML file
  std::string title;    // default: "strata report: " + rule folder
  std::string revenue;  // the let giving each customer's revenue; default `monetary`
};

CLI::App* register_check(CLI::App& app, CheckOptions& options);
CLI::App* register_run(CLI::App& app, RunCommandOptions& options);
CLI::App* register_disasm(CLI::App& app, DisasmOptions& options);
CLI::App* register_explain_code(CLI::App& app, ExplainCodeOptions& options);
CLI::App* register_explain_plan(CLI::App& app, ExplainPlanOptions& options);
CLI::App* register_lint(CLI::App& app, LintCommandOptions& options);
CLI::App* register_test(CLI::App& app, TestCommandOptions& options);
CLI::App* register_diff(CLI::App& app, DiffCommandOptions& options);
CLI::App* register_fmt(CLI::App& app, FmtOptions& options);
CLI::App* register_kpi(CLI::App& app, KpiCommandOptions& options);
CLI::App* register_report(CLI::App& app, ReportCommandOptions& options);

int run_check(const CheckOptions& options);
int run_run(const RunCommandOptions& options);
int run_disasm(const DisasmOptions& options);
int run_explain_code(const ExplainCodeOptions& options);
int run_explain_plan(const ExplainPlanOptions& options);
int run_lint(const LintCommandOptions& options);
int run_test(const TestCommandOptions& options);
int run_diff(const DiffCommandOptions& options);
int run_fmt(const FmtOptions& options);
int run_kpi(const KpiCommandOptions& options);
int run_report(const ReportCommandOptions& options);

}  // namespace strata::cli
