// check_sops and check_actions: a customer's obligation results and actions against a test's
// expectations (sop_check.hpp).
#include <algorithm>

#include "strata/time.hpp"
#include "testing/sop_check.hpp"

namespace strata::testfile {

namespace {

// `vip_service#1 `respond Touch where kind == ticket within 1h on workdays``
std::string obligation_label(const RuleSet& rules, std::size_t o) {
  const ObligationInfo& info = rules.obligations()[o];
  return rules.sops()[info.sop].name + "#" + std::to_string(info.number) + " `" + info.text + "`";
}

// The results of record `row`: runs give them per customer in data order.
std::pair<const ObligationResult*, const ObligationResult*> results_of(const RunResult& result,
                                                                       std::size_t row) {
  const auto& all = result.obligations;
  const auto lo =
      std::lower_bound(all.begin(), all.end(), row,
                       [](const ObligationResult& r, std::size_t v) { return r.row < v; });
  auto hi = lo;
  while (hi != all.end() && hi->row == row) ++hi;
  return {all.data() + (lo - all.begin()), all.data() + (hi - all.begin())};
}

// How the customer's tier was decided in each tiering the SOP is for.
std::vector<TieringExplanation> scope_of(const RuleSet& rules, std::size_t sop,
                                         const ExplainCustomer& explain) {
  std::vector<TieringExplanation> out;
  const Explanation* e = rules.sops()[sop].all ? nullptr : explain();
  if (!e) return out;
  for (const auto& [tiering, tier] : rules.sops()[sop].targets) {
    (void)tier;
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&, t = tiering](const auto& te) { return te.tiering == t; });
    if (seen) continue;
    for (const TieringExplanation& te : e->tierings) {
      if (te.tiering == tiering) out.push_back(te);
    }
  }
  return out;
}

bool same_time(const ExpectedTime& want, const std::optional<std::int64_t>& got,
               std::int64_t base = 0) {
  if (want.none) return !got;
  return got && *got == base + want.value;
}

}  // namespace

void check_sops(const RuleSet& rules, const RunResult& result, const CustomerExpectation& c,
                std::size_t row, const ExplainCustomer& explain, std::vector<Mismatch>& out) {
  const auto [begin, end] = results_of(result, row);
  auto result_for = [&, b = begin, e = end](std::size_t o) -> const ObligationResult* {
    for (const ObligationResult* r = b; r != e; ++r) {
      if (r->obligation == o) return r;
    }
    return nullptr;
  };
  for (const SopExpectation& x : c.sops) {
    const std::string& sop = rules.sops()[x.sop].name;
    std::vector<std::size_t> obligations;
    for (std::size_t o = 0; o < rules.obligations().size(); ++o) {
      if (x.obligation ? o == *x.obligation : rules.obligations()[o].sop == x.sop) {
        obligations.push_back(o);
      }
    }
    // An SOP applies with all its obligations or not at all.
    std::string statuses;
    for (std::size_t o = 0; o < rules.obligations().size(); ++o) {
      if (rules.obligations()[o].sop != x.sop) continue;
      if (const ObligationResult* r = result_for(o)) {
        statuses += (statuses.empty() ? "" : ", ") + std::to_string(rules.obligations()[o].number) +
                    ": " + std::string(sop_status_name(r->status));
      }
    }
    const bool under = !statuses.empty();
    if (under != x.applies) {
      Mismatch m;
      m.subject = Mismatch::Subject::SopScope;
      m.customer = c.key;
      m.what = x.obligation ? obligation_label(rules, *x.obligation) : "SOP " + sop;
      m.expected = x.text;
      m.got = under ? "under the SOP (" + statuses + ")" : "none";
      m.where = x.where;
      m.sop = x.sop;
      m.scope = scope_of(rules, x.sop, explain);
      out.push_back(std::move(m));
      continue;
    }
    if (!under) continue;
    for (std::size_t o : obligations) {
      const ObligationResult& r = *result_for(o);
      auto mismatch = [&](std::string what, std::string expected, std::string got,
                          const DataLocation& where) {
        Mismatch m;
        m.subject = Mismatch::Subject::Obligation;
        m.customer = c.key;
        m.what = std::move(what);
        m.expected = std::move(expected);
        m.got = std::move(got);
        m.where = where;
        m.obligation = r;
        out.push_back(std::move(m));
      };
      if (r.status != x.status) {
        mismatch(obligation_label(rules, o), x.text, std::string(sop_status_name(r.status)),
                 x.where);
      }
      if (x.due && !same_time(*x.due, r.due)) {
        mismatch("due of " + obligation_label(rules, o), x.due->text,
                 r.due ? timeutil::format_datetime(*r.due) : "none", x.due->where);
      }
      if (x.overdue_by && !same_time(*x.overdue_by, r.overdue_by)) {
        mismatch("overdue_by of " + obligation_label(rules, o), x.overdue_by->text,
                 r.overdue_by ? timeutil::format_duration(*r.overdue_by) : "none",
                 x.overdue_by->where);
      }
    }
  }
}

