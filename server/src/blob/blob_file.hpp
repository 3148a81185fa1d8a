// A blob opened for reading: its file descriptor (closed with the last reference) and its size.
// Downloads hand it to the network layer, which has the kernel copy the bytes to the socket
// (sendfile) instead of reading them into memory first.
#pragma once

#include <cstdint>

namespace wstudio::server {

class BlobFile {
 public:
  BlobFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~BlobFile();
  BlobFile(const BlobFile&) = delete;
  BlobFile& operator=(const BlobFile&) = delete;

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }

 private:
  int fd_;
  uint64_t size_;
};

}  // namespace wstudio::server
