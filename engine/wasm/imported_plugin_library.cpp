#include "imported_plugin_library.hpp"

#include <algorithm>

#include "imported_plugin_instance.hpp"
#include "wstudio/boundary/plugin_imports.hpp"

namespace wstudio::engine::wasm {

namespace {

class ImportedPluginModule final : public host::PluginModule {
 public:
  ImportedPluginModule(int32_t handle, std::shared_ptr<const host::PluginDescriptor> descriptor,
                       session::PluginFormat format)
      : handle_(handle), descriptor_(std::move(descriptor)), format_(format) {}

  const host::PluginDescriptor& descriptor() const override { return *descriptor_; }
  session::PluginFormat format() const override { return format_; }

  // [main] EW-2: the host places the instance in a WebAssembly.Instance of the module.
  host::Result<std::unique_ptr<host::PluginInstance>> instantiate() override {
    const int32_t instance = wstudio_plugin_create(handle_);
    if (instance <= 0) {
      return host::fail("Plugin '" + descriptor_->name + "' could not create an instance: " +
                        lastErrorText(0));
    }
    return std::unique_ptr<host::PluginInstance>(
        std::make_unique<ImportedPluginInstance>(descriptor_, instance));
  }

 private:
  int32_t handle_;
  std::shared_ptr<const host::PluginDescriptor> descriptor_;
  session::PluginFormat format_;
};

}  // namespace

host::Status ImportedPluginLibrary::add(int32_t moduleHandle, std::string_view descriptorJson,
                                        session::PluginFormat format, std::string sha256) {
  if (moduleHandle <= 0) return host::fail("module handles are positive");
  auto descriptor = host::parseDescriptor(descriptorJson);
  if (!descriptor) return host::fail(descriptor.error());
  const std::string id = descriptor.value().id;
  auto module = std::make_shared<ImportedPluginModule>(
      moduleHandle, std::make_shared<const host::PluginDescriptor>(std::move(descriptor).value()),
      format);
  std::erase_if(modules_, [&](const Registered& r) {
    return r.module->format() == format && r.sha256 == sha256 && r.module->descriptor().id == id;
  });
  modules_.push_back(Registered{std::move(sha256), std::move(module)});
  return host::Ok{};
}

host::Result<std::shared_ptr<host::PluginModule>> ImportedPluginLibrary::resolve(
    const session::PluginRef& ref) {
  const auto found = std::find_if(modules_.begin(), modules_.end(), [&](const Registered& r) {
    return r.module->format() == ref.format && r.module->descriptor().id == ref.id &&
           (!ref.sha256 || r.sha256.empty() || r.sha256 == *ref.sha256);
  });
  if (found == modules_.end()) {
    return host::fail("no plugin " + ref.id + " (" + std::string(session::toString(ref.format)) +
                      (ref.sha256 ? ", sha256 " + *ref.sha256 : std::string()) +
                      ") was registered with the engine");
  }
  return found->module;
}

}  // namespace wstudio::engine::wasm
