#include "run_operations.hpp"

#include <fmt/format.h>

#include <array>
#include <csignal>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "strata/time.hpp"

namespace strata::cli {

namespace {

using Json = nlohmann::ordered_json;

Json tier_json(const RuleSet& rules, std::size_t tiering, int tier) {
  if (tier < 0) return nullptr;
  return rules.tierings()[tiering].tiers[static_cast<std::size_t>(tier)].id;
}

Json label_json(const RuleSet& rules, std::size_t tiering, int tier) {
  if (tier < 0) return nullptr;
  return rules.tierings()[tiering].tiers[static_cast<std::size_t>(tier)].label;
}

Json time_json(const std::optional<std::int64_t>& t) {
  if (!t) return nullptr;
  return timeutil::format_datetime(*t);
}

// Writes one JSON object per line to `path` (atomically), or to standard output for "-".
bool write_lines(const std::string& path, std::size_t count,
                 const std::function<Json(std::size_t)>& line, std::string& error) {
  auto write = [&](std::FILE* f) {
    std::string buf;
    for (std::size_t i = 0; i < count; ++i) {
      buf += line(i).dump();
      buf += '\n';
      if (buf.size() > (1 << 20)) {
        if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) return false;
        buf.clear();
      }
    }
    return std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  };
  if (path == "-") return write(stdout) && std::fflush(stdout) == 0;
  return write_file_atomically(path, write, error);
}

}  // namespace

bool write_changes(const RuleSet& rules, const RunResult& result, const std::string& path,
                   std::string& error) {
  const std::string as_of = timeutil::format_date(result.run_date);
  return write_lines(
      path, result.changes.size(),
      [&](std::size_t i) {
        const TierChange& c = result.changes[i];
        Json j;
        j["id"] = c.key;
        j["tiering"] = rules.tierings()[c.tiering].name;
        j["event"] = std::string(change_kind_name(c.kind));
        j["from"] = tier_json(rules, c.tiering, c.from);
        j["to"] = tier_json(rules, c.tiering, c.to);
        j["from_label"] = label_json(rules, c.tiering, c.from);
        j["to_label"] = label_json(rules, c.tiering, c.to);
        j["as_of"] = as_of;
        return j;
      },
      error);
}

bool write_obligations(const RuleSet& rules, const Dataset& data, const RunResult& result,
                       const std::string& path, std::string& error) {
  const std::string as_of = timeutil::format_date(result.run_date);
  return write_lines(
      path, result.obligations.size(),
      [&](std::size_t i) {
        const ObligationResult& r = result.obligations[i];
        const ObligationInfo& info = rules.obligations()[r.obligation];
        Json j;
        j["id"] = data.key_text(r.row);
        j["sop"] = rules.sops()[info.sop].name;
        j["obligation"] = info.number;
        j["kind"] = info.respond ? "respond" : "every";
        j["status"] = std::string(sop_status_name(r.status));
        j["last"] = time_json(r.last);
        j["due"] = time_json(r.due);
        j["overdue_by"] =
            r.overdue_by ? Json(timeutil::format_duration(*r.overdue_by)) : Json(nullptr);
        j["overdue_seconds"] = r.overdue_by ? Json(*r.overdue_by) : Json(nullptr);
        j["events"] = r.events;
        if (info.respond) {
          j["open"] = r.open;
          j["late"] = r.late;
        }
        j["as_of"] = as_of;
        return j;
      },
      error);
}

bool write_actions(const RuleSet& rules, const Dataset& data, const RunResult& result,
                   const std::string& path, std::string& error) {
  const std::string as_of = timeutil::format_date(result.run_date);
  return write_lines(
      path, result.actions.size(),
      [&](std::size_t i) {
        const SopAction& a = result.actions[i];
        Json j;
        j["id"] = data.key_text(a.row);
        j["sop"] = rules.sops()[a.sop].name;
        j["action"] = std::string(action_type_name(a.type));
        j["owner"] = a.type == ActionType::ReleaseToPool ? Json(nullptr) : Json(a.owner);
        j["message"] = a.type == ActionType::ReleaseToPool ? Json(nullptr) : Json(a.message);
        j["due"] = time_json(a.due);
        j["reason"] = a.reason;
        j["as_of"] = as_of;
        return j;
      },
      error);
}

bool write_state_file(const RuleSet& rules, const RunState& state, const std::string& path,
                      std::string& error) {
  // Test hook: STRATA_TEST_KILL_WRITING_STATE=1 kills the process after the first part of the
  // state has been written to the temporary file, as a crash or `kill -9` would, so the tests
  // can check that the previous state file is left intact.
  const char* kill_hook = std::getenv("STRATA_TEST_KILL_WRITING_STATE");
  const bool kill = kill_hook != nullptr && std::string(kill_hook) == "1";
  return write_file_atomically(
      path,
      [&](std::FILE* f) {
        return rules.write_state(state, [&](std::string_view piece) {
          const bool ok = std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
          if (kill) {
            std::fflush(f);
            std::raise(SIGKILL);
          }
          return ok;
        });
      },
      error);
}

