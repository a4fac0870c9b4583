// The state file: JSON Lines, a header line then one line per customer (docs/sop.md).
//
//   {"strata_state":1,"rules":"<hash>","as_of":"2026-11-01","tierings":{"rfm":["important_value",...]},
//    "sops":{"vip_service":2}}
//   {"id":"C00001","seen":"2026-10-01","tiers":{"rfm":{"tier":"important_value","since":"2026-10-01"},
//    "pyramid":{"tier":"top","since":"2026-09-01","pending":"large","streak":-1}},
//    "sops":{"vip_service":{"2":"overdue"}}}
//
// Tiers are stored by id, not by position, so a state stays readable when tiers are added or
// reordered; a tier the rule set no longer has is an error unless the caller maps it to none.
// Only statuses other than `ok` are written.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "check/model.hpp"
#include "strata/strata.hpp"
#include "strata/time.hpp"

namespace strata {

namespace {

using nlohmann::json;

void escape_json(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

struct Reader {
  const Model& model;
  const std::string& name;
  Diagnostics& diags;
  const StateReadOptions& options;
  std::uint64_t line = 0;
  bool failed = false;

  void error(DiagCode code, const std::string& message, const std::string& help) {
    failed = true;
    diags.data_error(code, DataLocation{name, line, 1, {}}, message).help(help);
  }

  std::optional<std::int64_t> date(const json& j, const char* field) {
    if (j.is_string()) {
      if (auto d = timeutil::parse_date(j.get<std::string>())) return d;
    }
    error(DiagCode::BadState, std::string("`") + field + "` is not a date (YYYY-MM-DD)",
          "the state file is written by `strata run --state`; do not edit it by hand");
    return std::nullopt;
  }

  // A tier id of tiering t: its index, -1 for null; nullopt after an error.
  std::optional<int> tier(const json& j, std::uint32_t t) {
    if (j.is_null()) return -1;
    if (!j.is_string()) {
      error(DiagCode::BadState, "a tier must be a string or null",
            "the state file is written by `strata run --state`; do not edit it by hand");
      return std::nullopt;
    }
    const std::string id = j.get<std::string>();
    const auto& tiers = model.tierings[t].tiers;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      if (tiers[i].name == id) return static_cast<int>(i);
    }
    if (options.drop_removed_tiers) return -1;
    error(DiagCode::StateMismatch,
          "the state names tier `" + id + "` of `" + model.tierings[t].name +
              "`, which the rule set no longer has",
          "restore or rename the tier, or run with --state-drop-removed to read customers in "
          "removed tiers as having had no tier");
    return std::nullopt;
  }
};

// Global obligation index of (sop name, 1-based number), or nullopt.
std::optional<std::size_t> obligation_index(const Model& model, std::string_view sop,
                                            std::size_t number) {
  std::size_t base = 0;
  for (const SopSymbol& s : model.sops) {
    if (s.name == sop) {
      if (number == 0 || number > s.obligations.size()) return std::nullopt;
      return base + number - 1;
    }
    base += s.obligations.size();
  }
  return std::nullopt;
}

std::size_t obligation_count(const Model& model) {
  std::size_t n = 0;
  for (const SopSymbol& s : model.sops) n += s.obligations.size();
  return n;
}

}  // namespace

std::optional<RunState> RuleSet::parse_state(std::string_view text, const std::string& name,
                                             Diagnostics& diags,
                                             const StateReadOptions& options) const {
  const Model& model = *model_;
  Reader r{model, name, diags, options};
  RunState state;
  const std::size_t n_tierings = model.tierings.size();
  const std::size_t n_obligations = obligation_count(model);
  state.tiering_known.assign(n_tierings, 0);
  state.obligation_known.assign(n_obligations, 0);
  std::vector<std::uint32_t> tiering_of_name;
  bool header = false;
  std::size_t pos = 0;
  while (pos < text.size() && !r.failed) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line_text = text.substr(pos, end - pos);
    pos = end + 1;
    ++r.line;
    if (line_text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json j = json::parse(line_text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      r.error(DiagCode::BadState, "line " + std::to_string(r.line) + " is not a JSON object",
              "the file may be cut short or not a state file; a run writes the state "
              "atomically, so a good copy is the one the last finished run left");
      break;
    }
    if (!header) {
      const auto version = j.find("strata_state");
      if (version == j.end() || !version->is_number_integer()) {
        r.error(DiagCode::BadState, "`" + name + "` is not a strata state file",
                "its first line must be the header `{\"strata_state\": 1, ...}` that `strata run "
                "--state` writes");
        break;
      }
      if (version->get<int>() != RunState::kVersion) {
        r.error(DiagCode::BadState,
                "state version " + std::to_string(version->get<int>()) + " is not supported",
                "this strata reads version " + std::to_string(RunState::kVersion));
        break;
      }
      state.rules_hash = j.value("rules", std::string());
      if (auto d = r.date(j.value("as_of", json()), "as_of")) state.as_of = *d;
      for (std::uint32_t t = 0; t < n_tierings; ++t) {
        if (j.contains("tierings") && j["tierings"].contains(model.tierings[t].name)) {
          state.tiering_known[t] = 1;
        }
      }
      if (j.contains("sops") && j["sops"].is_object()) {
        for (const auto& [sop, count] : j["sops"].items()) {
          if (!count.is_number_unsigned()) continue;
          for (std::size_t k = 1; k <= count.get<std::size_t>(); ++k) {
            if (auto o = obligation_index(model, sop, k)) state.obligation_known[*o] = 1;
          }
        }
      }
      header = true;
      continue;
    }
    CustomerState c;
    c.tiers.assign(n_tierings, TierState{});
    c.statuses.assign(n_obligations, 0);
    if (!j.contains("id") || !j["id"].is_string()) {
      r.error(DiagCode::BadState, "a customer line has no `id`",
              "the state file is written by `strata run --state`; do not edit it by hand");
      break;
    }
    c.key = j["id"].get<std::string>();
    if (auto d = r.date(j.value("seen", json()), "seen")) c.seen = *d;
    const json& tiers = j.contains("tiers") ? j["tiers"] : json::object();
    for (std::uint32_t t = 0; t < n_tierings && !r.failed; ++t) {
      const auto it = tiers.find(model.tierings[t].name);
      if (it == tiers.end() || !it->is_object()) continue;
      TierState& ts = c.tiers[t];
      if (auto tier = r.tier(it->value("tier", json()), t)) ts.tier = *tier;
      if (auto since = r.date(it->value("since", json()), "since")) ts.since = *since;
      if (it->contains("pending")) {
        if (auto p = r.tier((*it)["pending"], t)) ts.pending = *p;
      }
      ts.streak = it->value("streak", 0);
    }
    if (j.contains("sops") && j["sops"].is_object()) {
      for (const auto& [sop, list] : j["sops"].items()) {
        if (!list.is_object()) continue;
        for (const auto& [number, status] : list.items()) {
          const auto o = obligation_index(model, sop, std::strtoul(number.c_str(), nullptr, 10));
          if (!o || !status.is_string()) continue;
          for (std::uint8_t s = 0; s < 4; ++s) {
            if (sop_status_name(static_cast<SopStatus>(s)) == status.get<std::string>()) {
              c.statuses[*o] = s;
            }
          }
        }
      }
    }
    state.customers.push_back(std::move(c));
  }
  if (!r.failed && !header) {
    r.line = 1;
    r.error(DiagCode::BadState, "`" + name + "` is empty",
            "remove it to start with a first run, or restore the last good copy");
  }
  if (r.failed) return std::nullopt;
  return state;
}

std::optional<RunState> RuleSet::read_state(const std::string& path, Diagnostics& diags,
                                            const StateReadOptions& options) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags
        .data_error(DiagCode::BadState, DataLocation{path, 0, 0, {}},
                    "cannot read the state file `" + path + "`")
        .help(
            "a missing state file means a first run only when it does not exist at all; "
            "check its permissions");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_state(text.str(), path, diags, options);
}

