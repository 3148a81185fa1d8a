// Pan laws, balance, mid/side and width.
#include <gtest/gtest.h>

#include <cmath>

#include "wsp/dsp/pan.hpp"

namespace wsp::dsp {
namespace {

double db(float g) { return 20.0 * std::log10(static_cast<double>(g)); }

TEST(Pan, ConstantPowerIsMinus3dBInTheCentreAndKeepsPower) {
  const StereoGains centre = constantPowerPan(0.0f);
  EXPECT_NEAR(db(centre.left), -3.0103, 1e-3);
  EXPECT_NEAR(db(centre.right), -3.0103, 1e-3);
  for (float p = -1.0f; p <= 1.0f; p += 0.125f) {
    const StereoGains g = constantPowerPan(p);
    EXPECT_NEAR(g.left * g.left + g.right * g.right, 1.0f, 1e-6f) << p;
  }
  EXPECT_NEAR(constantPowerPan(-1.0f).right, 0.0f, 1e-7f);
  EXPECT_NEAR(constantPowerPan(1.0f).left, 0.0f, 1e-7f);
  EXPECT_NEAR(constantPowerPan(5.0f).left, 0.0f, 1e-7f);  // clamped
}

TEST(Pan, LinearAndBalance) {
  EXPECT_FLOAT_EQ(linearPan(0.0f).left, 0.5f);
  EXPECT_FLOAT_EQ(linearPan(0.5f).right, 0.75f);
  EXPECT_FLOAT_EQ(linearPan(-1.0f).left, 1.0f);
  EXPECT_FLOAT_EQ(balance(0.0f).left, 1.0f);
  EXPECT_FLOAT_EQ(balance(0.0f).right, 1.0f);
  EXPECT_FLOAT_EQ(balance(0.25f).left, 0.75f);
  EXPECT_FLOAT_EQ(balance(0.25f).right, 1.0f);
  EXPECT_FLOAT_EQ(balance(-1.0f).right, 0.0f);
}

TEST(MidSide, RoundTripAndWidth) {
  const MidSide ms = encodeMidSide(0.75f, -0.25f);
  EXPECT_FLOAT_EQ(ms.mid, 0.25f);
  EXPECT_FLOAT_EQ(ms.side, 0.5f);
  const StereoSample back = decodeMidSide(ms);
  EXPECT_FLOAT_EQ(back.left, 0.75f);
  EXPECT_FLOAT_EQ(back.right, -0.25f);
  const StereoSample mono = stereoWidth(0.75f, -0.25f, 0.0f);
  EXPECT_FLOAT_EQ(mono.left, 0.25f);
  EXPECT_FLOAT_EQ(mono.right, 0.25f);
  const StereoSample same = stereoWidth(0.75f, -0.25f, 1.0f);
  EXPECT_FLOAT_EQ(same.left, 0.75f);
  EXPECT_FLOAT_EQ(same.right, -0.25f);
  const StereoSample wide = stereoWidth(0.75f, -0.25f, 2.0f);
  EXPECT_FLOAT_EQ(wide.left, 1.25f);
  EXPECT_FLOAT_EQ(wide.right, -0.75f);
}

}  // namespace
}  // namespace wsp::dsp
