#include "imported_plugin_instance.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

#include "wstudio/boundary/boundary.hpp"
#include "wstudio/boundary/plugin_imports.hpp"

namespace wstudio::engine::wasm {

using boundary::kCallFailed;
using boundary::kCallOk;
using boundary::kCallTrapped;

namespace {
// Bounds the staging for events (32 bytes each) whatever a plugin claims; the base class
// splits blocks with more events (EW-4).
constexpr uint32_t kMaxStagedEvents = 1024;
constexpr int32_t kErrorTextCapacity = 400;

int32_t address(const void* pointer) {
  return static_cast<int32_t>(reinterpret_cast<uintptr_t>(pointer));
}

// One staging area for every imported instance. The engine calls its plugins one at a time on
// the one audio thread, and fills an instance's inputs, calls it and reads its outputs before it
// touches the next, so they can share it: a session calls hundreds of instances per block, and
// a staging area of their own was cold in the cache at every call (two more cold buffers per
// call, next to the plugin's own memory). Channel c at c x maxFrames, as bound (EW-4).
struct SharedStaging {
  float inputs[WSP_MAX_CHANNELS * WSP_MAX_BLOCK_FRAMES];
  float outputs[WSP_MAX_CHANNELS * WSP_MAX_BLOCK_FRAMES];
  wsp_event events[kMaxStagedEvents];
};

SharedStaging& sharedStaging() {
  static SharedStaging staging;
  return staging;
}
}  // namespace

ImportedPluginInstance::ImportedPluginInstance(
    std::shared_ptr<const host::PluginDescriptor> descriptor, int32_t handle)
    : PluginInstance(std::move(descriptor)), handle_(handle) {}

ImportedPluginInstance::~ImportedPluginInstance() { wstudio_plugin_destroy(handle_); }

std::string lastErrorText(int32_t instance) {
  char text[kErrorTextCapacity];
  const int32_t length = wstudio_plugin_last_error(instance, address(text), kErrorTextCapacity);
  return std::string(text, size_t(std::clamp(length, 0, kErrorTextCapacity)));
}

std::string ImportedPluginInstance::lastError() const { return lastErrorText(handle_); }

void ImportedPluginInstance::recordFault(host::Fault fault) { setFault(fault, lastError()); }

uint32_t ImportedPluginInstance::countOrFault(int32_t value) {
  if (value >= 0) return uint32_t(value);
  recordFault(value == kCallFailed ? host::Fault::Failed : host::Fault::Trap);
  return 0;
}

host::Status ImportedPluginInstance::activate(double sampleRate, uint32_t maxFrames) {
  const std::string plugin = "Plugin '" + descriptor().name + "'";
  if (faulted()) return host::fail(plugin + " is disabled: " + faultMessage());
  if (maxFrames == 0 || maxFrames > WSP_MAX_BLOCK_FRAMES) {
    return host::fail("activate: maxFrames must be 1.." + std::to_string(WSP_MAX_BLOCK_FRAMES));
  }
  if (active_) deactivate();
  const int32_t status = wstudio_plugin_activate(handle_, sampleRate, int32_t(maxFrames));
  if (status != kCallOk) {
    if (status == kCallTrapped) recordFault(host::Fault::Trap);
    return host::fail(lastError());
  }
  const int32_t capacity = wstudio_plugin_event_capacity(handle_);
  if (capacity < int32_t{WSP_MIN_EVENT_CAPACITY}) {
    wstudio_plugin_deactivate(handle_);
    return host::fail(plugin + ": the event buffer holds fewer than " +
                      std::to_string(WSP_MIN_EVENT_CAPACITY) + " events (ABI-9)");
  }
  active_ = true;
  latencyAfterProcess_ = -1;
  maxFrames_ = maxFrames;
  eventCapacity_ = std::min(uint32_t(capacity), kMaxStagedEvents);
  SharedStaging& staging = sharedStaging();
  inputs_ = staging.inputs;
  outputs_ = staging.outputs;
  events_ = staging.events;
  wstudio_plugin_bind(handle_, address(inputs_), address(outputs_), address(events_));
  return host::Ok{};
}

void ImportedPluginInstance::deactivate() {
  if (!active_) return;
  active_ = false;
  if (!faulted()) wstudio_plugin_deactivate(handle_);
}

host::Result<std::vector<uint8_t>> ImportedPluginInstance::saveState() {
  const std::string plugin = "Plugin '" + descriptor().name + "'";
  if (faulted()) return host::fail(plugin + " is disabled: " + faultMessage());
  std::vector<uint8_t> bytes(4096);
  for (;;) {
    const int32_t size = wstudio_plugin_state_save(handle_, address(bytes.data()),
                                                   int32_t(bytes.size()));
    if (size == kCallTrapped) {
      recordFault(host::Fault::Trap);
      return host::fail(faultMessage());
    }
    if (size < 0) return host::fail(plugin + " failed to save its state");
    if (size_t(size) <= bytes.size()) {
      bytes.resize(size_t(size));
      return bytes;
    }
    bytes.resize(size_t(size));  // did not fit: once more with room for all of it
  }
}

host::Status ImportedPluginInstance::loadState(std::span<const uint8_t> bytes) {
  const std::string plugin = "Plugin '" + descriptor().name + "'";
  if (faulted()) return host::fail(plugin + " is disabled: " + faultMessage());
  if (bytes.size() > WSP_MAX_MEMORY_BYTES) return host::fail("state larger than the plugin's memory");
  latencyAfterProcess_ = -1;
  const int32_t status =
      wstudio_plugin_state_load(handle_, address(bytes.data()), int32_t(bytes.size()));
  if (status == kCallTrapped) {
    recordFault(host::Fault::Trap);
    return host::fail(faultMessage());
  }
  if (status != kCallOk) return host::fail(plugin + " rejected the state: " + lastError());
  return host::Ok{};
}

uint32_t ImportedPluginInstance::latency() {
  if (!active_ || faulted()) return 0;
  if (latencyAfterProcess_ >= 0) return uint32_t(latencyAfterProcess_);
  return countOrFault(wstudio_plugin_latency(handle_));
}

uint32_t ImportedPluginInstance::tail() {
  return active_ && !faulted() ? countOrFault(wstudio_plugin_tail(handle_)) : 0;
}

float* ImportedPluginInstance::input(uint32_t channel) {
  return active_ && channel < descriptor().inputs ? &inputs_[size_t{channel} * maxFrames_]
                                                  : nullptr;
}

const float* ImportedPluginInstance::output(uint32_t channel) {
  return active_ && channel < descriptor().outputs ? &outputs_[size_t{channel} * maxFrames_]
                                                   : nullptr;
}

bool ImportedPluginInstance::reset() {
  if (faulted() || !active_) return false;
  latencyAfterProcess_ = -1;
  if (wstudio_plugin_reset(handle_) == kCallOk) return true;
  recordFault(host::Fault::Trap);
  return false;
}

double ImportedPluginInstance::paramValue(uint32_t id) {
  if (faulted()) return std::numeric_limits<double>::quiet_NaN();
  return wstudio_plugin_param_get(handle_, int32_t(id));
}

uint64_t ImportedPluginInstance::memoryBytes() const {
  return uint64_t(wstudio_plugin_memory_bytes(handle_));
}

uint32_t ImportedPluginInstance::eventCapacity() {
  return active_ ? eventCapacity_ : WSP_MIN_EVENT_CAPACITY;
}

bool ImportedPluginInstance::processChunk(uint32_t frames, std::span<const wsp_event> events,
                                          uint32_t frameOffset) {
  if (!active_) {
    char message[256];
    std::snprintf(message, sizeof message, "Plugin '%s' was asked to process before activate",
                  descriptor().name.c_str());
    setFault(host::Fault::Failed, message);
    return false;
  }
  for (size_t i = 0; i < events.size(); ++i) events_[i] = chunkEvent(events[i], frameOffset, frames);
  const int32_t result =
      wstudio_plugin_process(handle_, int32_t(frames), int32_t(events.size()));
  if (result >= 0) {
    latencyAfterProcess_ = result;
    return true;
  }
  latencyAfterProcess_ = -1;
  recordFault(result == kCallFailed ? host::Fault::Failed : host::Fault::Trap);
  return false;
}

}  // namespace wstudio::engine::wasm
