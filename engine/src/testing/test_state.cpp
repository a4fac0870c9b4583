// A case's `state:`, the previous run its own run follows: a state file as `strata run --state`
// writes it, or the previous run written inline, as a business admin would describe it:
//
//   state:
//     as_of: 2026-10-28                        # the date of the previous run
//     customers:
//       - customer: S001
//         tiers: {service_level: vip}          # since the previous run, not held
//       - customer: S002
//         tiers:
//           service_level: {tier: vip, since: 2026-06-01, placed_lower: 1}
//         sop: {pool_recycle: overdue}         # statuses other than ok
//         seen: 2026-01-05
//
// The inline form builds the same RunState a state file gives: every obligation is known (one
// not listed was `ok`), and a tiering is known when some customer of the state has a tier in it
// (a tiering the state never mentions is new to it, as a tiering added to the rules would be, so
// its first run with this state reports no changes). A previous run that cannot have happened —
// a tier since after the run that saw it, a hold counter the tiering's `hold` rule would already
// have acted on — is E0606.
#include <algorithm>
#include <filesystem>

#include "api/params.hpp"
#include "sop/evaluate.hpp"
#include "strata/time.hpp"
#include "testing/suite_loader.hpp"

namespace strata::testfile {

namespace {

namespace fs = std::filesystem;

// A date of the state; nullopt (reported) when the value is not one.
std::optional<std::int64_t> read_date(SuiteContext& ctx, const Entry& e, std::string_view what) {
  const auto text = ctx.reader.scalar(e.value, what, e.where);
  if (!text) return std::nullopt;
  const auto date = timeutil::parse_date(*text);
  if (!date) {
    ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(e.value, e.where),
                     "`" + *text + "` is not a date", "write it as YYYY-MM-DD");
  }
  return date;
}

// A whole number of runs from 1 to 9999; nullopt (reported) otherwise.
std::optional<std::int32_t> read_runs(SuiteContext& ctx, const Entry& e) {
  const auto text = ctx.reader.scalar(e.value, "`" + e.key + "`", e.where);
  if (!text) return std::nullopt;
  const bool digits =
      !text->empty() && text->size() <= 4 &&
      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(*text) == 0) {
    ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(e.value, e.where),
                     "`" + *text + "` is not a number of runs",
                     "write how many consecutive runs the `hold` rule kept the customer, such as "
                     "`1`");
    return std::nullopt;
  }
  return std::stoi(*text);
}

class StateBuilder {
 public:
  StateBuilder(SuiteContext& ctx, std::optional<std::int64_t> run_date)
      : ctx_(ctx), model_(ctx.model), run_date_(run_date) {
    for (const SopSymbol& s : model_.sops) obligations_ += s.obligations.size();
  }

  std::shared_ptr<const RunState> build(const Entry& entry) {
    const Entry* customers = nullptr;
    // Kept here: `customers` points into it after the loop.
    const auto entries = ctx_.reader.keyed(entry.value, KeyLevel::State, "`state`", entry.where);
    for (const auto& [key, e] : entries) {
      if (key == TestKey::StateAsOf) {
        as_of_at_ = ctx_.reader.at(e.value, e.where);
        as_of_ = read_date(ctx_, e, "`as_of`");
      }
      if (key == TestKey::StateCustomers) customers = &e;
    }
    if (!entry.value.IsMap()) return nullptr;
    if (!as_of_at_) {
      ctx_.reader.error(DiagCode::BadTestFile, entry.where, "`state` has no `as_of`",
                        "add `as_of: YYYY-MM-DD`, the date of the previous run");
    } else if (as_of_ && run_date_ && *as_of_ >= *run_date_) {
      ctx_.reader.error(DiagCode::ImpossibleTestState, *as_of_at_,
                        "the previous run (" + timeutil::format_date(*as_of_) +
                            ") is not before this case's run (" +
                            timeutil::format_date(*run_date_) + ")",
                        "a state is what an earlier run left: give `as_of` a date before the "
                        "case's `as_of`");
    }
    if (!customers) {
      ctx_.reader.error(DiagCode::BadTestFile, entry.where, "`state` has no `customers`",
                        "list each customer as the previous run left it: `- customer: KEY` with "
                        "its `tiers:`");
      return nullptr;
    }
    state_.tiering_known.assign(model_.tierings.size(), 0);
    state_.obligation_known.assign(obligations_, 1);
    state_.as_of = as_of_.value_or(0);
    state_.rules_hash = "test";
    for (const YAML::Node& node :
         ctx_.reader.sequence(customers->value, "`customers` of `state`", customers->where)) {
      read_customer(node, customers->where);
    }
    if (ctx_.reader.failed()) return nullptr;
    return std::make_shared<const RunState>(std::move(state_));
  }

