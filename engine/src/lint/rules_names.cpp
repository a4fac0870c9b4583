// Name rules: naming (snake_case ids, PascalCase record and events names) and shadowed-name
// (a name that means something else in some places).
#include <cctype>
#include <unordered_map>

#include "lint/context.hpp"

namespace strata::linter {

namespace {

bool is_snake_case(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '_') ++i;  // a leading underscore marks a private helper
  if (i == s.size() || !std::islower(static_cast<unsigned char>(s[i]))) return false;
  char previous = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = std::islower(static_cast<unsigned char>(c)) ||
                    std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    if (!ok || (c == '_' && previous == '_')) return false;
    previous = c;
  }
  return previous != '_';
}

bool is_pascal_case(std::string_view s) {
  if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// highValue -> high_value, HighValue -> high_value, HIGH -> high, high__value -> high_value.
std::string to_snake_case(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isupper(c)) {
      const bool after_lower = i > 0 && (std::islower(static_cast<unsigned char>(s[i - 1])) ||
                                         std::isdigit(static_cast<unsigned char>(s[i - 1])));
      const bool before_lower = i > 0 && i + 1 < s.size() &&
                                std::isupper(static_cast<unsigned char>(s[i - 1])) &&
                                std::islower(static_cast<unsigned char>(s[i + 1]));
      if ((after_lower || before_lower) && !out.empty() && out.back() != '_') out += '_';
      out += static_cast<char>(std::tolower(c));
    } else if (c == '_') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "x" : out;
}

std::string to_pascal_case(std::string_view s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out.empty() ? "X" : out;
}

void snake(Context& ctx, const ast::Ident& id, std::string_view what) {
  if (is_snake_case(id.text)) return;
  Finding& f =
      ctx.report(LintRule::Naming, id.span,
                 std::string(what) + " `" + id.text + "` is not snake_case", "not snake_case");
  f.diag.help = "call it `" + to_snake_case(id.text) + "`";
}

void pascal(Context& ctx, const ast::Ident& id, std::string_view what) {
  if (is_pascal_case(id.text)) return;
  Finding& f =
      ctx.report(LintRule::Naming, id.span,
                 std::string(what) + " name `" + id.text + "` is not PascalCase", "not PascalCase");
  f.diag.help = "call it `" + to_pascal_case(id.text) + "`, as records and events are named";
}

void check_naming(Context& ctx) {
  const Model& m = ctx.model();
  auto fields = [&](const std::vector<ast::FieldDecl>& list, std::string_view what) {
    for (const ast::FieldDecl& f : list) {
      snake(ctx, f.name, what);
      for (const ast::Ident& member : f.type.enum_members) snake(ctx, member, "enum value");
    }
  };
  if (m.record && m.record->decl) {
    pascal(ctx, m.record->decl->name, "record");
    fields(m.record->decl->fields, "field");
  }
  for (const EventsSymbol& e : m.events) {
    if (!e.decl) continue;
    pascal(ctx, e.decl->name, "events");
    fields(e.decl->fields, "event field");
  }
  for (const ParamSymbol& p : m.params) {
    if (p.decl) snake(ctx, p.decl->name, "param");
  }
  for (const LetSymbol& l : m.lets) {
    if (l.decl) snake(ctx, l.decl->name, "let");
  }
  for (const TieringSymbol& t : m.tierings) {
    if (!t.decl) continue;
    snake(ctx, t.decl->name, "tiering");
    // Tier lists (sub-tiers included) and table tiers; a product's ids are its operands'.
    if (t.form == ast::TieringForm::Product) continue;
    for (const TierSymbol& tier : t.tiers) snake(ctx, ast::Ident{tier.local, tier.span}, "tier");
  }
  for (const CalendarSymbol& c : m.calendars) {
    if (c.decl) snake(ctx, c.decl->name, "calendar");
  }
  for (const SopSymbol& sop : m.sops) {
    if (sop.decl) snake(ctx, sop.decl->name, "SOP");
  }
}

