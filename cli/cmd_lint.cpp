// `strata lint`: compile a rule set, then prove it sound (docs/lint/README.md).
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "common.hpp"
#include "strata/lint.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

void add_common_options(CLI::App* cmd, CommonOptions& o);
ColorMode parse_color(const std::string& c);

CLI::App* register_lint(CLI::App& app, LintCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "lint", "Prove a rule set sound: unreachable tiers, gaps, overlaps, and style problems");
  cmd->add_option("FILES", o.common.files, "rule files, or folders of .strata files");
  cmd->add_option("--color", o.common.color, "colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--format", o.common.format,
                  "human (default), short, json, sarif (SARIF 2.1.0) or github (annotations)")
      ->check(CLI::IsMember({"human", "short", "json", "sarif", "github"}));
  cmd->add_option("--deny", o.deny, "`warnings`: warnings fail the lint (exit 1) too")
      ->check(CLI::IsMember({"warnings"}));
  cmd->add_option("-W,--rule", o.levels,
                  "set a rule's level: RULE=LEVEL (off, note, warning, error), e.g. "
                  "-W tier-gap=error");
  cmd->add_option("--config", o.config,
                  "the configuration file (default: strata.yaml beside the rule files)");
  cmd->add_option("--data", o.data, "sample records for the data rules (CSV or JSON Lines)");
  cmd->add_option("--events", o.events, "sample events for --data: NAME=PATH");
  cmd->add_option("--param", o.params,
                  "a parameter value: NAME=VALUE (default: each parameter's default)");
  cmd->add_option("--today", o.today,
                  "the date `today` stands for (default: any date, found by the analysis)");
  cmd->add_option("--max-tier-share", o.max_tier_share,
                  "oversized-tier: the largest share of --data one tier may hold (e.g. 60%)");
  cmd->add_option("--max-missing-share", o.max_missing_share,
                  "sparse-input: the largest share of rows an input may be missing in (e.g. 20%)");
  cmd->add_flag("--list-rules", o.list_rules, "list the lint rules with their levels and exit");
  cmd->footer(
      "Suppress a finding with `# strata: allow(RULE)` on its line or the line above.\n"
      "Exit codes: 0 clean, 1 errors (or warnings with --deny warnings), 2 usage or I/O "
      "problem.");
  return cmd;
}

namespace {

// strata.yaml beside the rule files: in the first folder given, or the first file's folder.
std::string default_config_path(const std::vector<std::string>& files) {
  if (files.empty()) return {};
  std::error_code ec;
  const fs::path first(files.front());
  const fs::path dir = fs::is_directory(first, ec) ? first : first.parent_path();
  const fs::path candidate = (dir.empty() ? fs::path(".") : dir) / "strata.yaml";
  return fs::exists(candidate, ec) ? candidate.string() : std::string();
}

void list_rules(const LintConfig& config) {
  std::printf("%-28s %-8s %s\n", "rule", "level", "what it finds");
  for (const LintRuleInfo& info : lint_rules()) {
    std::printf("%-28s %-8s %s\n", std::string(info.id).c_str(),
                std::string(lint_level_name(config.level(info.rule))).c_str(),
                std::string(info.title).c_str());
  }
}

bool apply_share(const std::string& text, Decimal& out, const char* option, const Terminal& term) {
  if (text.empty()) return true;
  std::string number = text;
  const bool percent = number.back() == '%';
  if (percent) number.pop_back();
  auto v = Decimal::parse(number);
  Decimal share;
  if (v && percent && !Decimal::div(*v, Decimal::from_int(100), share)) v.reset();
  if (v && !percent) share = *v;
  if (!v || share < Decimal() || share > Decimal::from_int(1)) {
    print_error(
        fmt::format("{} expects a share between 0% and 100% (e.g. 60%), got `{}`", option, text),
        term);
    return false;
  }
  out = share;
  return true;
}

}  // namespace

int run_lint(const LintCommandOptions& o) {
  const Terminal term = detect_terminal(parse_color(o.common.color));
  const std::string& format = o.common.format;

  LintOptions options;
  const std::string config_path = o.config.empty() ? default_config_path(o.common.files) : o.config;
  if (!config_path.empty()) {
    Diagnostics config_diags;
    auto config = load_lint_config(config_path, config_diags);
    if (!config) {
      print_diagnostics(config_diags, format, term);
      return kUsage;
    }
    options.config = *config;
  }
  for (const std::string& level : o.levels) {
    std::string error;
    if (!apply_lint_override(options.config, level, error)) {
      print_error("-W " + level + ": " + error, term);
      return kUsage;
    }
  }
  if (!apply_share(o.max_tier_share, options.config.max_tier_share, "--max-tier-share", term) ||
      !apply_share(o.max_missing_share, options.config.max_missing_share, "--max-missing-share",
                   term)) {
    return kUsage;
  }
  if (o.list_rules) {
    list_rules(options.config);
    return kOk;
  }
  if (o.common.files.empty()) {
    print_error("give the rule files or folders to lint (e.g. `strata lint rules/retail`)", term);
    return kUsage;
  }
  if (o.data.empty() && !o.events.empty()) {
    print_error("--events needs --data (the sample records the events belong to)", term);
    return kUsage;
  }

  Diagnostics diags;
  auto rules = compile(o.common.files, diags);
  if (!rules) {
    print_diagnostics(diags, format, term);
    if (!machine_format(format)) {
      std::fprintf(stderr, "%zu error(s): fix them before the rule set can be linted\n",
                   diags.error_count());
    }
    return compile_exit(diags);
  }
  if (!collect_params(o.params, term, options.run)) return kUsage;
  options.run.today = o.today;
  options.run.threads = 1;

  std::optional<Dataset> data;
  if (!o.data.empty()) {
    RuleSet::DataFiles files;
    if (!collect_data_files(*rules, o.data, o.events, term, files)) return kUsage;
    Diagnostics load_diags;
    data = rules->load(files, load_diags);
    if (!data) {
      print_diagnostics(load_diags, format, term);
      return data_exit(load_diags);
    }
    options.data = &*data;
  }
  Diagnostics findings = lint(*rules, options);
  for (Diagnostic& d : findings.all()) diags.add(std::move(d));
  diags.sort();
  print_diagnostics(diags, format, term);

  const std::size_t errors = diags.error_count(), warnings = diags.warning_count();
  if (!machine_format(format)) {
    if (diags.empty()) {
      std::fprintf(stderr, "ok: %zu file(s), no findings\n", rules->sources().size());
    } else {
      std::fprintf(stderr, "%zu error(s), %zu warning(s), %zu note(s)\n", errors, warnings,
                   diags.all().size() - errors - warnings);
    }
  }
  for (const Diagnostic& d : diags.all()) {
    if (d.code == DiagCode::BadParam && d.rule.empty()) return kUsage;
  }
  if (errors > 0 || (o.deny == "warnings" && warnings > 0)) return kFindings;
  return kOk;
}

}  // namespace strata::cli
