// Each data-input diagnostic (E0301..E0308): code, message, file, line, column and field.
#include <catch2/catch.hpp>

#include "io_fixtures.hpp"

using namespace strata;
using namespace strata::testing::io;

namespace {

constexpr const char* kHeader = "id,name,industry,employees,signed_on,nps,revenue\n";

struct Expected {
  DiagCode code;
  std::uint64_t line;
  std::uint32_t column;
  std::string field;
  std::string message;
};

void check_single_error(const LoadResult& r, const std::string& file, const Expected& e) {
  CHECK_FALSE(r.data.has_value());
  REQUIRE(r.diags.all().size() == 1);
  const Diagnostic& d = r.diags.all()[0];
  CHECK(diag_code_id(d.code) == diag_code_id(e.code));
  CHECK(d.severity == Severity::Error);
  CHECK(d.message == e.message);
  REQUIRE(d.data_location.has_value());
  CHECK(d.data_location->file == file);
  CHECK(d.data_location->line == e.line);
  CHECK(d.data_location->column == e.column);
  CHECK(d.data_location->field == e.field);
}

}  // namespace

TEST_CASE("load errors: one bad row stops the load under the default policy", "[io][load]") {
  auto [name, row, expected] = GENERATE(table<const char*, std::string, Expected>({
      {"bad decimal",
       "C2,B,ict,1,,5,12.3.4",
       {DiagCode::BadValue, 3, 7, "revenue", "`12.3.4` is not a decimal"}},
      {"bad date",
       "C2,B,ict,1,2026-02-30,5,1",
       {DiagCode::BadValue, 3, 5, "signed_on", "`2026-02-30` is not a real date"}},
      {"int overflow",
       "C2,B,ict,99999999999999999999,,5,1",
       {DiagCode::BadValue, 3, 4, "employees",
        "`99999999999999999999` does not fit in a 64-bit int"}},
      {"unknown enum member",
       "C2,B,retial,1,,5,1",
       {DiagCode::BadValue, 3, 3, "industry",
        "`retial` is not one of ict, manufacturing, retail, education, logistics, healthcare, "
        "other (did you mean `retail`?)"}},
      {"out of range",
       "C2,B,ict,1,,11,1",
       {DiagCode::OutOfRange, 3, 6, "nps", "`11` is outside the declared range 0..10"}},
      {"below range",
       "C2,B,ict,1,,-1,1",
       {DiagCode::OutOfRange, 3, 6, "nps", "`-1` is outside the declared range 0..10"}},
      {"missing required",
       "C2,,ict,1,,5,1",
       {DiagCode::MissingValue, 3, 2, "name",
        "missing value for required field `name` (a string is expected)"}},
      {"missing key",
       ",B,ict,1,,5,1",
       {DiagCode::MissingValue, 3, 1, "id",
        "missing value for the key field `id` (every record needs a key)"}},
      {"too few fields",
       "C2,B,ict",
       {DiagCode::MalformedRow, 3, 0, "", "the row has 3 fields but the header has 7"}},
      {"junk after a quote",
       "C2,\"B\"x,ict,1,,5,1",
       {DiagCode::MalformedRow, 3, 2, "", "unexpected `x` after the closing quote of field 2"}},
      {"duplicate key",
       "C1,Again,ict,1,,5,1",
       {DiagCode::DuplicateKey, 3, 1, "id",
        "duplicate key `C1`: the record on line 2 has the same key"}},
      {"invalid UTF-8",
       "C2,B\xFF,ict,1,,5,1",
       {DiagCode::BadValue, 3, 2, "name", "the text is not valid UTF-8 (byte 0xFF at offset 1)"}},
  }));
  CAPTURE(name);
  std::string path =
      scratch_file("errors.csv", std::string(kHeader) + "C1,A,ict,1,,5,1\n" + row + "\n");
  check_single_error(load(customer_schema(), path), path, expected);
}

TEST_CASE("load errors: the line of a row after a multi-line field", "[io][load]") {
  std::string path = scratch_file(
      "multiline.csv", std::string(kHeader) + "C1,\"two\nlines\",ict,1,,5,1\nC2,B,ict,1,,5,x\n");
  check_single_error(load(customer_schema(), path), path,
                     {DiagCode::BadValue, 4, 7, "revenue", "`x` is not a decimal"});
}