 private:
  void read_customer(const YAML::Node& node, const DataLocation& parent) {
    const DataLocation where = ctx_.reader.at(node, parent);
    CustomerState c;
    c.tiers.assign(model_.tierings.size(), TierState{});
    for (TierState& ts : c.tiers) ts.since = state_.as_of;
    c.seen = state_.as_of;
    c.statuses.assign(obligations_, 0);
    bool keyed = false;
    const auto entries = ctx_.reader.keyed(node, KeyLevel::StateCustomer, "a customer", where);
    for (const auto& [key, e] : entries) {
      switch (key) {
        case TestKey::StateCustomerKey:
          if (auto text = ctx_.reader.scalar(e.value, "`customer`", e.where)) {
            c.key = *text;
            keyed = !text->empty();
          }
          break;
        case TestKey::StateCustomerSeen:
          if (auto d = read_date(ctx_, e, "`seen`")) {
            c.seen = *d;
            if (as_of_ && *d > *as_of_) after_previous_run(e, "seen", *d);
          }
          break;
        case TestKey::StateCustomerTiers:
          for (const Entry& t : ctx_.reader.entries(e.value, "`tiers`", e.where)) read_tier(t, c);
          break;
        case TestKey::StateCustomerSop:
          for (const SopExpectation& x : read_sop_statuses(ctx_, e, false)) {
            if (!x.applies) {
              ctx_.reader.error(DiagCode::BadTestFile, x.where,
                                "a state keeps the statuses of the SOPs that applied",
                                "leave out the SOPs that did not apply to the customer");
              continue;
            }
            for (std::size_t o = 0; o < ctx_.rules.obligations().size(); ++o) {
              const bool match =
                  x.obligation ? *x.obligation == o : ctx_.rules.obligations()[o].sop == x.sop;
              if (match) c.statuses[o] = static_cast<std::uint8_t>(x.status);
            }
          }
          break;
        default:
          break;
      }
    }
    if (!node.IsMap()) return;
    if (!keyed) {
      ctx_.reader.error(DiagCode::BadTestFile, where, "this customer of `state` has no `customer`",
                        "add `customer: KEY`, the key of the customer the previous run saw");
      return;
    }
    const bool repeated = std::any_of(state_.customers.begin(), state_.customers.end(),
                                      [&](const CustomerState& o) { return o.key == c.key; });
    if (repeated) {
      ctx_.reader.error(DiagCode::BadTestFile, where,
                        "customer `" + c.key + "` is written twice in `state`", "keep one of them");
      return;
    }
    state_.customers.push_back(std::move(c));
  }

  // `TIERING: TIER`, or `TIERING: {tier: TIER, since: DATE, placed_lower: N}`.
  void read_tier(const Entry& e, CustomerState& c) {
    const auto t = find_tiering(ctx_, e);
    if (!t) return;
    TierState& ts = c.tiers[*t];
    std::optional<std::string> id;
    DataLocation id_at = ctx_.reader.at(e.value, e.where);
    std::optional<Entry> lower, higher;
    if (e.value.IsMap()) {
      for (const auto& [key, d] :
           ctx_.reader.keyed(e.value, KeyLevel::StateTier, "a tier of `state`", e.where)) {
        if (key == TestKey::StateTierTier) {
          id = ctx_.reader.scalar(d.value, "a tier id", d.where);
          id_at = ctx_.reader.at(d.value, d.where);
        }
        if (key == TestKey::StateTierSince) {
          if (auto since = read_date(ctx_, d, "`since`")) {
            ts.since = *since;
            if (as_of_ && *since > *as_of_) after_previous_run(d, "since", *since);
          }
        }
        if (key == TestKey::StateTierPlacedLower) lower = d;
        if (key == TestKey::StateTierPlacedHigher) higher = d;
      }
      if (!id) {
        ctx_.reader.error(DiagCode::BadTestFile, e.where,
                          "the tier of `" + e.key + "` is not given",
                          "add `tier: ID` (or write `" + e.key +
                              ": ID` when nothing else is "
                              "needed)");
        return;
      }
    } else {
      id = ctx_.reader.scalar(e.value, "a tier id", e.where);
    }
    std::optional<std::size_t> tier;
    if (!id || !find_tier(ctx_, *t, *id, id_at, tier)) return;
    ts.tier = tier ? static_cast<int>(*tier) : -1;
    state_.tiering_known[*t] = 1;
    if (lower && higher) {
      ctx_.reader.error(DiagCode::ImpossibleTestState, higher->where,
                        "a customer cannot have been placed both lower and higher",
                        "a run that places it the other way resets the count: keep one of them");
      return;
    }
    if (lower) hold_counter(*lower, *t, ts, true);
    if (higher) hold_counter(*higher, *t, ts, false);
  }

