// Layout of each kind of declaration: headers, blocks of aligned items, closing braces.
#include "format/formatter.hpp"

#include <algorithm>
#include <variant>

#include "format/emitter.hpp"
#include "format/overloaded.hpp"

namespace strata::format {

namespace {

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Messages are copied as written: an interpolation may hold a string, which the flat token list
// cannot tell from the end of the message.
void message_spans(const ast::SopDecl& sop, Spans& out) {
  const auto action = [&](const ast::ActionDecl& a) {
    if (a.kind != ast::ActionKind::ReleaseToPool)
      out.emplace_back(a.message.span.begin, a.message.span.end);
  };
  for (const auto& ob : sop.obligations) {
    if (ob.warn_action) action(*ob.warn_action);
    if (ob.otherwise) action(*ob.otherwise);
  }
  for (const auto& trigger : sop.triggers) action(trigger.action);
}

class Formatter {
 public:
  Formatter(const ast::Module& module, std::string_view text, Layout& out)
      : module_(module), text_(text), out_(out), e_(text, out) {}

  void run() {
    Spans atomic;
    for (const auto& decl : module_.decls) {
      if (const auto* sop = std::get_if<ast::SopDecl>(&decl)) message_spans(*sop, atomic);
    }
    e_.merge_atomic(atomic);
    for (const auto& decl : module_.decls) mark_breaks(decl);

    bool first = true;
    bool prev_simple = false;
    int run = -1;
    for (const auto& decl : module_.decls) {
      const bool blank = e_.leading(0, !first, true);
      const bool simple = is_simple(decl);
      if (!simple || !prev_simple || blank) run = out_.new_group();
      this->decl(decl, run);
      prev_simple = simple;
      first = false;
    }
    e_.leading(0, true, false);
  }

 private:
  // ---- where author line breaks are kept ----

  void keep_inside(std::uint32_t open, std::uint32_t close) { e_.keep_breaks(open, close); }

  void mark_breaks(const ast::Decl& decl) {
    std::visit(Overloaded{
                   [&](const ast::RecordDecl& x) { mark_fields(x.fields); },
                   [&](const ast::EventsDecl& x) { mark_fields(x.fields); },
                   [&](const ast::ParamDecl& x) { mark_value(x.name, x.type, x.span); },
                   [&](const ast::LetDecl& x) { mark_value(x.name, x.type, x.span); },
                   [&](const ast::KpiDecl& x) {
                     // The value (also right after `=`) and each target clause keep their breaks.
                     std::uint32_t from = x.label ? x.label->span.end : x.name.span.end;
                     if (x.unit)
                       from = x.unit->span.end;
                     else if (x.by)
                       from = x.by->span.end;
                     if (auto eq = e_.find("=", from, x.span.end)) keep_inside(*eq, x.span.end);
                   },
                   [&](const ast::TieringDecl& x) { mark_tiering(x); },
                   [&](const ast::CalendarDecl& x) {
                     for (const Item& item : calendar_items(x)) keep_inside(item.begin, item.end);
                   },
                   [&](const ast::SopDecl& x) {
                     const std::uint32_t open = sop_open(x);
                     if (auto for_kw = e_.find("for", x.name.span.end, open))
                       keep_inside(*for_kw, open);
                     for (const Item& item : sop_items(x)) keep_inside(item.begin, item.end);
                   },
                   [&](const auto&) {},
               },
               decl);
  }

  void mark_fields(const std::vector<ast::FieldDecl>& fields) {
    for (const auto& f : fields) mark_type(f.type);
  }

  void mark_type(const ast::TypeRef& type) {
    if (type.keyword != ast::TypeKeyword::Enum) return;
    const auto open = e_.find("{", type.span.begin, type.span.end);
    const auto close = e_.find("}", type.span.begin, type.span.end);
    if (open && close) keep_inside(*open, *close);
  }

