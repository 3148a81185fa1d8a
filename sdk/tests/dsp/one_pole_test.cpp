// One-pole lowpass/highpass cutoffs and the DC blocker.
#include <gtest/gtest.h>

#include <cmath>

#include "signal_helpers.hpp"
#include "wsp/dsp/one_pole.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

template <typename Filter>
double gainAt(Filter& filter, double f) {
  const auto in = test::sine(f, 96000);
  const auto out = test::map(in, [&](float x) { return filter.process(x); });
  return test::amplitudeAt(out, f, 48000, 48000);
}

TEST(OnePole, LowpassAndHighpassAreMinus3dBAtTheCutoff) {
  OnePoleLowpass lp;
  lp.setCutoff(kSampleRate, 1000.0);
  EXPECT_NEAR(test::toDb(gainAt(lp, 1000.0)), -3.0103, 0.05);
  OnePoleHighpass hp;
  hp.setCutoff(kSampleRate, 1000.0);
  EXPECT_NEAR(test::toDb(gainAt(hp, 1000.0)), -3.0103, 0.05);
  // 6 dB/octave: a decade above, about -20 dB (steeper near Nyquist from the bilinear warp).
  OnePoleLowpass lp2;
  lp2.setCutoff(kSampleRate, 500.0);
  EXPECT_NEAR(test::toDb(gainAt(lp2, 5000.0)), -20.1, 0.3);
}

TEST(DcBlocker, RemovesDcAndPassesAudio) {
  DcBlocker dc;
  dc.prepare(kSampleRate, 10.0);
  float y = 0.0f;
  for (int n = 0; n < 48000; ++n) y = dc.process(0.5f);  // 1 s of DC: tau = 16 ms
  EXPECT_LT(std::fabs(y), 1e-6f);
  DcBlocker dc2;
  dc2.prepare(kSampleRate, 10.0);
  EXPECT_NEAR(test::toDb(gainAt(dc2, 1000.0)), 0.0, 0.01);
  DcBlocker dc3;
  dc3.prepare(kSampleRate, 10.0);
  EXPECT_NEAR(test::toDb(gainAt(dc3, 10.0)), -3.0, 0.1);
}

}  // namespace
}  // namespace wsp::dsp
