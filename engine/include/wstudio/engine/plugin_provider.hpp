// Plugin instances for inserts, made on the main thread and kept across graph rebuilds.
//
// A rebuilt graph must not lose what a plugin holds (a delay's tail, a compressor's envelope), so
// the provider remembers the instance of every insert by insert id and hands the same instance to
// the next graph as long as the insert names the same plugin and the same state bytes. Parameter
// changes do not need a new instance: the new graph sends them as events in its first block.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/engine_format.hpp"
#include "wstudio/host/plugin.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine {

// Finds the module for a plugin reference (by descriptor id, sha256 and format): the caller's
// plugin library, a cache of loaded .wasm files, or factory plugins linked natively.
class PluginResolver {
 public:
  virtual ~PluginResolver() = default;
  // [main]
  virtual host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) = 0;
};

// One insert's live instance, shared by every graph that contains the insert. Graphs never run at
// the same time (the player swaps them at a block boundary), so sharing never means two threads.
struct HostedPlugin {
  std::unique_ptr<host::PluginInstance> instance;
  // Set by the audio thread when the instance faults or overruns its time budget; from then on
  // every graph bypasses it. Never cleared: a new instance comes from a changed insert.
  std::atomic<bool> disabled{false};
  // The instance's latency as last seen: at creation by the main thread, then by the audio
  // thread after each block (the only thread that may call the instance while it plays).
  std::atomic<uint32_t> latency{0};
};

class PluginProvider {
 public:
  PluginProvider(PluginResolver& resolver, EngineFormat format);

  const EngineFormat& format() const { return format_; }

  // [main] The instance for `insert`: the one it had if plugin and state bytes are unchanged,
  // else a new one, activated, with the insert's state and parameters applied.
  host::Result<std::shared_ptr<HostedPlugin>> acquire(const session::Insert& insert);

  // [main] Forgets every insert not in `insertIds` (called by the builder after a build). The
  // instances themselves live on in graphs that still hold them.
  void keepOnly(const std::vector<std::string>& insertIds);

 private:
  struct Entry {
    session::PluginRef plugin;
    std::vector<uint8_t> state;
    std::shared_ptr<HostedPlugin> hosted;
  };
  host::Result<std::shared_ptr<HostedPlugin>> create(const session::Insert& insert);

  PluginResolver& resolver_;
  EngineFormat format_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace wstudio::engine
