#include "population/keys.hpp"

namespace strata::population {

int compare_keys(const Key& a, const Key& b) {
  if (a.present != b.present) return a.present ? 1 : -1;
  if (a.text) {
    const int c = std::string_view(a.s).compare(b.s);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

KeyColumn::KeyColumn(const Dataset& data) {
  column_ = &data.records.columns[data.schema->record.key_field];
  pool_ = data.strings.get();
  all_present_ = column_->validity.all_valid();
  if (column_->kind == ValueKind::String) {
    ids_ = std::get<std::vector<std::int32_t>>(column_->data).data();
  }
}

std::string_view KeyColumn::text(std::uint32_t row) const {
  return pool_->text(ids_[row]);
}

Decimal::Rep KeyColumn::number(std::uint32_t row) const {
  return std::visit(
      [&](const auto& v) -> Decimal::Rep { return static_cast<Decimal::Rep>(v[row]); },
      column_->data);
}

int KeyColumn::compare(std::uint32_t a, std::uint32_t b) const {
  if (!all_present_) {
    const bool pa = column_->validity.valid(a), pb = column_->validity.valid(b);
    if (pa != pb) return pa ? 1 : -1;
  }
  if (ids_ != nullptr) {
    const int c = text(a).compare(text(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  const Decimal::Rep x = number(a), y = number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

bool KeyColumn::rows_in_key_order() const {
  const std::size_t rows = column_->size();
  for (std::size_t r = 1; r < rows; ++r) {
    if (compare(static_cast<std::uint32_t>(r - 1), static_cast<std::uint32_t>(r)) >= 0) {
      return false;
    }
  }
  return true;
}

Key KeyColumn::key(std::uint32_t row) const {
  Key k;
  k.present = column_->validity.valid(row);
  k.text = column_->kind == ValueKind::String;
  if (!k.present) return k;
  if (k.text) {
    k.s = std::string(text(row));
  } else {
    k.n = number(row);
  }
  return k;
}

}  // namespace strata::population
