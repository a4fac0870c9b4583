// Helpers shared by the unit tests: paths into the source tree and golden-file comparison.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace strata::testing {

inline std::filesystem::path source_dir() { return STRATA_SOURCE_DIR; }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// True when golden files should be rewritten from actual output (STRATA_UPDATE_GOLDEN=1).
inline bool update_golden() {
  const char* v = std::getenv("STRATA_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

}  // namespace strata::testing
