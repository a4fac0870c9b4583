// The linter's example customers are real: every gap or overlap example of the golden lint cases
// and of generated tierings is evaluated through the public API and must fall in the gap (no
// tier) or the overlap (E0403). Property: when the linter reports no gap for a generated
// first-match tiering, no random customer falls through it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

#include "lint/context.hpp"
#include "lint_support.hpp"
#include "strata/lint.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace strata;

using lint_testing::check_witness;
using lint_testing::lint_text;

TEST_CASE("every example of the golden lint cases really is in the gap or overlap", "[lint]") {
  fs::current_path(testing::source_dir());
  std::size_t examples = 0, with_data = 0;
  for (const auto& entry : fs::directory_iterator("tests/golden/lint")) {
    if (entry.path().extension() != ".strata") continue;
    Diagnostics diags;
    auto rules = compile({entry.path().string()}, diags);
    REQUIRE(rules);
    LintOptions options;
    options.run.today = "2026-11-01";
    // The sample data and parameters of the case's arguments, as `strata lint` reads them.
    fs::path args = entry.path();
    args.replace_extension(".args");
    RuleSet::DataFiles files;
    if (fs::exists(args)) {
      std::istringstream in(testing::read_text(args));
      for (std::string word, value; in >> word;) {
        if (word != "--data" && word != "--events" && word != "--param") continue;
        REQUIRE(in >> value);
        const auto eq = value.find('=');
        if (word == "--data") files.records = value;
        if (word == "--events") files.events.push_back({value.substr(0, eq), value.substr(eq + 1)});
        if (word == "--param") options.run.params[value.substr(0, eq)] = value.substr(eq + 1);
      }
    }
    std::optional<Dataset> data;
    if (!files.records.empty()) {
      data = rules->load(files, diags);
      REQUIRE(data);
      options.data = &*data;
    }
    for (const linter::Finding& f : linter::lint_findings(*rules, options)) {
      if (f.claim == linter::Claim::None) continue;
      INFO(entry.path().string() << ": " << f.diag.message);
      check_witness(*rules, f, options.data);
      with_data += options.data != nullptr;
      // The example printed is the one checked.
      bool printed = false;
      for (const std::string& n : f.diag.notes) {
        printed |= n.find(linter::describe_witness(*f.witness)) != std::string::npos;
      }
      CHECK(printed);
      ++examples;
    }
  }
  CHECK(examples >= 2);
  CHECK(with_data >= 1);
}

TEST_CASE("generated tierings: 'no gap' holds for random customers, reported gaps are real",
          "[lint][property]") {
  std::mt19937 rng(20261101);
  std::uniform_int_distribution<int> threshold(-50, 50), pick(0, 2), op(0, 3);
  const char* fields[] = {"a", "b", "c"};
  const char* ops[] = {">=", ">", "<", "<="};
  std::size_t gaps = 0, complete = 0;
  for (int round = 0; round < 60; ++round) {
    std::string text = "record C key id { id: string  a: int  b: int?  c: decimal }\n";
    text += "tiering t {\n";
    const int tiers = 2 + round % 4;
    for (int i = 0; i < tiers; ++i) {
      const int f1 = pick(rng), f2 = pick(rng);
      std::string cond =
          std::string(fields[f1]) + " " + ops[op(rng)] + " " + std::to_string(threshold(rng));
      if (round % 3 == 0) {
        cond += (round % 2 ? " or " : " and ") + std::string(fields[f2]) + " " + ops[op(rng)] +
                " " + std::to_string(threshold(rng));
      }
      text += "  tier t" + std::to_string(i) + " when " + cond + "\n";
    }
    text += "}\n";
    INFO(text);
    std::shared_ptr<const RuleSet> rules;
    const auto findings = lint_text(text, rules);
    bool gap_reported = false;
    for (const linter::Finding& f : findings) {
      if (f.rule != LintRule::TierGap) continue;
      gap_reported = true;
      if (f.claim == linter::Claim::Gap) {
        check_witness(*rules, f);
        ++gaps;
      }
    }
    if (gap_reported) continue;
    ++complete;
    Diagnostics diags;
    RunOptions run;
    auto record = rules->new_record(run, diags);
    REQUIRE(record);
    std::uniform_int_distribution<int> value(-80, 80);
    for (int n = 0; n < 500; ++n) {
      record->set("id", "x");
      record->set("a", std::to_string(value(rng)));
      record->set("b", n % 7 == 0 ? "" : std::to_string(value(rng)));
      record->set("c", std::to_string(value(rng)) + "." + std::to_string(n % 10));
      Assignment a;
      REQUIRE(rules->evaluate(*record, a));
      REQUIRE(a.tiers[0] != -1);
    }
  }
  CHECK(gaps > 10);
  CHECK(complete > 0);
}

