// Storage building blocks: validity bitmaps, columns and the string pool.
#include <catch2/catch.hpp>
#include <random>

#include "io/value_parse.hpp"
#include "strata/dataset.hpp"

using namespace strata;

TEST_CASE("validity: empty means all present, and grows with ones", "[io][storage]") {
  Validity v;
  CHECK(v.all_valid());
  CHECK(v.valid(1000));
  v.set_missing(3, 10);
  CHECK_FALSE(v.all_valid());
  CHECK(v.valid(2));
  CHECK_FALSE(v.valid(3));
  CHECK(v.valid(9));
  v.resize(200);  // rows appended after the last missing one are present
  CHECK(v.words().size() == 4);
  CHECK(v.valid(150));
  v.set_missing(130, 131);
  CHECK_FALSE(v.valid(130));
  CHECK(v.valid(131));
  // Row i of the result is row order[i] of the input.
  v.permute({130, 0, 3, 7});
  CHECK_FALSE(v.valid(0));
  CHECK(v.valid(1));
  CHECK_FALSE(v.valid(2));
  CHECK(v.valid(3));
  v.set_valid_all(4);
  CHECK(v.all_valid());
}

TEST_CASE("column: storage by kind, missing values and sizes", "[io][storage]") {
  StringPool pool;
  Column dec = Column::make(ValueKind::Decimal);
  CHECK(std::holds_alternative<std::vector<Decimal::Rep>>(dec.data));
  CHECK(std::holds_alternative<std::vector<std::int32_t>>(Column::make(ValueKind::Enum).data));
  CHECK(std::holds_alternative<std::vector<std::uint8_t>>(Column::make(ValueKind::Bool).data));
  CHECK(std::holds_alternative<std::vector<std::int64_t>>(Column::make(ValueKind::Duration).data));
  io::Scalar s;
  s.dec = *Decimal::parse("2.5");
  io::append_value(dec, s, pool);
  io::append_missing(dec);
  io::append_value(dec, s, pool);
  CHECK(dec.size() == 3);
  CHECK(dec.validity.valid(0));
  CHECK_FALSE(dec.validity.valid(1));
  CHECK(io::equals(dec, 2, s));
  dec.reserve(100);
  CHECK(dec.memory_bytes() >= 100 * sizeof(Decimal::Rep));
  FieldSchema f;
  f.kind = ValueKind::Decimal;
  CHECK(io::format_cell(dec, 0, f, &pool) == "2.5");
  CHECK(io::format_cell(dec, 1, f, &pool).empty());
  CHECK(value_kind_name(ValueKind::DateTime) == "datetime");
}

TEST_CASE("string pool: ids are dense and stable, views never move", "[io][storage]") {
  StringPool pool;
  CHECK_FALSE(pool.find("x").has_value());
  std::int32_t a = pool.intern("客户");
  std::int32_t empty = pool.intern("");
  CHECK(a == 0);
  CHECK(empty == 1);
  CHECK(pool.intern("客户") == 0);
  CHECK(pool.find("") == 1);
  std::string_view first = pool.text(a);
  // Enough strings to grow the table and the blocks many times, plus a long one.
  std::mt19937 rng(7);
  std::vector<std::string> added;
  for (int i = 0; i < 200'000; ++i)
    added.push_back("s" + std::to_string(rng()) + "_" + std::to_string(i));
  added.push_back(std::string(1 << 20, 'L'));
  for (const std::string& s : added) pool.intern(s);
  CHECK(first.data() == pool.text(a).data());  // the characters did not move
  CHECK(first == "客户");
  CHECK(pool.size() == added.size() + 2);
  for (std::size_t i = 0; i < added.size(); i += 997) {
    auto id = pool.find(added[i]);
    REQUIRE(id.has_value());
    CHECK(pool.text(*id) == added[i]);
    CHECK(*id == static_cast<std::int32_t>(i + 2));
  }
  CHECK(pool.find(added.back()) == static_cast<std::int32_t>(added.size() + 1));
  CHECK(pool.intern("s", StringPool::hash("s")) == pool.intern("s"));
  CHECK(pool.memory_bytes() > (1u << 20));
  StringPool moved = std::move(pool);
  CHECK(moved.find("客户") == 0);
}
