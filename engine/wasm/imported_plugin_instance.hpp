// PluginInstance for a plugin that lives in its own WebAssembly.Instance outside engine.wasm,
// reached through the wstudio_plugin imports (wstudio/boundary/plugin_imports.hpp, generated from
// abi/boundary.json). The engine reads and writes staging buffers in its own memory; the host
// copies them to and from the plugin's memory around each call, so the engine never sees another
// instance's memory.
#pragma once

#include <memory>
#include <vector>

#include "wstudio/host/plugin.hpp"

namespace wstudio::engine::wasm {

class ImportedPluginInstance final : public host::PluginInstance {
 public:
  // `handle`: what wstudio_plugin.create returned.
  ImportedPluginInstance(std::shared_ptr<const host::PluginDescriptor> descriptor, int32_t handle);
  ~ImportedPluginInstance() override;
  int32_t handle() const { return handle_; }

  host::Status activate(double sampleRate, uint32_t maxFrames) override;
  void deactivate() override;
  host::Result<std::vector<uint8_t>> saveState() override;
  host::Status loadState(std::span<const uint8_t> bytes) override;
  uint32_t latency() override;
  uint32_t tail() override;
  float* input(uint32_t channel) override;
  const float* output(uint32_t channel) override;
  bool reset() override;
  double paramValue(uint32_t id) override;
  uint64_t memoryBytes() const override;

 protected:
  bool processChunk(uint32_t frames, std::span<const wsp_event> events,
                    uint32_t frameOffset) override;
  uint32_t eventCapacity() override;

 private:
  // Records a trap or failure with the host's text for it (stack buffer: may run on [audio]).
  void recordFault(host::Fault fault);
  std::string lastError() const;
  // The result of a call that returns a count or a negative CallStatus; records the fault.
  uint32_t countOrFault(int32_t value);

  int32_t handle_;
  bool active_ = false;
  uint32_t maxFrames_ = 0;
  uint32_t eventCapacity_ = 0;
  // The latency `process` returned with the last call (EW-5), so that the engine's per-block
  // latency question costs no second call into the plugin; -1 when unknown (not processed since
  // activate, reset or a state load, which may change it).
  int64_t latencyAfterProcess_ = -1;
  // Staging in engine memory, shared by all instances (see imported_plugin_instance.cpp); set
  // at activate.
  float* inputs_ = nullptr;
  float* outputs_ = nullptr;
  wsp_event* events_ = nullptr;
};

// [main][audio] The host's text of the last error of `instance` (last_error); instance 0: why the
// last create failed.
std::string lastErrorText(int32_t instance);

}  // namespace wstudio::engine::wasm
