// Fuzz target: data files through loading and a run of the retail rule set.
//
// The first byte of the input chooses the file under test (customers or orders) and its format
// (CSV or JSON Lines) and the bad-row policy; the rest is the file's content. The other file is
// the small valid fixture below. Loading must report every problem as a diagnostic and a dataset
// that loads must run; nothing may crash or hang.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_target.hpp"
#include "seeds.hpp"
#include "strata/strata.hpp"

namespace {

namespace fs = std::filesystem;

std::shared_ptr<const strata::RuleSet> g_rules;
fs::path g_dir;

const char* const kCustomersCsv =
    "id,name,industry,employees,owner,signed_on,nps,revenue\n"
    "C1,张三贸易有限公司,retail,18,王芳,2024-07-25,6,3524488.39\n"
    "C2,\"Smith, Jane & Co\",ict,,Bob Chen,,,100.00\n";
const char* const kOrdersCsv =
    "customer_id,at,amount\n"
    "C1,2026-10-01T10:00:00,120.50\n"
    "C2,2026-09-01T09:30:00,99.00\n";
const char* const kCustomersJsonl =
    "{\"id\":\"C1\",\"name\":\"张三\",\"industry\":\"retail\",\"employees\":18,"
    "\"owner\":\"王芳\",\"signed_on\":\"2024-07-25\",\"nps\":6,\"revenue\":\"3524488.39\"}\n";
const char* const kOrdersJsonl =
    "{\"customer_id\":\"C1\",\"at\":\"2026-10-01T10:00:00\",\"amount\":\"120.50\"}\n";

void write_file(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  strata::Diagnostics diags;
  g_rules = strata::compile({std::string(STRATA_SOURCE_DIR) + "/rules/retail"}, diags);
  g_dir = fs::temp_directory_path() / ("strata_fuzz_data_" + std::to_string(::getpid()));
  fs::create_directories(g_dir);
  return g_rules ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!g_rules || size == 0) return 0;
  const unsigned mode = data[0];
  const bool jsonl = (mode & 1) != 0;
  const bool fuzz_orders = (mode & 2) != 0;
  const bool skip_bad = (mode & 4) != 0;
  const char* body = reinterpret_cast<const char*>(data + 1);
  const std::string ext = jsonl ? ".jsonl" : ".csv";
  const fs::path customers = g_dir / ("customers" + ext);
  const fs::path orders = g_dir / ("orders" + ext);
  const char* customers_fixture = jsonl ? kCustomersJsonl : kCustomersCsv;
  const char* orders_fixture = jsonl ? kOrdersJsonl : kOrdersCsv;
  if (fuzz_orders) {
    write_file(customers, customers_fixture, std::char_traits<char>::length(customers_fixture));
    write_file(orders, body, size - 1);
  } else {
    write_file(customers, body, size - 1);
    write_file(orders, orders_fixture, std::char_traits<char>::length(orders_fixture));
  }
  strata::RuleSet::DataFiles files;
  files.records = customers.string();
  files.events = {{"Order", orders.string()}};
  if (skip_bad) {
    files.options.on_bad_row = strata::BadRowPolicy::Skip;
    files.options.quarantine_path = (g_dir / "quarantine.jsonl").string();
  }
  strata::Diagnostics diags;
  auto dataset = g_rules->load(files, diags);
  (void)strata::render(diags, g_rules->sources());
  if (!dataset) return 0;
  strata::RunOptions options;
  options.threads = 1;
  options.today = "2026-11-01";
  (void)g_rules->run(*dataset, options);
  return 0;
}

std::vector<std::string> fuzz_seeds() {
  const std::filesystem::path src = STRATA_SOURCE_DIR;
  std::vector<std::string> seeds;
  // Mode byte: bit 0 JSON Lines, bit 1 the orders file is under test, bit 2 skip bad rows.
  auto add = [&](unsigned mode, const std::string& body) {
    seeds.push_back(std::string(1, static_cast<char>(mode)) + body);
  };
  for (unsigned skip : {0u, 4u}) {
    add(0 | skip, kCustomersCsv);
    add(2 | skip, kOrdersCsv);
    add(1 | skip, kCustomersJsonl);
    add(3 | skip, kOrdersJsonl);
  }
  using strata::fuzz::head_lines;
  using strata::fuzz::read_file;
  add(0, head_lines(read_file(src / "rules/retail/data/customers.csv"), 30));
  add(4, head_lines(read_file(src / "rules/retail/data/customers_bad.csv"), 30));
  add(2, head_lines(read_file(src / "rules/retail/data/orders.csv"), 30));
  return seeds;
}

std::vector<std::string> fuzz_dictionary() {
  return {",",
          "\"",
          "\"\"",
          "\n",
          "\r\n",
          "\r",
          "\xef\xbb\xbf",
          "{",
          "}",
          "[",
          "]",
          ":",
          "null",
          "true",
          "\\",
          "\\u0000",
          "\\ud800",
          "C1",
          "C2",
          "-1",
          "0.0000001",
          "1e5",
          "2026-02-30",
          "2026-10-01T25:00:00",
          "9999999999999999999999",
          "retail",
          "张三",
          "\xff",
          "\"id\":",
          "\"amount\":",
          "customer_id",
          ",,,,"};
}
