#include "wsp/wsp_sandbox.hpp"

#include "wsp/wsp_plugin.h"

namespace wstudio::host::wsp {

WspSandbox::WspSandbox(std::unique_ptr<sandbox::Instance> instance, uint64_t fuelPerCall)
    : instance_(std::move(instance)), fuelPerCall_(fuelPerCall) {}

Result<std::shared_ptr<WspSandbox>> WspSandbox::create(
    const std::shared_ptr<sandbox::CompiledModule>& module, uint64_t fuelPerCall) {
  sandbox::InstanceLimits limits;
  limits.maxMemoryBytes = WSP_MAX_MEMORY_BYTES;
  auto instance = module->instantiate(nullptr, limits);
  if (!instance) return fail(instance.error());
  std::shared_ptr<WspSandbox> sandbox(new WspSandbox(std::move(instance).value(), fuelPerCall));
  for (size_t i = 0; i < sandbox->functions_.size(); ++i) {
    const ExportSpec& spec = exportSpec(static_cast<Export>(i));
    auto function = module->function(spec.name, spec.type);
    // An extension's export may be missing or different while the descriptor (not read yet)
    // does not list the extension; loadWspModule refuses the module when it does.
    if (!function && i >= static_cast<size_t>(kFirstExtensionExport)) continue;
    if (!function) return fail(function.error());
    sandbox->functions_[i] = std::move(function).value();
    sandbox->provided_[i] = true;
  }
  if (module->info().findExport("_initialize") != nullptr) {
    auto initialize = module->function("_initialize", {});
    if (!initialize) return fail(initialize.error());
    const int trap = sandbox->instance_->call(initialize.value(), {}, {}, fuelPerCall);
    if (trap != WSX_OK) return fail(std::string("_initialize trapped: ") + sandbox::trapDescription(trap));
  }
  wsx_value version{};
  if (const int trap = sandbox->call(Export::AbiVersion, {}, &version); trap != WSX_OK) {
    return fail(std::string("wsp_abi_version trapped: ") + sandbox::trapDescription(trap));
  }
  if ((version.i32 >> 16) != WSP_ABI_VERSION_MAJOR) {
    return fail("speaks WSP " + std::to_string(version.i32 >> 16) + "." +
                std::to_string(version.i32 & 0xffff) + ", this host speaks " +
                std::to_string(WSP_ABI_VERSION_MAJOR) + ".x (ABI-2)");
  }
  return sandbox;
}

int WspSandbox::call(Export which, std::span<const wsx_value> args, wsx_value* result) {
  if (brokenBy_ != WSX_OK) return brokenBy_;
  wsx_value ignored{};
  const int trap = instance_->call(functions_[static_cast<size_t>(which)], args,
                                   std::span<wsx_value>(result != nullptr ? result : &ignored, 1),
                                   fuelPerCall_);
  brokenBy_ = trap;
  return trap;
}

uint8_t* WspSandbox::at(uint32_t offset, uint64_t length) const {
  const wsx_memory_view memory = instance_->memory();
  if (offset == 0 || offset > memory.size || length > memory.size - offset) return nullptr;
  return memory.data + offset;
}

}  // namespace wstudio::host::wsp
