// libFuzzer: any bytes as a project file. Reading and extracting must end in a result or a
// ProjectFileError, never a crash, an out-of-bounds read, a hang or a file outside the folder.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "wstudio/project/private_folder.hpp"
#include "wstudio/project/project_extract.hpp"
#include "wstudio/project/zip_archive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const std::filesystem::path input = "fuzz-input-" + std::to_string(getpid()) + ".zip";
  std::ofstream(input, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  try {
    wstudio::project::ZipArchive archive(input);
    for (const auto& entry : archive.entries()) {
      try {
        (void)archive.read(entry);
      } catch (const wstudio::project::ProjectFileError&) {
      }
    }
    wstudio::project::PrivateFolder folder("project-fuzz");
    (void)wstudio::project::extractProjectFile(input, folder.path());
  } catch (const wstudio::project::ProjectFileError&) {
  }
  return 0;
}
