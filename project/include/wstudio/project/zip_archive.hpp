// A zip archive that may come from anyone (a project file: docs/project-file.md). Opening it reads
// the central directory and checks every rule that needs no entry's bytes: PF-1 (stored or
// deflated only, no encryption, no name outside the archive, no duplicate name, also by case) and
// PF-3 (entry count, sizes, total, compression ratio, entries sharing bytes). An entry is then
// read by inflating at most the size its record declares, and checked against its CRC-32.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wstudio::project {

// The archive is refused as a whole, or one entry cannot be read; the message names the rule.
class ProjectFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ZipEntry {
  std::string name;
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint32_t crc = 0;
  uint64_t compressedSize = 0;
  uint64_t size = 0;    // uncompressed, as the central directory declares it
  uint64_t localHeaderOffset = 0;
};

// Why `name` would leave the folder it is extracted to (PF-1), or nullopt when it would not.
std::optional<std::string> entryNameProblem(const std::string& name);

class ZipArchive {
 public:
  // Throws ProjectFileError when the file is not a zip archive or breaks PF-1 or PF-3.
  explicit ZipArchive(const std::filesystem::path& file);

  const std::vector<ZipEntry>& entries() const { return entries_; }
  const ZipEntry* find(const std::string& name) const;

  // The entry's bytes. Throws ProjectFileError when it is damaged, inflates to more (or less)
  // than declared, or fails its CRC.
  std::string read(const ZipEntry& entry);

 private:
  void readDirectory();
  std::string bytesAt(uint64_t offset, uint64_t size);

  std::ifstream in_;
  uint64_t fileSize_ = 0;
  std::vector<ZipEntry> entries_;
};

}  // namespace wstudio::project
