// The host's view of a plugin, whatever its format or backend:
//   PluginModule   - a loaded plugin binary and its descriptor; makes instances.
//   PluginInstance - one insert: activate, process, parameters, state.
// Backends: the sandbox (any WSP or vAIst Forge .wasm, translated to C and compiled) and native (an SDK plugin linked
// into the process, for tests and benchmarks). The engine and `vaist` see only this interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wsp/wsp_plugin.h"
#include "wstudio/boundary/boundary.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"
#include "wstudio/session/plugin_format.hpp"

namespace wstudio::host {

// Why an instance stopped: the one fault enum of hosts and the engine, generated from
// abi/boundary.json with its names (faultName). Once faulted, an instance stays disabled:
// process() outputs silence and returns false, and faultMessage() says what happened, naming the
// plugin. Backends set Trap, Runaway, NonFinite or Failed; OverBudget is the engine's.
using boundary::Fault;
using boundary::faultName;

using session::PluginFormat;

class PluginInstance {
 public:
  virtual ~PluginInstance() = default;

  const PluginDescriptor& descriptor() const { return *descriptor_; }

  // [main]
  virtual Status activate(double sampleRate, uint32_t maxFrames) = 0;
  virtual void deactivate() = 0;
  virtual Result<std::vector<uint8_t>> saveState() = 0;
  virtual Status loadState(std::span<const uint8_t> bytes) = 0;

  // [any, active] The plugin's latency and tail in frames (wsp_latency, wsp_tail: ABI-13); 0
  // when not active or faulted. The engine asks for the latency after every process() on the
  // audio thread (delay compensation follows it), so backends answer without allocating,
  // locking or doing I/O.
  virtual uint32_t latency() = 0;
  virtual uint32_t tail() = 0;

  // [audio] The plugin's latency as its wsp.latency-word/1 word holds it (ABI-20): read from
  // plugin memory, no call into the plugin, no allocation. std::nullopt unless the descriptor
  // lists the extension, the instance is active and not faulted, and the backend can read the
  // word (natively linked plugins cannot: their wsp_plugin_api table has no entry for it).
  // For a conforming plugin it equals latency() between calls.
  virtual std::optional<uint32_t> latencyWord() const { return std::nullopt; }

  // [audio] Channel buffers inside the plugin; valid until the next call on this instance.
  // Inputs are written before process(), outputs read after it. Channel < descriptor().inputs
  // (resp. outputs). Backends return writable plugin memory from output() too: process()
  // writes silence and flushes denormals there in place.
  virtual float* input(uint32_t channel) = 0;
  virtual const float* output(uint32_t channel) = 0;

  // [audio] Renders `frames` (<= maxFrames; 0 = only apply events) with `events` sorted by frame.
  // Splits the block when there are more events than the plugin's event buffer holds. Checks the
  // output: NaN/Inf faults the instance (ABI-12); denormals are flushed to zero. Returns false when
  // the instance is (now) faulted; its output is then silence.
  bool process(uint32_t frames, std::span<const wsp_event> events);

  // [audio]
  virtual bool reset() = 0;
  // [any] The parameter's current plain value (NaN if unknown).
  virtual double paramValue(uint32_t id) = 0;

  // [main] Bytes of linear memory of the module instance this instance lives in (0 for native
  // plugins, which share the process). Conformance uses it to see growth across create/destroy.
  virtual uint64_t memoryBytes() const = 0;

  // Sets one parameter now (a flush: process(0, {event})).
  bool setParam(uint32_t id, double value);

  // Output samples that process() flushed to zero because they were denormal, since this
  // instance was created. The flush hides the plugin's raw output from everyone else; the
  // conformance suite reads this to judge ABI-12 on what the plugin really produced.
  uint64_t flushedDenormals() const { return flushedDenormals_; }

  bool faulted() const { return fault_ != Fault::None; }
  Fault fault() const { return fault_; }
  const std::string& faultMessage() const { return faultMessage_; }

 protected:
  // Reserves the scratch buffers process() needs to split blocks and the fault message
  // storage, so the audio thread never allocates.
  explicit PluginInstance(std::shared_ptr<const PluginDescriptor> descriptor);

