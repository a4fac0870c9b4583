// Running the operation, not only the classification: what a run remembers for the next one
// (RunState), who moved between tiers (TierChange), how each customer's service compares with its
// tier's SOP (ObligationResult, SopCompliance) and what to do about it (SopAction).
//
// A run given the previous run's state (RunOptions::previous) applies `hold` rules, fills
// `t.previous` / `t.since` / `t.changed`, reports tier changes and fires `on enter` / `on exit`
// actions; every run returns the state to keep (RunResult::state). Times are local wall-clock
// datetimes as in the data (seconds since 1970-01-01T00:00:00), dates are days since 1970-01-01.
// docs/sop.md describes the semantics and the JSON Lines forms the CLI writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata {

// ---- state
// ---------------------------------------------------------------------------------------

// One tiering of one customer after a run.
struct TierState {
  int tier = -1;            // index into TieringInfo::tiers; -1: no tier
  std::int64_t since = 0;   // the run date (days) at which the customer came into `tier`
  int pending = -1;         // while a hold keeps the customer: the tier the conditions gave
  std::int32_t streak = 0;  // consecutive runs below (< 0) or above (> 0) `tier`; 0 when settled
};

struct CustomerState {
  std::string key;
  std::int64_t seen = 0;         // the first run date (days) that saw the customer
  std::vector<TierState> tiers;  // per tiering, in declaration order
  // Per obligation (RuleSet::obligations() order): its status after the run, as SopStatus.
  std::vector<std::uint8_t> statuses;
};

struct RunState {
  static constexpr int kVersion = 1;
  std::string rules_hash;  // RuleSet::hash() of the rule set that wrote it
  std::int64_t as_of = 0;  // the run date (days) that wrote it
  // Whether the state had each tiering / obligation of the current rule set (a tiering new to
  // the rule set has no history: its first run with this state is a first run for it).
  std::vector<std::uint8_t> tiering_known;
  std::vector<std::uint8_t> obligation_known;
  std::vector<CustomerState> customers;  // in the order of the run that wrote it
};

struct StateReadOptions {
  // A tier the state names but the rule set no longer has: an error (E0406) by default; with
  // this set, customers in it are read as having had no tier.
  bool drop_removed_tiers = false;
};

// ---- tier changes
// ---------------------------------------------------------------------------------

// enter: from no tier to a tier; exit: from a tier to none (or the customer left the data);
// upgrade / downgrade: to a higher / lower tier, tiers being ordered as declared (first highest).
enum class ChangeKind : std::uint8_t { Enter, Exit, Upgrade, Downgrade };
std::string_view change_kind_name(ChangeKind kind);

struct TierChange {
  std::string key;
  std::size_t tiering = 0;
  ChangeKind kind = ChangeKind::Enter;
  int from = -1;  // tier indices; -1: none
  int to = -1;
};

// ---- SOPs
// -----------------------------------------------------------------------------------------

// ok: met, or not yet due; due_soon: open and inside the warning time; overdue: open past its
// deadline (or a cadence past its due time); violated: answered, but after the deadline.
enum class SopStatus : std::uint8_t { Ok, DueSoon, Overdue, Violated };
std::string_view sop_status_name(SopStatus status);

struct ObligationInfo {
  std::size_t sop = 0;
  std::size_t number = 0;  // 1-based within the SOP
  bool respond = true;     // respond ... within, else every ...
  std::string text;        // as written
};

struct SopInfo {
  std::string name;
  std::string label;
  bool all = false;
  std::vector<std::pair<std::size_t, std::size_t>> targets;  // (tiering, tier)
};

// One customer under one obligation.
struct ObligationResult {
  std::size_t row = 0;         // record row of the dataset
  std::size_t obligation = 0;  // index into RuleSet::obligations()
  SopStatus status = SopStatus::Ok;
  std::optional<std::int64_t> last;        // time of the last matching event
  std::optional<std::int64_t> due;         // the next deadline (open events; the cadence)
  std::optional<std::int64_t> overdue_by;  // seconds past the deadline (working time on a calendar)
  std::uint32_t events = 0;                // matching events up to the run's time
  std::uint32_t open = 0;                  // respond: not answered yet
  std::uint32_t late = 0;                  // respond: answered after the deadline
};

enum class ActionType : std::uint8_t { Task, Notify, ReleaseToPool };
std::string_view action_type_name(ActionType type);

struct SopAction {
  std::size_t row = 0;
  std::size_t sop = 0;
  ActionType type = ActionType::Task;
  std::string owner;                // empty for release to pool
  std::string message;              // interpolated
  std::optional<std::int64_t> due;  // tasks with `due`: the run's time plus that duration
  std::string reason;               // "enter rfm", "overdue: every 30d Touch ...", ...
};

// Per SOP and tier (tiering -1 for `for all`): customers under it and how many meet every
// obligation (no obligation overdue or violated), with the count of each status per obligation.
struct SopCompliance {
  std::size_t sop = 0;
  int tiering = -1;
  int tier = -1;
  std::uint64_t customers = 0;
  std::uint64_t compliant = 0;
};

}  // namespace strata
