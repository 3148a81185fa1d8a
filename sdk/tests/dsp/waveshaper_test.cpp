// Clippers and waveshapers: bounds, odd symmetry, key values, drive.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "wsp/dsp/waveshaper.hpp"

namespace wsp::dsp {
namespace {

// Inputs from -100 to 100 (with fine steps near 0), plus infinities.
std::vector<float> probeInputs() {
  std::vector<float> xs;
  for (int i = -20000; i <= 20000; ++i) xs.push_back(static_cast<float>(i) * 0.005f);
  for (float x : {50.0f, 100.0f, 1e6f, 1e30f, std::numeric_limits<float>::infinity()}) {
    xs.push_back(x);
    xs.push_back(-x);
  }
  return xs;
}

TEST(Waveshaper, AllShapesAreBoundedAndZeroAtZero) {
  for (ShaperType type : {ShaperType::HardClip, ShaperType::SoftClipCubic, ShaperType::Tanh,
                          ShaperType::Atan, ShaperType::Asymmetric, ShaperType::Foldback}) {
    Waveshaper shaper;
    shaper.setType(type);
    shaper.setDriveDb(24.0f);
    EXPECT_EQ(shaper.process(0.0f), 0.0f) << static_cast<int>(type);
    for (float x : probeInputs()) {
      const float y = shaper.process(x);
      ASSERT_TRUE(std::isfinite(y)) << static_cast<int>(type) << " x=" << x;
      ASSERT_LE(std::fabs(y), 1.0f) << static_cast<int>(type) << " x=" << x;
    }
  }
}

TEST(Waveshaper, SymmetricShapesAreOdd) {
  for (float x : probeInputs()) {
    if (!std::isfinite(x) || std::fabs(x) > 1e6f) continue;
    EXPECT_EQ(hardClip(-x), -hardClip(x));
    EXPECT_EQ(softClipCubic(-x), -softClipCubic(x));
    EXPECT_EQ(tanhClip(-x), -tanhClip(x));
    EXPECT_EQ(atanClip(-x), -atanClip(x));
    EXPECT_NEAR(foldback(-x), -foldback(x), 1e-5f) << x;
  }
  // The tube-like shaper is deliberately asymmetric: positive peaks compress more.
  EXPECT_LT(asymmetricClip(2.0f), -asymmetricClip(-2.0f));
}

TEST(Waveshaper, KeyValues) {
  EXPECT_EQ(hardClip(0.5f), 0.5f);
  EXPECT_EQ(hardClip(3.0f), 1.0f);
  EXPECT_EQ(softClipCubic(1.0f), 1.0f);
  EXPECT_FLOAT_EQ(softClipCubic(0.5f), 0.6875f);  // 1.5 * 0.5 - 0.5 * 0.125
  EXPECT_NEAR(tanhClip(0.5f), std::tanh(0.5f), 1e-4f);
  EXPECT_NEAR(atanClip(1.0f), 0.5f, 1e-6f);  // (2/pi)(pi/4)
  EXPECT_NEAR(foldback(0.7f), 0.7f, 1e-6f);  // identity inside [-1, 1]
  EXPECT_NEAR(foldback(1.5f), 0.5f, 1e-6f);  // reflected from +1
  EXPECT_NEAR(foldback(2.5f), -0.5f, 1e-6f);
  EXPECT_NEAR(foldback(-3.5f), 0.5f, 1e-6f);
  EXPECT_NEAR(foldback(4.25f), 0.25f, 1e-6f);  // period 4
}

TEST(Waveshaper, FastTanhErrorIsBelowTheStatedBound) {
  float worst = 0.0f;
  for (int i = -100000; i <= 100000; ++i) {
    const float x = static_cast<float>(i) * 1e-4f;
    worst = std::max(worst, std::fabs(fastTanh(x) - std::tanh(x)));
  }
  EXPECT_LT(worst, 1e-4f);
}

TEST(Waveshaper, DriveIsInputGain) {
  Waveshaper shaper;
  shaper.setType(ShaperType::HardClip);
  shaper.setDriveDb(6.0206f);  // x2
  EXPECT_NEAR(shaper.process(0.25f), 0.5f, 1e-5f);
  EXPECT_EQ(shaper.process(0.75f), 1.0f);
}

}  // namespace
}  // namespace wsp::dsp
