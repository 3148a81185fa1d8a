// ADSR: exact segment lengths, sustain, release, retrigger without a jump, both curves.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp/adsr.hpp"

namespace wsp::dsp {
namespace {

// 10 ms attack = 480 samples, 20 ms decay = 960 samples, 50 ms release = 2400 samples.
Adsr makeEnvelope(EnvelopeCurve curve) {
  Adsr env;
  env.prepare(test::kSampleRate);
  env.setParameters({10.0, 20.0, 0.5f, 50.0});
  env.setCurve(curve);
  return env;
}

class AdsrCurves : public ::testing::TestWithParam<EnvelopeCurve> {};

TEST_P(AdsrCurves, SegmentsLandOnTheirTargetsAtTheExactSample) {
  Adsr env = makeEnvelope(GetParam());
  EXPECT_FALSE(env.isActive());
  env.noteOn();
  std::vector<float> out;
  for (int n = 0; n < 3000; ++n) out.push_back(env.next());
  // The 480th value (index 479) is the peak, the (480 + 960)th the sustain level.
  EXPECT_EQ(out[479], 1.0f);
  EXPECT_LT(out[478], 1.0f);
  EXPECT_EQ(out[1439], 0.5f);
  EXPECT_GT(out[1438], 0.5f);
  EXPECT_EQ(out[2999], 0.5f);
  EXPECT_EQ(env.stage(), AdsrStage::Sustain);
  // Monotonic segments.
  for (int n = 1; n < 480; ++n) EXPECT_GT(out[n], out[n - 1]);
  for (int n = 481; n < 1440; ++n) EXPECT_LT(out[n], out[n - 1]);

  env.noteOff();
  float previous = 0.5f;
  for (int n = 0; n < 2400; ++n) {
    const float v = env.next();
    EXPECT_LT(v, previous);
    previous = v;
  }
  EXPECT_EQ(previous, 0.0f);
  EXPECT_FALSE(env.isActive());
  EXPECT_EQ(env.next(), 0.0f);
}

TEST_P(AdsrCurves, RetriggerContinuesFromTheCurrentLevel) {
  Adsr env = makeEnvelope(GetParam());
  env.noteOn();
  for (int n = 0; n < 2000; ++n) env.next();
  env.noteOff();
  float level = 0.0f;
  for (int n = 0; n < 300; ++n) level = env.next();
  ASSERT_GT(level, 0.0f);
  env.noteOn();
  const float first = env.next();
  EXPECT_GT(first, level);            // rising again...
  EXPECT_LT(first - level, 0.05f);    // ...without a jump
  // Constant-rate attack: from `level` it takes (1 - level) * 480 samples to reach 1.
  const long expected = std::lround(480.0 * (1.0 - level));
  long n = 1;
  float v = first;
  while (v < 1.0f && n < 1000) {
    v = env.next();
    ++n;
  }
  EXPECT_EQ(n, expected);
}

INSTANTIATE_TEST_SUITE_P(BothCurves, AdsrCurves,
                         ::testing::Values(EnvelopeCurve::Linear, EnvelopeCurve::Exponential),
                         [](const auto& info) {
                           return info.param == EnvelopeCurve::Linear ? "Linear" : "Exponential";
                         });

TEST(Adsr, LinearValuesAndExponentialShape) {
  Adsr lin = makeEnvelope(EnvelopeCurve::Linear);
  Adsr exp = makeEnvelope(EnvelopeCurve::Exponential);
  lin.noteOn();
  exp.noteOn();
  std::vector<float> l, e;
  for (int n = 0; n < 1440; ++n) {
    l.push_back(lin.next());
    e.push_back(exp.next());
  }
  EXPECT_NEAR(l[239], 0.5f, 1e-5f);  // half way up the attack
  EXPECT_NEAR(l[959], 0.75f, 1e-5f);  // half way down the decay (1 -> 0.5)
  // Exponential attack is convex (ahead of the line), decay falls faster than the line.
  EXPECT_GT(e[239], l[239] + 0.1f);
  EXPECT_LT(e[959], l[959] - 0.1f);
}

TEST(Adsr, ZeroTimesAndReleaseBeforeSustain) {
  Adsr env;
  env.prepare(test::kSampleRate);
  env.setParameters({0.0, 0.0, 0.3f, 0.0});
  env.noteOn();
  EXPECT_EQ(env.next(), 0.3f);  // straight to sustain
  env.noteOff();
  EXPECT_EQ(env.next(), 0.0f);
  EXPECT_FALSE(env.isActive());
  // Note off during the attack releases from wherever the attack got to.
  Adsr early = makeEnvelope(EnvelopeCurve::Linear);
  early.noteOn();
  for (int n = 0; n < 240; ++n) early.next();
  early.noteOff();
  EXPECT_EQ(early.stage(), AdsrStage::Release);
  EXPECT_LT(early.next(), 0.5f);
}

}  // namespace
}  // namespace wsp::dsp
