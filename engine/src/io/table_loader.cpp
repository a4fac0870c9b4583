// Row checks and appends for one table (see table_loader.hpp).
#include "io/table_loader.hpp"

namespace strata::io {

namespace {

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out += ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

// ---- TableLoader --------------------------------------------------------------------------------

TableLoader::TableLoader(TableTarget target, const RecordSchema& record, StringPool& pool,
                         KeyIndex& keys)
    : target_(target), record_(record), pool_(pool), keys_(keys) {
  values_.resize(target_.schema->fields.size());
  missing_.resize(target_.schema->fields.size());
}

std::vector<BadRow> TableLoader::bind(const RowSource& source, bool check_missing) {
  const std::vector<std::string>& names = source.column_names();
  auto column_of = [&names](std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  std::vector<BadRow> problems;
  auto report_missing = [&](const std::string& name, const std::string& what) {
    if (!check_missing) return;
    BadRow bad;
    bad.code = DiagCode::MissingColumn;
    bad.field = name;
    bad.reason =
        what + " `" + name + "` is missing from the header (found: " + list_names(names) + ")";
    if (auto near = closest_name(name, names)) {
      bad.help = "did you mean `" + *near + "`? Columns are matched to fields by exact name";
    }
    problems.push_back(std::move(bad));
  };
  const auto& fields = target_.schema->fields;
  auto report_twice = [&](const std::string& name) {
    if (!check_missing) return;
    std::size_t count = 0;
    for (const std::string& n : names) count += n == name;
    if (count < 2) return;
    BadRow bad;
    bad.code = DiagCode::MalformedRow;
    bad.field = name;
    bad.reason = "the header names the column `" + name + "` " + std::to_string(count) +
                 " times; it must name it once";
    problems.push_back(std::move(bad));
  };
  for (const FieldSchema& f : fields) report_twice(f.name);
  if (target_.events != nullptr && !target_.schema->field_index(target_.events->by)) {
    report_twice(target_.events->by);
  }
  source_of_field_.assign(fields.size(), -1);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    source_of_field_[i] = column_of(fields[i].name);
    bool is_key = target_.events == nullptr && i == record_.key_field;
    if (source_of_field_[i] < 0 && (is_key || !fields[i].optional)) {
      report_missing(fields[i].name, is_key ? "the key column" : "the required column");
    }
  }
  string_fields_.clear();
  string_hashes_.assign(fields.size(), 0);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].kind == ValueKind::String && source_of_field_[i] >= 0) {
      string_fields_.push_back(i);
    }
  }
  if (target_.events != nullptr) {
    source_of_by_ = column_of(target_.events->by);
    if (source_of_by_ < 0) report_missing(target_.events->by, "the join column");
  }
  return problems;
}

BadRow TableLoader::problem_at(const RawRow& row, const RowSource& source, std::size_t field,
                               ValueProblem&& problem) const {
  BadRow bad;
  bad.code = problem.code;
  int src = source_of_field_[field];
  bad.column = src < 0 ? 0 : source.display_column(row, static_cast<std::size_t>(src));
  bad.field = target_.schema->fields[field].name;
  bad.reason = std::move(problem.reason);
  bad.help = std::move(problem.help);
  return bad;
}