namespace {

// A random condition over the fields a, b (int?) and c (decimal).
std::string random_condition(std::mt19937& rng) {
  std::uniform_int_distribution<int> threshold(-40, 40), pick(0, 2), op(0, 3), shape(0, 3);
  const char* fields[] = {"a", "b", "c"};
  const char* ops[] = {">=", ">", "<", "<="};
  auto comparison = [&]() {
    return std::string(fields[pick(rng)]) + " " + ops[op(rng)] + " " +
           std::to_string(threshold(rng));
  };
  switch (shape(rng)) {
    case 0:
      return comparison() + " and " + comparison();
    case 1:
      return comparison() + " or " + comparison();
    default:
      return comparison();
  }
}

}  // namespace

TEST_CASE("generated sub-tiers: unreachable, gap and overlap claims hold for random customers",
          "[lint][property]") {
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> count(1, 3), coin(0, 3), value(-60, 60);
  std::size_t confirmed = 0, dead = 0, silent = 0;
  for (int round = 0; round < 80; ++round) {
    const bool unique = round % 3 == 2;
    std::string text = "record C key id { id: string  a: int  b: int?  c: decimal }\n";
    text += std::string("tiering t ") + (unique ? "unique " : "") + "{\n";
    const int tops = 1 + count(rng);
    for (int i = 0; i < tops; ++i) {
      const bool last_otherwise = i + 1 == tops && coin(rng) == 0;
      text += "  tier t" + std::to_string(i) +
              (last_otherwise ? " otherwise" : " when " + random_condition(rng));
      if (coin(rng) != 0) {
        text += " {\n";
        const int subs = count(rng);
        for (int j = 0; j < subs; ++j) {
          const bool otherwise = j + 1 == subs && coin(rng) == 0;
          text += "    tier s" + std::to_string(j) +
                  (otherwise ? " otherwise" : " when " + random_condition(rng)) + "\n";
        }
        text += "  }";
      }
      text += "\n";
    }
    text += "}\n";
    INFO(text);
    std::shared_ptr<const RuleSet> rules;
    const auto findings = lint_text(text, rules);
    const TieringInfo& info = rules->tierings()[0];
    // What the linter claims: tiers never chosen, places where customers may fall through.
    std::set<std::size_t> unreachable;
    std::set<int> may_stay;  // -1: no tier at all; else a parent that customers may stay in
    bool may_conflict = false;
    for (const linter::Finding& f : findings) {
      if (f.rule == LintRule::UnreachableTier) {
        REQUIRE(f.tiers.size() == 1);
        unreachable.insert(f.tiers[0]);
      } else if (f.rule == LintRule::TierGap) {
        may_stay.insert(f.tiers.empty() ? -1 : static_cast<int>(f.tiers[0]));
      } else if (f.rule == LintRule::TierOverlap) {
        may_conflict = true;
      }
      if (f.claim != linter::Claim::None) {
        check_witness(*rules, f);
        ++confirmed;
      }
    }
    dead += unreachable.size();
    Diagnostics diags;
    auto record = rules->new_record(RunOptions{}, diags);
    REQUIRE(record);
    for (int n = 0; n < 400; ++n) {
      record->set("id", "x");
      record->set("a", std::to_string(value(rng)));
      record->set("b", n % 6 == 0 ? "" : std::to_string(value(rng)));
      record->set("c", std::to_string(value(rng)) + "." + std::to_string(n % 10));
      Assignment a;
      if (!rules->evaluate(*record, a)) {
        CHECK(may_conflict);  // only a reported overlap stops the run
        continue;
      }
      const int tier = a.tiers[0];
      if (tier == -1) {
        CHECK(may_stay.count(-1) == 1);
        continue;
      }
      for (std::size_t u : unreachable) CHECK_FALSE(info.within(static_cast<std::size_t>(tier), u));
      if (info.tiers[static_cast<std::size_t>(tier)].end > static_cast<std::size_t>(tier) + 1) {
        CHECK(may_stay.count(tier) == 1);  // in a tier with sub-tiers, but in none of them
      }
    }
    silent += unreachable.empty() && may_stay.empty() && !may_conflict;
  }
  CHECK(confirmed > 20);
  CHECK(dead > 5);
  CHECK(silent > 0);
}

