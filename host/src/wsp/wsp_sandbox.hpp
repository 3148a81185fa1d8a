// One sandboxed module instance of a WSP plugin with its exports resolved: the thing one
// PluginInstance (or, with shareModuleInstance, all of a module's) runs in.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "sandbox/sandbox.hpp"
#include "wsp/wsp_contract.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wsp {

class WspSandbox {
 public:
  // Instantiates, runs _initialize if exported (ABI-3) and checks wsp_abi_version (ABI-2).
  static Result<std::shared_ptr<WspSandbox>> create(const std::shared_ptr<sandbox::CompiledModule>& module,
                                                    uint64_t fuelPerCall);

  // [audio-safe] Calls an export; returns WSX_OK or the trap code. After a trap the sandbox is
  // broken (its memory may be half-updated) and refuses further calls with the same code.
  // An extension's export may be called only when the sandbox provides() it.
  int call(Export which, std::span<const wsx_value> args, wsx_value* result);
  // Whether the module exports `which` with the header's signature: always for the required
  // exports; for an extension's, loadWspModule ensures it when the descriptor lists it.
  bool provides(Export which) const { return provided_[static_cast<size_t>(which)]; }
  bool broken() const { return brokenBy_ != WSX_OK; }

  uint8_t* memoryData() const { return instance_->memory().data; }
  uint64_t memorySize() const { return instance_->memory().size; }
  // The `length` bytes at wasm address `offset`, or nullptr when any is outside memory.
  uint8_t* at(uint32_t offset, uint64_t length) const;

 private:
  WspSandbox(std::unique_ptr<sandbox::Instance> instance, uint64_t fuelPerCall);

  std::unique_ptr<sandbox::Instance> instance_;
  std::array<sandbox::ExportedFunction, static_cast<size_t>(Export::Count)> functions_;
  std::array<bool, static_cast<size_t>(Export::Count)> provided_{};
  uint64_t fuelPerCall_;
  int brokenBy_ = WSX_OK;
};

// wsx_value helpers for the i32/f64 arguments WSP functions take.
inline wsx_value i32Value(uint32_t v) {
  wsx_value value{};
  value.i32 = v;
  return value;
}
inline wsx_value f64Value(double v) {
  wsx_value value{};
  value.f64 = v;
  return value;
}

}  // namespace wstudio::host::wsp
