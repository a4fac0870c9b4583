// Expectations of a customer's SOP statuses and actions, checked against the rule set:
//
//   sop:
//     vip_service: {1: violated, 2: overdue}         # obligations by their number in the SOP
//     pool_recycle: {status: overdue, due: 2026-10-01}
//     automated: none                                # the SOP does not apply
//   actions:                                         # exactly these, in any order
//     - {kind: task, sop: vip_service, owner: 李娜, message_contains: 高层拜访, due: 7d}
//     - release_to_pool
//
// Obligations are numbered as in the status file and `strata run --explain` (`vip_service#2`):
// the N-th written in the SOP. `SOP: STATUS` expects the status of every obligation of the SOP.
#include <algorithm>

#include "strata/time.hpp"
#include "testing/suite_loader.hpp"

namespace strata::testfile {

namespace {

constexpr SopStatus kStatuses[] = {SopStatus::Ok, SopStatus::DueSoon, SopStatus::Overdue,
                                   SopStatus::Violated};

std::vector<std::string> sop_names(const RuleSet& rules) {
  std::vector<std::string> names;
  for (const SopInfo& s : rules.sops()) names.push_back(s.name);
  return names;
}

// The SOP named `name`; nullopt (reported at `where`) when the rule set has none.
std::optional<std::size_t> find_sop(SuiteContext& ctx, const std::string& name,
                                    const DataLocation& where) {
  const auto& sops = ctx.rules.sops();
  for (std::size_t s = 0; s < sops.size(); ++s) {
    if (sops[s].name == name) return s;
  }
  const std::string help = sops.empty() ? "the rule set has no SOPs" : std::string();
  ctx.reader.unknown(where, "the rule set has no SOP `" + name + "`", name, sop_names(ctx.rules),
                     help);
  return std::nullopt;
}

// The obligations of SOP `sop`, as indices into RuleSet::obligations().
std::vector<std::size_t> obligations_of(const RuleSet& rules, std::size_t sop) {
  std::vector<std::size_t> out;
  for (std::size_t o = 0; o < rules.obligations().size(); ++o) {
    if (rules.obligations()[o].sop == sop) out.push_back(o);
  }
  return out;
}

std::string obligations_help(const RuleSet& rules, std::size_t sop) {
  std::string help = "the obligations of `" + rules.sops()[sop].name + "` are:";
  for (std::size_t o : obligations_of(rules, sop)) {
    const ObligationInfo& info = rules.obligations()[o];
    help += " " + std::to_string(info.number) + " `" + info.text + "`;";
  }
  help.back() = '.';
  return help;
}

// A status, or `none` (the SOP does not apply); false (reported) otherwise.
bool parse_status(SuiteContext& ctx, const std::string& text, const DataLocation& where,
                  SopExpectation& out) {
  if (text == "none") {
    out.applies = false;
    return true;
  }
  std::vector<std::string> names;
  for (SopStatus s : kStatuses) {
    names.emplace_back(sop_status_name(s));
    if (names.back() == text) {
      out.status = s;
      return true;
    }
  }
  std::string help =
      "an obligation's status is ok, due_soon, overdue or violated; `none` when the SOP does not "
      "apply to the customer";
  if (auto near = closest_name(text, names)) help = "did you mean `" + *near + "`?";
  ctx.reader.error(DiagCode::BadTestFile, where,
                   "`" + (text.empty() ? std::string("~") : text) + "` is not an SOP status", help);
  return false;
}

// A time of an obligation or action, or `none`: `parse` gives its seconds, and `what` and `how`
// say what was expected when it does not parse.
template <class Parse>
std::optional<ExpectedTime> read_expected_time(SuiteContext& ctx, const Entry& e, Parse parse,
                                               const char* what, const char* how) {
  const auto text = ctx.reader.scalar(e.value, "`" + e.key + "`", e.where);
  if (!text) return std::nullopt;
  ExpectedTime t;
  t.text = text->empty() ? "none" : *text;
  t.where = ctx.reader.at(e.value, e.where);
  if (t.text == "none") {
    t.none = true;
    return t;
  }
  if (const std::optional<std::int64_t> v = parse(*text)) {
    t.value = *v;
    return t;
  }
  ctx.reader.error(DiagCode::BadTestFile, t.where, "`" + *text + "` is not " + what, how);
  return std::nullopt;
}

// A date or datetime (a date is its 00:00), or `none`.
std::optional<ExpectedTime> read_time(SuiteContext& ctx, const Entry& e) {
  auto parse = [](const std::string& text) -> std::optional<std::int64_t> {
    if (auto dt = timeutil::parse_datetime(text)) return dt;
    if (auto d = timeutil::parse_date(text)) return *d * timeutil::kSecondsPerDay;
    return std::nullopt;
  };
  return read_expected_time(ctx, e, parse, "a date or datetime",
                            "write it as YYYY-MM-DDTHH:MM:SS (or YYYY-MM-DD for 00:00), or `none`");
}

// A duration (`22h`, `1d 2h 30min`), or `none`.
std::optional<ExpectedTime> read_duration(SuiteContext& ctx, const Entry& e) {
  auto parse = [](const std::string& text) { return timeutil::parse_duration(text); };
  return read_expected_time(ctx, e, parse, "a duration",
                            "write it as in rules: `30min`, `22h`, `35d`, or several parts largest "
                            "first (`1d 2h 30min`); `none` when there is none");
}

// `{status: ..., due: ..., overdue_by: ...}` for one obligation (or every obligation of the SOP).
bool read_details(SuiteContext& ctx, const Entry& e, SopExpectation& x) {
  bool has_status = false;
  for (const auto& [key, d] :
       ctx.reader.keyed(e.value, KeyLevel::Obligation, "an obligation of `sop`", e.where)) {
    if (key == TestKey::ObligationStatus) {
      const auto text = ctx.reader.scalar(d.value, "`status`", d.where);
      if (!text) continue;
      x.text = *text;
      x.where = ctx.reader.at(d.value, d.where);
      has_status = parse_status(ctx, *text, x.where, x);
    }
    if (key == TestKey::ObligationDue) x.due = read_time(ctx, d);
    if (key == TestKey::ObligationOverdueBy) x.overdue_by = read_duration(ctx, d);
  }
  if (!has_status) {
    ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(e.value, e.where),
                     "the status of `" + e.key + "` is not given",
                     "add `status:` (ok, due_soon, overdue or violated)");
    return false;
  }
  if (!x.applies && (x.due || x.overdue_by)) {
    ctx.reader.error(DiagCode::BadTestFile, x.where,
                     "an SOP that does not apply has no deadline to check",
                     "remove `due` and `overdue_by`, or expect a status");
    return false;
  }
  return true;
}

// One obligation (or, with `obligation` nullopt, every obligation of `sop`): a status, or with
// `details` the mapping of its status and times.
void read_obligation(SuiteContext& ctx, const Entry& e, std::size_t sop,
                     std::optional<std::size_t> obligation, bool details,
                     std::vector<SopExpectation>& out) {
  SopExpectation x;
  x.sop = sop;
  x.obligation = obligation;
  x.where = ctx.reader.at(e.value, e.where);
  if (e.value.IsMap()) {
    if (!details) {
      ctx.reader.error(DiagCode::BadTestFile, x.where,
                       "a state keeps only the status of each obligation",
                       "write the status alone: ok, due_soon, overdue or violated");
      return;
    }
    if (read_details(ctx, e, x)) out.push_back(std::move(x));
    return;
  }
  const auto text = ctx.reader.scalar(e.value, "a status", e.where);
  if (!text) return;
  x.text = text->empty() ? "none" : *text;
  if (parse_status(ctx, x.text, x.where, x)) out.push_back(std::move(x));
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 4 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<SopExpectation> read_sop_statuses(SuiteContext& ctx, const Entry& entry, bool details) {
  std::vector<SopExpectation> out;
  for (const Entry& per_sop : ctx.reader.entries(entry.value, "`sop`", entry.where)) {
    const auto sop = find_sop(ctx, per_sop.key, per_sop.where);
    if (!sop) continue;
    const std::vector<std::size_t> obligations = obligations_of(ctx.rules, *sop);
    const YAML::Node& v = per_sop.value;
    // A mapping of obligation numbers, or (an SOP with one obligation) that obligation's details.
    bool numbered = v.IsMap() && v.size() > 0;
    for (auto it = v.begin(); numbered && it != v.end(); ++it) {
      numbered = it->first.IsScalar() && all_digits(it->first.Scalar());
    }
    if (!numbered) {
      if (v.IsMap() && details && obligations.size() != 1) {
        ctx.reader.error(DiagCode::BadTestFile, ctx.reader.at(v, per_sop.where),
                         "`" + per_sop.key + "` has " + std::to_string(obligations.size()) +
                             " obligations: say which one by its number",
                         "write `" + per_sop.key + ": {1: {status: ..., due: ...}}`; " +
                             obligations_help(ctx.rules, *sop));
        continue;
      }
      read_obligation(ctx, per_sop, *sop, std::nullopt, details, out);
      continue;
    }
    for (const Entry& e : ctx.reader.entries(v, "the obligations of an SOP", per_sop.where)) {
      const std::size_t number = std::stoul(e.key);
      if (number == 0 || number > obligations.size()) {
        ctx.reader.error(DiagCode::UnknownTestName, e.where,
                         "SOP `" + per_sop.key + "` has no obligation " + e.key,
                         obligations_help(ctx.rules, *sop));
        continue;
      }
      read_obligation(ctx, e, *sop, obligations[number - 1], details, out);
    }
  }
  return out;
}

namespace {

std::optional<ActionType> parse_kind(SuiteContext& ctx, const std::string& text,
                                     const DataLocation& where) {
  // `release to pool` as the rules write it, `release_to_pool` as the actions file does.
  if (text == "release to pool") return ActionType::ReleaseToPool;
  std::vector<std::string> names;
  for (ActionType t : {ActionType::Task, ActionType::Notify, ActionType::ReleaseToPool}) {
    names.emplace_back(action_type_name(t));
    if (names.back() == text) return t;
  }
  std::string help = "an action is a task, notify or release_to_pool";
  if (auto near = closest_name(text, names)) help = "did you mean `" + *near + "`?";
  ctx.reader.error(DiagCode::BadTestFile, where, "`" + text + "` is not a kind of action", help);
  return std::nullopt;
}

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// The expectation as people read it in failure output: `task vip_service owner 王芳 ...`.
std::string describe(const RuleSet& rules, const ActionExpectation& a) {
  std::string s(action_type_name(a.type));
  if (a.sop) s += " by " + rules.sops()[*a.sop].name;
  if (a.owner) s += " for " + *a.owner;
  if (a.message) s += " " + quoted(*a.message);
  if (a.message_contains) s += " with " + quoted(*a.message_contains);
  if (a.due) s += " due " + a.due->text;
  return s;
}

std::optional<ActionExpectation> read_action(SuiteContext& ctx, const YAML::Node& node,
                                             const DataLocation& parent) {
  ActionExpectation a;
  a.where = ctx.reader.at(node, parent);
  if (node.IsScalar()) {  // `- release_to_pool`: the kind alone
    const auto kind = parse_kind(ctx, node.Scalar(), a.where);
    if (!kind) return std::nullopt;
    a.type = *kind;
    a.text = describe(ctx.rules, a);
    return a;
  }
  bool has_kind = false;
  std::vector<const Entry*> owned;  // owner, message and due: none for a release
  const auto entries = ctx.reader.keyed(node, KeyLevel::Action, "an action", a.where);
  for (const auto& [key, e] : entries) {
    if (key == TestKey::ActionDue) {
      owned.push_back(&e);
      const auto text = ctx.reader.scalar(e.value, "`due`", e.where);
      if (!text) continue;
      if (auto d = timeutil::parse_duration(*text)) {
        a.due = ExpectedTime{false, *d, true, *text, ctx.reader.at(e.value, e.where)};
      } else if (auto t = read_time(ctx, e)) {
        a.due = *t;
      }
      continue;
    }
    if (key != TestKey::ActionKind && key != TestKey::ActionSop && key != TestKey::ActionOwner &&
        key != TestKey::ActionMessage && key != TestKey::ActionMessageContains) {
      continue;
    }
    const auto text = ctx.reader.scalar(e.value, "`" + e.key + "`", e.where);
    if (!text) continue;
    const DataLocation at = ctx.reader.at(e.value, e.where);
    switch (key) {
      case TestKey::ActionKind:
        if (auto kind = parse_kind(ctx, *text, at)) {
          a.type = *kind;
          has_kind = true;
        }
        break;
      case TestKey::ActionSop:
        a.sop = find_sop(ctx, *text, at);
        break;
      case TestKey::ActionOwner:
        a.owner = *text;
        owned.push_back(&e);
        break;
      case TestKey::ActionMessage:
        a.message = *text;
        owned.push_back(&e);
        break;
      default:
        a.message_contains = *text;
        owned.push_back(&e);
        break;
    }
  }
  if (!node.IsMap()) return std::nullopt;
  if (!has_kind) {
    if (std::none_of(entries.begin(), entries.end(),
                     [](const auto& p) { return p.first == TestKey::ActionKind; })) {
      ctx.reader.error(DiagCode::BadTestFile, a.where, "this action has no `kind`",
                       "add `kind:` task, notify or release_to_pool");
    }
    return std::nullopt;
  }
  if (a.message && a.message_contains) {
    ctx.reader.error(DiagCode::BadTestFile, a.where,
                     "an action expects either `message` or `message_contains`, not both",
                     "`message` is the whole text; `message_contains` a part of it");
    return std::nullopt;
  }
  if (a.type == ActionType::ReleaseToPool && !owned.empty()) {
    ctx.reader.error(DiagCode::BadTestFile, owned.front()->where,
                     "a release to pool has no `" + owned.front()->key + "`",
                     "the customer goes back to the public pool: only `kind` and `sop` apply");
    return std::nullopt;
  }
  a.text = describe(ctx.rules, a);
  return a;
}

void read_action_list(SuiteContext& ctx, const Entry& list, CustomerExpectation& out) {
  for (const YAML::Node& node : ctx.reader.sequence(list.value, "`" + list.key + "`", list.where)) {
    if (auto a = read_action(ctx, node, list.where)) out.actions.push_back(std::move(*a));
  }
}

}  // namespace

void read_actions(SuiteContext& ctx, const Entry& entry, CustomerExpectation& out) {
  out.check_actions = true;
  out.actions_where = entry.where;
  // A yaml-cpp node is a reference: assigning to one changes the document, so the list is kept
  // by pointer to its entry.
  const Entry* list = &entry;
  std::vector<std::pair<TestKey, Entry>> keyed;
  if (entry.value.IsMap()) {
    out.actions_exact = false;
    list = nullptr;
    keyed = ctx.reader.keyed(entry.value, KeyLevel::Actions, "`actions`", entry.where);
    for (const auto& [key, e] : keyed) {
      if (key == TestKey::ActionsContains) list = &e;
    }
    if (!list) {
      out.check_actions = false;
      ctx.reader.error(DiagCode::BadTestFile, entry.where, "`actions` has no `contains`",
                       "write the list of actions (exactly these), or `contains:` and a list "
                       "(at least these)");
      return;
    }
  }
  read_action_list(ctx, *list, out);
}

}  // namespace strata::testfile
