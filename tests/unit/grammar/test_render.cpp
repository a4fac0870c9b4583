// The terminal renderer and the diagnostics list.
#include <catch2/catch.hpp>

#include "strata/diagnostic.hpp"

using namespace strata;

namespace {

// Line 12 of a file, preceded by eleven comment lines.
std::string rfm_text() {
  std::string text;
  for (int i = 1; i <= 11; ++i) text += "# line " + std::to_string(i) + "\n";
  return text + "  tier top when monetry >= 1_000_000\n";
}

Span find(const SourceManager& sources, FileId file, std::string_view needle) {
  const auto at = static_cast<std::uint32_t>(sources.file(file).text().find(needle));
  return Span{file, at, at + static_cast<std::uint32_t>(needle.size())};
}

}  // namespace

TEST_CASE("render: the documented example", "[render]") {
  SourceManager sources;
  const FileId file = sources.add("rules/rfm.strata", rfm_text());
  Diagnostics diags;
  diags
      .error(DiagCode::UnknownName, find(sources, file, "monetry"), "unknown name `monetry`",
             "not defined")
      .help("did you mean `monetary`?");
  CHECK(render(diags, sources) ==
        "error[E0201]: unknown name `monetry`\n"
        " --> rules/rfm.strata:12:17\n"
        "   |\n"
        "12 |   tier top when monetry >= 1_000_000\n"
        "   |                 ^^^^^^^ not defined\n"
        "   |\n"
        "   = help: did you mean `monetary`?\n");
}

TEST_CASE("render: secondary labels on the same and on other lines, notes", "[render]") {
  SourceManager sources;
  const FileId file = sources.add("a.strata", "let a = b\nlet b = a + c\n");
  Diagnostics diags;
  diags.error(DiagCode::DependencyCycle, find(sources, file, "a + c"), "cycle", "uses `a`")
      .label(find(sources, file, "b = a"), "defined here")
      .label(Span{file, 4, 5}, "`a` is defined here")
      .note("a value cannot depend on itself");
  CHECK(render(diags, sources) ==
        "error[E0205]: cycle\n"
        " --> a.strata:2:9\n"
        "  |\n"
        "1 | let a = b\n"
        "  |     - `a` is defined here\n"
        "2 | let b = a + c\n"
        "  |     ----^^^^^ uses `a`\n"
        "  |     |\n"
        "  |     defined here\n"
        "  |\n"
        "  = note: a value cannot depend on itself\n");
}

TEST_CASE("render: a label in another file", "[render]") {
  SourceManager sources;
  const FileId main = sources.add("main.strata", "use \"lib.strata\"\nlet x = y\n");
  const FileId lib = sources.add("lib.strata", "\n\nlet y = 1\n");
  Diagnostics diags;
  diags
      .warning(DiagCode::NotOptional, find(sources, main, "y"), "value can never be missing",
               "here")
      .label(find(sources, lib, "let y"), "declared here");
  CHECK(render(diags, sources) ==
        "warning[E0220]: value can never be missing\n"
        " --> main.strata:2:9\n"
        "  |\n"
        "2 | let x = y\n"
        "  |         ^ here\n"
        "  |\n"
        " ::: lib.strata:3:1\n"
        "  |\n"
        "3 | let y = 1\n"
        "  | ----- declared here\n");
}

TEST_CASE("render: Chinese text before and under the span", "[render]") {
  SourceManager sources;
  const FileId file = sources.add("c.strata", "  tier top \"顶层客户\" when 金额 >= 1\n");
  Diagnostics diags;
  const Span span = find(sources, file, "金额");
  diags.error(DiagCode::UnexpectedCharacter, span, "unexpected text `金额`", "here").emit();
  // Column 24 in code points; each CJK character takes two terminal cells and two carets.
  CHECK(render(diags, sources) ==
        "error[E0104]: unexpected text `金额`\n"
        " --> c.strata:1:24\n"
        "  |\n"
        "1 |   tier top \"顶层客户\" when 金额 >= 1\n"
        "  |" +
            std::string(28, ' ') + "^^^^ here\n");
}

TEST_CASE("render: spans over several lines and at the end of the file", "[render]") {
  SourceManager sources;
  const FileId file = sources.add("m.strata", "let x = (a +\n  b)\nlet y =");
  Diagnostics diags;
  diags.error(DiagCode::TypeMismatch, find(sources, file, "(a +\n  b)"), "mismatch", "this").emit();
  diags.error(DiagCode::SyntaxError, Span{file, 19 + 7, 19 + 7}, "expected a value", "here").emit();
  CHECK(render(diags, sources) ==
        "error[E0202]: mismatch\n"
        " --> m.strata:1:9\n"
        "  |\n"
        "1 | let x = (a +\n"
        "  |         ^^^^ this\n"
        "\n"
        "error[E0101]: expected a value\n"
        " --> m.strata:3:8\n"
        "  |\n"
        "3 | let y =\n"
        "  |        ^ here\n");
}

