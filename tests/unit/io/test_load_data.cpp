// Loading good data: values, events grouped by record in time order, and CSV / JSON Lines parity.
#include <catch2/catch.hpp>

#include "io_fixtures.hpp"

using namespace strata;
using namespace strata::testing::io;

namespace {

// Every record as "key|name|industry|employees|signed_on|nps|revenue".
std::vector<std::string> records_of(const Dataset& d) {
  std::vector<std::string> out;
  for (std::size_t row = 0; row < d.size(); ++row) {
    std::string line;
    for (std::size_t f = 0; f < d.schema->record.fields.size(); ++f) {
      if (f != 0) line += "|";
      line += cell(d, d.records, d.schema->record, f, row);
    }
    out.push_back(line);
  }
  return out;
}

// Every order as "record: at amount", in storage order.
std::vector<std::string> orders_of(const Dataset& d) {
  const EventsTable& e = d.events[0];
  std::vector<std::string> out;
  for (std::size_t row = 0; row < e.table.rows; ++row) {
    out.push_back(d.key_text(e.record_of[row]) + ": " +
                  cell(d, e.table, d.schema->events[0], 0, row) + " " +
                  cell(d, e.table, d.schema->events[0], 1, row));
  }
  return out;
}

const std::vector<std::string> kRecords = {
    "C001|Contoso, Ltd.|ict|18|2024-07-25|6|3524488.39",
    "C002|西安市腾博信息技术集团有限公司|retail|||8|0.1",
    "C003|Bob \"The Builder\" Chen|manufacturing|5|2026-02-28||-12.5",
};

const std::vector<std::string> kOrders = {
    "C001: 2026-01-01T08:30:00 200.25", "C001: 2026-02-01T09:00:00 100",
    "C002: 2026-01-15T00:00:00 0.1",    "C002: 2026-01-15T00:00:00 0.2",
    "C002: 2026-03-01T10:00:00 10.5",   "C003:  7",
    "C003: 2026-05-05T00:00:00 3",
};

}  // namespace

TEST_CASE("load: records and events from CSV", "[io][load]") {
  LoadResult r = load(customer_schema(), (data_dir() / "customers.csv").string(),
                      {{"Order", (data_dir() / "orders.csv").string()}});
  REQUIRE(r.data.has_value());
  CHECK(r.diags.empty());
  const Dataset& d = *r.data;
  CHECK(records_of(d) == kRecords);
  CHECK(orders_of(d) == kOrders);
  CHECK(d.events[0].offsets == std::vector<std::uint64_t>{0, 2, 5, 7});
  CHECK(d.events[0].record_of == std::vector<std::uint32_t>{0, 0, 1, 1, 1, 2, 2});
  // Missing values are in the validity bitmaps, whatever the storage holds.
  CHECK_FALSE(d.records.columns[3].validity.valid(1));
  CHECK(d.records.columns[3].validity.valid(2));
  CHECK(d.records.columns[6].validity.all_valid());
  CHECK_FALSE(d.events[0].table.columns[0].validity.valid(5));
  REQUIRE(d.files.size() == 2);
  CHECK(d.files[0].rows_read == 3);
  CHECK(d.files[1].rows_read == 7);
  CHECK(d.files[1].bytes == std::filesystem::file_size(data_dir() / "orders.csv"));
  CHECK(d.bad_rows == 0);
  CHECK(d.memory_bytes() > 0);
}

TEST_CASE("load: JSON Lines gives the same dataset", "[io][load][jsonl]") {
  LoadResult r = load(customer_schema(), (data_dir() / "customers.jsonl").string(),
                      {{"Order", (data_dir() / "orders.ndjson").string()}});
  REQUIRE(r.data.has_value());
  CHECK(r.diags.empty());
  CHECK(records_of(*r.data) == kRecords);
  CHECK(orders_of(*r.data) == kOrders);
  CHECK(r.data->files[0].rows_read == 3);  // the blank line is not a row
}

TEST_CASE("load: decimals from JSON numbers stay exact", "[io][load][jsonl]") {
  std::string path = scratch_file(
      "exact.jsonl",
      "{\"id\": \"a\", \"name\": \"A\", \"industry\": \"ict\", \"revenue\": 0.1}\n"
      "{\"id\": \"b\", \"name\": \"B\", \"industry\": \"ict\", \"revenue\": 0.2}\n"
      "{\"id\": \"c\", \"name\": \"C\", \"industry\": \"ict\", "
      "\"revenue\": 12345678901234567890.123456}\n"
      "{\"id\": \"d\", \"name\": \"D\", \"industry\": \"ict\", \"revenue\": -9007199254740993}\n");
  LoadResult r = load(customer_schema(), path);
  REQUIRE(r.data.has_value());
  const auto& revenue = std::get<std::vector<Decimal::Rep>>(r.data->records.columns[6].data);
  Decimal sum;
  REQUIRE(Decimal::add(Decimal::from_units(revenue[0]), Decimal::from_units(revenue[1]), sum));
  CHECK(sum == *Decimal::parse("0.3"));
  CHECK(Decimal::from_units(revenue[2]).to_string() == "12345678901234567890.123456");
  CHECK(Decimal::from_units(revenue[3]).to_string() == "-9007199254740993");
}