TEST_CASE("load errors: every missing column is reported before any row", "[io][load]") {
  // `revenu` is misspelt and `industry` absent; the optional columns may be absent; the bad
  // value on line 2 is never reached.
  std::string path = scratch_file("columns.csv", "id,name,revenu,extra\nC1,A,zzz,1\n");
  LoadResult r = load(customer_schema(), path);
  CHECK_FALSE(r.data.has_value());
  REQUIRE(r.diags.all().size() == 2);
  const Diagnostic& industry = r.diags.all()[0];
  CHECK(diag_code_id(industry.code) == "E0301");
  CHECK(industry.message ==
        "the required column `industry` is missing from the header (found: id, name, revenu, "
        "extra)");
  CHECK(industry.data_location->line == 1);
  CHECK(industry.data_location->column == 0);
  CHECK(industry.data_location->field == "industry");
  CHECK_FALSE(industry.help.has_value());
  const Diagnostic& revenue = r.diags.all()[1];
  CHECK(revenue.message ==
        "the required column `revenue` is missing from the header (found: id, name, revenu, "
        "extra)");
  CHECK(revenue.help == "did you mean `revenu`? Columns are matched to fields by exact name");
}

TEST_CASE("load errors: the key and join columns must be in the header", "[io][load]") {
  auto schema = customer_schema();
  schema->record.fields[0].optional = true;  // even an optional key column is required
  std::string records = scratch_file("nokey.csv", "name,industry,revenue\nA,ict,1\n");
  std::string orders = scratch_file("nojoin.csv", "customer,at,amount\nC1,,1\n");
  LoadResult r = load(schema, records, {{"Order", orders}});
  REQUIRE(r.diags.all().size() == 2);
  CHECK(r.diags.all()[0].message ==
        "the key column `id` is missing from the header (found: name, industry, revenue)");
  CHECK(r.diags.all()[1].message ==
        "the join column `customer_id` is missing from the header (found: customer, at, amount)");
  CHECK(r.diags.all()[1].data_location->file == orders);
  CHECK(r.diags.all()[1].help ==
        "did you mean `customer`? Columns are matched to fields by exact name");
}

TEST_CASE("load errors: empty files and unreadable files", "[io][load]") {
  std::string empty = scratch_file("empty.csv", "");
  LoadResult r = load(customer_schema(), empty);
  REQUIRE(r.diags.all().size() == 1);
  CHECK(diag_code_id(r.diags.all()[0].code) == "E0301");
  CHECK(r.diags.all()[0].message ==
        "the file is empty: a header row naming the columns is required");

  std::string missing = (scratch_dir() / "does_not_exist.csv").string();
  check_single_error(load(customer_schema(), missing), missing,
                     {DiagCode::DataFileError, 0, 0, "",
                      "cannot read `" + missing + "`: No such file or directory"});

  std::string dir = scratch_dir().string();
  check_single_error(
      load(customer_schema(), dir), dir,
      {DiagCode::DataFileError, 0, 0, "", "cannot read `" + dir + "`: it is a directory"});
}

TEST_CASE("load errors: events that name no record", "[io][load]") {
  std::string records = (data_dir() / "customers.csv").string();
  std::string orders = (data_dir() / "orders_orphans.csv").string();
  LoadResult r = load(customer_schema(), records, {{"Order", orders}});
  check_single_error(
      r, orders, {DiagCode::OrphanEvent, 3, 1, "customer_id", "no Customer has the key `C999`"});
  CHECK(r.diags.all()[0].help == "every Order row must belong to a loaded Customer");
}

TEST_CASE("load errors: a join value that is not a key of the key's type", "[io][load]") {
  auto schema = customer_schema();
  schema->record.fields[0].kind = ValueKind::Int;
  std::string records = scratch_file("intkeys.csv", std::string(kHeader) + "7,A,ict,1,,5,1\n");
  std::string orders = scratch_file("intorders.csv", "amount,customer_id\n1,007\n2,x7\n");
  LoadResult r = load(schema, records, {{"Order", orders}});
  check_single_error(r, orders,
                     {DiagCode::BadValue, 3, 2, "customer_id",
                      "`x7` is not an int (the join column must hold Customer keys)"});
}

TEST_CASE("load errors: unknown events name", "[io][load]") {
  std::string records = (data_dir() / "customers.csv").string();
  LoadResult r = load(customer_schema(), records, {{"Ordr", "orders.csv"}});
  CHECK_FALSE(r.data.has_value());
  REQUIRE(r.diags.all().size() == 1);
  CHECK(diag_code_id(r.diags.all()[0].code) == "E0501");
  CHECK(r.diags.all()[0].message == "no events declaration is named `Ordr`");
  CHECK(r.diags.all()[0].help == "did you mean `Order`?");
}

TEST_CASE("load errors: a column named twice in the header", "[io][load]") {
  std::string path = scratch_file("twice.csv", "id,name,industry,revenue,name\nC1,A,ict,1,B\n");
  LoadResult r = load(customer_schema(), path);
  check_single_error(r, path,
                     {DiagCode::MalformedRow, 1, 0, "name",
                      "the header names the column `name` 2 times; it must name it once"});
}