std::optional<BadRow> TableLoader::add(const RawRow& row, const RowSource& source) {
  const auto& fields = target_.schema->fields;
  const bool is_records = target_.events == nullptr;
  // Interning strings waits on memory more than anything else in a load; start those loads now
  // so they overlap with parsing the other fields.
  for (std::size_t i : string_fields_) {
    auto src = static_cast<std::size_t>(source_of_field_[i]);
    string_hashes_[i] = StringPool::hash(row.fields[src]);
    pool_.prefetch(string_hashes_[i]);
  }
  // The same for an event's join value, looked up among the record keys.
  const bool string_join = !is_records && source_of_by_ >= 0 &&
                           record_.fields[record_.key_field].kind == ValueKind::String;
  if (is_records && !string_fields_.empty() && source_of_field_[record_.key_field] >= 0 &&
      fields[record_.key_field].kind == ValueKind::String) {
    keys_.prefetch(string_hashes_[record_.key_field]);
  }
  std::uint64_t join_hash = 0;
  if (string_join) {
    join_hash = StringPool::hash(row.fields[static_cast<std::size_t>(source_of_by_)]);
    keys_.prefetch(join_hash);
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    int src = source_of_field_[i];
    std::string_view text =
        src < 0 ? std::string_view() : row.fields[static_cast<std::size_t>(src)];
    if (src >= 0 && !row.structured.empty() && row.structured[static_cast<std::size_t>(src)]) {
      ValueProblem p{DiagCode::BadValue,
                     "expected a value of type " + std::string(value_kind_name(fields[i].kind)) +
                         ", found a JSON object or array",
                     std::nullopt};
      return problem_at(row, source, i, std::move(p));
    }
    if (is_records && i == record_.key_field && text.empty()) {
      ValueProblem p{
          DiagCode::MissingValue,
          "missing value for the key field `" + fields[i].name + "` (every record needs a key)",
          std::nullopt};
      return problem_at(row, source, i, std::move(p));
    }
    bool missing = false;
    if (!parse_field_value(fields[i], text, values_[i], missing, &problem_)) {
      return problem_at(row, source, i, std::move(problem_));
    }
    missing_[i] = missing;
  }

  const auto record_count = static_cast<std::uint32_t>(target_.table->rows);
  std::uint32_t owner = 0;
  bool key_interned = false;
  if (is_records) {
    Scalar& key = values_[record_.key_field];
    std::optional<std::uint32_t> first;
    if (record_.fields[record_.key_field].kind == ValueKind::String) {
      const std::uint64_t hash = string_hashes_[record_.key_field];
      key.i64 = pool_.intern(key.text, hash);
      key_interned = true;
      // The pool's copy of the key is stable, so the index may point at it.
      first = keys_.insert_text(pool_.text(static_cast<std::int32_t>(key.i64)), hash, record_count);
    } else {
      first = keys_.insert(key, record_count);
    }
    if (first) {
      BadRow bad = problem_at(row, source, record_.key_field, ValueProblem{});
      bad.code = DiagCode::DuplicateKey;
      bad.reason =
          "duplicate key " +
          quote_value(row.fields[static_cast<std::size_t>(source_of_field_[record_.key_field])]) +
          ": the record on line " + std::to_string(record_lines_[*first]) + " has the same key";
      bad.help = "each " + record_.name + " must appear once; remove or merge the second row";
      return bad;
    }
    record_lines_.push_back(row.line);
  } else {
    std::string_view text = source_of_by_ < 0 ? std::string_view()
                                              : row.fields[static_cast<std::size_t>(source_of_by_)];
    const FieldSchema& key_field = record_.fields[record_.key_field];
    // The problem is only built when there is one: events files are the large ones.
    auto join_problem = [&](DiagCode code, std::string reason) {
      BadRow bad;
      bad.code = code;
      bad.column = source_of_by_ < 0
                       ? 0
                       : source.display_column(row, static_cast<std::size_t>(source_of_by_));
      bad.field = target_.events->by;
      bad.reason = std::move(reason);
      return bad;
    };
    Scalar join;
    ParseStatus status = parse_value(key_field.kind, text, join, &key_field.enum_members);
    if (status == ParseStatus::Missing) {
      return join_problem(DiagCode::MissingValue, "missing value for the join column `" +
                                                      target_.events->by + "` (the key of the " +
                                                      record_.name + " this event belongs to)");
    }
    if (status == ParseStatus::Bad) {
      return join_problem(DiagCode::BadValue,
                          bad_value_reason(key_field.kind, text, &key_field.enum_members) +
                              " (the join column must hold " + record_.name + " keys)");
    }
    std::optional<std::uint32_t> found;
    if (key_field.kind == ValueKind::String) {
      found = keys_.find_text(text, string_join ? join_hash : StringPool::hash(text));
    } else {
      found = keys_.find(join);
    }
    if (!found) {
      std::string reason = "no " + record_.name + " has the key " + quote_value(text);
      if (auto line = keys_.skipped_line(text)) {
        reason += " (its record, on line " + std::to_string(*line) + ", was skipped as bad)";
      }
      BadRow bad = join_problem(DiagCode::OrphanEvent, std::move(reason));
      bad.help = "every " + target_.schema->name + " row must belong to a loaded " + record_.name;
      return bad;
    }
    owner = *found;
  }

  // Every check passed: append.
  Table& table = *target_.table;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (missing_[i]) {
      append_missing(table.columns[i]);
    } else if (fields[i].kind == ValueKind::String) {
      if (!(key_interned && i == record_.key_field)) {
        values_[i].i64 = pool_.intern(values_[i].text, string_hashes_[i]);
      }
      append_value(table.columns[i], values_[i], pool_, true);
    } else {
      append_value(table.columns[i], values_[i], pool_);
    }
  }
  ++table.rows;
  if (!is_records) target_.record_of->push_back(owner);
  return std::nullopt;
}

void TableLoader::skipped(const RawRow& row) {
  if (target_.events != nullptr || source_of_field_.empty()) return;
  int src = source_of_field_[record_.key_field];
  if (src < 0 || static_cast<std::size_t>(src) >= row.fields.size()) return;
  std::string_view key = row.fields[static_cast<std::size_t>(src)];
  if (!key.empty()) keys_.note_skipped(key, row.line);
}

}  // namespace strata::io
