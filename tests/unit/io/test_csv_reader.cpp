// CSV scanning edge cases: quoting, line ends, byte order mark, blank lines and malformed rows.
#include <catch2/catch.hpp>

#include "io/csv_reader.hpp"

using strata::io::CsvReader;
using strata::io::RawRow;
using strata::io::RowStatus;

namespace {

// Renders every row as "line:field|field|..." and malformed rows as "line:!reason".
std::vector<std::string> scan(const std::string& text, std::string* header = nullptr) {
  CsvReader reader(text);
  std::string reason;
  std::vector<std::string> out;
  if (!reader.read_header(reason)) {
    out.push_back("no header: " + reason);
    return out;
  }
  if (header) {
    for (const auto& name : reader.column_names()) *header += name + "|";
  }
  RawRow row;
  while (true) {
    RowStatus status = reader.next(row, reason);
    if (status == RowStatus::End) break;
    std::string line = std::to_string(row.line) + ":";
    if (status == RowStatus::Malformed) {
      out.push_back(line + "!" + reason);
      continue;
    }
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (i != 0) line += "|";
      line += std::string(row.fields[i]);
    }
    out.push_back(line);
  }
  return out;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: rows and fields", "[io][csv]") {
  auto [name, text, expected] = GENERATE(table<const char*, std::string, Rows>({
      {"simple", "a,b\n1,2\n3,4\n", {"2:1|2", "3:3|4"}},
      {"no final newline", "a,b\n1,2\n3,4", {"2:1|2", "3:3|4"}},
      {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {"2:1|2", "3:3|4"}},
      {"CRLF without final newline", "a,b\r\n1,2\r\n3,4", {"2:1|2", "3:3|4"}},
      {"quoted comma", "a,b\n\"x,y\",2\n", {"2:x,y|2"}},
      {"doubled quotes", "a,b\n\"say \"\"hi\"\"\",2\n", {"2:say \"hi\"|2"}},
      {"only a doubled quote", "a,b\n\"\"\"\",2\n", {"2:\"|2"}},
      {"embedded newline shifts lines", "a,b\n\"one\ntwo\",2\n3,4\n", {"2:one\ntwo|2", "4:3|4"}},
      {"embedded CRLF is kept", "a,b\r\n\"one\r\ntwo\",2\r\n3,4\r\n", {"2:one\r\ntwo|2", "4:3|4"}},
      {"quoted last field, CRLF", "a,b\r\n1,\"x\"\r\n2,\"y\"", {"2:1|x", "3:2|y"}},
      {"Chinese text", "名称,城市\n客户一,西安\n", {"2:客户一|西安"}},
      {"empty fields", "a,b,c\n,,\n1,,3\n", {"2:||", "3:1||3"}},
      {"quoted empty field", "a,b\n\"\",x\n", {"2:|x"}},
      {"blank lines are skipped", "a,b\n\n1,2\n\r\n\n3,4\n\n", {"3:1|2", "6:3|4"}},
      {"header only", "a,b\n", {}},
      {"header only without newline", "a,b", {}},
      {"quote inside an unquoted field is literal", "a,b\nab\"c,2\n", {"2:ab\"c|2"}},
      {"long line crosses 16-byte blocks",
       "a,b,c,d\nthe first field is long,x,another rather long field,\n",
       {"2:the first field is long|x|another rather long field|"}},
      {"quote after 16 bytes", "a,b\n0123456789abcdefgh,\"q,r\"\n", {"2:0123456789abcdefgh|q,r"}},
      {"too few fields",
       "a,b,c\n1,2\n4,5,6\n",
       {"2:!the row has 2 fields but the header has 3", "3:4|5|6"}},
      {"too many fields", "a\n1,2\n", {"2:!the row has 2 fields but the header has 1"}},
      {"junk after a closing quote",
       "a,b\n\"x\"y,2\n3,4\n",
       {"2:!unexpected `y` after the closing quote of field 1", "3:3|4"}},
      {"space after a closing quote",
       "a,b\n1,\"x\" \n3,4\n",
       {"2:!unexpected a space after the closing quote of field 2", "3:3|4"}},
      {"unterminated quote",
       "a,b\n1,\"x\n2,3\n",
       {"2:!the quoted field 2 is never closed (a quote is missing)"}},
  }));
  CAPTURE(name);
  CHECK(scan(text) == expected);
}

TEST_CASE("csv: header names, byte order mark", "[io][csv]") {
  std::string header;
  CHECK(scan("\xEF\xBB\xBFid,name\r\nC1,x\r\n", &header) == Rows{"2:C1|x"});
  CHECK(header == "id|name|");
  header.clear();
  CHECK(scan("\"id\",\"full, name\"\n1,2\n", &header) == Rows{"2:1|2"});
  CHECK(header == "id|full, name|");
}

TEST_CASE("csv: files without a header", "[io][csv]") {
  CHECK(scan("") ==
        Rows{"no header: the file is empty: a header row naming the columns is required"});
  CHECK(scan("\n\r\n") ==
        Rows{"no header: the file is empty: a header row naming the columns is required"});
  CHECK(scan("\xEF\xBB\xBF") ==
        Rows{"no header: the file is empty: a header row naming the columns is required"});
  CHECK(scan("\"a\"b\n") ==
        Rows{"no header: malformed header row: unexpected `b` after the closing quote of field 1"});
}

TEST_CASE("csv: raw row text is kept for the quarantine", "[io][csv]") {
  std::string text = "a,b\r\n\"x\ny\",2\r\n3,4";
  CsvReader reader(text);
  std::string reason;
  REQUIRE(reader.read_header(reason));
  RawRow row;
  REQUIRE(reader.next(row, reason) == RowStatus::Row);
  CHECK(row.raw == "\"x\ny\",2");
  REQUIRE(reader.next(row, reason) == RowStatus::Row);
  CHECK(row.raw == "3,4");
  CHECK(row.line == 4);
  CHECK(reader.next(row, reason) == RowStatus::End);
}
