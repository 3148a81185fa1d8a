// Events act exactly at their frame (ABI-11), flushes apply without rendering, and what a plugin
// does not understand is ignored (ABI-10).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

constexpr uint32_t kGain = 0, kPan = 1, kInvertLeft = 3, kInvertRight = 4, kChannels = 5;

TEST(Events, ParamEventActsExactlyAtItsFrame) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(48000.0, 128), WSP_OK);
  utility.fillInput(0, 0.5f, 128);
  utility.fillInput(1, 0.25f, 128);
  // Polarity switches are not smoothed: the output flips at the event's frame, not before, not
  // after, and a second event in the same block flips the other channel at its own frame.
  ASSERT_EQ(utility.process(128, {paramEvent(37, kInvertLeft, 1.0), paramEvent(90, kInvertRight, 1.0)}),
            WSP_OK);
  for (uint32_t i = 0; i < 128; ++i) {
    EXPECT_EQ(utility.output(0)[i], i < 37 ? 0.5f : -0.5f) << "frame " << i;
    EXPECT_EQ(utility.output(1)[i], i < 90 ? 0.25f : -0.25f) << "frame " << i;
  }
  EXPECT_EQ(utility.get(kInvertLeft), 1.0);
}

TEST(Events, EventsOnTheSameFrameApplyInOrder) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(), WSP_OK);
  utility.fillInput(0, 1.0f, 16);
  utility.fillInput(1, 1.0f, 16);
  ASSERT_EQ(utility.process(16, {paramEvent(5, kInvertLeft, 1.0), paramEvent(5, kInvertLeft, 0.0),
                                 paramEvent(5, kInvertLeft, 1.0)}),
            WSP_OK);
  EXPECT_EQ(utility.output(0)[4], 1.0f);
  EXPECT_EQ(utility.output(0)[5], -1.0f);
}

TEST(Events, FlushAppliesParametersWithoutRendering) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(), WSP_OK);
  utility.output(0)[0] = 123.0f;  // a flush must not touch the outputs
  ASSERT_EQ(utility.set(kInvertRight, 1.0), WSP_OK);
  EXPECT_EQ(utility.get(kInvertRight), 1.0);
  EXPECT_EQ(utility.output(0)[0], 123.0f);
  utility.fillInput(1, 0.5f, 8);
  utility.fillInput(0, 0.0f, 8);
  ASSERT_EQ(utility.process(8), WSP_OK);
  EXPECT_EQ(utility.output(1)[0], -0.5f);
}

TEST(Events, ValuesAreClampedAndRoundedByType) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(), WSP_OK);
  utility.set(kGain, 1000.0);
  EXPECT_EQ(utility.get(kGain), 24.0);
  utility.set(kGain, -1e9);
  EXPECT_EQ(utility.get(kGain), -80.0);
  utility.set(kPan, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(utility.get(kPan), -100.0);
  utility.set(kInvertLeft, 0.7);
  EXPECT_EQ(utility.get(kInvertLeft), 1.0);
  utility.set(kChannels, 2.4);
  EXPECT_EQ(utility.get(kChannels), 2.0);
  utility.set(kChannels, 99.0);
  EXPECT_EQ(utility.get(kChannels), 4.0);
  // NaN is not a value: the parameter keeps what it had.
  utility.set(kChannels, std::nan(""));
  EXPECT_EQ(utility.get(kChannels), 4.0);
}

TEST(Events, UnknownTypesAndIdsAreIgnored) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(), WSP_OK);
  utility.fillInput(0, 0.5f, 32);
  utility.fillInput(1, 0.5f, 32);
  wsp_event unknown{};
  unknown.frame = 3;
  unknown.type = 999;
  for (auto& b : unknown.u.raw) b = 0xFF;
  const std::vector<wsp_event> events = {unknown, paramEvent(4, 12345, 1.0),
                                         midiEvent(5, 0x90, 60, 100)};
  ASSERT_EQ(utility.process(32, events), WSP_OK);
  for (uint32_t i = 0; i < 32; ++i) EXPECT_EQ(utility.output(0)[i], 0.5f);
  EXPECT_TRUE(std::isnan(utility.get(12345)));
}

TEST(Events, NotesMidiAndTransportReachTheHooksAtTheirFrames) {
  Harness probe(wsp_native_plugin_sdk_probe());
  ASSERT_EQ(probe.activate(44100.0, 256), WSP_OK);
  wsp_event noteOn{};
  noteOn.frame = 10;
  noteOn.type = WSP_EVENT_NOTE_ON;
  noteOn.u.note = {0, 64, 0.8f, 7};
  wsp_event noteOff = noteOn;
  noteOff.frame = 50;
  noteOff.type = WSP_EVENT_NOTE_OFF;
  wsp_event transport{};
  transport.frame = 200;
  transport.type = WSP_EVENT_TRANSPORT;
  transport.u.transport.tempo_bpm = 133.0;
  transport.u.transport.flags = WSP_TRANSPORT_PLAYING;
  ASSERT_EQ(probe.process(256, {noteOn, midiEvent(30, 0x91, 72, 100), noteOff,
                                midiEvent(70, 0x91, 72, 0),    // note on, velocity 0: note off
                                midiEvent(80, 0xB0, 1, 127),   // CC 1 (mod wheel) full
                                midiEvent(120, 0xE0, 0, 0),    // pitch bend fully down
                                transport}),
            WSP_OK);
  const std::vector<float> notes = probe.outputCopy(0, 256);
  const std::vector<float> controls = probe.outputCopy(1, 256);
  auto noteAt = [&](uint32_t i) { return notes[i]; };
  EXPECT_EQ(noteAt(9), 0.0f);
  EXPECT_EQ(noteAt(10), 64.0f);
  EXPECT_EQ(noteAt(29), 64.0f);
  EXPECT_EQ(noteAt(30), 72.0f);   // raw MIDI note on became noteOn
  EXPECT_EQ(noteAt(50), -64.0f);
  EXPECT_EQ(noteAt(69), -64.0f);
  EXPECT_EQ(noteAt(70), -72.0f);  // velocity-0 note on became noteOff
  EXPECT_EQ(controls[79], 0.0f);
  EXPECT_EQ(controls[80], 1.0f);
  EXPECT_EQ(controls[119], 1.0f);
  EXPECT_EQ(controls[120], -1.0f);
  EXPECT_EQ(controls[199], -1.0f);
  EXPECT_EQ(controls[200], 133.0f);
}

TEST(Events, HooksRunOnFlushToo) {
  Harness probe(wsp_native_plugin_sdk_probe());
  ASSERT_EQ(probe.activate(), WSP_OK);
  ASSERT_EQ(probe.process(0, {midiEvent(0, 0x90, 50, 90)}), WSP_OK);
  ASSERT_EQ(probe.process(4), WSP_OK);
  EXPECT_EQ(probe.output(0)[0], 50.0f);
}

}  // namespace
}  // namespace wsp_sdk_test
