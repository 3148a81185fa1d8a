#include "blob/file_blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <system_error>

#include "wstudio/host/sha256.hpp"

namespace wstudio::server {

namespace fs = std::filesystem;

bool isSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char ch : text) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  }
  return true;
}

namespace {

[[noreturn]] void raise(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void writeAll(int fd, std::string_view bytes, const fs::path& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      raise("cannot write " + path.string());
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace

FileBlobStore::FileBlobStore(fs::path root) : root_(std::move(root)) {
  fs::create_directories(root_ / "blobs");
  fs::create_directories(root_ / "tmp");
}

fs::path FileBlobStore::pathOf(std::string_view sha256) const {
  return root_ / "blobs" / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string FileBlobStore::put(std::string_view bytes) {
  const std::string sha = host::sha256Hex(bytes);
  const fs::path target = pathOf(sha);
  if (fs::exists(target)) return sha;
  static std::atomic<uint64_t> counter{0};
  const fs::path temp = root_ / "tmp" /
                        (sha + "." + std::to_string(::getpid()) + "." + std::to_string(++counter));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) raise("cannot create " + temp.string());
  try {
    writeAll(fd, bytes, temp);
    if (::fsync(fd) != 0) raise("cannot flush " + temp.string());
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  fs::create_directories(target.parent_path());
  // rename is atomic: readers see the whole blob or none; two uploads of the same bytes race
  // harmlessly to the same content.
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    ::unlink(temp.c_str());
    raise("cannot store " + target.string());
  }
  return sha;
}

std::shared_ptr<const BlobFile> FileBlobStore::open(std::string_view sha256) {
  if (!isSha256Hex(sha256)) return nullptr;
  const fs::path path = pathOf(sha256);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    ::close(fd);
    raise("cannot inspect " + path.string());
  }
  return std::make_shared<const BlobFile>(fd, static_cast<uint64_t>(status.st_size));
}

}  // namespace wstudio::server
