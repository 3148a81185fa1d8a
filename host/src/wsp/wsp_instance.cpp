#include "wsp/wsp_instance.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace wstudio::host::wsp {

namespace {
// Bounds the copying process() does per chunk whatever capacity a plugin claims.
constexpr uint32_t kMaxEventCapacity = 65536;
}

WspInstance::WspInstance(std::shared_ptr<const PluginDescriptor> descriptor,
                         std::shared_ptr<WspSandbox> sandbox, uint32_t handle)
    : PluginInstance(std::move(descriptor)),
      sandbox_(std::move(sandbox)),
      handle_(handle),
      usesLatencyWord_(this->descriptor().listsExtension(WSP_EXT_LATENCY_WORD) &&
                       sandbox_->provides(Export::LatencyWordAddress)) {}

WspInstance::~WspInstance() {
  // A trapped sandbox is not called again: its memory may be half-updated.
  if (sandbox_->broken()) return;
  const wsx_value args[] = {i32Value(handle_)};
  if (active_) sandbox_->call(Export::Deactivate, args, nullptr);
  sandbox_->call(Export::Destroy, args, nullptr);
}

bool WspInstance::call(Export which, std::span<const wsx_value> args, wsx_value* result) {
  const int trap = sandbox_->call(which, args, result);
  if (trap == WSX_OK) return true;
  // snprintf into the stack: this may run on the audio thread.
  char message[512];
  const bool runaway = trap == WSX_TRAP_RUNAWAY;
  std::snprintf(message, sizeof message, "Plugin '%s' %s: %s in %s", descriptor().name.c_str(),
                runaway ? "ran away" : "trapped", sandbox::trapDescription(trap),
                exportSpec(which).name);
  setFault(runaway ? Fault::Runaway : Fault::Trap, message);
  return false;
}

uint32_t WspInstance::callU32(Export which, uint32_t fallback) {
  if (faulted()) return fallback;
  const wsx_value args[] = {i32Value(handle_)};
  wsx_value result{};
  return call(which, args, &result) ? result.i32 : fallback;
}

Status WspInstance::activate(double sampleRate, uint32_t maxFrames) {
  const std::string plugin = "Plugin '" + descriptor().name + "'";
  if (faulted()) return fail(plugin + " is disabled: " + faultMessage());
  if (maxFrames == 0 || maxFrames > WSP_MAX_BLOCK_FRAMES) {
    return fail("activate: maxFrames must be 1.." + std::to_string(WSP_MAX_BLOCK_FRAMES));
  }
  if (active_) deactivate();
  const wsx_value args[] = {i32Value(handle_), f64Value(sampleRate), i32Value(maxFrames)};
  wsx_value status{};
  if (!call(Export::Activate, args, &status)) return fail(faultMessage());
  if (static_cast<int32_t>(status.i32) != WSP_OK) {
    return fail(plugin + " failed to activate (status " +
                std::to_string(static_cast<int32_t>(status.i32)) + ")");
  }
  active_ = true;
  maxFrames_ = maxFrames;
  // ABI-9: every buffer must lie inside memory, aligned, at least max_frames floats.
  auto channelBuffer = [&](uint32_t port, uint32_t channel, uint32_t& offset) -> Status {
    const wsx_value bufferArgs[] = {i32Value(handle_), i32Value(port), i32Value(channel)};
    wsx_value result{};
    if (!call(Export::AudioBuffer, bufferArgs, &result)) return fail(faultMessage());
    offset = result.i32;
    if (offset % alignof(float) != 0 || sandbox_->at(offset, uint64_t{maxFrames} * sizeof(float)) == nullptr) {
      return fail(plugin + ": wsp_audio_buffer(" + (port == WSP_PORT_INPUT ? "input" : "output") +
                  ", " + std::to_string(channel) + ") is null, misaligned or outside memory (ABI-9)");
    }
    return Ok{};
  };
  inputOffsets_.assign(descriptor().inputs, 0);
  outputOffsets_.assign(descriptor().outputs, 0);
  Status checked = Ok{};
  for (uint32_t ch = 0; ch < inputOffsets_.size() && checked; ++ch) {
    checked = channelBuffer(WSP_PORT_INPUT, ch, inputOffsets_[ch]);
  }
  for (uint32_t ch = 0; ch < outputOffsets_.size() && checked; ++ch) {
    checked = channelBuffer(WSP_PORT_OUTPUT, ch, outputOffsets_[ch]);
  }
  if (checked) {
    eventsOffset_ = callU32(Export::EventBuffer, 0);
    eventCapacity_ = std::min(callU32(Export::EventCapacity, 0), kMaxEventCapacity);
    if (faulted()) {
      checked = fail(faultMessage());
    } else if (eventCapacity_ < WSP_MIN_EVENT_CAPACITY || eventsOffset_ % 8 != 0 ||
               sandbox_->at(eventsOffset_, uint64_t{eventCapacity_} * sizeof(wsp_event)) == nullptr) {
      checked = fail(plugin + ": the event buffer is null, misaligned, outside memory or holds "
                              "fewer than 256 events (ABI-9)");
    }
  }
  if (checked) checked = findLatencyWord();
  if (!checked) {
    deactivate();
    return checked;
  }
  return Ok{};
}

Status WspInstance::findLatencyWord() {
  if (!usesLatencyWord_) return Ok{};
  const uint32_t offset = callU32(Export::LatencyWordAddress, 0);
  if (faulted()) return fail(faultMessage());
  if (offset % alignof(uint32_t) != 0 || sandbox_->at(offset, sizeof(uint32_t)) == nullptr) {
    return fail("Plugin '" + descriptor().name +
                "': wspx_latency_word_address is null, misaligned or outside memory (ABI-20)");
  }
  latencyWordOffset_ = offset;
  return Ok{};
}