  void mark_value(const ast::Ident& name, const std::optional<ast::TypeRef>& type, Span span) {
    if (type) mark_type(*type);
    const std::uint32_t from = type ? type->span.end : name.span.end;
    if (auto eq = e_.find("=", from, span.end)) keep_inside(*eq, span.end);
  }

  void mark_tiers(const std::vector<ast::TierDecl>& tiers) {
    for (const auto& t : tiers) {
      const std::uint32_t head_end = tier_head_end(t);
      if (auto when = e_.find("when", tier_label_end(t), head_end)) keep_inside(*when, head_end);
      mark_tiers(t.children);
    }
  }

  void mark_tiering(const ast::TieringDecl& x) {
    mark_tiers(x.tiers);
    if (!x.table) return;
    keep_inside(x.table->columns_span.begin, x.table->columns_span.end - 1);
    for (const auto& row : x.table->rows) {
      if (!row.otherwise) keep_inside(row.cells_span.begin, row.cells_span.end - 1);
    }
  }

  // ---- positions ----

  std::uint32_t tier_label_end(const ast::TierDecl& t) const {
    return t.label ? t.label->span.end : t.name.span.end;
  }
  // Where a tier's head ends: its block's `{`, or the end of the tier.
  std::uint32_t tier_head_end(const ast::TierDecl& t) const {
    if (!t.has_block) return t.span.end;
    return e_.find("{", tier_label_end(t), t.span.end).value_or(t.span.end);
  }
  std::uint32_t sop_open(const ast::SopDecl& x) const {
    std::uint32_t from = x.all ? x.all_span.end : x.name.span.end;
    if (!x.targets.empty()) from = x.targets.back().span.end;
    return e_.find("{", from, x.span.end).value_or(x.span.end);
  }

  struct Item {
    std::uint32_t begin;
    std::uint32_t end;
  };

  std::vector<Item> calendar_items(const ast::CalendarDecl& x) const {
    std::vector<Item> items;
    if (x.zone) items.push_back({x.zone->span.begin, x.zone->span.end});
    for (const auto& w : x.weeks) items.push_back({w.span.begin, w.span.end});
    for (const auto& o : x.open) items.push_back({o.span.begin, o.span.end});
    // Closed dates are one list in the AST; a line starts at each `closed` word, and a date after
    // a comma continues the line before it.
    std::optional<std::size_t> line;
    for (const auto& range : x.closed) {
      const auto before = e_.token_before(range.span.begin);
      if (before && text_.substr(*before, e_.token_end(*before) - *before) == "closed") {
        line = items.size();
        items.push_back({*before, range.span.end});
      } else if (line) {
        items[*line].end = range.span.end;
      }
    }
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.begin < b.begin; });
    return items;
  }

