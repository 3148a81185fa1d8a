// Loudness and true peak against analytic values.
#include "wstudio/media/loudness.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include "test_files.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::media {
namespace {

// |H(f)| of the BS.1770-4 K-weighting (shelving pre-filter, then the RLB high-pass), from the
// recommendation's coefficients for 48 kHz.
double kWeightingGain(double frequencyHz) {
  const std::complex<double> z1 = std::polar(1.0, -2 * std::numbers::pi * frequencyHz / 48000.0);
  const std::complex<double> z2 = z1 * z1;
  const auto biquad = [&](double b0, double b1, double b2, double a1, double a2) {
    return (b0 + b1 * z1 + b2 * z2) / (1.0 + a1 * z1 + a2 * z2);
  };
  const auto shelf = biquad(1.53512485958697, -2.69169618940638, 1.19839281085285,
                            -1.69065929318241, 0.73248077421585);
  const auto highPass = biquad(1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621);
  return std::abs(shelf * highPass);
}

// With 10 ms raised-cosine fades at both ends: a sine that starts with a step would ring in
// the true-peak interpolator and read high. (The fades change the loudness of a 10 s tone by
// under 0.001 LU.)
AudioBuffer stereoSine(double frequency, double amplitude, double seconds, double phase = 0) {
  const auto frames = static_cast<std::size_t>(seconds * 48000);
  auto channel = testsupport::sine(frequency, 48000, frames, amplitude, phase);
  const std::size_t fade = 480;
  for (std::size_t i = 0; i < fade; ++i) {
    const auto gain = static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * double(i) / fade));
    channel[i] *= gain;
    channel[frames - 1 - i] *= gain;
  }
  return test::bufferOf({channel, channel}, 48000);
}

// A -20 dBFS sine (peak 0.1) in both channels of a stereo file. BS.1770:
//   L = -0.691 + 10 log10( sum over channels of the mean square of the K-weighted signal )
// A sine's mean square is A^2 / 2 = 0.005 (-23.01 dB), two channels add 3.01 dB, and the
// K-weighting scales the sine by |H(1 kHz)|^2 (+0.69 dB, which the -0.691 is there to cancel):
//   L = -0.691 + 10 log10(2 * 0.005) + 20 log10 |H(1 kHz)| = -20.691 + 0.69... ~= -20.00 LUFS.
// The gates do nothing to a steady tone; libebur128 designs its filters from the analogue
// prototype, which matches the 48 kHz table to far better than the 0.02 LU allowed here.
TEST(Loudness, StereoSineMatchesTheBs1770Formula) {
  const double expected =
      -0.691 + 10 * std::log10(2 * 0.1 * 0.1 / 2) + 20 * std::log10(kWeightingGain(1000.0));
  EXPECT_NEAR(expected, -20.0, 0.01);  // the arithmetic above
  EXPECT_NEAR(measureLoudness(stereoSine(1000.0, 0.1, 10.0)).integratedLufs, expected, 0.02);
}

TEST(Loudness, FollowsKWeightingAcrossFrequencies) {
  // At 100 Hz the RLB high-pass and the shelf weigh the tone differently than at 1 kHz.
  for (const double frequency : {100.0, 5000.0}) {
    const double expected =
        -0.691 + 10 * std::log10(2 * 0.1 * 0.1 / 2) + 20 * std::log10(kWeightingGain(frequency));
    EXPECT_NEAR(measureLoudness(stereoSine(frequency, 0.1, 10.0)).integratedLufs, expected, 0.05)
        << frequency << " Hz";
  }
}

TEST(Loudness, MonoIsOneChannelLessThanStereo) {
  const auto stereo = stereoSine(1000.0, 0.1, 5.0);
  const AudioBuffer mono = test::bufferOf({stereo.channels[0]}, 48000);
  EXPECT_NEAR(measureLoudness(stereo).integratedLufs - measureLoudness(mono).integratedLufs,
              10 * std::log10(2.0), 0.01);
}

TEST(Loudness, SilenceIsMinusInfinity) {
  const Loudness silence = measureLoudness(silentBuffer(2, 48000, 48000));
  EXPECT_TRUE(std::isinf(silence.integratedLufs) && silence.integratedLufs < 0);
  EXPECT_TRUE(std::isinf(silence.truePeakDbtp) && silence.truePeakDbtp < 0);
}

TEST(TruePeak, FullScaleSineIsZeroDbtp) {
  EXPECT_NEAR(measureLoudness(stereoSine(997.0, 1.0, 2.0)).truePeakDbtp, 0.0, 0.1);
}

// A sine at a sixth of the rate, sampled 30 degrees either side of its crests: no sample is
// above 0.866 (-1.25 dBFS sample peak), yet the waveform between them reaches full scale. True
// peak must see it.
TEST(TruePeak, FindsThePeakBetweenSamples) {
  const AudioBuffer buffer = stereoSine(8000.0, 1.0, 2.0, std::numbers::pi / 3);
  double samplePeak = 0;
  for (const float x : buffer.channels[0]) samplePeak = std::max(samplePeak, std::fabs(double(x)));
  EXPECT_NEAR(samplePeak, std::sqrt(0.75), 1e-6);
  EXPECT_NEAR(measureLoudness(buffer).truePeakDbtp, 0.0, 0.1);
}

TEST(LoudnessMeter, StreamedBlocksMeasureLikeTheWholeBuffer) {
  const AudioBuffer buffer = test::musicLike(2, 5 * 48000, 48000);
  LoudnessMeter meter(2, 48000);
  for (std::size_t first = 0; first < buffer.frames(); first += 1000) {
    const std::size_t frames = std::min<std::size_t>(1000, buffer.frames() - first);
    const float* channels[] = {buffer.channels[0].data() + first,
                               buffer.channels[1].data() + first};
    meter.add(channels, frames);
  }
  const Loudness whole = measureLoudness(buffer);
  EXPECT_DOUBLE_EQ(meter.result().integratedLufs, whole.integratedLufs);
  EXPECT_DOUBLE_EQ(meter.result().truePeakDbtp, whole.truePeakDbtp);
}

}  // namespace
}  // namespace wstudio::media