bool RuleSet::write_state(const RunState& state,
                          const std::function<bool(std::string_view)>& sink) const {
  const Model& model = *model_;
  std::string out;
  out += "{\"strata_state\":" + std::to_string(RunState::kVersion) + ",\"rules\":";
  escape_json(out, state.rules_hash);
  out += ",\"as_of\":\"" + timeutil::format_date(state.as_of) + "\",\"tierings\":{";
  for (std::size_t t = 0; t < model.tierings.size(); ++t) {
    if (t) out += ',';
    escape_json(out, model.tierings[t].name);
    out += ":[";
    for (std::size_t i = 0; i < model.tierings[t].tiers.size(); ++i) {
      if (i) out += ',';
      escape_json(out, model.tierings[t].tiers[i].name);
    }
    out += ']';
  }
  out += "},\"sops\":{";
  for (std::size_t s = 0; s < model.sops.size(); ++s) {
    if (s) out += ',';
    escape_json(out, model.sops[s].name);
    out += ':' + std::to_string(model.sops[s].obligations.size());
  }
  out += "}}\n";
  auto tier_text = [&](std::size_t t, int tier, std::string& o) {
    if (tier < 0) {
      o += "null";
    } else {
      escape_json(o, model.tierings[t].tiers[static_cast<std::size_t>(tier)].name);
    }
  };
  for (const CustomerState& c : state.customers) {
    out += "{\"id\":";
    escape_json(out, c.key);
    out += ",\"seen\":\"" + timeutil::format_date(c.seen) + "\",\"tiers\":{";
    for (std::size_t t = 0; t < c.tiers.size(); ++t) {
      const TierState& ts = c.tiers[t];
      if (t) out += ',';
      escape_json(out, model.tierings[t].name);
      out += ":{\"tier\":";
      tier_text(t, ts.tier, out);
      out += ",\"since\":\"" + timeutil::format_date(ts.since) + "\"";
      if (ts.streak != 0) {
        out += ",\"pending\":";
        tier_text(t, ts.pending, out);
        out += ",\"streak\":" + std::to_string(ts.streak);
      }
      out += '}';
    }
    out += '}';
    std::string sops;
    std::size_t base = 0;
    for (const SopSymbol& s : model.sops) {
      std::string entries;
      for (std::size_t k = 0; k < s.obligations.size(); ++k) {
        const std::uint8_t status = base + k < c.statuses.size() ? c.statuses[base + k] : 0;
        if (status == 0) continue;
        if (!entries.empty()) entries += ',';
        entries += "\"" + std::to_string(k + 1) + "\":\"" +
                   std::string(sop_status_name(static_cast<SopStatus>(status))) + "\"";
      }
      if (!entries.empty()) {
        if (!sops.empty()) sops += ',';
        escape_json(sops, s.name);
        sops += ":{" + entries + "}";
      }
      base += s.obligations.size();
    }
    if (!sops.empty()) out += ",\"sops\":{" + sops + "}";
    out += "}\n";
    if (out.size() > (1 << 20)) {
      if (!sink(out)) return false;
      out.clear();
    }
  }
  return sink(out);
}

}  // namespace strata
