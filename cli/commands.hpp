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

struct ExplainPlanOptions {
  CommonOptions common;
};

CLI::App* register_check(CLI::App& app, CheckOptions& options);
CLI::App* register_run(CLI::App& app, RunCommandOptions& options);
CLI::App* register_disasm(CLI::App& app, DisasmOptions& options);
CLI::App* register_explain_code(CLI::App& app, ExplainCodeOptions& options);
CLI::App* register_explain_plan(CLI::App& app, ExplainPlanOptions& options);
CLI::App* register_lint(CLI::App& app, LintCommandOptions& options);

int run_check(const CheckOptions& options);
int run_run(const RunCommandOptions& options);
int run_disasm(const DisasmOptions& options);
int run_explain_code(const ExplainCodeOptions& options);
int run_explain_plan(const ExplainPlanOptions& options);
int run_lint(const LintCommandOptions& options);

}  // namespace strata::cli
