// Memory-mapping of data files (see mapped_file.hpp).
//
// MAP_POPULATE asks the kernel to fault the whole file in at once, which is measurably faster
// than taking a page fault every 4 KiB during the scan; the file is read exactly once anyway.
#include "io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace strata::io {

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, false)),
      owned_(std::move(other.owned_)) {
  if (!mapped_ && size_ != 0) data_ = owned_.data();
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    close();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, false);
    owned_ = std::move(other.owned_);
    if (!mapped_ && size_ != 0) data_ = owned_.data();
  }
  return *this;
}

MappedFile::~MappedFile() {
  close();
}

void MappedFile::close() {
  if (mapped_) munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
  mapped_ = false;
  owned_.clear();
}

namespace {

bool read_all(int fd, std::string& out, std::string& error) {
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

bool MappedFile::open(const std::string& path, std::string& error) {
  close();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "it is a directory";
    ::close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    bool ok = read_all(fd, owned_, error);
    ::close(fd);
    if (!ok) return false;
    data_ = owned_.data();
    size_ = owned_.size();
    return true;
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ == 0) {
    ::close(fd);
    return true;  // an empty file maps to an empty view
  }
  void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  int saved = errno;
  ::close(fd);
  if (p == MAP_FAILED) {
    error = std::strerror(saved);
    size_ = 0;
    return false;
  }
  madvise(p, size_, MADV_SEQUENTIAL);
  data_ = static_cast<const char*>(p);
  mapped_ = true;
  return true;
}

}  // namespace strata::io
