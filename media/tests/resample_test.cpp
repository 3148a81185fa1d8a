// Resampling accuracy on real tones: frequency, level, timing, length and alias rejection.
#include "wstudio/media/resample.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_files.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::media {
namespace {

// Upward zero crossings, by linear interpolation between samples, in (fractional) frames.
std::vector<double> risingZeroCrossings(const std::vector<float>& x, std::size_t from,
                                        std::size_t to) {
  std::vector<double> crossings;
  for (std::size_t i = from + 1; i < to; ++i) {
    if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
      crossings.push_back(double(i - 1) + x[i - 1] / (double(x[i - 1]) - x[i]));
    }
  }
  return crossings;
}

TEST(Resample, SineKeepsItsFrequencyLevelAndTiming) {
  const std::size_t inFrames = 3 * 44100;
  const AudioBuffer in = test::bufferOf({testsupport::sine(1000.0, 44100, inFrames, 0.5)}, 44100);
  const AudioBuffer out = resample(in, 48000);

  EXPECT_EQ(out.sampleRate, 48000);
  EXPECT_EQ(out.frames(), 3u * 48000u);  // round(frames * 48000 / 44100)
  // Away from the ends (where the sine starts and stops abruptly).
  const auto crossings = risingZeroCrossings(out.channels[0], 4800, out.frames() - 4800);
  ASSERT_GT(crossings.size(), 2000u);
  const double periods = double(crossings.size() - 1);
  const double frequency = 48000.0 * periods / (crossings.back() - crossings.front());
  EXPECT_NEAR(frequency, 1000.0, 1000.0 * 1e-4);  // 0.01 %
  // No delay: the sine started at phase 0 at time 0, so it rises through zero every 48 frames.
  EXPECT_NEAR(std::remainder(crossings.front(), 48.0), 0.0, 0.01);
  const std::span<const float> middle(out.channels[0].data() + 4800, 48000);
  EXPECT_NEAR(testsupport::toneAmplitude(middle, 1000.0, 48000) / 0.5, 1.0, 1e-3);
}

TEST(Resample, LengthIsTheRoundedRatio) {
  const AudioBuffer in = test::musicLike(2, 12345, 44100);
  EXPECT_EQ(resample(in, 48000).frames(), 13437u);  // 12345 * 48000 / 44100 = 13436.73
  EXPECT_EQ(resample(in, 22050).frames(), 6173u);   // 6172.5 rounds away from zero
  EXPECT_EQ(resample(in, 44100).channels, in.channels);
}

TEST(Resample, RejectsWhatWouldAlias) {
  // A 30 kHz tone at 96 kHz cannot exist at 44.1 kHz: the converter must remove it rather than
  // fold it to 14.1 kHz.
  const AudioBuffer in = test::bufferOf({testsupport::sine(30000.0, 96000, 96000)}, 96000);
  const AudioBuffer out = resample(in, 44100);
  const std::span<const float> middle(out.channels[0].data() + 4410, 44100 - 8820);
  EXPECT_LT(testsupport::toDb(testsupport::rms(middle)), -100.0);
}

TEST(Resample, EveryChannel) {
  const AudioBuffer in = test::bufferOf(
      {testsupport::sine(440.0, 32000, 32000, 0.5), testsupport::sine(880.0, 32000, 32000, 0.25)},
      32000);
  const AudioBuffer out = resample(in, 48000);
  ASSERT_EQ(out.channelCount(), 2);
  const std::span<const float> left(out.channels[0].data() + 4800, 38400);
  const std::span<const float> right(out.channels[1].data() + 4800, 38400);
  EXPECT_NEAR(testsupport::toneAmplitude(left, 440.0, 48000), 0.5, 1e-3);
  EXPECT_NEAR(testsupport::toneAmplitude(right, 880.0, 48000), 0.25, 1e-3);
}

}  // namespace
}  // namespace wstudio::media