namespace {

// A random cell for a column of the generated tables: a (int), b (int?), e (enum), f (bool?).
// `dashes`: how many in 10 cells are `-`.
std::string random_cell(std::mt19937& rng, char column, int dashes) {
  std::uniform_int_distribution<int> k(-10, 10), form(3, 9), ten(0, 9);
  const auto n = [&]() { return std::to_string(k(rng)); };
  if (ten(rng) < dashes) return "-";
  const int shape = form(rng);
  switch (column) {
    case 'a':
    case 'b': {
      if (column == 'b' && shape == 3) return "none";
      switch (shape % 6) {
        case 0:
          return n();
        case 1:
          return ">= " + n();
        case 2:
          return "< " + n();
        case 3: {
          const int lo = k(rng);
          return std::to_string(lo) + ".." + std::to_string(lo + form(rng));
        }
        case 4:
          return "[" + n() + ", " + n() + "]";
        default:
          return "!= " + n();
      }
    }
    case 'e': {
      const char* cells[] = {"p", "q", "r", "[p, r]", "!= q", "[q]", "!= r"};
      return cells[static_cast<std::size_t>(shape - 3)];
    }
    default: {
      const char* cells[] = {"yes", "no", "yes", "no", "none", "yes", "no"};
      return cells[static_cast<std::size_t>(shape - 3)];
    }
  }
}

// What the linter claims about the decision table of tiering 0, every example checked.
struct TableClaims {
  bool may_gap = false, may_conflict = false;
  std::set<std::uint32_t> never;  // tiers whose every row is masked
  std::size_t gaps = 0, overlaps = 0, masked_rows = 0;
};

TableClaims table_claims(const RuleSet& rules, const std::vector<linter::Finding>& findings,
                         bool unique) {
  TableClaims c;
  std::set<std::uint32_t> masked;  // rows never chosen
  for (const linter::Finding& f : findings) {
    if (f.rule == LintRule::TableIncomplete) c.may_gap = true;
    if (f.rule == LintRule::TierOverlap) {
      c.may_conflict = true;
      c.overlaps += f.claim == linter::Claim::Overlap;
    }
    if (f.rule == LintRule::TableDuplicateRow && unique) c.may_conflict = true;
    if (f.rule == LintRule::TableMaskedRow) {
      REQUIRE(f.rows.size() == 1);
      masked.insert(f.rows[0]);
      ++c.masked_rows;
    }
    if (f.claim != linter::Claim::None) {
      check_witness(rules, f);
      c.gaps += f.claim == linter::Claim::Gap;
    }
  }
  const TieringSymbol& t = rules.model().tierings[0];
  for (std::uint32_t tier = 0; tier < t.tiers.size(); ++tier) {
    bool all = true;
    for (std::uint32_t r = 0; r < t.table->rows.size(); ++r) {
      all = all && (t.table->rows[r].tier != tier || masked.count(r) == 1);
    }
    if (all) c.never.insert(tier);
  }
  return c;
}

// Evaluates the record and checks its result against the claims.
void check_customer(const RuleSet& rules, Record& record, const TableClaims& c) {
  Assignment a;
  if (!rules.evaluate(record, a)) {
    CHECK(c.may_conflict);
    return;
  }
  if (a.tiers[0] == -1) {
    CHECK(c.may_gap);
    return;
  }
  CHECK(c.never.count(static_cast<std::uint32_t>(a.tiers[0])) == 0);
}

}  // namespace

