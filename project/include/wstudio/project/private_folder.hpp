// A folder only this user can enter (mode 0700, a fresh name under the temporary folder), removed
// with everything in it when the object goes. Created on first use.
#pragma once

#include <filesystem>
#include <string>

namespace wstudio::project {

class PrivateFolder {
 public:
  explicit PrivateFolder(std::string prefix = "wstudio-project") : prefix_(std::move(prefix)) {}
  ~PrivateFolder();
  PrivateFolder(const PrivateFolder&) = delete;
  PrivateFolder& operator=(const PrivateFolder&) = delete;

  // Throws std::runtime_error when no folder can be made.
  const std::filesystem::path& path();

 private:
  std::string prefix_;
  std::filesystem::path path_;
};

// Writes `bytes` to a new file (never through a link, never over an existing file), mode 0600.
// Throws std::runtime_error naming the file.
void writeNewFile(const std::filesystem::path& file, const std::string& bytes);

}  // namespace wstudio::project