  // Backend call: one sub-block whose events fit the plugin's event buffer. `events` keep the
  // frames of the caller's whole block; the chunk starts at block frame `frameOffset`, so a
  // backend copies each event as chunkEvent(event, frameOffset, frames) into the plugin's event
  // buffer. Inputs are already in place in input(); outputs are read from output() afterwards.
  // Returns false after calling setFault() when the plugin trapped or failed.
  virtual bool processChunk(uint32_t frames, std::span<const wsp_event> events,
                            uint32_t frameOffset) = 0;
  virtual uint32_t eventCapacity() = 0;

  // The event as the chunk sees it: frame made relative to the chunk and kept inside it
  // (frames == 0, a flush, puts every event at frame 0).
  static wsp_event chunkEvent(const wsp_event& event, uint32_t frameOffset, uint32_t frames);

  // Records the first fault (later ones are ignored). Copies into storage reserved at
  // construction, so it does not allocate on the audio thread for messages up to 511 bytes.
  void setFault(Fault fault, std::string_view message);

 private:
  bool processSplit(uint32_t frames, std::span<const wsp_event> events, uint32_t capacity);
  bool checkOutputs(uint32_t frames);
  void silenceOutputs(uint32_t frames);

  std::shared_ptr<const PluginDescriptor> descriptor_;
  Fault fault_ = Fault::None;
  std::string faultMessage_;
  uint64_t flushedDenormals_ = 0;  // counted by checkOutputs()
  // Block-sized copies of the caller's input and of the assembled output, used only when a
  // block is split (more events than the plugin's event buffer holds).
  std::vector<float> splitInput_;
  std::vector<float> splitOutput_;
};

class PluginModule {
 public:
  virtual ~PluginModule() = default;
  virtual const PluginDescriptor& descriptor() const = 0;
  // The binary's format: wsp for the WSP ABI (also SDK plugins linked natively), vaist for
  // vAIst Forge modules.
  virtual PluginFormat format() const = 0;
  // Whether the plugin is linked into this process (an SDK plugin built natively, for tests and
  // benchmarks) rather than run as an isolated WebAssembly module.
  virtual bool linkedNatively() const { return false; }
  // [main] Each instance gets its own module instance and memory where the backend allows it.
  virtual Result<std::unique_ptr<PluginInstance>> instantiate() = 0;
};

// How reports and `vaist plugin info` name a module's kind: "wsp", "vaist", or "native" for an SDK
// plugin linked natively. For display only: code asks format() and linkedNatively().
std::string_view formatLabel(const PluginModule& module);

struct LoadOptions {
  // Where translated and compiled modules are kept, keyed by the sha256 of the .wasm.
  // Empty: $WSTUDIO_CACHE_DIR, else $XDG_CACHE_HOME/wasm-studio, else ~/.cache/wasm-studio.
  // It must be private to this user (docs/sandbox.md).
  std::filesystem::path cacheDir;
  // Modules are compiled in the compile jail (docs/sandbox.md). On a host that cannot build it,
  // only a trusted module (built by this project) is compiled, in this process.
  bool trusted = false;
  // Instruction fuel per call (loop iterations); a call that runs out faults with Runaway.
  uint64_t fuelPerCall = uint64_t{1} << 30;
  // false (default): every PluginInstance gets its own module instance and memory (isolation).
  // true: all instances of this PluginModule share one module instance (ABI-7 checks; saves memory).
  // vAIst modules hold a static singleton and ignore this.
  bool shareModuleInstance = false;
};

// Loads a plugin file: a WSP .wasm, or a vAIst Forge module (a .wasm with descriptor.json and,
// for emscripten-minified builds, the .js glue beside it). Errors say what is wrong and what to do.
Result<std::shared_ptr<PluginModule>> loadPlugin(const std::filesystem::path& file,
                                                 const LoadOptions& options = {});

// A WSP module from bytes in memory (uploads, tests).
Result<std::shared_ptr<PluginModule>> loadWspModule(std::span<const uint8_t> wasm,
                                                    const LoadOptions& options = {});

// An SDK plugin compiled into this process (the table from WSP_PLUGIN's native entry point).
Result<std::shared_ptr<PluginModule>> loadNativePlugin(const wsp_plugin_api* api);

}  // namespace wstudio::host
