// The `kpis` expectation of a test case: KPI values per group, compared exactly.
//
//   kpis:
//     repurchase: {all: 50%, top: 1, small: none}
//
// Groups are the tier ids of the KPI's `by` tiering, `all` for every customer and `none` for the
// customers without a tier; values are written as decimals (`0.5`, `50%`, `1_000`) or `none`.
#include "testing/expected_value.hpp"
#include "testing/suite_loader.hpp"

namespace strata::testfile {

namespace {

std::optional<int> find_group(SuiteContext& ctx, const KpiInfo& kpi, const Entry& e) {
  if (e.key == "all") return kAllCustomers;
  std::vector<std::string> ids{"all"};
  if (kpi.by >= 0) {
    const TieringInfo& t = ctx.rules.tierings()[static_cast<std::size_t>(kpi.by)];
    if (e.key == "none" && !t.has_otherwise) return kNoTier;
    for (std::size_t i = 0; i < t.tiers.size(); ++i) {
      if (t.tiers[i].id == e.key) return static_cast<int>(i);
      ids.push_back(t.tiers[i].id);
    }
    if (!t.has_otherwise) ids.push_back("none");
  }
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "`" : ", `") + id + "`";
  ctx.reader.unknown(e.where, "`" + kpi.name + "` has no group `" + e.key + "`", e.key, ids,
                     kpi.by >= 0 ? "the groups are " + list
                                 : "a KPI without `by` has one group, `all` (every customer)");
  return std::nullopt;
}

}  // namespace

void read_kpis(SuiteContext& ctx, const Entry& entry, TestCase& test) {
  const std::vector<KpiInfo>& kpis = ctx.rules.kpis();
  std::vector<std::string> names;
  for (const KpiInfo& k : kpis) names.push_back(k.name);
  for (const Entry& per_kpi : ctx.reader.entries(entry.value, "`kpis`", entry.where)) {
    std::optional<std::size_t> kpi;
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      if (kpis[k].name == per_kpi.key) kpi = k;
    }
    if (!kpi) {
      ctx.reader.unknown(per_kpi.where, "the rule set has no KPI `" + per_kpi.key + "`",
                         per_kpi.key, names);
      continue;
    }
    for (const Entry& e :
         ctx.reader.entries(per_kpi.value, "the values of a KPI per group", per_kpi.where)) {
      KpiExpectation x;
      x.kpi = *kpi;
      x.group_text = e.key;
      x.where = ctx.reader.at(e.value, e.where);
      const auto group = find_group(ctx, kpis[*kpi], e);
      const auto text = ctx.reader.scalar(e.value, "a KPI value", e.where);
      if (!group || !text) continue;
      x.group = *group;
      x.text = text->empty() ? "none" : *text;
      Value v;
      std::string reason;
      if (!parse_expected(ctx.model, Type::of(TypeKind::Decimal, true), *text, v, reason)) {
        ctx.reader.error(DiagCode::BadTestFile, x.where,
                         "`" + *text + "` is not a KPI value: " + reason,
                         "write an exact decimal such as `0.425`, `42.5%` or `none`");
        continue;
      }
      if (v.present) x.value = v.kind == ResultKind::Int ? Decimal::from_int(v.i) : v.d;
      test.kpis.push_back(std::move(x));
    }
  }
}

void check_kpis(const TestCase& test, const RuleSet& rules, const RunResult& result,
                std::vector<Mismatch>& out) {
  for (const KpiExpectation& x : test.kpis) {
    if (x.kpi >= result.kpis.size()) continue;
    const KpiInfo& info = rules.kpis()[x.kpi];
    std::optional<Decimal> got;
    for (const KpiGroupValue& g : result.kpis[x.kpi].groups) {
      if (g.tier == x.group) got = g.value;
    }
    if (got == x.value) continue;
    Mismatch m;
    m.what = "KPI " + info.name + " for " + x.group_text;
    m.expected = x.text;
    m.got = got ? got->to_string() + " (" + format_kpi_value(got, info.unit) + ")"
                : std::string("none");
    m.where = x.where;
    m.subject = Mismatch::Subject::Kpi;
    out.push_back(std::move(m));
  }
}

}  // namespace strata::testfile