// Top-level names (the one namespace of docs/language.md section 2) with where they are defined.
std::unordered_map<std::string, std::pair<Span, std::string>> top_level_names(const Model& m) {
  std::unordered_map<std::string, std::pair<Span, std::string>> top;
  if (m.record && m.record->decl) {
    for (const ast::FieldDecl& f : m.record->decl->fields) {
      top.emplace(f.name.text, std::make_pair(f.name.span, "the record field"));
    }
  }
  for (const ParamSymbol& p : m.params) {
    if (p.decl) top.emplace(p.name, std::make_pair(p.decl->name.span, "the param"));
  }
  for (const LetSymbol& l : m.lets) {
    if (l.decl) top.emplace(l.name, std::make_pair(l.decl->name.span, "the let"));
  }
  for (const TieringSymbol& t : m.tierings) {
    if (t.decl) top.emplace(t.name, std::make_pair(t.decl->name.span, "the tiering"));
  }
  return top;
}

void check_shadowing(Context& ctx) {
  const Model& m = ctx.model();
  const auto top = top_level_names(m);
  auto hides = [&](const ast::Ident& id, const std::string& what, const std::string& where) {
    auto it = top.find(id.text);
    if (it == top.end()) return;
    Finding& f = ctx.report(
        LintRule::ShadowedName, id.span,
        what + " `" + id.text + "` hides " + it->second.second + " `" + id.text + "` " + where,
        "hides another `" + id.text + "`");
    add_label(f, it->second.first, "the hidden definition");
    f.diag.help = "rename one of them";
  };
  for (const EventsSymbol& e : m.events) {
    if (!e.decl) continue;
    for (const ast::FieldDecl& field : e.decl->fields) {
      hides(field.name, "event field",
            "inside aggregates over `" + e.name + "` (there the bare name is the event field)");
    }
  }
  auto members = [&](const std::vector<ast::FieldDecl>& list) {
    for (const ast::FieldDecl& field : list) {
      for (const ast::Ident& member : field.type.enum_members) {
        hides(member, "enum value",
              "next to `" + field.name.text + "` (there the bare name is the enum value)");
      }
    }
  };
  if (m.record && m.record->decl) members(m.record->decl->fields);
  for (const EventsSymbol& e : m.events) {
    if (e.decl) members(e.decl->fields);
  }
  for (const TieringSymbol& t : m.tierings) {
    // Only a top-level tier's id is a bare name; a sub-tier is named by its path.
    if (!t.decl || t.form == ast::TieringForm::Product) continue;
    for (const TierSymbol& tier : t.tiers) {
      if (tier.parent) continue;
      hides(ast::Ident{tier.name, tier.span}, "tier",
            "next to `" + t.name + "` (there the bare name is the tier)");
    }
  }
  // A let or param named like a built-in function reads as a call where it is not one.
  static const std::vector<std::string_view> kBuiltins = {
#define STRATA_BUILTIN(Name, spelling, min_args, max_args, kind, summary) spelling,
#include "builtins.def"
  };
  auto builtin = [&](const ast::Ident& id, std::string_view what) {
    for (std::string_view b : kBuiltins) {
      if (b != id.text) continue;
      Finding& f = ctx.report(LintRule::ShadowedName, id.span,
                              std::string(what) + " `" + id.text +
                                  "` has the name of the built-in function `" + id.text + "`",
                              "same name as a built-in");
      f.diag.notes.push_back("`" + id.text + "(...)` still calls the built-in, `" + id.text +
                             "` alone means this " + std::string(what));
      f.diag.help = "rename it";
    }
  };
  for (const LetSymbol& l : m.lets) {
    if (l.decl) builtin(l.decl->name, "let");
  }
  for (const ParamSymbol& p : m.params) {
    if (p.decl) builtin(p.decl->name, "param");
  }
}

}  // namespace

void check_names(Context& ctx) {
  if (ctx.enabled(LintRule::Naming)) check_naming(ctx);
  if (ctx.enabled(LintRule::ShadowedName)) check_shadowing(ctx);
}

}  // namespace strata::linter
