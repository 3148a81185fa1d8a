// Oversampler: passband loss, exact latency, and aliasing reduction of a saturated 15 kHz sine
// (its harmonics fold back into the audio band when not oversampled).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp/math.hpp"
#include "wsp/dsp/oversampler.hpp"

namespace wsp::dsp {
namespace {

template <int Factor>
void expectTransparentWithExactLatency() {
  Oversampler<Factor> os;
  const auto in = test::sine(1000.0, 96000, 0.5);
  const auto out = test::map(in, [&](float x) { return os.process(x, [](float s) { return s; }); });
  // Gain at 1 kHz within 0.1 dB (in fact ~0.001 dB).
  EXPECT_NEAR(test::toDb(test::amplitudeAt(out, 1000.0, 48000, 48000) / 0.5), 0.0, 0.1);
  // The output is the input delayed by exactly latencySamples().
  const std::size_t latency = Oversampler<Factor>::latencySamples();
  float maxError = 0.0f;
  for (std::size_t n = 48000; n < 96000; ++n) maxError = std::max(maxError, std::fabs(out[n] - in[n - latency]));
  EXPECT_LT(maxError, 1e-3f) << "factor " << Factor;
  // 20 kHz still passes (within 0.1 dB).
  Oversampler<Factor> os2;
  const auto hi = test::sine(20000.0, 96000, 0.5);
  const auto hiOut = test::map(hi, [&](float x) { return os2.process(x, [](float s) { return s; }); });
  EXPECT_NEAR(test::toDb(test::amplitudeAt(hiOut, 20000.0, 48000, 48000) / 0.5), 0.0, 0.1);
}

TEST(Oversampler, TwoTimesIsTransparentWithExactLatency) {
  EXPECT_EQ(Oversampler<2>::latencySamples(), 35u);
  expectTransparentWithExactLatency<2>();
}

TEST(Oversampler, FourTimesIsTransparentWithExactLatency) {
  EXPECT_EQ(Oversampler<4>::latencySamples(), 41u);
  expectTransparentWithExactLatency<4>();
}

TEST(Oversampler, SaturationAliasesFarLessWhenOversampled) {
  // tanh(2 sin) of a 15 kHz sine: harmonics at 45, 75, 105 kHz... Without oversampling they fold
  // to 3, 21 and 9 kHz (in that order). At 2x (96 kHz) the 3rd harmonic is representable and
  // filtered away, but the 5th and 7th still fold in; at 4x (192 kHz) all of them are
  // representable and the next harmonic that folds to 3 kHz is the 13th (195 kHz), tiny.
  const auto in = test::sine(15000.0, 96000, 1.0);
  auto saturate = [](float s) { return fastTanh(2.0f * s); };
  const auto plain = test::map(in, saturate);
  Oversampler<2> os2;
  Oversampler<4> os4;
  const auto over2 = test::map(in, [&](float x) { return os2.process(x, saturate); });
  const auto over4 = test::map(in, [&](float x) { return os4.process(x, saturate); });
  auto alias = [](const std::vector<float>& x, double hz) {
    return test::toDb(test::amplitudeAt(x, hz, 48000, 48000));
  };
  // Unoversampled, the 3rd harmonic alias is strong (about -15 dB).
  EXPECT_GT(alias(plain, 3000.0), -20.0);
  // 2x removes the 3rd-harmonic alias.
  EXPECT_LT(alias(over2, 3000.0), alias(plain, 3000.0) - 50.0);
  // 4x removes all three by more than 60 dB.
  for (double hz : {3000.0, 9000.0, 21000.0}) {
    EXPECT_LT(alias(over4, hz), alias(plain, hz) - 60.0) << hz;
    EXPECT_LT(alias(over4, hz), -75.0) << hz;
  }
  // The fundamental survives.
  EXPECT_NEAR(test::amplitudeAt(over4, 15000.0, 48000, 48000),
              test::amplitudeAt(plain, 15000.0, 48000, 48000), 0.02);
}

TEST(Oversampler, ResetClearsHistory) {
  Oversampler<4> os;
  for (int n = 0; n < 100; ++n) os.process(1.0f, [](float s) { return s; });
  os.reset();
  for (int n = 0; n < 100; ++n) EXPECT_EQ(os.process(0.0f, [](float s) { return s; }), 0.0f);
}

// processBlock is the per-sample path done a block at a time: the same bits, for any split of
// the input into blocks (including odd lengths, longer than the internal pieces, and blocks
// mixed with per-sample calls).
template <int Factor>
void expectBlockMatchesPerSample() {
  std::vector<float> in(5000);
  uint32_t seed = 12345;
  for (float& x : in) {
    seed = seed * 1664525u + 1013904223u;
    x = 3.0f * (float(seed >> 8) / 8388608.0f - 1.0f);
  }
  auto shape = [](float s) { return s / (1.0f + std::fabs(s)); };
  Oversampler<Factor> a, b;
  std::vector<float> ref(in.size()), out(in.size());
  for (std::size_t n = 0; n < in.size(); ++n) ref[n] = a.process(in[n], shape);
  const std::size_t sizes[] = {1, 7, 128, 33, 0, 64, 200, 3, 31, 65};
  std::size_t n = 0, k = 0;
  while (n < in.size()) {
    const std::size_t len = std::min(sizes[k++ % 10], in.size() - n);
    if (k % 4 == 0 && len > 0) {
      out[n] = b.process(in[n], shape);  // a per-sample call between blocks
      ++n;
      continue;
    }
    b.processBlock(in.data() + n, out.data() + n, len, shape);
    n += len;
  }
  for (std::size_t i = 0; i < in.size(); ++i) ASSERT_EQ(out[i], ref[i]) << "factor " << Factor << " sample " << i;
}

TEST(Oversampler, BlockProcessingIsBitIdenticalToPerSample) {
  expectBlockMatchesPerSample<2>();
  expectBlockMatchesPerSample<4>();
}

}  // namespace
}  // namespace wsp::dsp