  // `placed_lower: N` / `placed_higher: N`: the hold rule kept the customer in its tier for N
  // consecutive runs whose conditions placed it lower / higher (the state's signed `streak`).
  void hold_counter(const Entry& e, std::size_t t, TierState& ts, bool lower) {
    const auto runs = read_runs(ctx_, e);
    if (!runs) return;
    const TieringSymbol& tiering = model_.tierings[t];
    const std::uint32_t needed = lower ? tiering.hold.demote : tiering.hold.promote;
    const char* rule = lower ? "hold demote" : "hold promote";
    const DataLocation at = ctx_.reader.at(e.value, e.where);
    if (needed <= 1) {
      ctx_.reader.error(
          DiagCode::ImpossibleTestState, e.where,
          "`" + tiering.name + "` has no `" + rule +
              "` rule, so no run kept a customer from moving",
          std::string("remove `") + e.key + "`, or add `" + rule + " N` to the tiering");
      return;
    }
    if (static_cast<std::uint32_t>(*runs) >= needed) {
      ctx_.reader.error(
          DiagCode::ImpossibleTestState, at,
          "with `" + std::string(rule) + " " + std::to_string(needed) + "`, " +
              std::to_string(*runs) + " run" + (*runs == 1 ? "" : "s") + " placing the customer " +
              (lower ? "lower" : "higher") + " would have moved it",
          "a held customer has been placed " + std::string(lower ? "lower" : "higher") +
              " at most " + std::to_string(needed - 1) + " time" + (needed == 2 ? "" : "s"));
      return;
    }
    const bool lowest =
        ts.tier < 0 ||
        (tiering.has_otherwise && static_cast<std::size_t>(ts.tier) + 1 == tiering.tiers.size());
    if ((lower && lowest) || (!lower && ts.tier == 0)) {
      ctx_.reader.error(
          DiagCode::ImpossibleTestState, e.where,
          "no tier of `" + tiering.name + "` is " + (lower ? "below" : "above") + " the customer's",
          std::string("remove `") + e.key + "`");
      return;
    }
    ts.streak = lower ? -*runs : *runs;
  }

  void after_previous_run(const Entry& e, const std::string& what, std::int64_t date) {
    ctx_.reader.error(DiagCode::ImpossibleTestState, ctx_.reader.at(e.value, e.where),
                      "`" + what + "` (" + timeutil::format_date(date) +
                          ") is after the previous run (" + timeutil::format_date(*as_of_) + ")",
                      "the previous run cannot know of a later date: write one on or before "
                      "`as_of`");
  }

  SuiteContext& ctx_;
  const Model& model_;
  std::optional<std::int64_t> run_date_;
  std::optional<std::int64_t> as_of_;
  std::optional<DataLocation> as_of_at_;
  std::size_t obligations_ = 0;
  RunState state_;
};

// The case's run date, as a run computes it: `as_of` when the rule set declares it, else today.
std::optional<std::int64_t> run_date_of(const SuiteContext& ctx, const RunOptions& options) {
  Diagnostics scratch;
  const auto params = api::resolve_params(ctx.model, options, scratch);
  if (!params) return std::nullopt;  // the parameters' problems are reported where they are
  return sop::run_clock(ctx.model, *params).run_date;
}

}  // namespace

std::shared_ptr<const RunState> read_state(SuiteContext& ctx, const Entry& entry,
                                           const RunOptions& options) {
  if (entry.value.IsMap()) return StateBuilder(ctx, run_date_of(ctx, options)).build(entry);
  const auto text = ctx.reader.scalar(entry.value, "`state`", entry.where);
  if (!text) return nullptr;
  const DataLocation at = ctx.reader.at(entry.value, entry.where);
  if (text->empty()) {
    ctx.reader.error(DiagCode::BadTestFile, at, "`state` names no state file",
                     "write the path of a state file (relative to the test file), or the previous "
                     "run inline: `as_of:` and `customers:`");
    return nullptr;
  }
  const std::string path = (ctx.folder / *text).lexically_normal().string();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    ctx.reader.error(DiagCode::BadTestFile, at, "there is no state file `" + path + "`",
                     "a state file is what `strata run --state FILE` leaves; the path is relative "
                     "to the test file");
    return nullptr;
  }
  auto state = ctx.rules.read_state(path, ctx.reader.diags());
  if (!state) {
    ctx.reader.mark_failed();  // read_state reported why, at the state file's line
    return nullptr;
  }
  return std::make_shared<const RunState>(std::move(*state));
}

}  // namespace strata::testfile
