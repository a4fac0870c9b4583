// Properties of the formatter that hold for every rule file: formatting twice gives the text of
// formatting once, for every .strata file of rules/ and tests/ that parses; the safety check
// refuses outputs that are not a re-layout of their input (E0701); East Asian wide characters
// count two columns.
#include <catch2/catch.hpp>
#include <filesystem>

#include "format/emitter.hpp"
#include "format/layout.hpp"
#include "format/verify.hpp"
#include "strata/format.hpp"
#include "strata/parse.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> rule_files_below(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".strata") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Parsed {
  strata::SourceManager sources;
  strata::FileId file = 0;
  strata::ast::Module module;
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->file = parsed->sources.add("input.strata", text);
  strata::Diagnostics diags;
  strata::ast::ExprId next = 0;
  parsed->module = strata::parse_module(parsed->sources, parsed->file, diags, next);
  REQUIRE_FALSE(diags.has_errors());
  return parsed;
}

}  // namespace

TEST_CASE("formatting twice gives the text of formatting once", "[format][property]") {
  const fs::path root = strata::testing::source_dir();
  std::size_t formatted = 0, refused = 0;
  for (const char* folder : {"rules", "tests"}) {
    for (const fs::path& path : rule_files_below(root / folder)) {
      INFO(path.string());
      const std::string text = strata::testing::read_text(path);
      strata::FormatResult once = strata::format_rule_text(path.string(), text);
      if (!once.text) {
        // Only syntax errors keep a file from being formatted, never the safety check.
        for (const auto& d : once.diags.all()) {
          CHECK(d.code != strata::DiagCode::FormatInternalError);
          CHECK(strata::diag_code_id(d.code).substr(0, 3) == "E01");
        }
        ++refused;
        continue;
      }
      strata::FormatResult twice = strata::format_rule_text(path.string(), *once.text);
      REQUIRE(twice.text);
      CHECK(*twice.text == *once.text);
      CHECK_FALSE(twice.changed);
      ++formatted;
    }
  }
  CHECK(formatted >= 100);
  CHECK(refused >= 10);  // the syntax-error golden files
}

TEST_CASE("display width counts East Asian wide characters twice", "[format]") {
  using strata::format::display_width;
  CHECK(display_width("top") == 3);
  CHECK(display_width("\"顶层客户\"") == 10);
  CHECK(display_width("RFM 价值分类") == 12);
  CHECK(display_width("ＡＢ") == 4);           // full-width forms
  CHECK(display_width("e\xCC\x81") == 1);      // e + combining acute accent
  CHECK(display_width("金字塔 × RFM") == 12);  // × is narrow
  CHECK(display_width("\xFF\xFE") == 2);       // malformed bytes count one column each
}

TEST_CASE("the safety check refuses anything but a re-layout", "[format]") {
  const std::string input = "let a = count(Order)  # orders\nlet b = a + 1\n";
  const auto parsed = parse(input);
  using strata::format::verify_layout;
  CHECK_FALSE(
      verify_layout(input, parsed->module, "let a = count(Order)  # orders\nlet b = a + 1\n"));

  auto lost = verify_layout(input, parsed->module, "let a = count(Order)\nlet b = a + 1\n");
  REQUIRE(lost);
  CHECK(lost->reason == "the comment `# orders` would be lost");

  auto changed =
      verify_layout(input, parsed->module, "let a = count(Order)  # orders\nlet b = a + 2\n");
  REQUIRE(changed);
  CHECK(changed->reason == "the token `1` would become `2`");
  CHECK(changed->offset == input.size() - 2);

  auto swallowed =
      verify_layout(input, parsed->module, "let a = count(Order)  # orders let b = a + 1\n");
  REQUIRE(swallowed);
  CHECK(swallowed->reason == "the token `let` would be lost");

  auto unparsable =
      verify_layout(input, parsed->module, "let a = count (Order)  # orders\nlet b = a + 1\n");
  REQUIRE(unparsable);
  CHECK(unparsable->reason.rfind("the formatted text would not parse: ", 0) == 0);

  auto unstable =
      verify_layout(input, parsed->module, "let a =   count(Order)  # orders\nlet b = a + 1\n");
  REQUIRE(unstable);
  CHECK(unstable->reason == "formatting the formatted text would change it again");
}

TEST_CASE("a message's interpolated strings keep their spaces", "[format]") {
  // The flat token list splits this message at its inner quotes; the formatter copies it whole,
  // and the fingerprint compares message parts, so a changed space inside would be refused.
  const std::string input =
      "sop s for all {\n  on enter t: notify owner \"{if a then \"x\" else \"y y\"}\"\n}\n";
  const auto result = strata::format_rule_text("sop.strata", input);
  REQUIRE(result.text);
  CHECK(*result.text == input);
  const auto parsed = parse(input);
  auto changed = strata::format::verify_layout(
      input, parsed->module,
      "sop s for all {\n  on enter t: notify owner \"{if a then \"x\" else \"y  y\"}\"\n}\n");
  REQUIRE(changed);
}

TEST_CASE("E0701 when the formatter's output is refused", "[format][golden]") {
  const fs::path dir = strata::testing::source_dir() / "tests/golden/fmt_internal";
  const std::string input = strata::testing::read_text(dir / "dropped_comment.strata");
  strata::SourceManager sources;
  const strata::FileId file =
      sources.add("tests/golden/fmt_internal/dropped_comment.strata", input);
  strata::Diagnostics diags;
  strata::ast::ExprId next = 0;
  const auto module = strata::parse_module(sources, file, diags, next);
  REQUIRE_FALSE(diags.has_errors());
  // A layout that lost the comment on the tier line, as a broken formatter might write it.
  const std::string broken = "tiering t {\n  tier a when x\n  tier b otherwise\n}\n";
  const auto mismatch = strata::format::verify_layout(input, module, broken);
  REQUIRE(mismatch);
  strata::format::report_mismatch(diags, file, input.size(), *mismatch);
  const std::string actual = strata::render(diags, sources);
  const fs::path expected = dir / "dropped_comment.expected";
  if (strata::testing::update_golden()) {
    strata::testing::write_text(expected, actual);
  } else {
    CHECK(actual == strata::testing::read_text(expected));
  }
}

TEST_CASE("declarations of unknown kinds are copied as written", "[format]") {
  // The fallback for declarations the formatter does not know: the text, comments included.
  const std::string text = "widget  x \"客户数\"   by rfm =\n      count()   # as written\n";
  strata::format::Layout layout;
  strata::format::Emitter emitter(text, layout);
  emitter.verbatim_through(static_cast<std::uint32_t>(text.find("   #")));
  CHECK(emitter.done());
  CHECK(layout.render() == text);
}

TEST_CASE("a carriage return inside a comment does not end it", "[format]") {
  // The grammar ends a comment at a line feed only; the token list must agree, or the text after
  // the carriage return would be laid out as rules.
  const std::string input = "# a\rtier b\nlet x = 1  # c\rd\r\nlet y = 2\r\n";
  const auto result = strata::format_rule_text("cr.strata", input);
  INFO(strata::render(result.diags, *result.diags.sources()));
  REQUIRE(result.text);
  CHECK(*result.text == "# a\rtier b\nlet x = 1  # c\rd\nlet y = 2\n");
}
