// Declarations: the record, events, params and lets, and the one top-level namespace.
//
// Record fields, events names, params, lets, tierings and the record's own name share one
// namespace, so a bare name in a rule always means one thing. Declarations are collected before
// any body is checked, which lets definitions come in any order; a duplicate keeps the first
// definition and points at both.
#include "check/checker.hpp"

namespace strata::check {

void Checker::declare(const std::string& name, TopName top) {
  const auto [it, inserted] = top_.emplace(name, top);
  if (inserted) {
    top_order_.push_back(name);
    return;
  }
  diags_
      .error(DiagCode::DuplicateDefinition, top.span, "`" + name + "` is defined twice",
             "defined again here")
      .label(it->second.span, "first defined here")
      .help(
          "rename one of them; every record field, events, param, let and tiering needs its "
          "own name");
}

Type Checker::field_type(const ast::TypeRef& ref, const std::string& owner_name, bool allow_range,
                         FieldSymbol* field) {
  Type t;
  switch (ref.keyword) {
    case ast::TypeKeyword::Int:
      t = Type::of(TypeKind::Int);
      break;
    case ast::TypeKeyword::Decimal:
      t = Type::of(TypeKind::Decimal);
      break;
    case ast::TypeKeyword::Money:
      t = Type::of(TypeKind::Decimal);
      t.money = true;
      break;
    case ast::TypeKeyword::Bool:
      t = Type::of(TypeKind::Bool);
      break;
    case ast::TypeKeyword::String:
      t = Type::of(TypeKind::String);
      break;
    case ast::TypeKeyword::Date:
      t = Type::of(TypeKind::Date);
      break;
    case ast::TypeKeyword::DateTime:
      t = Type::of(TypeKind::DateTime);
      break;
    case ast::TypeKeyword::Duration:
      t = Type::of(TypeKind::Duration);
      break;
    case ast::TypeKeyword::Enum: {
      EnumSymbol sym;
      sym.name = owner_name;
      std::unordered_map<std::string, Span> seen;
      for (const ast::Ident& member : ref.enum_members) {
        const auto [it, inserted] = seen.emplace(member.text, member.span);
        if (!inserted) {
          diags_
              .error(DiagCode::DuplicateDefinition, member.span,
                     "`" + member.text + "` is listed twice in the values of `" + owner_name + "`",
                     "listed again here")
              .label(it->second, "first listed here");
          continue;
        }
        sym.members.push_back(member.text);
      }
      t = Type::of(TypeKind::Enum);
      t.ref = static_cast<std::uint32_t>(m_.enums.size());
      m_.enums.push_back(std::move(sym));
      break;
    }
  }
  t.optional = ref.optional;
  if (ref.range_low || ref.range_high) {
    if (allow_range) {
      check_range(ref, t, field);
    } else {
      diags_
          .error(DiagCode::BadRange, Span::merge(ref.range_low->span, ref.range_high->span),
                 "a range can only be declared on a record or events field", "not allowed here")
          .emit();
    }
  }
  return t;
}

void Checker::check_range(const ast::TypeRef& ref, const Type& type, FieldSymbol* field) {
  const Span span = Span::merge(ref.range_low ? ref.range_low->span : Span{},
                                ref.range_high ? ref.range_high->span : Span{});
  if (ref.range_low) check(*ref.range_low);
  if (ref.range_high) check(*ref.range_high);
  if (!type.is_numeric()) {
    diags_
        .error(DiagCode::BadRange, span,
               "a range can only be declared on an `int`, `decimal` or `money` field",
               "this field is `" + name_of(type.as_optional(false)) + "`")
        .emit();
    return;
  }
  auto bound = [&](const ast::ExprPtr& e) -> std::optional<Decimal> {
    if (!e) return std::nullopt;
    const std::optional<ConstValue> v = constant_of(*e);
    if (!v) {
      if (!m_.types[e->id].is_error()) {
        diags_
            .error(DiagCode::BadRange, e->span, "range bounds must be numbers written out",
                   "not a number")
            .emit();
      }
      return std::nullopt;
    }
    if (v->kind == TypeKind::Int) return Decimal::from_int(v->i);
    if (v->kind == TypeKind::Decimal && type.kind == TypeKind::Decimal) return v->d;
    diags_
        .error(DiagCode::BadRange, e->span,
               "the bound `" + std::string(m_.sources->text(e->span)) + "` is not " +
                   (type.kind == TypeKind::Int ? "a whole number" : "a number"),
               "this field is `" + name_of(type.as_optional(false)) + "`")
        .emit();
    return std::nullopt;
  };
  const auto low = bound(ref.range_low);
  const auto high = bound(ref.range_high);
  if (!low || !high) return;
  if (*low > *high) {
    diags_
        .error(DiagCode::BadRange, span,
               "the range `" + std::string(m_.sources->text(span)) + "` is empty",
               "the low bound is above the high bound")
        .help("write the smaller bound first");
    return;
  }
  if (field != nullptr) {
    field->range_low = low;
    field->range_high = high;
  }
}

void Checker::collect_record(const ast::RecordDecl& d, Span& first_record) {
  if (m_.record) {
    diags_
        .error(DiagCode::MultipleRecords, d.name.span,
               "a rule set has one record, but `" + d.name.text + "` is a second one",
               "second record")
        .label(first_record, "first record declared here")
        .help("describe other data as `events " + d.name.text + " of " + m_.record->name +
              " by ...` or move it to another rule set");
    return;
  }
  first_record = d.name.span;
  RecordSymbol r;
  r.name = d.name.text;
  r.decl = &d;
  declare(d.name.text, {TopKind::Record, 0, d.name.span});
  m_.record = std::move(r);
  for (const ast::FieldDecl& f : d.fields) {
    FieldSymbol sym;
    sym.name = f.name.text;
    sym.decl = &f;
    sym.type = field_type(f.type, f.name.text, true, &sym);
    const auto index = static_cast<std::uint32_t>(m_.record->fields.size());
    declare(f.name.text, {TopKind::RecordField, index, f.name.span});
    m_.record->fields.push_back(std::move(sym));
  }
  std::vector<std::string> names;
  for (const FieldSymbol& f : m_.record->fields) names.push_back(f.name);
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    if (names[i] == d.key.text) {
      m_.record->key_field = i;
      return;
    }
  }
  auto b = diags_.error(DiagCode::BadKeyField, d.key.span,
                        "the key `" + d.key.text + "` is not a field of `" + d.name.text + "`",
                        "not a field");
  if (auto near = closest_name(d.key.text, names)) {
    b.help("did you mean `" + *near + "`?");
  } else {
    b.help("the key names the field that identifies each customer, such as `id`");
  }
}

