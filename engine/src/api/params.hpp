// Run parameters: from `--param name=value` text and declared defaults to typed values.
#pragma once

#include <optional>
#include <vector>

#include "check/model.hpp"
#include "strata/strata.hpp"
#include "vm/context.hpp"

namespace strata::api {

// One value per model parameter, then `today`. Reports unknown names, missing values and values
// that do not parse (E0404); nullopt when any parameter is unusable.
std::optional<std::vector<vm::ParamValue>> resolve_params(const Model& model,
                                                          const RunOptions& options,
                                                          Diagnostics& diags);

// Parses one parameter's text value by its declared type; a reason on failure.
std::optional<vm::ParamValue> parse_param(const Model& model, const ParamSymbol& p,
                                          std::string_view text, std::string& reason);

ResultKind result_kind_of(TypeKind kind);

}  // namespace strata::api
