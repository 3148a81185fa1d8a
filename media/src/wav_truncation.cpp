#include "wav_truncation.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <string_view>

namespace wstudio::media {
namespace {

std::uint32_t littleEndian32(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return std::uint32_t{b[0]} | std::uint32_t{b[1]} << 8 | std::uint32_t{b[2]} << 16 |
         std::uint32_t{b[3]} << 24;
}

}  // namespace

std::optional<std::string> wavTruncation(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<char, 12> riff{};
  if (!in.read(riff.data(), riff.size()) || std::string_view(riff.data(), 4) != "RIFF" ||
      std::string_view(riff.data() + 8, 4) != "WAVE") {
    return std::nullopt;
  }
  std::error_code error;
  const std::uintmax_t fileSize = std::filesystem::file_size(file, error);
  if (error) return std::nullopt;

  std::uintmax_t chunkStart = riff.size();
  std::array<char, 8> header{};
  while (in.seekg(static_cast<std::streamoff>(chunkStart)) &&
         in.read(header.data(), header.size())) {
    const std::uint32_t size = littleEndian32(header.data() + 4);
    const std::uintmax_t dataStart = chunkStart + header.size();
    if (std::string_view(header.data(), 4) == "data") {
      if (size == 0 || size == 0xFFFFFFFFu || dataStart + size <= fileSize) return std::nullopt;
      return "its data chunk declares " + std::to_string(size) + " bytes but the file ends after " +
             std::to_string(fileSize - dataStart) + " of them";
    }
    chunkStart = dataStart + size + (size & 1u);  // chunks are padded to even sizes
  }
  return std::nullopt;
}

}  // namespace wstudio::media
