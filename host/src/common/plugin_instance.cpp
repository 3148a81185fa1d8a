// PluginInstance's backend-independent half: block splitting, output checks (ABI-12), faults;
// formatLabel.
#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

#include "wsp/wsp_events.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host {

namespace {
constexpr size_t kFaultMessageCapacity = 512;
}

std::string_view formatLabel(const PluginModule& module) {
  if (module.linkedNatively()) return "native";
  switch (module.format()) {
    case PluginFormat::wsp: return "wsp";
    case PluginFormat::vaist: return "vaist";
  }
  return "unknown";
}

PluginInstance::PluginInstance(std::shared_ptr<const PluginDescriptor> descriptor)
    : descriptor_(std::move(descriptor)) {
  faultMessage_.reserve(kFaultMessageCapacity);
  splitInput_.resize(size_t{descriptor_->inputs} * WSP_MAX_BLOCK_FRAMES);
  splitOutput_.resize(size_t{descriptor_->outputs} * WSP_MAX_BLOCK_FRAMES);
}

void PluginInstance::setFault(Fault fault, std::string_view message) {
  if (fault_ != Fault::None || fault == Fault::None) return;
  fault_ = fault;
  // assign() into reserved capacity: no allocation for ordinary messages.
  faultMessage_.assign(message.substr(0, kFaultMessageCapacity - 1));
}

wsp_event PluginInstance::chunkEvent(const wsp_event& event, uint32_t frameOffset,
                                     uint32_t frames) {
  wsp_event copy = event;
  if (frames == 0) {
    copy.frame = 0;
  } else {
    const uint32_t relative = event.frame > frameOffset ? event.frame - frameOffset : 0;
    copy.frame = std::min(relative, frames - 1);
  }
  return copy;
}

bool PluginInstance::setParam(uint32_t id, double value) {
  const wsp_event event = wsp::paramEvent(0, id, value);
  return process(0, std::span<const wsp_event>(&event, 1));
}

bool PluginInstance::process(uint32_t frames, std::span<const wsp_event> events) {
  frames = std::min(frames, WSP_MAX_BLOCK_FRAMES);
  if (faulted()) {
    silenceOutputs(frames);
    return false;
  }
  const uint32_t capacity = std::max<uint32_t>(eventCapacity(), 1);
  bool ok = true;
  if (frames == 0) {
    // A flush: hand the events over in buffer-sized groups, all at frame 0.
    size_t next = 0;
    do {
      const size_t count = std::min<size_t>(capacity, events.size() - next);
      ok = processChunk(0, events.subspan(next, count), 0);
      next += count;
    } while (ok && next < events.size());
  } else if (events.size() <= capacity) {
    ok = processChunk(frames, events, 0);
  } else {
    ok = processSplit(frames, events, capacity);
  }
  if (!ok || !checkOutputs(frames)) {
    silenceOutputs(frames);
    return false;
  }
  return true;
}

// More events than the plugin's buffer holds: render the block in chunks that each end where the
// first event that did not fit falls, so every event still lands on its frame. The plugin's
// buffers hold one chunk, so the caller's input is kept aside and the output assembled aside.
bool PluginInstance::processSplit(uint32_t frames, std::span<const wsp_event> events,
                                  uint32_t capacity) {
  const uint32_t inputs = descriptor_->inputs;
  const uint32_t outputs = descriptor_->outputs;
  for (uint32_t ch = 0; ch < inputs; ++ch) {
    std::memcpy(&splitInput_[size_t{ch} * WSP_MAX_BLOCK_FRAMES], input(ch), frames * sizeof(float));
  }
  uint32_t offset = 0;
  size_t next = 0;
  while (offset < frames || next < events.size()) {
    const size_t count = std::min<size_t>(capacity, events.size() - next);
    uint32_t end = frames;
    if (next + count < events.size()) {
      end = std::clamp(events[next + count].frame, offset, frames);
    }
    const uint32_t chunkFrames = end - offset;
    for (uint32_t ch = 0; ch < inputs && chunkFrames > 0; ++ch) {
      std::memcpy(input(ch), &splitInput_[size_t{ch} * WSP_MAX_BLOCK_FRAMES + offset],
                  chunkFrames * sizeof(float));
    }
    // chunkFrames == 0 (a full buffer of events on one frame) is a flush at that frame.
    if (!processChunk(chunkFrames, events.subspan(next, count), offset)) return false;
    for (uint32_t ch = 0; ch < outputs && chunkFrames > 0; ++ch) {
      std::memcpy(&splitOutput_[size_t{ch} * WSP_MAX_BLOCK_FRAMES + offset], output(ch),
                  chunkFrames * sizeof(float));
    }
    next += count;
    offset = end;
  }
  for (uint32_t ch = 0; ch < outputs; ++ch) {
    // output() is the plugin's own writable buffer (see its contract); const only for callers.
    std::memcpy(const_cast<float*>(output(ch)), &splitOutput_[size_t{ch} * WSP_MAX_BLOCK_FRAMES],
                frames * sizeof(float));
  }
  return true;
}

// ABI-12: NaN/Inf disables the instance; denormals are flushed (they cost downstream CPU).
// Every plugin call's output passes here, so the common case (nothing to report) is one
// branch-free pass that vectorises: it only says whether a channel holds a non-finite or a
// denormal sample. Only then does a second pass find, report or flush them.
bool PluginInstance::checkOutputs(uint32_t frames) {
  for (uint32_t ch = 0; ch < descriptor_->outputs; ++ch) {
    float* samples = const_cast<float*>(output(ch));
    // |x| as bits is normal iff it lies in [0x00800000, 0x7f7fffff]: one unsigned range test
    // (subtract the bottom, compare with the width) marks NaN, Inf, denormals and zero; zero is
    // then let through.
    uint32_t special = 0;
    for (uint32_t i = 0; i < frames; ++i) {
      const uint32_t magnitude = std::bit_cast<uint32_t>(samples[i]) & 0x7fffffffu;
      special |= uint32_t(magnitude - 0x00800000u >= 0x7f000000u) & uint32_t(magnitude != 0);
    }
    if (special == 0) continue;
    for (uint32_t i = 0; i < frames; ++i) {
      const uint32_t bits = std::bit_cast<uint32_t>(samples[i]);
      const uint32_t exponent = bits & 0x7f800000u;
      if (exponent == 0x7f800000u) {
        char message[kFaultMessageCapacity];
        std::snprintf(message, sizeof message,
                      "Plugin '%s' output %s on channel %u at frame %u (ABI-12)",
                      descriptor_->name.c_str(), (bits & 0x007fffffu) ? "NaN" : "Inf", ch, i);
        setFault(Fault::NonFinite, message);
        return false;
      }
      if (exponent == 0 && (bits & 0x007fffffu) != 0) {
        samples[i] = 0.0f;
        ++flushedDenormals_;
      }
    }
  }
  return true;
}

void PluginInstance::silenceOutputs(uint32_t frames) {
  for (uint32_t ch = 0; ch < descriptor_->outputs; ++ch) {
    float* samples = const_cast<float*>(output(ch));
    if (samples != nullptr) std::fill_n(samples, frames, 0.0f);
  }
}

}  // namespace wstudio::host