void Checker::collect_events(const ast::EventsDecl& d) {
  EventsSymbol ev;
  ev.name = d.name.text;
  ev.by = d.by.text;
  ev.decl = &d;
  const auto id = static_cast<std::uint32_t>(m_.events.size());
  declare(d.name.text, {TopKind::Events, id, d.name.span});
  std::unordered_map<std::string, Span> seen;
  for (const ast::FieldDecl& f : d.fields) {
    FieldSymbol sym;
    sym.name = f.name.text;
    sym.decl = &f;
    sym.type = field_type(f.type, f.name.text, true, &sym);
    const auto [it, inserted] = seen.emplace(f.name.text, f.name.span);
    if (!inserted) {
      diags_
          .error(DiagCode::DuplicateDefinition, f.name.span,
                 "`" + f.name.text + "` is defined twice in `" + d.name.text + "`",
                 "defined again here")
          .label(it->second, "first defined here");
      continue;
    }
    if (!ev.time_field &&
        (sym.type.kind == TypeKind::Date || sym.type.kind == TypeKind::DateTime)) {
      ev.time_field = static_cast<std::uint32_t>(ev.fields.size());
    }
    ev.fields.push_back(std::move(sym));
  }
  m_.events.push_back(std::move(ev));
}

}  // namespace strata::check
