#include "blob/blob_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace wstudio::server {

BlobFile::~BlobFile() { ::close(fd_); }

std::string BlobFile::readAll() const {
  std::string bytes(size_, '\0');
  for (uint64_t done = 0; done < size_;) {
    const ssize_t n = ::pread(fd_, bytes.data() + done, size_ - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::system_error(n < 0 ? errno : EIO, std::generic_category(), "reading a blob");
    done += static_cast<uint64_t>(n);
  }
  return bytes;
}

}  // namespace wstudio::server
