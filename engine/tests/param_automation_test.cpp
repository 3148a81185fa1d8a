// Plugin-parameter automation arrives as PARAM events on exact frames: on a 32-frame timeline
// grid, at every call's first frame and at each automation point. The host's fixture plugin
// (linked natively) applies its gain at the event's frame without smoothing, so the output shows
// exactly which value arrived where.
#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixture.hpp"
#include "wstudio/session/automation.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_fixture(void);

namespace wstudio::engine::testing {
namespace {

constexpr uint32_t kGain = 0;  // fixture parameter: gain in dB, applied per sample, unsmoothed

session::Session automatedGain(std::vector<session::AutomationPoint> points) {
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  addClip(track, "c", "one", 0, 2);
  addInsert(track.inserts, "fix", "studio.wasm.test.fixture");
  auto& lane = addLane(s, "gain", "t", session::AutomatedControl::parameter);
  lane.target.insert = "fix";
  lane.target.param = kGain;
  lane.points = std::move(points);
  return s;
}

double gainAt(const session::AutomationLane& lane, int64_t frame) {
  return std::pow(10.0, *session::valueAt(lane, session::framesToBeats(double(frame), kTempo, kRate)) / 20.0);
}

class ParamAutomationEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    rig_.sources.add("one", std::vector<float>(48000, 1.0f));
    rig_.plugins.add("studio.wasm.test.fixture",
                     host::loadNativePlugin(wsp_native_plugin_fixture()).value());
  }
  Rig rig_{100};  // calls of 100 frames: not aligned with the 32-frame grid
};

TEST_F(ParamAutomationEvents, StepLandsOnThePointsFrame) {
  // -24 dB, stepping to -6 dB at beat 0.51234 = frame 12296.16: from frame 12297 on, the first
  // frame at or after the point.
  const auto s = automatedGain({point(0, -24, session::SegmentShape::step), point(0.51234, -6)});
  const auto out = rig_.render(s, 0, 20000);
  for (int64_t f = 12000; f < 12600; ++f) {
    const double expected = std::pow(10.0, (f < 12297 ? -24.0 : -6.0) / 20.0);
    ASSERT_NEAR(out.master.left[std::size_t(f)], expected, 1e-6) << f;
  }
}

TEST_F(ParamAutomationEvents, RampIsSampledOnTheGridAndAtEachCallStart) {
  const auto s = automatedGain({point(0, -40), point(1, 0)});
  const auto& lane = s.automation[0];
  const auto out = rig_.render(s, 0, 24000);
  for (int64_t f = 0; f < 24000; ++f) {
    // The last event at or before f: the grid (multiples of 32) or the call's start (multiples of
    // 100), whichever is later.
    const int64_t held = std::max(f / 32 * 32, f / 100 * 100);
    ASSERT_NEAR(out.master.left[std::size_t(f)], gainAt(lane, held), 1e-6) << f;
  }
}

}  // namespace
}  // namespace wstudio::engine::testing
