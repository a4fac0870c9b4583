// Helpers shared by the unit tests: paths into the source tree and golden-file comparison.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace strata::testing {

inline std::filesystem::path source_dir() {
  return STRATA_SOURCE_DIR;
}

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

// A private scratch folder per test process (ctest runs test cases as parallel processes),
// created on first use and removed at exit.
inline std::filesystem::path scratch_dir() {
  struct Scratch {
    std::filesystem::path path;
    Scratch()
        : path(std::filesystem::temp_directory_path() /
               ("strata_tests_" + std::to_string(static_cast<long>(::getpid())))) {
      std::filesystem::remove_all(path);
      std::filesystem::create_directories(path);
    }
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Scratch scratch;
  return scratch.path;
}

// True when golden files should be rewritten from actual output (STRATA_UPDATE_GOLDEN=1).
inline bool update_golden() {
  const char* v = std::getenv("STRATA_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

}  // namespace strata::testing
