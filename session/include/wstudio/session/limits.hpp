// Limits and ranges of the session format (docs/session-format.md, "Limits"). They bound the
// memory and time a hostile or broken file can cost, and give every number a meaning the engine
// can rely on. Loading and every edit enforce them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wstudio::session::limits {

// Whole document.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{128} << 20;
inline constexpr int kMaxNestingDepth = 64;
// Loading stops collecting errors after this many (and says so), so a huge broken file cannot
// produce a huge report.
inline constexpr std::size_t kMaxIssues = 500;

// Counts.
inline constexpr std::size_t kMaxTracks = 1024;
inline constexpr std::size_t kMaxClipsPerTrack = 10000;
inline constexpr std::size_t kMaxNotesPerClip = 100000;
inline constexpr std::size_t kMaxInsertsPerChain = 64;
inline constexpr std::size_t kMaxParamsPerInsert = 4096;
inline constexpr std::size_t kMaxAutomationLanes = 4096;
inline constexpr std::size_t kMaxPointsPerLane = 100000;
inline constexpr std::size_t kMaxMarkers = 10000;
// Operations in one batch read from JSON (docs/session-ops.md).
inline constexpr std::size_t kMaxOpsPerBatch = 10000;

// Sizes.
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxPluginIdLength = 128;
inline constexpr std::size_t kMaxNameBytes = 256;
inline constexpr std::size_t kMaxSourcePathBytes = 1024;
inline constexpr std::size_t kMaxStateBytes = std::size_t{32} << 20;

// Values.
inline constexpr double kMinTempo = 20.0;
inline constexpr double kMaxTempo = 999.0;
inline constexpr int kMinSampleRate = 8000;  // the ABI's range (ABI-8)
inline constexpr int kMaxSampleRate = 384000;
inline constexpr int kMaxTimeSignatureNumerator = 32;
inline constexpr int kMaxTimeSignatureDenominator = 32;
inline constexpr double kMaxBeats = 1e6;  // about 5.8 days at 120 bpm
inline constexpr double kMaxSourceSeconds = 1e6;
inline constexpr int kMaxSourceChannels = 32;
inline constexpr double kMinVolumeDb = -96.0;  // treated as silence by the engine
inline constexpr double kMaxVolumeDb = 12.0;
inline constexpr double kMinClipGainDb = -96.0;
inline constexpr double kMaxClipGainDb = 24.0;
inline constexpr double kMaxParamMagnitude = 1e9;
// The largest nextId, so that every id number is exact in a double (JSON readers elsewhere).
inline constexpr std::uint64_t kMaxIdNumber = std::uint64_t{1} << 53;

}  // namespace wstudio::session::limits
