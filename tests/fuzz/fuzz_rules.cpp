// Fuzz target: rule text through the whole front end and compiler.
//
// Any input must give diagnostics or a compiled rule set, never a crash or a hang: the input is
// parsed, checked and compiled, its diagnostics rendered, and a rule set that compiles is
// disassembled and evaluated on one empty record. The formatter must lay out every input that
// parses: a refusal (E0701, its own safety check failing) or an unstable result aborts.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz_target.hpp"
#include "seeds.hpp"
#include "strata/format.hpp"
#include "strata/strata.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const strata::FormatResult formatted = strata::format_rule_text("fuzz.strata", text);
  for (const auto& d : formatted.diags.all()) {
    if (d.code == strata::DiagCode::FormatInternalError) std::abort();
  }
  strata::Diagnostics diags;
  auto rules = strata::compile_text({{"fuzz.strata", text}}, diags);
  if (diags.sources() != nullptr) (void)strata::render(diags, *diags.sources());
  if (!rules) return 0;
  (void)rules->disassemble();
  (void)rules->dump_ast();
  strata::RunOptions options;
  options.today = "2026-11-01";
  strata::Diagnostics run_diags;
  if (auto record = rules->new_record(options, run_diags)) {
    strata::Assignment out;
    (void)rules->evaluate(*record, out, &run_diags);
  }
  return 0;
}

std::vector<std::string> fuzz_seeds() {
  const std::filesystem::path src = STRATA_SOURCE_DIR;
  std::vector<std::string> seeds;
  for (const char* dir : {"rules", "tests/golden"}) {
    for (const auto& path : strata::fuzz::files_under(src / dir, ".strata")) {
      seeds.push_back(strata::fuzz::read_file(path));
    }
  }
  return seeds;
}

std::vector<std::string> fuzz_dictionary() {
  return {"record ",
          "events ",
          " of ",
          " by ",
          " key ",
          "let ",
          "param ",
          "tiering ",
          "tier ",
          " when ",
          " otherwise",
          "table ",
          "use \"",
          "unique",
          " first",
          "hold ",
          "where ",
          " and ",
          " or ",
          "not ",
          " in ",
          " is ",
          " between ",
          "if ",
          " then ",
          " else ",
          "none",
          "today",
          "true",
          "yes",
          "-",
          "??",
          "%",
          "==",
          ">=",
          "<=",
          "!=",
          "(",
          ")",
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          ".",
          "..",
          "\"",
          "\\u{4E2D}",
          "\\",
          "{x}",
          "#",
          "\n",
          "1_000_000",
          "9223372036854775807",
          "99999999999999999999",
          "0.0000001",
          "80%",
          "2026-02-30",
          "2026-11-25T09:30:00",
          "90d",
          "12h",
          "30min",
          "2w",
          "1mo",
          "1q",
          "1y",
          "int?",
          "money",
          "decimal",
          "date",
          "datetime",
          "duration",
          "enum { a, b }",
          "count(Order)",
          "sum(Order.amount where at > as_of - 365d)",
          "max(Order.at)",
          "days_between(",
          "avg(",
          "quintile(",
          "客户",
          "\xff",
          "\xe4\xb8"};
}