TEST_CASE(
    "generated decision tables: completeness, masked rows and overlaps hold for random "
    "customers",
    "[lint][property]") {
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<int> rows_count(2, 8), coin(0, 3), value(-12, 12), member(0, 2);
  const std::string all_columns = "abef";
  std::size_t complete = 0, gaps = 0, masked_rows = 0, overlaps = 0, rounds_unique = 0;
  for (int round = 0; round < 150; ++round) {
    const bool unique = round % 3 == 1;
    const bool own_tiers = round % 4 != 3;  // else rows share tiers
    rounds_unique += unique;
    std::string columns;
    for (char c : all_columns) {
      if (coin(rng) != 0) columns += c;
    }
    if (columns.empty()) columns = "a";
    std::string text =
        "record C key id { id: string  a: int  b: int?  e: enum { p, q, r }  f: bool? }\n";
    text += std::string("tiering t ") + (unique ? "unique " : "") + "table (";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      text += (c ? ", " : "") + std::string(1, columns[c]);
    }
    text += ") {\n";
    const int rows = rows_count(rng);
    for (int r = 0; r < rows; ++r) {
      text += "  (";
      for (std::size_t c = 0; c < columns.size(); ++c) {
        text += (c ? ", " : "") + random_cell(rng, columns[c], round % 2 ? 3 : 7);
      }
      text += ") -> t" + std::to_string(own_tiers ? r : r % 3) + "\n";
    }
    if (round % 3 == 0) {
      // Rows that together take every value of one column, `-` elsewhere: complete tables.
      const std::size_t split = static_cast<std::size_t>(value(rng) + 12) % columns.size();
      const std::string k = std::to_string(value(rng));
      std::vector<std::string> parts;
      switch (columns[split]) {
        case 'a':
          parts = {"< " + k, ">= " + k};
          break;
        case 'b':
          parts = {"< " + k, ">= " + k, "none"};
          break;
        case 'e':
          parts = {"[p, q]", "r"};
          break;
        default:
          parts = {"yes", "no", "none"};
          break;
      }
      for (const std::string& part : parts) {
        text += "  (";
        for (std::size_t c = 0; c < columns.size(); ++c) {
          text += (c ? ", " : "") + (c == split ? part : std::string("-"));
        }
        text += ") -> closing\n";
      }
    } else if (coin(rng) == 0) {
      text += "  otherwise -> rest\n";
    }
    text += "}\n";
    INFO(text);
    Diagnostics diags;
    auto rules = compile_text({{"generated.strata", text}}, diags);
    REQUIRE(rules);
    LintOptions options;
    const auto findings = linter::lint_findings(*rules, options);
    const TableClaims c = table_claims(*rules, findings, unique);
    gaps += c.gaps;
    overlaps += c.overlaps;
    masked_rows += c.masked_rows;
    complete += !c.may_gap && !rules->model().tierings[0].has_otherwise;
    auto record = rules->new_record(RunOptions{}, diags);
    REQUIRE(record);
    const char* members[] = {"p", "q", "r"};
    for (int n = 0; n < 1500; ++n) {
      record->set("id", "x");
      record->set("a", std::to_string(value(rng)));
      record->set("b", n % 6 == 0 ? "" : std::to_string(value(rng)));
      record->set("e", members[member(rng)]);
      record->set("f", n % 5 == 0 ? "" : (n % 2 ? "true" : "false"));
      check_customer(*rules, *record, c);
    }
  }
  CHECK(complete > 10);
  CHECK(gaps > 10);
  CHECK(masked_rows > 10);
  CHECK(overlaps > 5);
  CHECK(rounds_unique > 0);
}