namespace {

bool matches(const ActionExpectation& x, const SopAction& a, std::int64_t now) {
  if (x.type != a.type) return false;
  if (x.sop && *x.sop != a.sop) return false;
  if (x.owner && *x.owner != a.owner) return false;
  if (x.message && *x.message != a.message) return false;
  if (x.message_contains && a.message.find(*x.message_contains) == std::string::npos) {
    return false;
  }
  return !x.due || same_time(*x.due, a.due, x.due->from_run ? now : 0);
}

// Kuhn's augmenting paths: assigns expected action `x` to an actual one, moving earlier
// assignments where that frees a match, so that the order of the expectations does not matter.
bool assign(std::size_t x, const std::vector<std::vector<std::uint8_t>>& fits,
            std::vector<int>& actual_of, std::vector<std::uint8_t>& visited) {
  for (std::size_t a = 0; a < actual_of.size(); ++a) {
    if (!fits[x][a] || visited[a]) continue;
    visited[a] = 1;
    if (actual_of[a] < 0 ||
        assign(static_cast<std::size_t>(actual_of[a]), fits, actual_of, visited)) {
      actual_of[a] = static_cast<int>(x);
      return true;
    }
  }
  return false;
}

}  // namespace

void check_actions(const RunResult& result, const CustomerExpectation& c, std::size_t row,
                   std::vector<Mismatch>& out) {
  if (!c.check_actions) return;
  std::vector<SopAction> got;
  for (const SopAction& a : result.actions) {
    if (a.row == row) got.push_back(a);
  }
  std::vector<std::vector<std::uint8_t>> fits(c.actions.size(),
                                              std::vector<std::uint8_t>(got.size(), 0));
  for (std::size_t x = 0; x < c.actions.size(); ++x) {
    for (std::size_t a = 0; a < got.size(); ++a)
      fits[x][a] = matches(c.actions[x], got[a], result.now);
  }
  std::vector<int> actual_of(got.size(), -1);
  std::vector<std::uint8_t> matched(c.actions.size(), 0);
  for (std::size_t x = 0; x < c.actions.size(); ++x) {
    std::vector<std::uint8_t> visited(got.size(), 0);
    assign(x, fits, actual_of, visited);
  }
  for (int x : actual_of) {
    if (x >= 0) matched[static_cast<std::size_t>(x)] = 1;
  }
  for (std::size_t x = 0; x < c.actions.size(); ++x) {
    if (matched[x]) continue;
    Mismatch m;
    m.subject = Mismatch::Subject::Action;
    m.customer = c.key;
    m.what = "action";
    m.expected = c.actions[x].text;
    m.got = got.empty() ? "no actions" : "no action like it";
    m.where = c.actions[x].where;
    m.actions = got;
    out.push_back(std::move(m));
  }
  // An expected action that is missing already shows every action the customer got.
  const bool missing = std::find(matched.begin(), matched.end(), 0) != matched.end();
  if (!c.actions_exact || missing) return;
  std::vector<SopAction> extra;
  for (std::size_t a = 0; a < got.size(); ++a) {
    if (actual_of[a] < 0) extra.push_back(got[a]);
  }
  if (extra.empty()) return;
  auto count = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " action" : " actions"); };
  Mismatch m;
  m.subject = Mismatch::Subject::ExtraAction;
  m.customer = c.key;
  m.what = "actions";
  m.expected = count(c.actions.size());
  m.got = count(got.size());
  m.where = c.actions_where;
  m.actions = std::move(extra);
  out.push_back(std::move(m));
}

}  // namespace strata::testfile
