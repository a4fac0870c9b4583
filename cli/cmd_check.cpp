// `strata check` and `strata disasm`: compile a rule set and report or list it.
#include <cstdio>

#include "commands.hpp"
#include "common.hpp"

namespace strata::cli {

namespace {

void add_common(CLI::App* cmd, CommonOptions& o, bool with_format) {
  cmd->add_option("FILES", o.files, "rule files, or folders of .strata files")->required();
  cmd->add_option("--color", o.color, "colour diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  if (with_format) {
    cmd->add_option("--format", o.format,
                    "diagnostics as human (default), short (one line each), json, sarif "
                    "(SARIF 2.1.0 for code scanning) or github (workflow annotations)")
        ->check(CLI::IsMember({"human", "short", "json", "sarif", "github"}));
  }
}

ColorMode color_mode(const std::string& c) {
  return c == "always" ? ColorMode::Always : c == "never" ? ColorMode::Never : ColorMode::Auto;
}

}  // namespace

void add_common_options(CLI::App* cmd, CommonOptions& o) {
  add_common(cmd, o, true);
}
ColorMode parse_color(const std::string& c) {
  return color_mode(c);
}

CLI::App* register_check(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Parse and type-check rule files; report every error with its location");
  add_common(cmd, o.common, true);
  cmd->add_option("--dump", o.dump, "also print tokens, ast or bytecode")
      ->check(CLI::IsMember({"tokens", "ast", "bytecode"}));
  cmd->footer("Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.");
  return cmd;
}

CLI::App* register_disasm(CLI::App& app, DisasmOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("disasm", "Print the compiled bytecode of a rule set, phase by phase");
  add_common(cmd, o.common, false);
  return cmd;
}

// Rule files that cannot be read are I/O problems (exit 2); anything else is a finding (exit 1).
int compile_exit(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.all()) {
    if (d.code == DiagCode::FileError || d.code == DiagCode::UseNotFound) {
      bool root = true;
      for (const Label& l : d.labels) root = root && !l.span.valid();
      if (root) return kUsage;
    }
  }
  return diags.has_errors() ? kFindings : kOk;
}

int run_check(const CheckOptions& o) {
  const Terminal term = detect_terminal(color_mode(o.common.color));
  Diagnostics diags;
  auto rules = compile(o.common.files, diags);
  print_diagnostics(diags, o.common.format, term);
  if (rules && !o.dump.empty()) {
    const std::string text = o.dump == "tokens" ? rules->dump_tokens()
                             : o.dump == "ast"  ? rules->dump_ast()
                                                : rules->disassemble();
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!machine_format(o.common.format)) {
    if (diags.empty()) {
      std::fprintf(stderr, "ok: %zu file(s), no problems\n",
                   rules ? rules->sources().size() : o.common.files.size());
    } else {
      std::fprintf(stderr, "%zu error(s), %zu warning(s)\n", diags.error_count(),
                   diags.warning_count());
    }
  }
  return compile_exit(diags);
}

int run_disasm(const DisasmOptions& o) {
  const Terminal term = detect_terminal(color_mode(o.common.color));
  Diagnostics diags;
  auto rules = compile(o.common.files, diags);
  print_diagnostics(diags, "human", term);
  if (!rules) return compile_exit(diags) == kUsage ? kUsage : kFindings;
  const std::string text = rules->disassemble();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

}  // namespace strata::cli
