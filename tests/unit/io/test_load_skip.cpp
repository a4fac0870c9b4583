// The skip policy: bad rows are skipped, counted and written to the quarantine file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io_fixtures.hpp"
#include "test_support.hpp"

using namespace strata;
using namespace strata::testing::io;

namespace {

std::vector<nlohmann::ordered_json> read_jsonl(const std::string& path) {
  std::istringstream in(strata::testing::read_text(path));
  std::vector<nlohmann::ordered_json> out;
  for (std::string line; std::getline(in, line);)
    out.push_back(nlohmann::ordered_json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("skip: every bad row is quarantined with its physical line", "[io][skip]") {
  std::string records = (data_dir() / "customers_bad.csv").string();
  std::string quarantine = (scratch_dir() / "skip_quarantine.jsonl").string();
  std::filesystem::remove(quarantine);
  LoadResult r = load(customer_schema(), records, {}, BadRowPolicy::Skip, quarantine);
  REQUIRE(r.data.has_value());
  CHECK(r.diags.empty());
  const Dataset& d = *r.data;
  CHECK(d.size() == 2);
  CHECK(d.key_text(0) == "C001");
  CHECK(d.key_text(1) == "C009");
  CHECK(cell(d, d.records, d.schema->record, 1, 1) == "Good\nmulti-line");
  CHECK(d.bad_rows == 8);
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].rows_read == 10);
  CHECK(d.files[0].bad_rows == 8);
  CHECK(d.quarantine_path == quarantine);

  auto entries = read_jsonl(quarantine);
  REQUIRE(entries.size() == 8);
  // Keys in the documented order.
  std::vector<std::string> keys;
  for (auto& [key, value] : entries[0].items()) keys.push_back(key);
  CHECK(keys ==
        std::vector<std::string>{"file", "line", "column", "field", "code", "reason", "row"});

  struct Row {
    int line;
    int column;
    const char* field;
    const char* code;
  };
  const Row expected[] = {{3, 3, "industry", "E0302"}, {5, 5, "signed_on", "E0302"},
                          {6, 6, "nps", "E0303"},      {7, 2, "name", "E0304"},
                          {8, 7, "revenue", "E0302"},  {9, 1, "id", "E0306"},
                          {10, 0, "", "E0305"},        {11, 2, "", "E0305"}};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(i);
    CHECK(entries[i]["file"] == records);
    CHECK(entries[i]["line"] == expected[i].line);
    CHECK(entries[i]["column"] == expected[i].column);
    CHECK(entries[i]["field"] == expected[i].field);
    CHECK(entries[i]["code"] == expected[i].code);
  }
  CHECK(entries[0]["row"] == "C002,\"Fabrikam\nInc.\",retial,3,2024-01-01,5,200");
  CHECK(entries[0]["reason"] ==
        "`retial` is not one of ict, manufacturing, retail, education, logistics, healthcare, "
        "other (did you mean `retail`?)");
  CHECK(entries[5]["reason"] == "duplicate key `C001`: the record on line 2 has the same key");
  CHECK(entries[6]["row"] == "C007,Nova,retail,4");

  // Nothing but the quarantine file itself is left behind (no temporary files).
  for (const auto& entry : std::filesystem::directory_iterator(scratch_dir())) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

TEST_CASE("skip: no quarantine file when no row is bad", "[io][skip]") {
  std::string quarantine = (scratch_dir() / "clean_quarantine.jsonl").string();
  std::filesystem::remove(quarantine);
  LoadResult r = load(customer_schema(), (data_dir() / "customers.csv").string(), {},
                      BadRowPolicy::Skip, quarantine);
  REQUIRE(r.data.has_value());
  CHECK(r.data->bad_rows == 0);
  CHECK(r.data->quarantine_path.empty());
  CHECK_FALSE(std::filesystem::exists(quarantine));
}

TEST_CASE("skip: orphan events and invalid bytes are quarantined too", "[io][skip]") {
  std::string quarantine = (scratch_dir() / "orphans_quarantine.jsonl").string();
  std::string orders = scratch_file("orders_bad_bytes.csv",
                                    "customer_id,at,amount\nC001,,1\nC404,,2\n,,3\nC002,\xFF,4\n");
  LoadResult r = load(customer_schema(), (data_dir() / "customers.csv").string(),
                      {{"Order", orders}}, BadRowPolicy::Skip, quarantine);
  REQUIRE(r.data.has_value());
  CHECK(r.data->events[0].table.rows == 1);
  CHECK(r.data->bad_rows == 3);
  auto entries = read_jsonl(quarantine);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0]["code"] == "E0307");
  CHECK(entries[0]["line"] == 3);
  CHECK(entries[1]["code"] == "E0304");
  CHECK(entries[1]["reason"] ==
        "missing value for the join column `customer_id` (the key of the Customer this event "
        "belongs to)");
  CHECK(entries[2]["code"] == "E0302");
  CHECK(entries[2]["row"] == "C002,\xEF\xBF\xBD,4");  // the invalid byte shown as U+FFFD
}

TEST_CASE("skip: a quarantine file that cannot be written fails the load", "[io][skip]") {
  std::string quarantine = (scratch_dir() / "no_such_dir" / "q.jsonl").string();
  LoadResult r = load(customer_schema(), (data_dir() / "customers_bad.csv").string(), {},
                      BadRowPolicy::Skip, quarantine);
  CHECK_FALSE(r.data.has_value());
  REQUIRE(r.diags.all().size() == 1);
  CHECK(diag_code_id(r.diags.all()[0].code) == "E0502");
  CHECK(r.diags.all()[0].message.find("cannot write the quarantine file for 8 skipped rows") == 0);
}

TEST_CASE("skip: events of a skipped record say why they have no record", "[io][skip]") {
  std::string quarantine = (scratch_dir() / "cascade_quarantine.jsonl").string();
  std::string orders = scratch_file("cascade_orders.csv", "customer_id,amount\nC002,1\nC001,2\n");
  LoadResult r = load(customer_schema(), (data_dir() / "customers_bad.csv").string(),
                      {{"Order", orders}}, BadRowPolicy::Skip, quarantine);
  REQUIRE(r.data.has_value());
  CHECK(r.data->bad_rows == 9);
  CHECK(r.data->events[0].table.rows == 1);
  auto entries = read_jsonl(quarantine);
  REQUIRE(entries.size() == 9);
  CHECK(entries[8]["code"] == "E0307");
  CHECK(entries[8]["reason"] ==
        "no Customer has the key `C002` (its record, on line 3, was skipped as bad)");
}