TEST_CASE("load: JSON Lines problems", "[io][load][jsonl]") {
  auto [name, line, code, column, message] =
      GENERATE(table<const char*, std::string, const char*, std::uint32_t, std::string>({
          {"nested value", R"({"id": "x", "name": "X", "industry": "ict", "revenue": {"v": 1}})",
           "E0302", 4, "expected a value of type decimal, found a JSON object or array"},
          {"exponent", R"({"id": "x", "name": "X", "industry": "ict", "revenue": 1e5})", "E0302", 4,
           "`1e5` is not a decimal"},
          {"absent required key", R"({"id": "x", "industry": "ict", "revenue": 1})", "E0304", 0,
           "missing value for required field `name` (a string is expected)"},
          {"null required value", R"({"id": "x", "name": null, "industry": "ict", "revenue": 1})",
           "E0304", 2, "missing value for required field `name` (a string is expected)"},
          {"invalid JSON", R"({"id": "x", "name": })", "E0305", 0,
           "invalid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', "
           "or a literal"},
          {"not an object", R"(["x", "X"])", "E0305", 0, "the line is not a JSON object"},
          {"duplicate key", R"({"id": "x", "id": "y"})", "E0305", 0, "the key `id` appears twice"},
          {"trailing text", R"({"id": "x"} {)", "E0305", 0,
           "invalid JSON: syntax error while parsing value - unexpected '{'; expected end of "
           "input"},
      }));
  CAPTURE(name);
  std::string path = scratch_file(
      "problem.jsonl",
      "{\"id\": \"ok\", \"name\": \"A\", \"industry\": \"ict\", \"revenue\": 1}\n" + line + "\n");
  LoadResult r = load(customer_schema(), path);
  CHECK_FALSE(r.data.has_value());
  REQUIRE(r.diags.all().size() == 1);
  const Diagnostic& d = r.diags.all()[0];
  CHECK(diag_code_id(d.code) == code);
  CHECK(d.message == message);
  CHECK(d.data_location->line == 2);
  CHECK(d.data_location->column == column);
}

TEST_CASE("load: events sort by time with missing times first and ties in file order",
          "[io][events]") {
  std::string orders = scratch_file("sort.csv",
                                    "amount,at,customer_id\n"
                                    "1,2026-01-03,C003\n"
                                    "2,,C003\n"
                                    "3,2026-01-01,C003\n"
                                    "4,2026-01-03,C003\n"
                                    "5,,C003\n"
                                    "6,2026-01-02,C001\n");
  LoadResult r =
      load(customer_schema(), (data_dir() / "customers.csv").string(), {{"Order", orders}});
  REQUIRE(r.data.has_value());
  const EventsTable& e = r.data->events[0];
  CHECK(e.offsets == std::vector<std::uint64_t>{0, 1, 1, 6});
  std::vector<std::string> amounts;
  for (std::size_t row = 0; row < e.table.rows; ++row) {
    amounts.push_back(cell(*r.data, e.table, r.data->schema->events[0], 1, row));
  }
  CHECK(amounts == std::vector<std::string>{"6", "2", "5", "3", "1", "4"});
}

TEST_CASE("load: records without events and events without a file", "[io][events]") {
  LoadResult r = load(customer_schema(), (data_dir() / "customers.csv").string());
  REQUIRE(r.data.has_value());
  REQUIRE(r.data->events.size() == 1);
  CHECK(r.data->events[0].table.rows == 0);
  CHECK(r.data->events[0].offsets == std::vector<std::uint64_t>{0, 0, 0, 0});
}

TEST_CASE("load: keys by text form and by value", "[io][load]") {
  LoadResult r = load(customer_schema(), (data_dir() / "customers.csv").string());
  REQUIRE(r.data.has_value());
  CHECK(r.data->find_key("C002") == 1u);
  CHECK_FALSE(r.data->find_key("C004").has_value());
  CHECK(r.data->key_text(2) == "C003");

  // Int keys: `007` in an events file is the record `7`, and duplicates are found by value.
  auto schema = customer_schema();
  schema->record.fields[0].kind = ValueKind::Int;
  std::string records =
      scratch_file("int_keys.csv", "id,name,industry,revenue\n7,A,ict,1\n12,B,ict,2\n");
  std::string orders = scratch_file("int_orders.csv", "customer_id,amount\n007,5\n12,6\n+7,7\n");
  LoadResult ints = load(schema, records, {{"Order", orders}});
  REQUIRE(ints.data.has_value());
  CHECK(ints.data->events[0].offsets == std::vector<std::uint64_t>{0, 2, 3});
  CHECK(ints.data->find_key("07") == 0u);
  CHECK(ints.data->key_text(1) == "12");
  std::string dupes =
      scratch_file("int_dupes.csv", "id,name,industry,revenue\n7,A,ict,1\n07,B,ict,2\n");
  LoadResult dup = load(schema, dupes);
  REQUIRE(dup.diags.all().size() == 1);
  CHECK(dup.diags.all()[0].message == "duplicate key `07`: the record on line 2 has the same key");
}

TEST_CASE("load: a join column that is also a field of the events", "[io][events][jsonl]") {
  auto schema = customer_schema();
  schema->events[0].fields.push_back(field("customer_id", ValueKind::String));
  std::string records = (data_dir() / "customers.csv").string();
  for (const char* name : {"by_field.csv", "by_field.jsonl"}) {
    CAPTURE(name);
    std::string orders = std::string(name).ends_with(".csv")
                             ? scratch_file(name, "customer_id,amount\nC003,1\nC001,2\n")
                             : scratch_file(name,
                                            "{\"customer_id\": \"C003\", \"amount\": 1}\n"
                                            "{\"amount\": 2, \"customer_id\": \"C001\"}\n");
    LoadResult r = load(schema, records, {{"Order", orders}});
    REQUIRE(r.data.has_value());
    const EventsTable& e = r.data->events[0];
    CHECK(e.offsets == std::vector<std::uint64_t>{0, 1, 1, 2});
    CHECK(cell(*r.data, e.table, schema->events[0], 2, 0) == "C001");
    CHECK(cell(*r.data, e.table, schema->events[0], 2, 1) == "C003");
  }
}
