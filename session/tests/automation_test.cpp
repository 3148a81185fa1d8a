#include <gtest/gtest.h>

#include <cmath>

#include "wstudio/session/automation.hpp"
#include "wstudio/session/fades.hpp"

namespace wstudio::session {
namespace {

AutomationPoint point(Beats time, double value, SegmentShape shape = SegmentShape::linear,
                      double curvature = 0) {
  AutomationPoint p;
  p.time = time;
  p.value = value;
  p.shape = shape;
  p.curvature = curvature;
  return p;
}

AutomationLane lane(std::vector<AutomationPoint> points) {
  AutomationLane l;
  l.id = "lane-1";
  l.points = std::move(points);
  return l;
}

TEST(Automation, EmptyLaneHasNoValue) { EXPECT_FALSE(valueAt(lane({}), 3).has_value()); }

TEST(Automation, HoldsFirstValueBeforeAndLastValueAfter) {
  const auto l = lane({point(4, -6), point(8, 0)});
  EXPECT_EQ(valueAt(l, 0), -6.0);
  EXPECT_EQ(valueAt(l, 3.999), -6.0);
  EXPECT_EQ(valueAt(l, 8), 0.0);
  EXPECT_EQ(valueAt(l, 100), 0.0);
}

TEST(Automation, SinglePointIsConstant) {
  const auto l = lane({point(2, 0.25)});
  EXPECT_EQ(valueAt(l, 0), 0.25);
  EXPECT_EQ(valueAt(l, 2), 0.25);
  EXPECT_EQ(valueAt(l, 9), 0.25);
}

TEST(Automation, LinearSegmentsInterpolate) {
  const auto l = lane({point(0, 0), point(4, 1), point(6, -1)});
  EXPECT_EQ(valueAt(l, 0), 0.0);
  EXPECT_EQ(valueAt(l, 1), 0.25);
  EXPECT_EQ(valueAt(l, 2), 0.5);
  EXPECT_EQ(valueAt(l, 4), 1.0);
  EXPECT_EQ(valueAt(l, 5), 0.0);
  EXPECT_EQ(valueAt(l, 5.5), -0.5);
}

TEST(Automation, StepHoldsUntilTheNextPoint) {
  const auto l = lane({point(0, 0.3, SegmentShape::step), point(16, 0.6)});
  EXPECT_EQ(valueAt(l, 0), 0.3);
  EXPECT_EQ(valueAt(l, 15.999999), 0.3);
  EXPECT_EQ(valueAt(l, 16), 0.6);
}

TEST(Automation, CurvedSegmentFollowsTheDocumentedFormula) {
  const auto l = lane({point(0, -12, SegmentShape::curve, 0.5), point(4, 0)});
  const double k = 6 * 0.5;
  for (double t : {0.5, 1.0, 2.0, 3.0, 3.5}) {
    const double x = t / 4;
    const double expected = -12 + 12 * (std::exp(k * x) - 1) / (std::exp(k) - 1);
    EXPECT_NEAR(*valueAt(l, t), expected, 1e-12) << "t=" << t;
  }
  // Positive curvature starts slowly: below the straight line at the midpoint.
  EXPECT_LT(*valueAt(l, 2), -6.0);
  EXPECT_EQ(valueAt(l, 0), -12.0);
  EXPECT_EQ(valueAt(l, 4), 0.0);
}

TEST(Automation, NegativeCurvatureMirrorsPositive) {
  for (double x : {0.1, 0.3, 0.5, 0.8}) {
    EXPECT_NEAR(curveFraction(x, -0.7), 1 - curveFraction(1 - x, 0.7), 1e-12);
  }
  EXPECT_EQ(curveFraction(0.3, 0), 0.3);
  EXPECT_EQ(curveFraction(0, 1), 0.0);
  EXPECT_EQ(curveFraction(1, -1), 1.0);
}

TEST(Fades, CurvesRunFromSilenceToUnity) {
  for (FadeCurve curve : {FadeCurve::linear, FadeCurve::equalPower, FadeCurve::sCurve}) {
    EXPECT_EQ(fadeGain(curve, 0), 0.0);
    EXPECT_NEAR(fadeGain(curve, 1), 1.0, 1e-15);
    EXPECT_EQ(fadeGain(curve, -1), 0.0);
  }
  EXPECT_EQ(fadeGain(FadeCurve::linear, 0.25), 0.25);
  EXPECT_NEAR(fadeGain(FadeCurve::equalPower, 0.5), std::sqrt(0.5), 1e-15);
  EXPECT_NEAR(fadeGain(FadeCurve::sCurve, 0.5), 0.5, 1e-15);
}

}  // namespace
}  // namespace wstudio::session