void WspInstance::deactivate() {
  if (!active_) return;
  active_ = false;
  latencyWordOffset_ = 0;
  if (faulted()) return;
  const wsx_value args[] = {i32Value(handle_)};
  call(Export::Deactivate, args);
}

Result<std::vector<uint8_t>> WspInstance::saveState() {
  if (faulted()) return fail("Plugin '" + descriptor().name + "' is disabled: " + faultMessage());
  const int32_t size = static_cast<int32_t>(callU32(Export::StateSave, uint32_t(-1)));
  if (faulted()) return fail(faultMessage());
  if (size < 0) return fail("Plugin '" + descriptor().name + "' failed to save its state");
  const wsx_value args[] = {i32Value(handle_), i32Value(static_cast<uint32_t>(size))};
  wsx_value offset{};
  if (!call(Export::StateBuffer, args, &offset)) return fail(faultMessage());
  const uint8_t* bytes = sandbox_->at(offset.i32, static_cast<uint32_t>(size));
  if (bytes == nullptr) {
    return fail("Plugin '" + descriptor().name + "': wsp_state_buffer is null or outside memory (ABI-15)");
  }
  return std::vector<uint8_t>(bytes, bytes + size);
}

Status WspInstance::loadState(std::span<const uint8_t> bytes) {
  if (faulted()) return fail("Plugin '" + descriptor().name + "' is disabled: " + faultMessage());
  if (bytes.size() > WSP_MAX_MEMORY_BYTES) return fail("state larger than the plugin's memory");
  const auto size = static_cast<uint32_t>(bytes.size());
  const wsx_value bufferArgs[] = {i32Value(handle_), i32Value(size)};
  wsx_value offset{};
  if (!call(Export::StateBuffer, bufferArgs, &offset)) return fail(faultMessage());
  uint8_t* buffer = sandbox_->at(offset.i32, size);
  if (buffer == nullptr) {
    return fail("Plugin '" + descriptor().name + "' has no room for " + std::to_string(size) +
                " bytes of state");
  }
  if (size > 0) std::memcpy(buffer, bytes.data(), size);
  wsx_value status{};
  if (!call(Export::StateLoad, bufferArgs, &status)) return fail(faultMessage());
  if (static_cast<int32_t>(status.i32) != WSP_OK) {
    return fail("Plugin '" + descriptor().name + "' rejected the state (status " +
                std::to_string(static_cast<int32_t>(status.i32)) + ")");
  }
  return Ok{};
}

uint32_t WspInstance::latency() { return active_ ? callU32(Export::Latency, 0) : 0; }
uint32_t WspInstance::tail() { return active_ ? callU32(Export::Tail, 0) : 0; }

std::optional<uint32_t> WspInstance::latencyWord() const {
  if (latencyWordOffset_ == 0 || faulted()) return std::nullopt;
  // Re-read the base: memory may have grown (moved) since activation. The word stays inside
  // it, as memory never shrinks.
  uint32_t word;
  std::memcpy(&word, sandbox_->memoryData() + latencyWordOffset_, sizeof word);
  return word;
}

float* WspInstance::buffer(uint32_t offset) const {
  // Re-read the base: memory may have grown (moved) during the last call.
  return reinterpret_cast<float*>(sandbox_->memoryData() + offset);
}

float* WspInstance::input(uint32_t channel) {
  return active_ && channel < inputOffsets_.size() ? buffer(inputOffsets_[channel]) : nullptr;
}

const float* WspInstance::output(uint32_t channel) {
  return active_ && channel < outputOffsets_.size() ? buffer(outputOffsets_[channel]) : nullptr;
}

bool WspInstance::reset() {
  if (faulted() || !active_) return false;
  const wsx_value args[] = {i32Value(handle_)};
  return call(Export::Reset, args);
}

double WspInstance::paramValue(uint32_t id) {
  if (faulted()) return std::numeric_limits<double>::quiet_NaN();
  const wsx_value args[] = {i32Value(handle_), i32Value(id)};
  wsx_value value{};
  return call(Export::ParamGet, args, &value) ? value.f64 : std::numeric_limits<double>::quiet_NaN();
}

uint64_t WspInstance::memoryBytes() const { return sandbox_->memorySize(); }

uint32_t WspInstance::eventCapacity() { return active_ ? eventCapacity_ : WSP_MIN_EVENT_CAPACITY; }

bool WspInstance::processChunk(uint32_t frames, std::span<const wsp_event> events,
                               uint32_t frameOffset) {
  if (!active_) {
    char message[512];
    std::snprintf(message, sizeof message, "Plugin '%s' was asked to process before activate",
                  descriptor().name.c_str());
    setFault(Fault::Failed, message);
    return false;
  }
  auto* target = reinterpret_cast<wsp_event*>(sandbox_->memoryData() + eventsOffset_);
  for (size_t i = 0; i < events.size(); ++i) {
    const wsp_event event = chunkEvent(events[i], frameOffset, frames);
    std::memcpy(&target[i], &event, sizeof event);
  }
  const wsx_value args[] = {i32Value(handle_), i32Value(frames),
                            i32Value(static_cast<uint32_t>(events.size()))};
  wsx_value status{};
  if (!call(Export::Process, args, &status)) return false;
  if (static_cast<int32_t>(status.i32) != WSP_OK) {
    char message[512];
    std::snprintf(message, sizeof message, "Plugin '%s' failed: wsp_process returned %d",
                  descriptor().name.c_str(), static_cast<int32_t>(status.i32));
    setFault(Fault::Failed, message);
    return false;
  }
  return true;
}

}  // namespace wstudio::host::wsp
