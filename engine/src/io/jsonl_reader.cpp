// JSON Lines scanning through nlohmann-json's SAX interface (see jsonl_reader.hpp).
//
// SAX rather than a DOM: no json value is built per line, and, more importantly, a number with a
// fraction or exponent arrives with its original text, which is what keeps decimals exact.
// Integers arrive as 64-bit values and are printed back, which is exact too.
#include "io/jsonl_reader.hpp"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace strata::io {

using nlohmann::json;

struct JsonlReader::Handler : nlohmann::json_sax<json> {
  std::unordered_map<std::string, std::size_t> slot_of;  // column name -> source column
  std::vector<std::string> values;
  std::vector<std::uint8_t> present;
  std::vector<std::uint8_t> structured;
  std::vector<std::uint32_t> position;
  int depth = 0;
  std::size_t current = SIZE_MAX;  // source column of the current top-level key, if one of ours
  std::uint32_t keys_seen = 0;
  std::string problem;  // set when the line is well-formed JSON but not a usable row

  void reset() {
    std::fill(present.begin(), present.end(), 0);
    std::fill(structured.begin(), structured.end(), 0);
    std::fill(position.begin(), position.end(), 0);
    depth = 0;
    current = SIZE_MAX;
    keys_seen = 0;
    problem.clear();
  }

  // A scalar value at the top level of the object is stored for the current key.
  bool scalar(std::string_view text) {
    if (depth == 0) {
      problem = "the line is not a JSON object";
      return false;
    }
    if (depth == 1 && current != SIZE_MAX) values[current].assign(text);
    return true;
  }
  bool null() override {
    if (depth == 1 && current != SIZE_MAX) values[current].clear();
    return depth == 0 ? scalar("null") : true;
  }
  bool boolean(bool val) override { return scalar(val ? "true" : "false"); }
  bool number_integer(number_integer_t val) override {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, val);
    return scalar(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  bool number_unsigned(number_unsigned_t val) override {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, val);
    return scalar(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  bool number_float(number_float_t, const string_t& s) override { return scalar(s); }
  bool string(string_t& val) override { return scalar(val); }
  bool binary(binary_t&) override { return scalar(""); }
  bool start_object(std::size_t) override { return open(); }
  bool start_array(std::size_t) override {
    if (depth == 0) {
      problem = "the line is not a JSON object";
      return false;
    }
    return open();
  }
  bool open() {
    if (depth == 1 && current != SIZE_MAX) structured[current] = 1;
    ++depth;
    return true;
  }
  bool end_object() override {
    --depth;
    return true;
  }
  bool end_array() override {
    --depth;
    return true;
  }
  bool key(string_t& val) override {
    if (depth != 1) return true;
    ++keys_seen;
    auto it = slot_of.find(val);
    current = it == slot_of.end() ? SIZE_MAX : it->second;
    if (current == SIZE_MAX) return true;
    if (present[current]) {
      problem = "the key `" + val + "` appears twice";
      return false;
    }
    present[current] = 1;
    position[current] = keys_seen;
    values[current].clear();
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
    // column 5: "; keep only what concerns the user.
    std::string what = ex.what();
    std::size_t colon = what.find(": ");
    problem = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
    return false;
  }
};

JsonlReader::JsonlReader(std::string_view data, std::vector<std::string> column_names)
    : data_(data), names_(std::move(column_names)), handler_(std::make_unique<Handler>()) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  for (std::size_t i = 0; i < names_.size(); ++i) handler_->slot_of.emplace(names_[i], i);
  handler_->values.resize(names_.size());
  handler_->present.resize(names_.size());
  handler_->structured.resize(names_.size());
  handler_->position.resize(names_.size());
}

JsonlReader::~JsonlReader() = default;

RowStatus JsonlReader::next(RawRow& row, std::string& reason) {
  const char* base = data_.data();
  while (pos_ < data_.size()) {
    const auto* nl = static_cast<const char*>(std::memchr(base + pos_, '\n', data_.size() - pos_));
    std::size_t end = nl ? static_cast<std::size_t>(nl - base) : data_.size();
    std::string_view line = data_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::uint64_t number = line_++;
    pos_ = nl ? end + 1 : data_.size();
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line

    row.line = number;
    row.raw = line;
    row.bad_column = 0;
    Handler& h = *handler_;
    h.reset();
    bool ok = json::sax_parse(line.begin(), line.end(), &h, json::input_format_t::json, true);
    if (!ok) {
      reason = h.problem.empty() ? "invalid JSON" : h.problem;
      return RowStatus::Malformed;
    }
    row.fields.resize(names_.size());
    row.structured.assign(h.structured.begin(), h.structured.end());
    row.key_position.assign(h.position.begin(), h.position.end());
    for (std::size_t i = 0; i < names_.size(); ++i) {
      row.fields[i] = h.present[i] ? std::string_view(h.values[i]) : std::string_view();
    }
    return RowStatus::Row;
  }
  return RowStatus::End;
}

}  // namespace strata::io
