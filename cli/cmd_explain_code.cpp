// `strata explain CODE`: the long explanation of a diagnostic code (docs/diagnostics) or of a
// lint rule (docs/lint).
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "commands.hpp"
#include "common.hpp"
#include "strata/lint.hpp"

namespace strata::cli {

extern const std::pair<std::string_view, std::string_view> kDiagnosticDocs[];
extern const std::size_t kDiagnosticDocsCount;
extern const std::pair<std::string_view, std::string_view> kLintDocs[];
extern const std::size_t kLintDocsCount;

CLI::App* register_explain_code(CLI::App& app, ExplainCodeOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Explain a diagnostic code or lint rule (`strata explain E0201`, `strata explain "
      "tier-gap`): cause, example, fix");
  cmd->add_option("CODE", o.code, "a diagnostic code such as E0201, or a lint rule id")->required();
  return cmd;
}

int run_explain_code(const ExplainCodeOptions& o) {
  if (const auto rule = lint_rule_from_id(o.code)) {
    for (std::size_t i = 0; i < kLintDocsCount; ++i) {
      if (kLintDocs[i].first == o.code) {
        std::fwrite(kLintDocs[i].second.data(), 1, kLintDocs[i].second.size(), stdout);
        return kOk;
      }
    }
    const LintRuleInfo& info = lint_rule_info(*rule);
    std::printf("%s: %s\nhelp: %s\n", o.code.c_str(), std::string(info.title).c_str(),
                std::string(info.help).c_str());
    return kOk;
  }
  std::string code = o.code;
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < kDiagnosticDocsCount; ++i) {
    if (kDiagnosticDocs[i].first == code) {
      std::fwrite(kDiagnosticDocs[i].second.data(), 1, kDiagnosticDocs[i].second.size(), stdout);
      return kOk;
    }
  }
  if (auto known = diag_code_from_id(code)) {
    std::printf("%s: %s\n(no longer explanation is written for this code yet)\n", code.c_str(),
                std::string(diag_code_title(*known)).c_str());
    return kOk;
  }
  std::fprintf(stderr,
               "error: `%s` is neither a strata diagnostic code (they look like E0201) nor a lint "
               "rule (see `strata lint --list-rules`)\n",
               o.code.c_str());
  return kUsage;
}

}  // namespace strata::cli
