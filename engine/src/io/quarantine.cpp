// Quarantine entries as JSON Lines and the atomic write (see quarantine.hpp).
//
// Skipped rows are, by definition, the ones with surprises in them — including invalid UTF-8 —
// so strings are serialised with invalid bytes replaced (U+FFFD) rather than failing the dump.
#include "io/quarantine.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

namespace strata::io {

void Quarantine::add(const QuarantineEntry& e) {
  nlohmann::ordered_json j;
  j["file"] = std::string(e.file);
  j["line"] = e.line;
  j["column"] = e.column;
  j["field"] = std::string(e.field);
  j["code"] = std::string(diag_code_id(e.code));
  j["reason"] = std::string(e.reason);
  j["row"] = std::string(e.row);
  text_ += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  text_ += '\n';
  ++count_;
}

bool Quarantine::write(const std::string& path, std::string& error) const {
  // The temporary file sits next to the target so that the rename stays within one file system.
  std::string temp = path + ".tmp-XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    error = "cannot create a temporary file next to `" + path + "`: " + std::strerror(errno);
    return false;
  }
  const char* p = text_.data();
  std::size_t left = text_.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = "cannot write `" + temp + "`: " + std::strerror(errno);
      ::close(fd);
      std::remove(temp.c_str());
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // mkstemp creates the file 0600; a quarantine file is an ordinary output.
  fchmod(fd, 0644);
  if (fsync(fd) != 0 || ::close(fd) != 0) {
    error = "cannot write `" + temp + "`: " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    error = "cannot rename `" + temp + "` to `" + path + "`: " + std::strerror(errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace strata::io
