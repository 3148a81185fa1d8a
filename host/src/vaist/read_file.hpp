// Whole-file reads for the loaders, with errors that name the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// Files larger than this are refused (far above any plugin, its glue or its descriptor).
inline constexpr std::uintmax_t kMaxPluginFileBytes = 256u << 20;

Result<std::vector<uint8_t>> readFileBytes(const std::filesystem::path& file);
Result<std::string> readFileText(const std::filesystem::path& file);

}  // namespace wstudio::host::vaist
