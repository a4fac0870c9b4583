// run_test_suite: each case's whole population through RuleSet::run (after the case's previous
// run, when it gives one), then the expectations.
#include <algorithm>
#include <chrono>

#include "testing/expected_value.hpp"
#include "testing/sop_check.hpp"
#include "testing/suite_loader.hpp"

namespace strata {

namespace {

std::string tier_text(const TieringInfo& info, const Value& v) {
  if (!v.present) return "none";
  const auto i = static_cast<std::size_t>(v.i);
  return i < info.tiers.size() ? info.tiers[i].id : "?";
}

void check_case(const TestCase& test, const RuleSet& rules, CaseResult& out) {
  RunOptions options = test.options;
  options.previous = test.previous.get();
  for (const CustomerExpectation& c : test.customers) {
    for (const LetExpectation& l : c.lets) {
      if (std::find(options.columns.begin(), options.columns.end(), l.let) ==
          options.columns.end()) {
        options.columns.push_back(l.let);
      }
    }
  }
  options.threads = 1;  // a case is small; many cases run one after another
  options.kpis = !test.kpis.empty();
  RunResult result = rules.run(*test.data, options);
  if (!result.ok) {
    out.errors = std::move(result.diags);
    out.outcome = CaseOutcome::Failed;
    return;
  }
  const auto& tierings = rules.tierings();
  for (const CustomerExpectation& c : test.customers) {
    const std::size_t row = *test.data->find_key(c.key);
    std::optional<std::optional<Explanation>> explanation;
    const testfile::ExplainCustomer explain = [&]() -> const Explanation* {
      if (!explanation) {
        Diagnostics ignored;
        explanation = rules.explain(*test.data, c.key, options, ignored);
      }
      return *explanation ? &**explanation : nullptr;
    };
    for (const TierExpectation& t : c.tiers) {
      const Value got = result.tierings[t.tiering].at(row);
      const bool same =
          t.tier ? got.present && static_cast<std::size_t>(got.i) == *t.tier : !got.present;
      if (same) continue;
      Mismatch m;
      m.customer = c.key;
      m.what = "tier of " + tierings[t.tiering].name;
      m.expected = t.text;
      m.got = tier_text(tierings[t.tiering], got);
      m.where = t.where;
      if (const Explanation* e = explain()) {
        for (const TieringExplanation& te : e->tierings) {
          if (te.tiering == t.tiering) m.decided = te;
        }
      }
      out.mismatches.push_back(std::move(m));
    }
    for (const LetExpectation& l : c.lets) {
      const auto column = std::find_if(result.lets.begin(), result.lets.end(),
                                       [&](const ResultColumn& rc) { return rc.name == l.let; });
      if (column == result.lets.end()) continue;
      Value expected = l.value;
      expected.kind = column->kind;
      const Value got = column->at(row);
      if (testfile::same_value(expected, got)) continue;
      Mismatch m;
      m.subject = Mismatch::Subject::Let;
      m.customer = c.key;
      m.what = "let " + l.let;
      m.expected = l.text;
      m.got = got.to_display();
      m.where = l.where;
      out.mismatches.push_back(std::move(m));
    }
    testfile::check_sops(rules, result, c, row, explain, out.mismatches);
    testfile::check_actions(result, c, row, out.mismatches);
  }
  for (const CountExpectation& x : test.counts) {
    const std::vector<std::uint64_t>& counts = result.counts[x.tiering];
    std::uint64_t got = x.tier ? 0 : counts.back();
    // A tier with sub-tiers counts its whole subtree, as the run summary does.
    if (x.tier) {
      for (std::size_t i = *x.tier; i < tierings[x.tiering].tiers[*x.tier].end; ++i) {
        got += counts[i];
      }
    }
    if (got == x.count) continue;
    const TieringInfo& info = tierings[x.tiering];
    Mismatch m;
    m.subject = Mismatch::Subject::Count;
    m.what = "customers in " + info.name + "." + (x.tier ? info.tiers[*x.tier].id : "none");
    m.expected = std::to_string(x.count);
    m.got = std::to_string(got);
    m.where = x.where;
    out.mismatches.push_back(std::move(m));
  }
  testfile::check_kpis(test, rules, result, out.mismatches);
  out.outcome = out.mismatches.empty() ? CaseOutcome::Passed : CaseOutcome::Failed;
}

}  // namespace

std::size_t SuiteResult::count(CaseOutcome outcome) const {
  return static_cast<std::size_t>(std::count_if(
      cases.begin(), cases.end(), [&](const CaseResult& c) { return c.outcome == outcome; }));
}

SuiteResult run_test_suite(const TestSuite& suite, const RuleSet& rules,
                           CoverageRecorder* coverage) {
  SuiteResult out;
  for (const TestCase& test : suite.cases) {
    const auto start = std::chrono::steady_clock::now();
    CaseResult r;
    r.test = &test;
    if (test.skip) {
      r.outcome = CaseOutcome::Skipped;
    } else {
      check_case(test, rules, r);
      if (coverage && r.errors.empty()) {
        Diagnostics diags;
        RunOptions options = test.options;
        options.previous = test.previous.get();
        if (!coverage->record(*test.data, options, diags)) {
          r.errors = std::move(diags);
          r.outcome = CaseOutcome::Failed;
        }
      }
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.cases.push_back(std::move(r));
  }
  return out;
}

}  // namespace strata
