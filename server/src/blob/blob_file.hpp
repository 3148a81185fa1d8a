// A blob opened for reading: its file descriptor (closed with the last reference) and its size.
// Downloads hand it to the network layer, which has the kernel copy the bytes to the socket
// (sendfile) instead of reading them into memory first.
#pragma once

#include <cstdint>
#include <string>

namespace wstudio::server {

class BlobFile {
 public:
  BlobFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~BlobFile();
  BlobFile(const BlobFile&) = delete;
  BlobFile& operator=(const BlobFile&) = delete;

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }
  // The whole blob in memory: for the small ones the server reads itself (a vAIst Forge
  // plugin's descriptor.json and glue), not for downloads. Throws when the file cannot be read.
  std::string readAll() const;

 private:
  int fd_;
  uint64_t size_;
};

}  // namespace wstudio::server
