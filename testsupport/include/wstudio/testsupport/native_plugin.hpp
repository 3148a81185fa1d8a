// Drives an SDK plugin linked natively, straight through its wsp_plugin_api table (no host
// library), so DSP tests of plugins exercise exactly the code the .wasm runs.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "wsp/wsp_plugin.h"

namespace wstudio::testsupport {

class NativePlugin {
 public:
  // Creates and activates one instance; aborts the test binary with a message on failure.
  NativePlugin(const wsp_plugin_api* api, double sampleRate, uint32_t maxFrames = 512);
  ~NativePlugin();
  NativePlugin(const NativePlugin&) = delete;
  NativePlugin& operator=(const NativePlugin&) = delete;

  const wsp_plugin_api& api() const { return *api_; }
  wsp_instance* instance() const { return instance_; }
  double sampleRate() const { return sampleRate_; }
  uint32_t maxFrames() const { return maxFrames_; }

  // Applies a parameter now (a flush) and returns the plugin's status.
  int32_t setParam(uint32_t id, double value);
  double param(uint32_t id) const;

  // Renders `inputs` (one vector per input channel, all the same length; empty for an
  // instrument given `frames`) in blocks of blockSize. Events carry absolute frames from the
  // start of the render and are delivered in the block they fall in. Returns one vector per
  // output channel.
  std::vector<std::vector<float>> render(const std::vector<std::vector<float>>& inputs,
                                         std::span<const wsp_event> events = {},
                                         uint32_t blockSize = 128, size_t frames = 0);
  // Same input on every channel.
  std::vector<std::vector<float>> renderMono(const std::vector<float>& input, uint32_t blockSize = 128);

  std::vector<uint8_t> saveState();
  int32_t loadState(std::span<const uint8_t> bytes);
  void reset();
  uint32_t latency();
  uint32_t tail();
  uint32_t inputs() const { return inputs_; }
  uint32_t outputs() const { return outputs_; }

 private:
  const wsp_plugin_api* api_;
  wsp_instance* instance_ = nullptr;
  double sampleRate_;
  uint32_t maxFrames_;
  uint32_t inputs_ = 0;
  uint32_t outputs_ = 0;
};

wsp_event paramEvent(uint32_t frame, uint32_t id, double value);
wsp_event noteOn(uint32_t frame, uint16_t key, float velocity, uint16_t channel = 0);
wsp_event noteOff(uint32_t frame, uint16_t key, uint16_t channel = 0);
wsp_event midiEvent(uint32_t frame, uint8_t status, uint8_t data1, uint8_t data2);
wsp_event transportEvent(uint32_t frame, double tempoBpm, double positionBeats, bool playing);

}  // namespace wstudio::testsupport
