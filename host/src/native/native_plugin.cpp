// loadNativePlugin: an SDK plugin compiled into this process, driven through its wsp_plugin_api
// table. No sandbox: a trap here is a crash, so this backend is for tests, benchmarks and tools.
#include <cstring>
#include <limits>

#include "wstudio/host/plugin.hpp"

namespace wstudio::host {

namespace {

class NativeInstance final : public PluginInstance {
 public:
  NativeInstance(std::shared_ptr<const PluginDescriptor> descriptor, const wsp_plugin_api& api,
                 wsp_instance* instance)
      : PluginInstance(std::move(descriptor)), api_(api), instance_(instance) {}

  ~NativeInstance() override { api_.destroy(instance_); }

  Status activate(double sampleRate, uint32_t maxFrames) override {
    if (maxFrames == 0 || maxFrames > WSP_MAX_BLOCK_FRAMES) {
      return fail("activate: maxFrames must be 1.." + std::to_string(WSP_MAX_BLOCK_FRAMES));
    }
    if (active_) deactivate();
    const int32_t status = api_.activate(instance_, sampleRate, maxFrames);
    if (status != WSP_OK) {
      return fail("Plugin '" + descriptor().name + "' failed to activate (status " +
                  std::to_string(status) + ")");
    }
    const uint32_t inputs = descriptor().inputs;
    const uint32_t outputs = descriptor().outputs;
    inputs_.assign(inputs, nullptr);
    outputs_.assign(outputs, nullptr);
    for (uint32_t ch = 0; ch < inputs; ++ch) {
      inputs_[ch] = api_.audio_buffer(instance_, WSP_PORT_INPUT, ch);
    }
    for (uint32_t ch = 0; ch < outputs; ++ch) {
      outputs_[ch] = api_.audio_buffer(instance_, WSP_PORT_OUTPUT, ch);
    }
    events_ = api_.event_buffer(instance_);
    capacity_ = api_.event_capacity(instance_);
    for (float* buffer : inputs_) {
      if (buffer == nullptr) return failActivation("an input buffer is null (ABI-9)");
    }
    for (float* buffer : outputs_) {
      if (buffer == nullptr) return failActivation("an output buffer is null (ABI-9)");
    }
    if (events_ == nullptr || capacity_ < WSP_MIN_EVENT_CAPACITY) {
      return failActivation("the event buffer is null or holds fewer than 256 events (ABI-9)");
    }
    active_ = true;
    return Ok{};
  }

  void deactivate() override {
    if (!active_) return;
    api_.deactivate(instance_);
    active_ = false;
  }

  Result<std::vector<uint8_t>> saveState() override {
    const int32_t size = api_.state_save(instance_);
    if (size < 0) return fail("Plugin '" + descriptor().name + "' failed to save its state");
    const uint8_t* bytes = api_.state_buffer(instance_, static_cast<uint32_t>(size));
    if (bytes == nullptr && size > 0) {
      return fail("Plugin '" + descriptor().name + "' returned no state buffer");
    }
    return std::vector<uint8_t>(bytes, bytes + size);
  }

  Status loadState(std::span<const uint8_t> bytes) override {
    if (bytes.size() > std::numeric_limits<int32_t>::max()) return fail("state too large");
    const auto size = static_cast<uint32_t>(bytes.size());
    uint8_t* buffer = api_.state_buffer(instance_, size);
    if (buffer == nullptr) {
      return fail("Plugin '" + descriptor().name + "' has no room for " + std::to_string(size) +
                  " bytes of state");
    }
    if (size > 0) std::memcpy(buffer, bytes.data(), size);
    const int32_t status = api_.state_load(instance_, size);
    if (status != WSP_OK) {
      return fail("Plugin '" + descriptor().name + "' rejected the state (status " +
                  std::to_string(status) + ")");
    }
    return Ok{};
  }

  uint32_t latency() override { return active_ ? api_.latency(instance_) : 0; }
  uint32_t tail() override { return active_ ? api_.tail(instance_) : 0; }
  float* input(uint32_t channel) override {
    return active_ && channel < inputs_.size() ? inputs_[channel] : nullptr;
  }
  const float* output(uint32_t channel) override {
    return active_ && channel < outputs_.size() ? outputs_[channel] : nullptr;
  }
  bool reset() override {
    if (faulted()) return false;
    api_.reset(instance_);
    return true;
  }
  double paramValue(uint32_t id) override { return api_.param_get(instance_, id); }
  uint64_t memoryBytes() const override { return 0; }

