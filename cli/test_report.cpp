#include "test_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "explain_text.hpp"

namespace strata::cli {

namespace {

std::string location_text(const DataLocation& where) {
  if (where.line == 0) return where.file;
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

std::string mismatch_text(const FileRun& run, const Mismatch& m) {
  std::string s = m.customer.empty() ? "      " + m.what
                                     : fmt::format("      customer {}: {}", m.customer, m.what);
  s += fmt::format(": expected `{}`, got `{}`\n", m.expected, m.got);
  s += fmt::format("        --> {}\n", location_text(m.where));
  if (m.decided) {
    s += "        decided by " + decision_text(*run.rules, *m.decided) + "\n";
    const std::string why = why_not_text(*run.rules, *m.decided, m.expected);
    if (!why.empty()) s += "        " + why + "\n";
  }
  return s;
}

}  // namespace

std::string render_case(const FileRun& run, const CaseResult& r, bool color) {
  const char* red = color ? "\x1b[1;31m" : "";
  const char* green = color ? "\x1b[32m" : "";
  const char* yellow = color ? "\x1b[33m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  switch (r.outcome) {
    case CaseOutcome::Passed:
      return fmt::format("  {}ok{}    {}\n", green, reset, r.test->name);
    case CaseOutcome::Skipped:
      return fmt::format("  {}skip{}  {} ({})\n", yellow, reset, r.test->name, *r.test->skip);
    case CaseOutcome::Failed:
      break;
  }
  std::string s =
      fmt::format("  {}FAIL{}  {}  ({})\n", red, reset, r.test->name, location_text(r.test->where));
  for (const Mismatch& m : r.mismatches) s += mismatch_text(run, m);
  if (!r.errors.empty()) {
    static const SourceManager kNone;
    const SourceManager& sources = r.errors.sources() ? *r.errors.sources() : kNone;
    const std::string text = render(r.errors, sources, RenderOptions{false, true});
    s += "      the evaluation failed:\n";
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = text.find('\n', start);
      s += "        " + text.substr(start, end - start) + "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  return s;
}

std::string render_file_results(const FileRun& run, bool color) {
  std::string s = run.path + "\n";
  for (const CaseResult& r : run.result.cases) s += render_case(run, r, color);
  return s;
}

namespace {

const char* missing_outcome(const TermCoverage& term) {
  if (!term.held_covered() && !term.not_held_covered()) return "never evaluated";
  if (!term.held_covered()) return "never true";
  if (!term.not_held_covered()) return "never false";
  return nullptr;
}

std::string tiering_line(const TieringCoverage& t) {
  const CoverageCount c = t.total();
  const CoverageCount terms = t.terms_count();
  std::string parts;
  switch (t.form) {
    case TieringInfo::Form::Tiers: {
      const CoverageCount tiers = t.tiers_count();
      parts = fmt::format("tiers {}/{}, term outcomes {}/{}", tiers.covered, tiers.required,
                          terms.covered, terms.required);
      break;
    }
    case TieringInfo::Form::Table: {
      const CoverageCount rows = t.rows_count();
      parts = fmt::format("rows {}/{}, cell outcomes {}/{}", rows.covered, rows.required,
                          terms.covered, terms.required);
      break;
    }
    case TieringInfo::Form::Product: {
      std::string operands;
      for (const std::string& o : t.operands) operands += (operands.empty() ? "" : " * ") + o;
      parts = "product of " + operands + ": covered through its operands";
      break;
    }
  }
  return fmt::format("  {:<16} {}/{} ({}%)  {}\n", t.name, c.covered, c.required, c.percent(),
                     parts);
}

}  // namespace

std::string render_coverage_text(const std::string& name, const Coverage& coverage,
                                 const RuleSet& rules) {
  const CoverageCount total = coverage.total();
  std::string s = fmt::format("\ncoverage of {}: {}/{} ({}%)\n", name, total.covered,
                              total.required, total.percent());
  for (const TieringCoverage& t : coverage.tierings) {
    s += tiering_line(t);
    if (t.form == TieringInfo::Form::Tiers) {
      for (const TierCoverage& tier : t.tiers) {
        if (tier.chosen == 0) {
          s +=
              fmt::format("    never chosen: tier {} ({})\n", tier.id, span_line(rules, tier.span));
        }
        for (const TermCoverage& term : tier.terms) {
          if (const char* missing = missing_outcome(term)) {
            s += fmt::format("    {}: `{}` in tier {} ({})\n", missing, term.source, tier.id,
                             span_line(rules, term.span));
          }
        }
      }
    }
    for (const RowCoverage& row : t.rows) {
      if (row.chosen == 0) {
        s += fmt::format("    never chosen: row {} {} -> {} ({})\n", row.row + 1, row.text,
                         row.tier, span_line(rules, row.span));
      }
      for (const TermCoverage& cell : row.cells) {
        if (const char* missing = missing_outcome(cell)) {
          s += fmt::format("    {}: `{}` under `{}` in row {} ({})\n", missing, cell.cell,
                           cell.source, row.row + 1, span_line(rules, cell.span));
        }
      }
    }
  }
  return s;
}

std::string render_coverage_json(const std::vector<NamedCoverage>& all) {
  nlohmann::json out = nlohmann::json::array();
  for (const NamedCoverage& nc : all) {
    const Coverage& coverage = nc.recorder->coverage();
    const SourceManager& sources = nc.recorder->rules().sources();
    auto place = [&](nlohmann::json& j, const Span& span) {
      if (!span.valid()) return;
      const SourceFile& f = sources.file(span.file);
      const LineCol lc = f.line_col(span.begin);
      j["file"] = f.path();
      j["line"] = lc.line;
      j["column"] = lc.column;
    };
    auto outcomes = [&](const TermCoverage& term) {
      nlohmann::json tt;
      tt["source"] = term.source;
      if (!term.cell.empty()) tt["cell"] = term.cell;
      place(tt, term.span);
      tt["true"] = term.held;
      tt["false"] = term.failed;
      tt["unknown"] = term.unknown;
      tt["can_be_unknown"] = term.can_be_unknown;
      tt["covered"] = {{"true", term.held_covered()}, {"false", term.not_held_covered()}};
      return tt;
    };
    auto counts = [](nlohmann::json& j, const CoverageCount& c) {
      j["covered"] = c.covered;
      j["required"] = c.required;
      j["percent"] = c.percent();
    };
    nlohmann::json rs;
    rs["rules"] = nc.name;
    counts(rs, coverage.total());
    rs["tierings"] = nlohmann::json::array();
    for (const TieringCoverage& t : coverage.tierings) {
      nlohmann::json tj;
      tj["name"] = t.name;
      tj["form"] = t.form == TieringInfo::Form::Table     ? "table"
                   : t.form == TieringInfo::Form::Product ? "product"
                                                          : "tiers";
      counts(tj, t.total());
      tj["customers"] = t.customers;
      tj["no_tier"] = t.no_tier;
      tj["tiers"] = nlohmann::json::array();
      for (const TierCoverage& tier : t.tiers) {
        nlohmann::json x;
        x["id"] = tier.id;
        place(x, tier.span);
        x["otherwise"] = tier.otherwise;
        x["chosen"] = tier.chosen;
        x["terms"] = nlohmann::json::array();
        for (const TermCoverage& term : tier.terms) x["terms"].push_back(outcomes(term));
        tj["tiers"].push_back(std::move(x));
      }
      if (t.form == TieringInfo::Form::Table) {
        tj["rows"] = nlohmann::json::array();
        for (const RowCoverage& row : t.rows) {
          nlohmann::json x;
          x["row"] = row.row + 1;
          x["text"] = row.text;
          x["tier"] = row.tier;
          place(x, row.span);
          x["otherwise"] = row.otherwise;
          x["chosen"] = row.chosen;
          x["cells"] = nlohmann::json::array();
          for (const TermCoverage& cell : row.cells) x["cells"].push_back(outcomes(cell));
          tj["rows"].push_back(std::move(x));
        }
      }
      if (t.form == TieringInfo::Form::Product) tj["operands"] = t.operands;
      rs["tierings"].push_back(std::move(tj));
    }
    out.push_back(std::move(rs));
  }
  return nlohmann::json{{"rule_sets", out}}.dump(2) + "\n";
}

}  // namespace strata::cli
