// PluginInstance for a WSP plugin in the sandbox: one wsp_instance handle inside a
// WspSandbox (its own, or the module's shared one).
#pragma once

#include <memory>
#include <vector>

#include "wsp/wsp_sandbox.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host::wsp {

class WspInstance final : public PluginInstance {
 public:
  // `handle` is what wsp_create returned in `sandbox`.
  WspInstance(std::shared_ptr<const PluginDescriptor> descriptor,
              std::shared_ptr<WspSandbox> sandbox, uint32_t handle);
  ~WspInstance() override;

  Status activate(double sampleRate, uint32_t maxFrames) override;
  void deactivate() override;
  Result<std::vector<uint8_t>> saveState() override;
  Status loadState(std::span<const uint8_t> bytes) override;
  uint32_t latency() override;
  uint32_t tail() override;
  std::optional<uint32_t> latencyWord() const override;
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
  // Calls an export with this instance's handle first; on a trap records the fault (naming the
  // plugin and the export) and returns false.
  bool call(Export which, std::span<const wsx_value> args, wsx_value* result = nullptr);
  uint32_t callU32(Export which, uint32_t fallback);
  float* buffer(uint32_t offset) const;
  // After wsp_activate: asks for the latency word's address and checks it (ABI-20).
  Status findLatencyWord();

  std::shared_ptr<WspSandbox> sandbox_;
  uint32_t handle_;
  bool active_ = false;
  uint32_t maxFrames_ = 0;
  std::vector<uint32_t> inputOffsets_;   // wasm addresses; the memory base is re-read per use
  std::vector<uint32_t> outputOffsets_;
  uint32_t eventsOffset_ = 0;
  uint32_t eventCapacity_ = 0;
  // wsp.latency-word/1: whether the descriptor lists it (and the module exports it), and the
  // word's wasm address while active (0: none).
  const bool usesLatencyWord_;
  uint32_t latencyWordOffset_ = 0;
};

}  // namespace wstudio::host::wsp
