// Untrusted plugins, looked at and checked in the plugin sandbox: a worker process in the run jail
// (docs/sandbox.md) loads the plugin, whose library its parent compiles in the compile jail, and
// answers with the plugin's descriptor and, for validate, the conformance report. Nothing of the
// plugin runs in the calling process: this is how `vaist plugin info|validate` and the server's
// upload validation see a plugin.
//
// [main] Each call starts one jail and waits for it (seconds); call it off the audio thread and,
// in the server, on a worker thread.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wstudio/conformance/report.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::worker {

// A plugin as files: the module first, then what sits beside it (a vAIst Forge build's
// descriptor.json and emscripten glue). `shownFolder` replaces the jail's folder in messages.
struct PluginFiles {
  std::string shownFolder;
  std::string entry;  // the name to load: files[0]'s name, or "." for a vAIst Forge folder
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
};

// The files of the plugin at `path` (a .wasm, or a vAIst Forge output folder), read here.
host::Result<PluginFiles> pluginFilesAt(const std::filesystem::path& path);
// One .wasm held in memory (an upload); messages name it `name`.
PluginFiles pluginFilesFromBytes(std::string name, std::string wasm);

struct WorkerOptions {
  std::filesystem::path cacheDir;  // the parent's module cache (LoadOptions::cacheDir)
  // The parent compiles the libraries the worker asks for quickly (-O1) rather than for speed
  // (host/src/sandbox: NativeCode::QuickToBuild), for a library that only judges the plugin. The
  // worker has no say.
  bool quickToBuildLibraries = false;
};

struct InspectedPlugin {
  host::PluginDescriptor descriptor;
  std::string format;  // PluginModule::format()
  // vAIst Forge plugins only: the manifest a browser host drives the module by
  // (host/src/vaist/vaist_manifest.hpp), or why a browser cannot (then manifest is empty).
  std::string manifest;
  std::string manifestProblem;
};

struct ValidatedPlugin {
  InspectedPlugin plugin;
  conformance::Report report;
};

using Progress = std::function<void(std::string_view title, int index, int count)>;

// Errors: the plugin cannot be loaded (the loader's reason), it crashed its sandbox, it did not
// finish in time, or this host cannot build the sandbox (never run unconfined).
host::Result<InspectedPlugin> inspectPlugin(const PluginFiles& files, const WorkerOptions& options = {});
host::Result<ValidatedPlugin> validatePlugin(const PluginFiles& files, bool quick, const Progress& progress = {},
                                             const WorkerOptions& options = {});

}  // namespace wstudio::worker
