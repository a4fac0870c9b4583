// Expectations of a case, checked against the rule set and the case's population:
//
//   expect:
//     - customer: C1
//       tiers: {pyramid: top, rfm: important_value}
//       lets: {monetary: 100000.00, recency: none}
//   counts:
//     pyramid: {top: 1, small: 3}
#include <algorithm>

#include "testing/expected_value.hpp"
#include "testing/suite_loader.hpp"

namespace strata::testfile {

namespace {

std::vector<std::string> tiering_names(const RuleSet& rules) {
  std::vector<std::string> names;
  for (const TieringInfo& t : rules.tierings()) names.push_back(t.name);
  return names;
}

// The tiering named by an entry's key; nullopt (reported) when there is none.
std::optional<std::size_t> find_tiering(SuiteContext& ctx, const Entry& e) {
  const auto& tierings = ctx.rules.tierings();
  for (std::size_t t = 0; t < tierings.size(); ++t) {
    if (tierings[t].name == e.key) return t;
  }
  ctx.reader.unknown(e.where, "the rule set has no tiering `" + e.key + "`", e.key,
                     tiering_names(ctx.rules));
  return std::nullopt;
}

// A tier id of `tiering`, or `none`; false (reported) for an unknown id.
bool find_tier(SuiteContext& ctx, std::size_t tiering, const std::string& id,
               const DataLocation& where, std::optional<std::size_t>& out) {
  const TieringInfo& info = ctx.rules.tierings()[tiering];
  out.reset();
  if (id.empty() || id == "none") return true;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < info.tiers.size(); ++i) {
    if (info.tiers[i].id == id) {
      out = i;
      return true;
    }
    ids.push_back(info.tiers[i].id);
  }
  std::string help = "the tiers of `" + info.name + "` are:";
  for (const std::string& t : ids) help += " " + t;
  help += ", and `none` for no tier";
  ctx.reader.unknown(where, "tiering `" + info.name + "` has no tier `" + id + "`", id, ids, help);
  return false;
}

void read_tiers(SuiteContext& ctx, const Entry& entry, CustomerExpectation& out) {
  for (const Entry& e : ctx.reader.entries(entry.value, "`tiers`", entry.where)) {
    const auto t = find_tiering(ctx, e);
    const auto id = ctx.reader.scalar(e.value, "a tier id", e.where);
    if (!t || !id) continue;
    TierExpectation x;
    x.tiering = *t;
    x.text = id->empty() ? "none" : *id;
    x.where = ctx.reader.at(e.value, e.where);
    if (find_tier(ctx, *t, *id, x.where, x.tier)) out.tiers.push_back(std::move(x));
  }
}

void read_lets(SuiteContext& ctx, const Entry& entry, CustomerExpectation& out) {
  for (const Entry& e : ctx.reader.entries(entry.value, "`lets`", entry.where)) {
    const auto text = ctx.reader.scalar(e.value, "a let value", e.where);
    if (!text) continue;
    const auto id = ctx.model.find_let(e.key);
    if (!id) {
      ctx.reader.unknown(e.where, "the rule set has no let `" + e.key + "`", e.key,
                         ctx.rules.let_names());
      continue;
    }
    LetExpectation x;
    x.let = e.key;
    x.text = text->empty() ? "none" : *text;
    x.where = ctx.reader.at(e.value, e.where);
    std::string reason;
    if (!parse_expected(ctx.model, ctx.model.lets[*id].type, *text, x.value, reason)) {
      ctx.reader.error(DiagCode::BadTestFile, x.where, reason + " (the type of `" + e.key + "`)",
                       "write the value as it would appear in a data file, or `none`");
      continue;
    }
    out.lets.push_back(std::move(x));
  }
}

// The keys of a small population, for "did you mean".
std::vector<std::string> keys_of(const Dataset& data) {
  std::vector<std::string> keys;
  if (data.size() > 10'000) return keys;
  for (std::size_t r = 0; r < data.size(); ++r) keys.push_back(data.key_text(r));
  return keys;
}

}  // namespace

void read_expectations(SuiteContext& ctx, const Entry& entry, const Dataset& data, TestCase& test) {
  std::vector<std::string> keys;
  for (const YAML::Node& node : ctx.reader.sequence(entry.value, "`expect`", entry.where)) {
    CustomerExpectation x;
    x.where = ctx.reader.at(node, entry.where);
    const auto entries = ctx.reader.keyed(node, KeyLevel::Expect, "an expectation", x.where);
    bool has_key = false;
    for (const auto& [key, e] : entries) {
      if (key != TestKey::ExpectCustomer) continue;
      const auto text = ctx.reader.scalar(e.value, "`customer`", e.where);
      if (!text) continue;
      has_key = true;
      x.key = *text;
      if (!data.find_key(x.key)) {
        if (keys.empty()) keys = keys_of(data);
        ctx.reader.unknown(ctx.reader.at(e.value, e.where),
                           "no customer `" + x.key + "` in this case's population", x.key, keys);
        has_key = false;
      }
    }
    if (!node.IsMap()) continue;
    if (!has_key) {
      if (std::none_of(entries.begin(), entries.end(),
                       [](const auto& p) { return p.first == TestKey::ExpectCustomer; })) {
        ctx.reader.error(DiagCode::BadTestFile, x.where, "this expectation names no `customer`",
                         "add `customer: KEY` with the key of one of the case's customers");
      }
      continue;
    }
    bool expects = false;
    for (const auto& [key, e] : entries) {
      if (key == TestKey::ExpectTiers) read_tiers(ctx, e, x);
      if (key == TestKey::ExpectLets) read_lets(ctx, e, x);
      expects = expects || key == TestKey::ExpectTiers || key == TestKey::ExpectLets;
    }
    if (!expects) {
      ctx.reader.error(DiagCode::BadTestFile, x.where,
                       "the expectation for `" + x.key + "` expects nothing",
                       "add `tiers:` or `lets:`");
      continue;
    }
    if (!x.tiers.empty() || !x.lets.empty()) test.customers.push_back(std::move(x));
  }
}

void read_counts(SuiteContext& ctx, const Entry& entry, TestCase& test) {
  for (const Entry& per_tiering : ctx.reader.entries(entry.value, "`counts`", entry.where)) {
    const auto t = find_tiering(ctx, per_tiering);
    if (!t) continue;
    for (const Entry& e :
         ctx.reader.entries(per_tiering.value, "the counts of a tiering", per_tiering.where)) {
      CountExpectation x;
      x.tiering = *t;
      x.where = ctx.reader.at(e.value, e.where);
      if (!find_tier(ctx, *t, e.key, e.where, x.tier)) continue;
      const auto text = ctx.reader.scalar(e.value, "a count", e.where);
      if (!text) continue;
      std::uint64_t n = 0;
      bool digits = !text->empty() && text->size() <= 18;
      for (char c : *text) {
        digits = digits && c >= '0' && c <= '9';
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
      }
      if (!digits) {
        ctx.reader.error(DiagCode::BadTestFile, x.where,
                         "`" + *text + "` is not a number of customers",
                         "write a whole number such as `3`");
        continue;
      }
      x.count = n;
      test.counts.push_back(x);
    }
  }
}

}  // namespace strata::testfile
