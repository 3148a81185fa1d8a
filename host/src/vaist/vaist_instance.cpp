#include "vaist/vaist_instance.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "vaist/vaist_state.hpp"

namespace wstudio::host::vaist {
namespace {

constexpr uint32_t kChannels = 2;  // vAIst process() is always stereo in, stereo out
constexpr double kMinSampleRate = 8000.0;
constexpr double kMaxSampleRate = 384000.0;

wsx_value i32(uint32_t v) {
  wsx_value value{};
  value.i32 = v;
  return value;
}

wsx_value f32(float v) {
  wsx_value value{};
  value.f32 = v;
  return value;
}

}  // namespace

VaistInstance::VaistInstance(std::shared_ptr<const PluginDescriptor> descriptor,
                             std::unique_ptr<sandbox::Instance> instance,
                             std::shared_ptr<const VaistFunctions> functions, uint64_t fuelPerCall)
    : PluginInstance(std::move(descriptor)),
      instance_(std::move(instance)),
      functions_(std::move(functions)),
      fuelPerCall_(fuelPerCall) {
  for (const ParamInfo& p : this->descriptor().params) values_.push_back(p.defaultValue);
}

Result<std::unique_ptr<VaistInstance>> VaistInstance::create(std::shared_ptr<const PluginDescriptor> descriptor,
                                                             std::shared_ptr<sandbox::CompiledModule> module,
                                                             std::shared_ptr<const VaistFunctions> functions,
                                                             uint64_t fuelPerCall) {
  auto instance = module->instantiate(nullptr);
  if (!instance) {
    return fail("vAIst plugin '" + descriptor->name + "' could not be instantiated: " + instance.error());
  }
  std::unique_ptr<VaistInstance> self(
      new VaistInstance(std::move(descriptor), std::move(instance.value()), std::move(functions), fuelPerCall));
  if (self->functions_->constructors && !self->call(*self->functions_->constructors, "__wasm_call_ctors", {})) {
    return fail(self->faultMessage());
  }
  // The module's own initial values may differ from descriptor.json; the descriptor is what the
  // user sees, so it wins.
  for (uint32_t id = 0; id < self->values_.size(); ++id) {
    if (!self->applyParam(id, self->values_[id])) return fail(self->faultMessage());
  }
  return self;
}

bool VaistInstance::call(const sandbox::ExportedFunction& function, const char* what,
                         std::span<const wsx_value> args, std::span<wsx_value> results) {
  const int code = instance_->call(function, args, results, fuelPerCall_);
  if (code == WSX_OK) return true;
  // Formatted on the stack: this may run on the audio thread.
  char message[512];
  const bool runaway = code == WSX_TRAP_RUNAWAY;
  std::snprintf(message, sizeof message, "vAIst plugin '%s' %s in %s(): %s", descriptor().name.c_str(),
                runaway ? "ran away" : "trapped", what, sandbox::trapDescription(code));
  setFault(runaway ? Fault::Runaway : Fault::Trap, message);
  return false;
}

bool VaistInstance::applyParam(uint32_t id, double plain) {
  // Unknown ids and non-numbers are ignored, as a WSP plugin ignores them (ABI-10).
  if (id >= values_.size() || !std::isfinite(plain)) return true;
  const double value = descriptor().params[id].clamp(plain);
  values_[id] = value;
  const wsx_value args[] = {f32(static_cast<float>(value))};
  return call(functions_->setters[id], functions_->setterNames[id].c_str(), args);
}

float* VaistInstance::channelBuffer(uint32_t offset) const {
  if (offset == 0) return nullptr;
  // Re-read every time: the base moves when memory grows.
  return reinterpret_cast<float*>(instance_->memory().data + offset);
}

float* VaistInstance::input(uint32_t channel) {
  return channel < kChannels ? channelBuffer(buffers_[channel]) : nullptr;
}

const float* VaistInstance::output(uint32_t channel) {
  return channel < kChannels ? channelBuffer(buffers_[kChannels + channel]) : nullptr;
}

Status VaistInstance::allocateBuffers(uint32_t frames) {
  if (frames <= bufferFrames_) return Ok{};
  const uint32_t bytes = frames * sizeof(float);
  for (uint32_t& offset : buffers_) {
    if (offset != 0 && functions_->free) {
      const wsx_value args[] = {i32(offset)};
      if (!call(*functions_->free, "free", args)) return fail(faultMessage());
    }
    offset = 0;
  }
  bufferFrames_ = 0;
  // Four separate blocks from the plugin's own allocator: the plugin's statics live at fixed
  // low offsets, so only its malloc knows what is free.
  for (uint32_t& offset : buffers_) {
    const wsx_value args[] = {i32(bytes)};
    wsx_value result{};
    if (!call(functions_->malloc, "malloc", args, std::span<wsx_value>(&result, 1))) return fail(faultMessage());
    const uint64_t size = instance_->memory().size;
    if (result.i32 == 0 || uint64_t{result.i32} + bytes > size) {
      return fail("vAIst plugin '" + descriptor().name + "' could not allocate " + std::to_string(bytes) +
                  " bytes for an audio buffer in its memory (malloc returned " + std::to_string(result.i32) + ")");
    }
    offset = result.i32;
  }
  bufferFrames_ = frames;
  return Ok{};
}

Status VaistInstance::activate(double sampleRate, uint32_t maxFrames) {
  if (faulted()) return fail(faultMessage());
  if (!(sampleRate >= kMinSampleRate && sampleRate <= kMaxSampleRate)) {
    return fail("sample rate " + std::to_string(sampleRate) + " is outside 8000..384000 Hz");
  }
  if (maxFrames == 0 || maxFrames > WSP_MAX_BLOCK_FRAMES) {
    return fail("maxFrames " + std::to_string(maxFrames) + " is outside 1.." + std::to_string(WSP_MAX_BLOCK_FRAMES));
  }
  if (Status allocated = allocateBuffers(maxFrames); !allocated) return allocated;
  for (uint32_t offset : buffers_) std::memset(channelBuffer(offset), 0, bufferFrames_ * sizeof(float));

  const wsx_value args[] = {f32(static_cast<float>(sampleRate))};
  if (!call(functions_->prepare, "prepare", args)) return fail(faultMessage());
  // Some generated plugins compute coefficients only in their setters, from the rate prepare()
  // just stored: set every value again so they hold for the new rate.
  for (uint32_t id = 0; id < values_.size(); ++id) {
    if (!applyParam(id, values_[id])) return fail(faultMessage());
  }
  maxFrames_ = maxFrames;
  active_ = true;
  return Ok{};
}

void VaistInstance::deactivate() { active_ = false; }

bool VaistInstance::reset() {
  if (faulted()) return false;
  return call(functions_->reset, "reset", {});
}

double VaistInstance::paramValue(uint32_t id) {
  return id < values_.size() ? values_[id] : std::numeric_limits<double>::quiet_NaN();
}

uint64_t VaistInstance::memoryBytes() const { return instance_->memory().size; }

Result<std::vector<uint8_t>> VaistInstance::saveState() { return encodeVaistState(descriptor(), values_); }

Status VaistInstance::loadState(std::span<const uint8_t> bytes) {
  if (faulted()) return fail(faultMessage());
  auto values = decodeVaistState(descriptor(), bytes);
  if (!values) return fail("vAIst plugin '" + descriptor().name + "': " + values.error());
  for (uint32_t id = 0; id < values->size(); ++id) {
    if (!applyParam(id, (*values)[id])) return fail(faultMessage());
  }
  return Ok{};
}

bool VaistInstance::render(uint32_t from, uint32_t to) {
  if (to <= from) return true;
  const uint32_t byteOffset = from * sizeof(float);
  const wsx_value args[] = {i32(buffers_[0] + byteOffset), i32(buffers_[1] + byteOffset),
                            i32(buffers_[2] + byteOffset), i32(buffers_[3] + byteOffset), i32(to - from)};
  return call(functions_->process, "process", args);
}

bool VaistInstance::processChunk(uint32_t frames, std::span<const wsp_event> events, uint32_t frameOffset) {
  if (frames > 0 && (!active_ || frames > maxFrames_)) {
    char message[256];
    std::snprintf(message, sizeof message, "vAIst plugin '%s': process() of %u frames %s",
                  descriptor().name.c_str(), frames, active_ ? "exceeds maxFrames" : "before activate()");
    setFault(Fault::Failed, message);
    return false;
  }
  // The plugin reads parameters once per process() call, so the block is rendered in pieces that
  // end where a PARAM event falls: each value takes effect exactly at its frame.
  uint32_t rendered = 0;
  for (const wsp_event& event : events) {
    if (event.type != WSP_EVENT_PARAM) continue;
    const wsp_event local = chunkEvent(event, frameOffset, frames);
    if (frames > 0 && local.frame > rendered) {
      if (!render(rendered, local.frame)) return false;
      rendered = local.frame;
    }
    if (!applyParam(local.u.param.id, local.u.param.value)) return false;
  }
  return render(rendered, frames);
}

}  // namespace wstudio::host::vaist
