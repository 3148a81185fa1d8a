#include "test_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "wstudio/testsupport/signals.hpp"

namespace wstudio::media::test {

std::filesystem::path freshScratchFolder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path folder = std::filesystem::path(MEDIA_TEST_SCRATCH_DIR) /
                                       (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

std::vector<std::string> fileNames(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

AudioBuffer bufferOf(std::vector<std::vector<float>> channels, int sampleRate) {
  AudioBuffer buffer;
  buffer.sampleRate = sampleRate;
  buffer.channels = std::move(channels);
  return buffer;
}

AudioBuffer musicLike(int channelCount, std::size_t frames, int sampleRate) {
  AudioBuffer buffer = silentBuffer(channelCount, frames, sampleRate);
  const double partials[] = {110.0, 220.0, 330.0, 523.25, 659.25, 1318.5, 3520.0};
  for (int c = 0; c < channelCount; ++c) {
    const auto noise = testsupport::whiteNoise(static_cast<uint64_t>(c) + 7, frames, 0.01);
    auto& out = buffer.channels[static_cast<std::size_t>(c)];
    for (std::size_t i = 0; i < frames; ++i) {
      const double t = static_cast<double>(i) / sampleRate;
      double x = noise[i];
      for (std::size_t k = 0; k < std::size(partials); ++k) {
        // Each partial swells at its own rate so the signal is not stationary.
        const double envelope =
            0.5 + 0.5 * std::sin(2 * std::numbers::pi * (0.7 + 0.3 * k + c) * t);
        x += 0.07 * envelope * std::sin(2 * std::numbers::pi * partials[k] * (1.0 + 0.002 * c) * t);
      }
      out[i] = static_cast<float>(x);
    }
  }
  return buffer;
}

}  // namespace wstudio::media::test