TEST_CASE("comparisons of two customer values give real examples, written either way round",
          "[lint]") {
  const std::string record = "record C key id { id: string  a: int  b: int }\nparam limit: int\n";
  auto claims = [&](const std::string& body, LintRule rule) {
    std::shared_ptr<const RuleSet> rules;
    std::vector<linter::Claim> out;
    for (const linter::Finding& f : lint_text(record + body, rules)) {
      if (f.rule != rule) continue;
      if (f.claim != linter::Claim::None) check_witness(*rules, f);
      out.push_back(f.claim);
    }
    return out;
  };
  using linter::Claim;
  // `a >= b` and `a < b` are one relation, true and false: the gaps are confirmed.
  CHECK(claims("tiering t { tier x when a >= b }", LintRule::TierGap) ==
        std::vector<Claim>{Claim::Gap});
  CHECK(claims("tiering t { tier x when a < b }\ntiering u { tier y when a >= b }",
               LintRule::TierGap) == std::vector<Claim>{Claim::Gap, Claim::Gap});
  // Cells compared with a parameter without a value: `a > limit`, `a < limit` leave a == limit.
  CHECK(claims("tiering t table (a) { (> limit) -> x  (< limit) -> y }",
               LintRule::TableIncomplete) == std::vector<Claim>{Claim::Gap});
  // `>= limit` and `<= limit` cover every value (a < limit and limit < a exclude each other),
  // and overlap where a == limit.
  CHECK(claims("tiering t unique table (a) { (>= limit) -> x  (<= limit) -> y }",
               LintRule::TableIncomplete)
            .empty());
  CHECK(claims("tiering t unique table (a) { (>= limit) -> x  (<= limit) -> y }",
               LintRule::TierOverlap) == std::vector<Claim>{Claim::Overlap});
}

// Cells compared with a parameter without a value or with another column.
TEST_CASE("generated tables with non-constant cells: claims hold for random customers",
          "[lint][property]") {
  std::mt19937 rng(20261128);
  std::uniform_int_distribution<int> rows_count(2, 6), shape(0, 9), k(-3, 3), value(-6, 6);
  const char* ops[] = {">", ">=", "<", "<=", "==", "!="};
  std::size_t complete = 0, gaps = 0, masked_rows = 0, overlaps = 0;
  for (int round = 0; round < 90; ++round) {
    const bool unique = round % 3 == 1;
    std::string text = "record C key id { id: string  a: int  b: int? }\nparam limit: int\n";
    text += std::string("tiering t ") + (unique ? "unique " : "") + "table (a, b) {\n";
    // A cell of column a: against `limit`, `b` or a constant; of column b: against `limit`.
    auto cell = [&](bool first_column) -> std::string {
      const int s = shape(rng);
      if (s < 2) return "-";
      const std::string op = ops[static_cast<std::size_t>(shape(rng) % 6)];
      if (!first_column) return s < 5 ? "-" : s == 9 ? "none" : op + " limit";
      if (s < 6) return op + " limit";
      if (s < 8) return op + " b";
      return op + " " + std::to_string(k(rng));
    };
    const int rows = rows_count(rng);
    for (int r = 0; r < rows; ++r) {
      text += "  (" + cell(true) + ", " + cell(false) + ") -> t" + std::to_string(r) + "\n";
    }
    if (round % 4 == 0) {
      // Rows that together take every customer: complete tables.
      text += "  (< limit, -) -> low\n  (limit, -) -> at\n  (> limit, -) -> high\n";
    }
    text += "}\n";
    INFO(text);
    std::shared_ptr<const RuleSet> rules;
    const auto findings = lint_text(text, rules);
    const TableClaims c = table_claims(*rules, findings, unique);
    gaps += c.gaps;
    overlaps += c.overlaps;
    masked_rows += c.masked_rows;
    complete += !c.may_gap;
    for (int limit = -4; limit <= 4; limit += 2) {
      RunOptions run;
      run.params["limit"] = std::to_string(limit);
      Diagnostics diags;
      auto record = rules->new_record(run, diags);
      REQUIRE(record);
      for (int n = 0; n < 200; ++n) {
        record->set("id", "x");
        record->set("a", std::to_string(value(rng)));
        record->set("b", n % 6 == 0 ? "" : std::to_string(value(rng)));
        check_customer(*rules, *record, c);
      }
    }
  }
  CHECK(complete > 15);
  CHECK(gaps > 15);
  CHECK(masked_rows > 20);
  CHECK(overlaps > 20);
}