 protected:
  bool processChunk(uint32_t frames, std::span<const wsp_event> events,
                    uint32_t frameOffset) override {
    if (!active_) {
      setFault(Fault::Failed, notActiveMessage_);
      return false;
    }
    for (size_t i = 0; i < events.size(); ++i) {
      events_[i] = chunkEvent(events[i], frameOffset, frames);
    }
    const int32_t status =
        api_.process(instance_, frames, static_cast<uint32_t>(events.size()));
    if (status != WSP_OK) {
      setFault(Fault::Failed, failedMessage_);
      return false;
    }
    return true;
  }
  uint32_t eventCapacity() override { return active_ ? capacity_ : WSP_MIN_EVENT_CAPACITY; }

 private:
  Status failActivation(const std::string& what) {
    api_.deactivate(instance_);
    return fail("Plugin '" + descriptor().name + "': " + what);
  }

  const wsp_plugin_api& api_;
  wsp_instance* instance_;
  bool active_ = false;
  std::vector<float*> inputs_;
  std::vector<float*> outputs_;
  wsp_event* events_ = nullptr;
  uint32_t capacity_ = 0;
  // Built on the main thread so a fault on the audio thread does not format strings.
  const std::string failedMessage_ =
      "Plugin '" + descriptor().name + "' returned an error from wsp_process";
  const std::string notActiveMessage_ =
      "Plugin '" + descriptor().name + "' was asked to process before activate";
};

class NativeModule final : public PluginModule {
 public:
  NativeModule(const wsp_plugin_api& api, std::shared_ptr<const PluginDescriptor> descriptor)
      : api_(api), descriptor_(std::move(descriptor)) {}

  const PluginDescriptor& descriptor() const override { return *descriptor_; }
  PluginFormat format() const override { return PluginFormat::wsp; }
  bool linkedNatively() const override { return true; }

  Result<std::unique_ptr<PluginInstance>> instantiate() override {
    wsp_instance* instance = api_.create();
    if (instance == nullptr) {
      return fail("Plugin '" + descriptor_->name + "' could not create an instance");
    }
    return std::unique_ptr<PluginInstance>(new NativeInstance(descriptor_, api_, instance));
  }

 private:
  const wsp_plugin_api& api_;
  std::shared_ptr<const PluginDescriptor> descriptor_;
};

bool hasEveryFunction(const wsp_plugin_api& api) {
  return api.abi_version && api.descriptor && api.create && api.destroy && api.activate &&
         api.deactivate && api.reset && api.audio_buffer && api.event_buffer &&
         api.event_capacity && api.process && api.param_get && api.latency && api.tail &&
         api.state_save && api.state_buffer && api.state_load;
}

}  // namespace

Result<std::shared_ptr<PluginModule>> loadNativePlugin(const wsp_plugin_api* api) {
  if (api == nullptr) return fail("native plugin: no wsp_plugin_api table");
  if (!hasEveryFunction(*api)) {
    return fail("native plugin: the wsp_plugin_api table misses a function (ABI-1)");
  }
  const uint32_t version = api->abi_version();
  if ((version >> 16) != WSP_ABI_VERSION_MAJOR) {
    return fail("native plugin: ABI version " + std::to_string(version >> 16) + "." +
                std::to_string(version & 0xffff) + ", this host speaks " +
                std::to_string(WSP_ABI_VERSION_MAJOR) + ".x (ABI-2)");
  }
  const char* json = api->descriptor();
  if (json == nullptr) return fail("native plugin: wsp_descriptor returned null (ABI-6)");
  const size_t length = strnlen(json, WSP_MAX_DESCRIPTOR_BYTES + 1);
  if (length > WSP_MAX_DESCRIPTOR_BYTES) {
    return fail("native plugin: descriptor larger than 64 KiB (ABI-6)");
  }
  auto descriptor = parseDescriptor(std::string_view(json, length));
  if (!descriptor) return fail("native plugin: " + descriptor.error());
  return std::shared_ptr<PluginModule>(std::make_shared<NativeModule>(
      *api, std::make_shared<const PluginDescriptor>(std::move(descriptor).value())));
}

}  // namespace wstudio::host
