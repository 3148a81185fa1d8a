#include "atomic_output_file.hpp"

#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>

#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

// Distinguishes temporary files of one process (stems are written side by side).
std::atomic<unsigned> temporaryCounter{0};

}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path destination)
    : destination_(std::move(destination)) {
  const std::filesystem::path folder =
      destination_.has_parent_path() ? destination_.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    throw MediaError("cannot write " + destination_.string() + ": folder " + folder.string() +
                     " does not exist; create it first");
  }
  if (std::filesystem::is_directory(destination_, error)) {
    throw MediaError("cannot write " + destination_.string() +
                     ": it is a folder; give a file name");
  }
  // Hidden, and named after the destination so that a leftover (after a crash) is recognisable.
  std::string name = ".";
  name += destination_.filename().string();
  name += ".partial-";
  name += std::to_string(::getpid());
  name += '-';
  name += std::to_string(temporaryCounter++);
  temporary_ = folder / name;
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed_) {
    std::error_code ignored;  // nothing may be left behind, but a destructor cannot report
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicOutputFile::commit() {
  std::error_code error;
  std::filesystem::rename(temporary_, destination_, error);
  if (error) {
    throw MediaError("cannot write " + destination_.string() + ": renaming the finished file " +
                     "into place failed (" + error.message() + ")");
  }
  committed_ = true;
}

}  // namespace wstudio::media