std::string render_operations_summary(const RuleSet& rules, const RunResult& result) {
  std::string s;
  if (rules.sops().empty() && result.first_run && result.changes.empty()) return s;
  if (!result.first_run) {
    std::vector<std::array<std::uint64_t, 4>> counts(rules.tierings().size());
    for (const TierChange& c : result.changes) ++counts[c.tiering][static_cast<int>(c.kind)];
    s += "\ntier changes since the previous run\n";
    for (std::size_t t = 0; t < counts.size(); ++t) {
      s += fmt::format("  {:<20} {} upgrade, {} downgrade, {} enter, {} exit\n",
                       rules.tierings()[t].name, counts[t][2], counts[t][3], counts[t][0],
                       counts[t][1]);
    }
  } else if (!rules.sops().empty() || !result.state.customers.empty()) {
    s += "\nfirst run: no previous state, so no tier changes\n";
  }
  if (rules.sops().empty()) return s;
  s += fmt::format("\nSOP compliance as of {} (customers meeting every obligation)\n",
                   timeutil::format_datetime(result.now));
  for (const SopCompliance& c : result.compliance) {
    const SopInfo& sop = rules.sops()[c.sop];
    std::string scope = "all customers";
    if (c.tiering >= 0) {
      const TierInfo& tier = rules.tierings()[static_cast<std::size_t>(c.tiering)]
                                 .tiers[static_cast<std::size_t>(c.tier)];
      scope = rules.tierings()[static_cast<std::size_t>(c.tiering)].name + "." + tier.id;
      if (!tier.label.empty()) scope += " \"" + tier.label + "\"";
    }
    // No customer in the tier: no share, shown as `strata kpi` and the report show a none
    // (`compliance()` of an empty group is none), not as 100%.
    const std::string share =
        c.customers ? fmt::format("{:>6.2f}%", 100.0 * static_cast<double>(c.compliant) /
                                                   static_cast<double>(c.customers))
                    : std::string("      —");
    s += fmt::format("  {:<16} {:<36} {:>8} / {:<8} {}\n", sop.name, scope, c.compliant,
                     c.customers, share);
  }
  std::vector<std::array<std::uint64_t, 4>> statuses(rules.obligations().size());
  for (const ObligationResult& r : result.obligations) {
    ++statuses[r.obligation][static_cast<int>(r.status)];
  }
  s += "obligations (ok / due_soon / overdue / violated)\n";
  for (std::size_t o = 0; o < statuses.size(); ++o) {
    const ObligationInfo& info = rules.obligations()[o];
    std::string text = info.text;
    if (text.size() > 60) {
      std::size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "...";
    }
    s += fmt::format("  {:<20} {:>7} {:>7} {:>7} {:>7}  {}\n",
                     rules.sops()[info.sop].name + "#" + std::to_string(info.number),
                     statuses[o][0], statuses[o][1], statuses[o][2], statuses[o][3], text);
  }
  std::array<std::uint64_t, 3> actions{};
  for (const SopAction& a : result.actions) ++actions[static_cast<int>(a.type)];
  s += fmt::format("actions: {} task, {} notify, {} release to pool\n", actions[0], actions[1],
                   actions[2]);
  return s;
}

std::string render_operations_explanation(const RuleSet& rules, const Explanation& e) {
  if (rules.sops().empty()) return {};
  std::string s = fmt::format("\nSOP obligations as of {}\n", timeutil::format_datetime(e.now));
  if (e.obligations.empty()) s += "  none: the customer is in no tier an SOP is for\n";
  for (const ObligationResult& r : e.obligations) {
    const ObligationInfo& info = rules.obligations()[r.obligation];
    const SopInfo& sop = rules.sops()[info.sop];
    s += fmt::format("  {} {}#{}: {}\n", sop_status_name(r.status), sop.name, info.number,
                     info.text);
    s += "      " + obligation_facts(rules, r) + "\n";
  }
  for (const SopAction& a : e.actions) s += "  action: " + action_text(rules, a) + "\n";
  return s;
}

std::string obligation_facts(const RuleSet& rules, const ObligationResult& r) {
  const ObligationInfo& info = rules.obligations()[r.obligation];
  std::string why = r.last ? "last " + timeutil::format_datetime(*r.last) : "no matching event";
  if (info.respond) why += fmt::format(" ({} events, {} open, {} late)", r.events, r.open, r.late);
  if (r.due) why += ", due " + timeutil::format_datetime(*r.due);
  if (r.overdue_by) {
    why += (r.status == SopStatus::Violated ? ", answered late by " : ", overdue by ") +
           timeutil::format_duration(*r.overdue_by);
  }
  return why;
}

std::string action_text(const RuleSet& rules, const SopAction& a) {
  std::string what(action_type_name(a.type));
  if (!a.owner.empty() || !a.message.empty()) {
    what += " " + (a.owner.empty() ? "" : a.owner + ": ") + a.message;
  }
  if (a.due) what += " (due " + timeutil::format_datetime(*a.due) + ")";
  return fmt::format("{}  ({}: {})", what, rules.sops()[a.sop].name, a.reason);
}

}  // namespace strata::cli
