// diff_rule_sets: both versions run once over all customers; the moved ones are counted in a
// matrix per tiering, and the first few by key are explained in each version.
#include "strata/diff.hpp"

#include <algorithm>
#include <map>

namespace strata {

namespace {

std::string tier_id(const TieringInfo& info, const ResultColumn& column, std::size_t row) {
  if (!column.present[row]) return "none";
  return info.tiers[static_cast<std::size_t>(column.ints[row])].id;
}

std::size_t tier_slot(const TieringInfo& info, const ResultColumn& column, std::size_t row) {
  return column.present[row] ? static_cast<std::size_t>(column.ints[row]) : info.tiers.size();
}

std::vector<std::string> tier_ids(const TieringInfo& info) {
  std::vector<std::string> ids;
  for (const TierInfo& t : info.tiers) ids.push_back(t.id);
  ids.push_back("none");
  return ids;
}

std::optional<std::size_t> find_tiering(const RuleSet& rules, const std::string& name) {
  const auto& all = rules.tierings();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
  }
  return std::nullopt;
}

// For every row of the old data, the row of the same customer in the new data.
std::optional<std::vector<std::size_t>> match_rows(const Dataset& old_data, const Dataset& new_data,
                                                   Diagnostics& diags) {
  std::vector<std::size_t> rows(old_data.size());
  bool same_order = old_data.size() == new_data.size();
  for (std::size_t r = 0; same_order && r < old_data.size(); ++r) {
    same_order = old_data.key_text(r) == new_data.key_text(r);
    rows[r] = r;
  }
  if (same_order) return rows;
  for (std::size_t r = 0; r < old_data.size(); ++r) {
    const std::string key = old_data.key_text(r);
    const auto found = new_data.find_key(key);
    if (!found) {
      diags
          .data_error(DiagCode::VersionDataMismatch, DataLocation{},
                      "customer `" + key + "` is in the data of the old version only")
          .help("compare both versions on the same data files");
      return std::nullopt;
    }
    rows[r] = *found;
  }
  if (old_data.size() != new_data.size()) {
    diags
        .data_error(DiagCode::VersionDataMismatch, DataLocation{},
                    "the new version's data has " + std::to_string(new_data.size()) +
                        " customers, the old version's " + std::to_string(old_data.size()))
        .help("compare both versions on the same data files");
    return std::nullopt;
  }
  return rows;
}

// Explanations of a few customers in one version, each computed once.
class Explainer {
 public:
  Explainer(const RuleSet& rules, const Dataset& data, const RunOptions& options)
      : rules_(rules), data_(data), options_(options) {}
  std::optional<TieringExplanation> decision(const std::string& key, std::size_t tiering) {
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      Diagnostics ignored;
      it = cache_.emplace(key, rules_.explain(data_, key, options_, ignored)).first;
    }
    if (!it->second) return std::nullopt;
    for (const TieringExplanation& te : it->second->tierings) {
      if (te.tiering == tiering) return te;
    }
    return std::nullopt;
  }

 private:
  const RuleSet& rules_;
  const Dataset& data_;
  const RunOptions& options_;
  std::map<std::string, std::optional<Explanation>> cache_;
};

}  // namespace

std::optional<DiffReport> diff_rule_sets(const RuleSet& old_rules, const Dataset& old_data,
                                         const RuleSet& new_rules, const Dataset& new_data,
                                         const DiffOptions& options, Diagnostics& diags) {
  const auto rows = match_rows(old_data, new_data, diags);
  if (!rows) return std::nullopt;
  // A failed run's diagnostics point into that version's sources: they replace `diags` whole, so
  // that they render against the right files.
  const bool kpis = !old_rules.kpis().empty() || !new_rules.kpis().empty();
  RunOptions old_options = options.old_options;
  RunOptions new_options = options.new_options;
  old_options.kpis = new_options.kpis = kpis;
  RunResult old_run = old_rules.run(old_data, old_options);
  if (!old_run.ok) {
    diags = std::move(old_run.diags);
    return std::nullopt;
  }
  RunResult new_run = new_rules.run(new_data, new_options);
  if (!new_run.ok) {
    diags = std::move(new_run.diags);
    return std::nullopt;
  }

  DiffReport report;
  report.customers = old_data.size();
  if (kpis) {
    report.new_kpis = kpi_rows(new_rules, new_run.kpis);
    report.kpis = compare_kpis(kpi_rows(old_rules, old_run.kpis), report.new_kpis);
  }
  std::vector<std::uint8_t> moved_any(old_data.size(), 0);
  Explainer old_explainer(old_rules, old_data, options.old_options);
  Explainer new_explainer(new_rules, new_data, options.new_options);

  for (std::size_t nt = 0; nt < new_rules.tierings().size(); ++nt) {
    const TieringInfo& info = new_rules.tierings()[nt];
    TieringDiff d;
    d.name = info.name;
    d.label = info.label;
    d.new_index = nt;
    d.to_tiers = tier_ids(info);
    d.old_index = find_tiering(old_rules, info.name);
    const ResultColumn& after = new_run.tierings[nt];
    if (!d.old_index) {
      d.presence = TieringPresence::OnlyNew;
      d.counts = new_run.counts[nt];
      report.tierings.push_back(std::move(d));
      continue;
    }
    const TieringInfo& old_info = old_rules.tierings()[*d.old_index];
    const ResultColumn& before = old_run.tierings[*d.old_index];
    d.from_tiers = tier_ids(old_info);
    d.matrix.assign(d.from_tiers.size(), std::vector<std::uint64_t>(d.to_tiers.size(), 0));
    std::vector<std::size_t> moved_rows;
    for (std::size_t r = 0; r < old_data.size(); ++r) {
      const std::size_t nr = (*rows)[r];
      ++d.matrix[tier_slot(old_info, before, r)][tier_slot(info, after, nr)];
      if (tier_id(old_info, before, r) != tier_id(info, after, nr)) {
        ++d.moved;
        moved_any[r] = 1;
        moved_rows.push_back(r);
      }
    }
    // The first N moved customers by key, so the sample does not depend on the data's order.
    std::vector<std::pair<std::string, std::size_t>> keyed;
    for (std::size_t r : moved_rows) keyed.emplace_back(old_data.key_text(r), r);
    const std::size_t n = std::min(options.sample, keyed.size());
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(n), keyed.end());
    for (std::size_t i = 0; i < n; ++i) {
      const auto& [key, r] = keyed[i];
      MovedCustomer m;
      m.key = key;
      m.from = tier_id(old_info, before, r);
      m.to = tier_id(info, after, (*rows)[r]);
      m.old_decision = old_explainer.decision(key, *d.old_index);
      m.new_decision = new_explainer.decision(key, nt);
      d.sample.push_back(std::move(m));
    }
    report.tierings.push_back(std::move(d));
  }
  for (std::size_t ot = 0; ot < old_rules.tierings().size(); ++ot) {
    const TieringInfo& info = old_rules.tierings()[ot];
    if (find_tiering(new_rules, info.name)) continue;
    TieringDiff d;
    d.name = info.name;
    d.label = info.label;
    d.presence = TieringPresence::OnlyOld;
    d.old_index = ot;
    d.from_tiers = tier_ids(info);
    d.counts = old_run.counts[ot];
    report.tierings.push_back(std::move(d));
  }
  report.moved = static_cast<std::uint64_t>(std::count(moved_any.begin(), moved_any.end(), 1));
  return report;
}

}  // namespace strata
