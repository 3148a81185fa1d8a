// A temporary path beside a destination file that replaces the destination only on commit, so
// readers (and a crash) never see a half-written file: rename() within one folder is atomic.
#pragma once

#include <filesystem>

namespace wstudio::media {

class AtomicOutputFile {
 public:
  // Chooses an unused hidden name in the destination's folder. Throws MediaError when that
  // folder does not exist.
  explicit AtomicOutputFile(std::filesystem::path destination);
  // Removes the temporary file unless committed.
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  const std::filesystem::path& destination() const { return destination_; }
  const std::filesystem::path& temporary() const { return temporary_; }
  // Renames the (closed) temporary file over the destination. Throws MediaError.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace wstudio::media
