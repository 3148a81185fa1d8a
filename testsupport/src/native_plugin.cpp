#include "wstudio/testsupport/native_plugin.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "wsp/wsp_events.hpp"

namespace wstudio::testsupport {
namespace {

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "NativePlugin: %s\n", what);
  std::abort();
}

}  // namespace

NativePlugin::NativePlugin(const wsp_plugin_api* api, double sampleRate, uint32_t maxFrames)
    : api_(api), sampleRate_(sampleRate), maxFrames_(maxFrames) {
  const auto descriptor = nlohmann::json::parse(api_->descriptor());
  inputs_ = descriptor.at("audio").at("inputs").get<uint32_t>();
  outputs_ = descriptor.at("audio").at("outputs").get<uint32_t>();
  instance_ = api_->create();
  if (!instance_) die("create failed");
  if (api_->activate(instance_, sampleRate, maxFrames) != WSP_OK) die("activate failed");
}

NativePlugin::~NativePlugin() {
  if (instance_) api_->destroy(instance_);
}

int32_t NativePlugin::setParam(uint32_t id, double value) {
  wsp_event* events = api_->event_buffer(instance_);
  events[0] = paramEvent(0, id, value);
  return api_->process(instance_, 0, 1);
}

double NativePlugin::param(uint32_t id) const { return api_->param_get(instance_, id); }

std::vector<std::vector<float>> NativePlugin::render(const std::vector<std::vector<float>>& inputs,
                                                     std::span<const wsp_event> events,
                                                     uint32_t blockSize, size_t frames) {
  if (!inputs.empty()) frames = inputs[0].size();
  blockSize = std::min(blockSize, maxFrames_);
  std::vector<std::vector<float>> out(outputs_, std::vector<float>(frames, 0.0f));
  const uint32_t capacity = api_->event_capacity(instance_);
  size_t nextEvent = 0;
  for (size_t start = 0; start < frames; start += blockSize) {
    const uint32_t n = uint32_t(std::min<size_t>(blockSize, frames - start));
    for (uint32_t c = 0; c < inputs_; ++c) {
      float* dst = api_->audio_buffer(instance_, WSP_PORT_INPUT, c);
      // Fewer input vectors than channels: the last one feeds the rest.
      const std::vector<float>* src = inputs.empty() ? nullptr : &inputs[std::min<size_t>(c, inputs.size() - 1)];
      if (!src || src->empty()) std::fill(dst, dst + n, 0.0f);
      else std::memcpy(dst, src->data() + start, n * sizeof(float));
    }
    wsp_event* buffer = api_->event_buffer(instance_);
    uint32_t count = 0;
    while (nextEvent < events.size() && events[nextEvent].frame < start + n && count < capacity) {
      buffer[count] = events[nextEvent++];
      buffer[count].frame = uint32_t(buffer[count].frame - std::min<size_t>(buffer[count].frame, start));
      ++count;
    }
    if (api_->process(instance_, n, count) != WSP_OK) die("process failed");
    for (uint32_t c = 0; c < outputs_; ++c) {
      const float* src = api_->audio_buffer(instance_, WSP_PORT_OUTPUT, c);
      std::memcpy(out[c].data() + start, src, n * sizeof(float));
    }
  }
  return out;
}

std::vector<std::vector<float>> NativePlugin::renderMono(const std::vector<float>& input, uint32_t blockSize) {
  return render(std::vector<std::vector<float>>(std::max<uint32_t>(inputs_, 1), input), {}, blockSize);
}

std::vector<uint8_t> NativePlugin::saveState() {
  const int32_t size = api_->state_save(instance_);
  if (size < 0) die("state_save failed");
  const uint8_t* bytes = api_->state_buffer(instance_, 0);
  return std::vector<uint8_t>(bytes, bytes + size);
}

int32_t NativePlugin::loadState(std::span<const uint8_t> bytes) {
  uint8_t* buffer = api_->state_buffer(instance_, uint32_t(bytes.size()));
  if (!buffer) return WSP_ERR_OUT_OF_MEMORY;
  std::memcpy(buffer, bytes.data(), bytes.size());
  return api_->state_load(instance_, uint32_t(bytes.size()));
}

void NativePlugin::reset() { api_->reset(instance_); }
uint32_t NativePlugin::latency() { return api_->latency(instance_); }
uint32_t NativePlugin::tail() { return api_->tail(instance_); }

wsp_event paramEvent(uint32_t frame, uint32_t id, double value) {
  return wsp::paramEvent(frame, id, value);
}

wsp_event noteOn(uint32_t frame, uint16_t key, float velocity, uint16_t channel) {
  return wsp::noteEvent(WSP_EVENT_NOTE_ON, frame, key, velocity, channel);
}

wsp_event noteOff(uint32_t frame, uint16_t key, uint16_t channel) {
  return wsp::noteEvent(WSP_EVENT_NOTE_OFF, frame, key, 0.0f, channel);
}

wsp_event midiEvent(uint32_t frame, uint8_t status, uint8_t data1, uint8_t data2) {
  return wsp::midiEvent(frame, status, data1, data2);
}

wsp_event transportEvent(uint32_t frame, double tempoBpm, double positionBeats, bool playing) {
  return wsp::transportEvent(frame, tempoBpm, positionBeats, playing ? WSP_TRANSPORT_PLAYING : 0u);
}

}  // namespace wstudio::testsupport
