// One insert of a vAIst Forge plugin. The plugin is a static singleton inside its module, so each
// VaistInstance owns a module instance of its own (two inserts = two instantiations, own memory).
// The host side does what the vAIst bindings cannot: sample-accurate parameters (the block is
// split at each PARAM event, and set_<key> is called with the clamped plain value in between),
// I/O buffers allocated with the module's own malloc, state as saved parameter values, and faults
// (trap, runaway) that disable this instance only, with a message naming the plugin.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/sandbox.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host::vaist {

// The functions the host calls, resolved once per compiled module.
struct VaistFunctions {
  sandbox::ExportedFunction prepare;
  sandbox::ExportedFunction reset;
  sandbox::ExportedFunction process;
  sandbox::ExportedFunction malloc;
  std::optional<sandbox::ExportedFunction> free;
  std::optional<sandbox::ExportedFunction> constructors;
  std::vector<sandbox::ExportedFunction> setters;  // per descriptor param
  std::vector<std::string> setterNames;            // "set_<key>", for fault messages
};

class VaistInstance final : public PluginInstance {
 public:
  // Instantiates the module, runs its constructors and sets every parameter to its default.
  static Result<std::unique_ptr<VaistInstance>> create(std::shared_ptr<const PluginDescriptor> descriptor,
                                                       std::shared_ptr<sandbox::CompiledModule> module,
                                                       std::shared_ptr<const VaistFunctions> functions,
                                                       uint64_t fuelPerCall);

  Status activate(double sampleRate, uint32_t maxFrames) override;
  void deactivate() override;
  Result<std::vector<uint8_t>> saveState() override;
  Status loadState(std::span<const uint8_t> bytes) override;
  uint32_t latency() override { return 0; }
  uint32_t tail() override { return 0; }
  float* input(uint32_t channel) override;
  const float* output(uint32_t channel) override;
  bool reset() override;
  double paramValue(uint32_t id) override;
  uint64_t memoryBytes() const override;

 protected:
  bool processChunk(uint32_t frames, std::span<const wsp_event> events, uint32_t frameOffset) override;
  // Events never go into the plugin (it has no event buffer): processChunk applies them itself,
  // so the base class never needs to split a block.
  uint32_t eventCapacity() override { return UINT32_MAX; }

 private:
  VaistInstance(std::shared_ptr<const PluginDescriptor> descriptor, std::unique_ptr<sandbox::Instance> instance,
                std::shared_ptr<const VaistFunctions> functions, uint64_t fuelPerCall);

  // Calls into the module; on a trap or fuel exhaustion faults this instance with a message
  // naming the plugin and `what`, and returns false.
  bool call(const sandbox::ExportedFunction& function, const char* what, std::span<const wsx_value> args,
            std::span<wsx_value> results = {});
  bool applyParam(uint32_t id, double plain);
  bool render(uint32_t from, uint32_t to);
  Status allocateBuffers(uint32_t frames);
  float* channelBuffer(uint32_t offset) const;

  std::unique_ptr<sandbox::Instance> instance_;
  std::shared_ptr<const VaistFunctions> functions_;
  uint64_t fuelPerCall_;
  std::vector<double> values_;  // plain value per param, as last set

  // Byte offsets in the module's memory of in L/R and out L/R (0: not allocated yet).
  uint32_t buffers_[4] = {0, 0, 0, 0};
  uint32_t bufferFrames_ = 0;  // capacity of each buffer
  uint32_t maxFrames_ = 0;     // as given to activate()
  bool active_ = false;
};

}  // namespace wstudio::host::vaist
