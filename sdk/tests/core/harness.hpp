// Drives a plugin through its wsp_plugin_api table exactly as a host would: the tests see the
// SDK only from the outside, through the ABI.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "wsp/wsp_events.hpp"
#include "wsp/wsp_plugin.h"

extern "C" const wsp_plugin_api* wsp_native_plugin_utility(void);
extern "C" const wsp_plugin_api* wsp_native_plugin_sdk_probe(void);

namespace wsp_sdk_test {

using wsp::midiEvent;
using wsp::paramEvent;

class Harness {
 public:
  explicit Harness(const wsp_plugin_api* api) : api_(api), instance_(api->create()) {}
  ~Harness() { api_->destroy(instance_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  const wsp_plugin_api& api() const { return *api_; }
  wsp_instance* instance() const { return instance_; }

  int32_t activate(double sampleRate = 48000.0, uint32_t maxFrames = 512) {
    return api_->activate(instance_, sampleRate, maxFrames);
  }
  float* input(uint32_t channel) const {
    return api_->audio_buffer(instance_, WSP_PORT_INPUT, channel);
  }
  float* output(uint32_t channel) const {
    return api_->audio_buffer(instance_, WSP_PORT_OUTPUT, channel);
  }
  void fillInput(uint32_t channel, float value, uint32_t frames) const {
    for (uint32_t i = 0; i < frames; ++i) input(channel)[i] = value;
  }
  int32_t process(uint32_t frames, const std::vector<wsp_event>& events = {}) {
    if (!events.empty())
      std::memcpy(api_->event_buffer(instance_), events.data(), events.size() * sizeof(wsp_event));
    return api_->process(instance_, frames, uint32_t(events.size()));
  }
  // A flush: sets parameters while not rendering.
  int32_t set(uint32_t id, double value) { return process(0, {paramEvent(0, id, value)}); }
  double get(uint32_t id) const { return api_->param_get(instance_, id); }
  std::vector<float> outputCopy(uint32_t channel, uint32_t frames) const {
    return {output(channel), output(channel) + frames};
  }

  std::vector<uint8_t> saveState() {
    const int32_t size = api_->state_save(instance_);
    EXPECT_GT(size, 0);
    const uint8_t* bytes = api_->state_buffer(instance_, uint32_t(size));
    return {bytes, bytes + size};
  }
  int32_t loadState(const std::vector<uint8_t>& bytes) {
    uint8_t* buffer = api_->state_buffer(instance_, uint32_t(bytes.size()));
    std::memcpy(buffer, bytes.data(), bytes.size());
    return api_->state_load(instance_, uint32_t(bytes.size()));
  }

 private:
  const wsp_plugin_api* api_;
  wsp_instance* instance_;
};

}  // namespace wsp_sdk_test
