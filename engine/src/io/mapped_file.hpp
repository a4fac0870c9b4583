// A read-only view of a whole data file.
//
// Data files are mapped into memory rather than read through streams: the CSV scanner then works
// on one contiguous buffer with memchr and never copies a byte it does not have to. The mapping
// is private and read-only; it lives as long as the MappedFile, and every string_view handed out
// by the readers points into it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::io {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  ~MappedFile();

  // Maps `path` (a pipe or device is read into memory instead); on failure returns false and sets
  // `error` to the reason ("No such file or directory", "is a directory").
  bool open(const std::string& path, std::string& error);
  std::string_view text() const { return {data_, size_}; }
  std::size_t size() const { return size_; }

 private:
  void close();
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
  std::string owned_;  // the content of a pipe or device, which cannot be mapped
};

}  // namespace strata::io
