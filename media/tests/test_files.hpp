// Shared by the media tests: a fresh scratch folder per test, and signals as AudioBuffers.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media::test {

// MEDIA_TEST_SCRATCH_DIR/<suite>.<test>/, emptied.
std::filesystem::path freshScratchFolder();

// The names of the files in `folder` (to check that nothing was left behind).
std::vector<std::string> fileNames(const std::filesystem::path& folder);

// A buffer from channel vectors (all the same length).
AudioBuffer bufferOf(std::vector<std::vector<float>> channels, int sampleRate);

// Music-like test content: a few partials with different envelopes per channel plus quiet
// noise, deterministic, peaking near -6 dBFS.
AudioBuffer musicLike(int channelCount, std::size_t frames, int sampleRate);

}  // namespace wstudio::media::test
