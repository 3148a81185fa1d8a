// The arguments of `vaist render`, parsed and checked before anything is loaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "wstudio/media/encode_options.hpp"

namespace vaist {

// A timeline position given on the command line: beats (as in the session) or seconds.
struct TimelinePoint {
  double value = 0;
  bool seconds = false;  // written with an "s" suffix
};

struct RenderOptions {
  std::filesystem::path session;
  std::filesystem::path output;
  std::optional<std::filesystem::path> stemsFolder;
  wstudio::media::EncodeOptions encoding;
  std::optional<int> sampleRate;       // default: the session's
  std::optional<TimelinePoint> start;  // default: 0
  std::optional<TimelinePoint> end;    // default: the end of the last clip plus the tail
  std::vector<std::filesystem::path> pluginFolders;  // --plugins DIR, searched first
  // Frames per engine block. Automation is evaluated once per block, so two renders agree
  // sample for sample only at the same block size (the browser renders 128-frame quanta).
  uint32_t blockFrames = kDefaultBlockFrames;
  static constexpr uint32_t kDefaultBlockFrames = 512;
};

// Null after printing what is wrong (and the usage) on stderr.
std::optional<RenderOptions> parseRenderOptions(std::span<const std::string> args);

void printRenderUsage(std::ostream& out);

}  // namespace vaist
