// `strata explain CODE`: the long explanation of a diagnostic code, from docs/diagnostics.
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "commands.hpp"
#include "common.hpp"

namespace strata::cli {

extern const std::pair<std::string_view, std::string_view> kDiagnosticDocs[];
extern const std::size_t kDiagnosticDocCount;

CLI::App* register_explain_code(CLI::App& app, ExplainCodeOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain", "Explain a diagnostic code (e.g. `strata explain E0201`): cause, example, fix");
  cmd->add_option("CODE", o.code, "a diagnostic code such as E0201")->required();
  return cmd;
}

int run_explain_code(const ExplainCodeOptions& o) {
  std::string code = o.code;
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < kDiagnosticDocCount; ++i) {
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
  std::fprintf(stderr, "error: `%s` is not a strata diagnostic code (they look like E0201)\n",
               o.code.c_str());
  return kUsage;
}

}  // namespace strata::cli
