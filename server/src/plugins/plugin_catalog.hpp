// What the server knows about plugins: the factory plugins with their factory presets (from the
// factory catalog, read at start: the server links no plugin code), and plugins uploaded as
// assets, which must pass the conformance suite (the checks of `vaist plugin validate --quick`)
// before they are accepted. A vAIst Forge plugin (its .wasm, emscripten glue and descriptor.json)
// also gets the manifest a browser drives it by, worked out in the same sandboxed worker.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wstudio/factory/catalog.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/worker/plugin_worker.hpp"

namespace wstudio::server {

struct FactoryPreset {
  std::string name;
  std::string paramsJson;  // {"<param id>": plain value}
};

class PluginCatalog {
 public:
  // `cacheDir`: where the sandbox keeps compiled modules (under the data folder). `factory`:
  // the factory plugins' descriptors and presets, already checked by factory::readCatalog.
  PluginCatalog(std::filesystem::path cacheDir, const factory::Catalog& factory);

  // The descriptor of a known plugin id (factory or validated upload), none if unknown.
  std::shared_ptr<const host::PluginDescriptor> descriptor(std::string_view pluginId);
  // Remembers an uploaded plugin's descriptor (from the store at start, or after validation).
  void remember(std::shared_ptr<const host::PluginDescriptor> descriptor);
  const std::vector<FactoryPreset>* factoryPresets(std::string_view pluginId) const;

  struct Validation {
    std::shared_ptr<const host::PluginDescriptor> descriptor;  // set when it passed
    std::string problem;  // why not: load error or the failed rules with reasons
    std::string manifest;  // vAIst Forge plugins: the manifest (host/src/vaist/vaist_manifest.hpp)
    // vAIst Forge plugins: conformance findings it was accepted with (denormals, zipper noise:
    // see validateVaist).
    std::vector<std::string> warnings;
  };
  // Runs the quick conformance suite on `wasm` in the plugin sandbox's worker process (never in
  // this one). Slow (a compile in the compile jail, then seconds of audio): call it on a worker
  // thread.
  Validation validate(std::string_view wasm);
  // The same for a vAIst Forge build: `glue` is the emscripten .js (empty for a clean-named
  // build), `descriptorJson` its descriptor.json. It must load as a vAIst Forge plugin, pass the
  // suite but for what the format gives its author no means to act on (denormal output, which
  // the hosts flush, and zipper noise: returned as warnings; any fault still refuses it), and a
  // browser must be able to drive it: the manifest the worker answers with must describe these
  // very bytes and this descriptor.
  Validation validateVaist(std::string_view wasm, std::string_view glue, std::string_view descriptorJson);

 private:
  Validation judge(const worker::PluginFiles& files, bool vaist);

  std::filesystem::path cacheDir_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const host::PluginDescriptor>> uploaded_;
  std::unordered_map<std::string, std::shared_ptr<const host::PluginDescriptor>> factory_;
  std::unordered_map<std::string, std::vector<FactoryPreset>> presets_;
};

}  // namespace wstudio::server