TEST_CASE("render: short form, colour and data locations", "[render]") {
  SourceManager sources;
  const FileId file = sources.add("r.strata", "let x = y\n");
  Diagnostics diags;
  diags.error(DiagCode::UnknownName, find(sources, file, "y"), "unknown name `y`", "not defined")
      .emit();
  diags
      .data_error(DiagCode::BadValue, DataLocation{"data/c.csv", 12, 5, "revenue"},
                  "`abc` is not a money value")
      .help("write a number such as `1200.50`");
  diags.data_error(DiagCode::MalformedRow, DataLocation{"data/c.csv", 3, 0, ""}, "bad row").emit();

  RenderOptions short_form;
  short_form.short_form = true;
  CHECK(render(diags, sources, short_form) ==
        "r.strata:1:9: error[E0201]: unknown name `y`\n"
        "data/c.csv:12:5 (column `revenue`): error[E0302]: `abc` is not a money value\n"
        "data/c.csv:3: error[E0305]: bad row\n");

  CHECK(render(diags.all()[1], sources) ==
        "error[E0302]: `abc` is not a money value\n"
        " --> data/c.csv:12:5 (column `revenue`)\n"
        "  = help: write a number such as `1200.50`\n");

  RenderOptions color;
  color.color = true;
  const std::string coloured = render(diags.all()[0], sources, color);
  CHECK(coloured.find("\x1b[1;31merror[E0201]\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;34m") != std::string::npos);
  Diagnostics warnings;
  warnings.warning(DiagCode::NotOptional, find(sources, file, "x"), "never missing").emit();
  CHECK(render(warnings, sources, color).find("\x1b[1;33mwarning[E0220]") != std::string::npos);
  CHECK(render(diags, sources).find('\x1b') == std::string::npos);
}

TEST_CASE("diagnostics list: counts, sorting and the code table", "[render]") {
  SourceManager sources;
  const FileId a = sources.add("a.strata", "0123456789");
  const FileId b = sources.add("b.strata", "0123456789");
  Diagnostics diags;
  diags.error(DiagCode::SyntaxError, Span{b, 1, 2}, "b1").emit();
  diags.warning(DiagCode::NotOptional, Span{a, 5, 6}, "a5").emit();
  diags.error(DiagCode::SyntaxError, Span{a, 2, 3}, "a2").emit();
  diags.data_error(DiagCode::BadValue, DataLocation{"d.csv", 1, 1, ""}, "data").emit();
  CHECK(diags.error_count() == 3);
  CHECK(diags.warning_count() == 1);
  CHECK(diags.has_errors());
  diags.sort();
  std::string order;
  for (const auto& d : diags.all()) order += d.message + " ";
  CHECK(order == "a2 a5 b1 data ");

  CHECK(diag_code_id(DiagCode::ReservedWord) == "E0106");
  CHECK(diag_code_title(DiagCode::UnterminatedString) == "unterminated string");
  CHECK(diag_code_severity(DiagCode::NotOptional) == Severity::Warning);
  CHECK(diag_code_from_id("E0201") == DiagCode::UnknownName);
  CHECK(!diag_code_from_id("E9999").has_value());
  for (std::size_t i = 0; i < diag_code_count(); ++i) {
    CHECK(diag_code_from_id(diag_code_id(diag_code_at(i))) == diag_code_at(i));
  }
}

TEST_CASE("closest_name: did you mean", "[render]") {
  const std::vector<std::string> names = {"monetary", "frequency", "recency", "Monetary2", "as_of"};
  CHECK(closest_name("monetry", names) == "monetary");
  CHECK(closest_name("moentary", names) == "monetary");  // transposition counts once
  CHECK(closest_name("MONETARY", names) == "monetary");  // case only: preferred
  CHECK(closest_name("recnecy", names) == "recency");
  CHECK(closest_name("asof", names) == "as_of");
  CHECK(!closest_name("zzz", names).has_value());
  CHECK(!closest_name("x", {}).has_value());
  // Ties go to the earlier candidate.
  CHECK(closest_name("cat", {"bat", "hat"}) == "bat");
  // A case-only match beats a one-edit match listed earlier.
  CHECK(closest_name("Int", {"in", "int"}) == "int");
}