  std::vector<Item> sop_items(const ast::SopDecl& x) const {
    std::vector<Item> items;
    for (const auto& o : x.obligations) items.push_back({o.span.begin, o.span.end});
    for (const auto& t : x.triggers) items.push_back({t.span.begin, t.span.end});
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.begin < b.begin; });
    return items;
  }

  // ---- declarations ----

  static bool is_simple(const ast::Decl& decl) {
    if (const auto* t = std::get_if<ast::TieringDecl>(&decl))
      return t->form == ast::TieringForm::Product;
    return std::holds_alternative<ast::UseDecl>(decl) ||
           std::holds_alternative<ast::KpiDecl>(decl) ||
           std::holds_alternative<ast::ParamDecl>(decl) ||
           std::holds_alternative<ast::LetDecl>(decl);
  }

  void decl(const ast::Decl& decl, int run) {
    std::visit(
        Overloaded{
            [&](const ast::RecordDecl& x) { fields_block(x.span, x.key.span.end, x.fields); },
            [&](const ast::EventsDecl& x) { fields_block(x.span, x.by.span.end, x.fields); },
            [&](const ast::ParamDecl& x) { one_line(x.span, run); },
            [&](const ast::LetDecl& x) { one_line(x.span, run); },
            [&](const ast::UseDecl& x) { one_line(x.span, run); },
            [&](const ast::KpiDecl& x) { one_line(x.span, run); },
            [&](const ast::TieringDecl& x) { tiering(x, run); },
            [&](const ast::CalendarDecl& x) { calendar(x); },
            [&](const ast::SopDecl& x) { sop(x); },
            [&](const auto& x) { e_.verbatim_through(x.span.end); },
        },
        decl);
  }

  void one_line(Span span, int group) {
    e_.begin_line(0, -1, group);
    e_.emit_through(span.end);
    e_.end_line();
  }

  // The header up to and including its `{`, on one line.
  void header(std::uint32_t open) {
    e_.begin_line(0, -1, out_.new_group());
    e_.emit_through(open + 1);
    e_.end_line();
  }

  // Comments before the closing `}`, then the `}` at `indent`.
  void close(std::uint32_t end, int indent) {
    e_.leading(indent + kBlockIndent, true, false);
    e_.begin_line(indent, -1, out_.new_group());
    e_.emit_through(end);
    e_.end_line();
  }

  void fields_block(Span span, std::uint32_t before_open,
                    const std::vector<ast::FieldDecl>& fields) {
    header(e_.find("{", before_open, span.end).value_or(span.end - 1));
    int group = out_.new_group();
    bool first = true;
    for (const auto& f : fields) {
      if (e_.leading(kBlockIndent, !first, true)) group = out_.new_group();
      e_.begin_line(kBlockIndent, group, group);
      e_.emit_through(f.type.span.begin);
      e_.cell();
      e_.emit_through(f.span.end);
      e_.end_line();
      first = false;
    }
    close(span.end, 0);
  }

  void tiering(const ast::TieringDecl& x, int run) {
    if (x.form == ast::TieringForm::Product) {
      one_line(x.span, run);
      return;
    }
    if (x.form == ast::TieringForm::Table && x.table) {
      header(e_.find("{", x.table->columns_span.end, x.span.end).value_or(x.span.end - 1));
      table_body(*x.table, x.holds);
    } else {
      std::uint32_t from = x.label ? x.label->span.end : x.name.span.end;
      if (x.policy_span.valid()) from = std::max(from, x.policy_span.end);
      header(e_.find("{", from, x.span.end).value_or(x.span.end - 1));
      tier_list(x.tiers, x.holds, kBlockIndent);
    }
    close(x.span.end, 0);
  }

  // Tiers (and a tiering's `hold` lines) at `indent`: consecutive tiers without a blank line
  // between them align their labels and conditions; a tier with sub-tiers stands alone.
  void tier_list(const std::vector<ast::TierDecl>& tiers, const std::vector<ast::HoldDecl>& holds,
                 int indent) {
    struct Entry {
      std::uint32_t begin;
      const ast::TierDecl* tier;
      const ast::HoldDecl* hold;
    };
    std::vector<Entry> entries;
    for (const auto& t : tiers) entries.push_back({t.span.begin, &t, nullptr});
    for (const auto& h : holds) entries.push_back({h.span.begin, nullptr, &h});
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
    int group = -1;
    bool first = true;
    bool prev_tier = false;
    bool prev_alone = false;
    for (const Entry& entry : entries) {
      const bool blank = e_.leading(indent, !first, true);
      const bool is_tier = entry.tier != nullptr;
      const bool alone = is_tier && entry.tier->has_block;
      if (group < 0 || blank || is_tier != prev_tier || alone || prev_alone)
        group = out_.new_group();
      if (is_tier) {
        tier(*entry.tier, indent, group);
      } else {
        e_.begin_line(indent, group, group);
        e_.emit_through(entry.hold->span.end);
        e_.end_line();
      }
      first = false;
      prev_tier = is_tier;
      prev_alone = alone;
    }
  }

  void tier(const ast::TierDecl& t, int indent, int group) {
    e_.begin_line(indent, group, group);
    e_.emit_through(t.name.span.end);
    e_.cell();
    if (t.label) e_.emit_through(t.label->span.end);
    e_.cell();
    const std::uint32_t head_end = tier_head_end(t);
    e_.emit_through(head_end);
    if (!t.has_block) {
      e_.end_line();
      return;
    }
    e_.emit_through(head_end + 1);
    e_.end_line();
    tier_list(t.children, {}, indent + kBlockIndent);
    close(t.span.end, indent);
  }

  // Rows align cell by cell, then the `->` and the labels; `otherwise` spans the cells.
  void table_body(const ast::DecisionTable& table, const std::vector<ast::HoldDecl>& holds) {
    std::size_t columns = 1;
    for (const auto& row : table.rows) columns = std::max(columns, row.cells.size());
    struct Entry {
      std::uint32_t begin;
      const ast::TableRow* row;
      const ast::HoldDecl* hold;
    };
    std::vector<Entry> entries;
    for (const auto& r : table.rows) entries.push_back({r.span.begin, &r, nullptr});
    for (const auto& h : holds) entries.push_back({h.span.begin, nullptr, &h});
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
    int group = -1;
    bool first = true;
    bool prev_row = false;
    for (const Entry& entry : entries) {
      const bool blank = e_.leading(kBlockIndent, !first, true);
      const bool is_row = entry.row != nullptr;
      if (group < 0 || blank || is_row != prev_row) group = out_.new_group();
      e_.begin_line(kBlockIndent, group, group);
      if (is_row) {
        row(*entry.row, static_cast<int>(columns));
      } else {
        e_.emit_through(entry.hold->span.end);
      }
      e_.end_line();
      first = false;
      prev_row = is_row;
    }
  }

  void row(const ast::TableRow& r, int columns) {
    if (r.otherwise || r.cells.empty()) {
      e_.emit_through(r.cells_span.end);
      e_.set_span(columns);
    } else {
      const int count = static_cast<int>(r.cells.size());
      for (int i = 0; i < count; ++i) {
        if (i > 0) e_.cell();
        if (i + 1 == count) {
          e_.emit_through(r.cells_span.end);
          e_.set_span(columns - count + 1);
        } else {
          e_.emit_through(r.cells[static_cast<std::size_t>(i + 1)].span.begin);
        }
      }
    }
    e_.cell();
    e_.emit_through(r.tier.span.end);
    e_.cell();
    if (r.label) e_.emit_through(r.label->span.end);
  }

  // Calendar lines and SOP clauses: one item each, in the order written, with the author's line
  // breaks inside an item kept.
  void items_block(const std::vector<Item>& items, std::uint32_t end) {
    int group = out_.new_group();
    bool first = true;
    for (const Item& item : items) {
      if (e_.leading(kBlockIndent, !first, true)) group = out_.new_group();
      e_.begin_line(kBlockIndent, -1, group);
      e_.emit_through(item.end);
      e_.end_line();
      first = false;
    }
    close(end, 0);
  }

  void calendar(const ast::CalendarDecl& x) {
    const std::uint32_t from = x.label ? x.label->span.end : x.name.span.end;
    header(e_.find("{", from, x.span.end).value_or(x.span.end - 1));
    items_block(calendar_items(x), x.span.end);
  }

  void sop(const ast::SopDecl& x) {
    header(sop_open(x));
    items_block(sop_items(x), x.span.end);
  }

  const ast::Module& module_;
  std::string_view text_;
  Layout& out_;
  Emitter e_;
};

}  // namespace

std::string layout_module(const ast::Module& module, std::string_view text) {
  Layout layout;
  Formatter formatter(module, text, layout);
  formatter.run();
  return layout.render();
}

}  // namespace strata::format
