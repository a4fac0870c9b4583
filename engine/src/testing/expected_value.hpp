// Expected values in test files: text parsed as a let's type, and compared with a result.
//
// Values are written as in data files and `--param` (docs/data-input.md): `100000.50`, `yes`,
// `2026-11-01`, `90d`, an enum member or tier id; `none` (or nothing) for the missing value.
// Numbers may use `_` between digits (`100_000`) and decimals may be percentages (`80%`), as in
// rule files. Comparison is exact: decimals by value (`5000` equals `5000.00`), never rounded.
#pragma once

#include <string>

#include "check/model.hpp"
#include "strata/strata.hpp"

namespace strata::testfile {

// Parses `text` as a value of `type`; false with a reason that names what was expected.
bool parse_expected(const Model& model, const Type& type, const std::string& text, Value& out,
                    std::string& reason);

bool same_value(const Value& a, const Value& b);

}  // namespace strata::testfile
