// loadWspModule: check the module (ABI-1..5), translate it in the sandbox, read its descriptor
// (ABI-6) from a probe instance, check the exports of the extensions it lists (ABI-20), and make
// PluginInstances in fresh or shared module instances.
#include <cstring>
#include <mutex>

#include "wasm/reader.hpp"
#include "wsp/wsp_contract.hpp"
#include "wsp/wsp_instance.hpp"
#include "wsp/wsp_sandbox.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host {

namespace {

using wsp::Export;
using wsp::WspSandbox;

// The descriptor string (ABI-6): NUL-terminated within 64 KiB, inside memory.
Result<std::string> readDescriptor(WspSandbox& sandbox) {
  wsx_value offset{};
  if (const int trap = sandbox.call(Export::Descriptor, {}, &offset); trap != WSX_OK) {
    return fail(std::string("wsp_descriptor trapped: ") + sandbox::trapDescription(trap));
  }
  if (offset.i32 == 0 || offset.i32 >= sandbox.memorySize()) {
    return fail("wsp_descriptor returned an address outside memory (ABI-6)");
  }
  const uint64_t available = sandbox.memorySize() - offset.i32;
  const size_t scan = static_cast<size_t>(std::min<uint64_t>(available, WSP_MAX_DESCRIPTOR_BYTES + 1));
  const char* text = reinterpret_cast<const char*>(sandbox.memoryData() + offset.i32);
  const void* nul = std::memchr(text, 0, scan);
  if (nul == nullptr) {
    return fail(scan > WSP_MAX_DESCRIPTOR_BYTES
                    ? "the descriptor is longer than 64 KiB or not NUL-terminated (ABI-6)"
                    : "the descriptor is not NUL-terminated (ABI-6)");
  }
  return std::string(text, static_cast<const char*>(nul));
}

class WspModule final : public PluginModule, public std::enable_shared_from_this<WspModule> {
 public:
  WspModule(std::shared_ptr<sandbox::CompiledModule> compiled,
            std::shared_ptr<const PluginDescriptor> descriptor, LoadOptions options,
            std::shared_ptr<WspSandbox> probe)
      : compiled_(std::move(compiled)),
        descriptor_(std::move(descriptor)),
        options_(std::move(options)),
        shared_(options_.shareModuleInstance ? std::move(probe) : nullptr) {}

  const PluginDescriptor& descriptor() const override { return *descriptor_; }
  PluginFormat format() const override { return PluginFormat::wsp; }

  Result<std::unique_ptr<PluginInstance>> instantiate() override {
    std::shared_ptr<WspSandbox> sandbox = shared_;
    if (sandbox == nullptr) {
      auto made = WspSandbox::create(compiled_, options_.fuelPerCall);
      if (!made) return fail("Plugin '" + descriptor_->name + "': " + made.error());
      sandbox = std::move(made).value();
    }
    wsx_value handle{};
    if (const int trap = sandbox->call(Export::Create, {}, &handle); trap != WSX_OK) {
      return fail("Plugin '" + descriptor_->name + "' trapped: " + sandbox::trapDescription(trap) +
                  " in wsp_create");
    }
    if (handle.i32 == 0) return fail("Plugin '" + descriptor_->name + "' could not create an instance");
    return std::unique_ptr<PluginInstance>(
        std::make_unique<wsp::WspInstance>(descriptor_, std::move(sandbox), handle.i32));
  }

 private:
  std::shared_ptr<sandbox::CompiledModule> compiled_;
  std::shared_ptr<const PluginDescriptor> descriptor_;
  LoadOptions options_;
  std::shared_ptr<WspSandbox> shared_;  // with shareModuleInstance: every instance lives here
};

// wsp_host.log: diagnostics are dropped (ABI-4 lets hosts drop them); the binding is a C body so
// a log call costs nothing and needs no host round trip.
sandbox::ImportBinding logBinding() {
  return {"wsp_host", "log", "(void)p0; (void)p1; return;", nullptr};
}

}  // namespace

Result<std::shared_ptr<PluginModule>> loadWspModule(std::span<const uint8_t> bytes,
                                                    const LoadOptions& options) {
  auto info = wasm::readModule(bytes);
  if (!info) return fail("not a valid WebAssembly module: " + info.error());
  if (Status valid = wsp::checkWspModule(info.value()); !valid) {
    return fail("not a WSP plugin: the module " + valid.error());
  }
  sandbox::CompileOptions compileOptions;
  compileOptions.cacheDir = options.cacheDir;
  compileOptions.trusted = options.trusted;
  compileOptions.imports.push_back(logBinding());
  auto compiled = sandbox::CompiledModule::load(bytes, info.value(), compileOptions);
  if (!compiled) return fail(compiled.error());
  auto probe = WspSandbox::create(compiled.value(), options.fuelPerCall);
  if (!probe) return fail("the plugin failed to start: " + probe.error());
  auto json = readDescriptor(*probe.value());
  if (!json) return fail(json.error());
  auto descriptor = parseDescriptor(json.value());
  if (!descriptor) return fail(descriptor.error());
  if (Status extensions = wsp::checkWspExtensions(info.value(), descriptor.value()); !extensions) {
    return fail(extensions.error());
  }
  return std::shared_ptr<PluginModule>(std::make_shared<WspModule>(
      std::move(compiled).value(),
      std::make_shared<const PluginDescriptor>(std::move(descriptor).value()), options,
      std::move(probe).value()));
}

}  // namespace wstudio::host
