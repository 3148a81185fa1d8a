// State (ABI-15): a round trip restores identical behaviour; foreign, truncated or corrupt bytes
// are refused with WSP_ERR_BAD_DATA and change nothing.
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

constexpr uint32_t kGain = 0, kPan = 1, kWidth = 2, kInvertRight = 4, kChannels = 5;

std::vector<float> render(Harness& plugin) {
  for (uint32_t i = 0; i < 256; ++i) {
    plugin.input(0)[i] = float(i % 17) / 17.0f - 0.5f;
    plugin.input(1)[i] = float(i % 5) / 5.0f - 0.3f;
  }
  EXPECT_EQ(plugin.process(256), WSP_OK);
  std::vector<float> out = plugin.outputCopy(0, 256);
  const std::vector<float> right = plugin.outputCopy(1, 256);
  out.insert(out.end(), right.begin(), right.end());
  return out;
}

void configure(Harness& utility) {
  utility.set(kGain, -7.5);
  utility.set(kPan, 33.0);
  utility.set(kWidth, 140.0);
  utility.set(kInvertRight, 1.0);
  utility.set(kChannels, 2.0);
}

TEST(State, RoundTripIntoAFreshInstanceGivesIdenticalOutput) {
  Harness original(wsp_native_plugin_utility());
  ASSERT_EQ(original.activate(), WSP_OK);
  configure(original);
  original.api().reset(original.instance());
  const std::vector<uint8_t> state = original.saveState();

  Harness restored(wsp_native_plugin_utility());
  ASSERT_EQ(restored.activate(), WSP_OK);
  ASSERT_EQ(restored.loadState(state), WSP_OK);
  for (uint32_t id : {kGain, kPan, kWidth, kInvertRight, kChannels})
    EXPECT_EQ(restored.get(id), original.get(id)) << id;
  EXPECT_EQ(render(restored), render(original));
  EXPECT_EQ(restored.saveState(), state);
}

TEST(State, LoadsIntoAnInactiveInstance) {
  Harness original(wsp_native_plugin_utility());
  ASSERT_EQ(original.activate(), WSP_OK);
  configure(original);
  const std::vector<uint8_t> state = original.saveState();
  Harness restored(wsp_native_plugin_utility());
  ASSERT_EQ(restored.loadState(state), WSP_OK);
  EXPECT_EQ(restored.get(kPan), 33.0);
}

TEST(State, EveryCorruptionIsRefusedAndChangesNothing) {
  Harness source(wsp_native_plugin_utility());
  ASSERT_EQ(source.activate(), WSP_OK);
  configure(source);
  const std::vector<uint8_t> state = source.saveState();

  Harness target(wsp_native_plugin_utility());
  ASSERT_EQ(target.activate(), WSP_OK);
  target.set(kGain, 3.0);
  const std::vector<uint8_t> before = target.saveState();
  for (size_t byte = 0; byte < state.size(); ++byte) {
    for (uint8_t flip : {uint8_t{0x01}, uint8_t{0x80}}) {
      std::vector<uint8_t> corrupt = state;
      corrupt[byte] ^= flip;
      EXPECT_EQ(target.loadState(corrupt), WSP_ERR_BAD_DATA) << "byte " << byte;
    }
  }
  for (size_t size = 0; size < state.size(); ++size) {
    const std::vector<uint8_t> truncated(state.begin(), state.begin() + long(size));
    EXPECT_EQ(target.loadState(truncated), WSP_ERR_BAD_DATA) << "size " << size;
  }
  std::vector<uint8_t> longer = state;
  longer.push_back(0);
  EXPECT_EQ(target.loadState(longer), WSP_ERR_BAD_DATA);
  EXPECT_EQ(target.get(kGain), 3.0);
  EXPECT_EQ(target.saveState(), before);
}

TEST(State, AnotherPluginsStateIsRefused) {
  Harness probe(wsp_native_plugin_sdk_probe());
  const std::vector<uint8_t> foreign = probe.saveState();
  Harness utility(wsp_native_plugin_utility());
  EXPECT_EQ(utility.loadState(foreign), WSP_ERR_BAD_DATA);
  EXPECT_EQ(utility.get(kGain), 0.0);
}

TEST(State, ExtraPluginBytesRoundTrip) {
  Harness probe(wsp_native_plugin_sdk_probe());
  ASSERT_EQ(probe.activate(), WSP_OK);
  ASSERT_EQ(probe.process(8, {midiEvent(1, 0x90, 60, 1), midiEvent(2, 0x90, 61, 1)}), WSP_OK);
  probe.set(3, 5.0);  // steps (int)
  const std::vector<uint8_t> state = probe.saveState();
  Harness fresh(wsp_native_plugin_sdk_probe());
  EXPECT_NE(fresh.saveState(), state);  // the note count is in the extra bytes
  ASSERT_EQ(fresh.loadState(state), WSP_OK);
  EXPECT_EQ(fresh.saveState(), state);
  EXPECT_EQ(fresh.get(3), 5.0);
}

TEST(State, BufferGrowsOnRequestAndLoadChecksTheSize) {
  Harness utility(wsp_native_plugin_utility());
  uint8_t* big = utility.api().state_buffer(utility.instance(), 100000);
  ASSERT_NE(big, nullptr);
  big[99999] = 1;
  EXPECT_EQ(utility.api().state_load(utility.instance(), 100001), WSP_ERR_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace wsp_sdk_test
