#include "wstudio/engine/plugin_provider.hpp"

#include <algorithm>

namespace wstudio::engine {

PluginProvider::PluginProvider(PluginResolver& resolver, EngineFormat format)
    : resolver_(resolver), format_(format) {}

host::Result<std::shared_ptr<HostedPlugin>> PluginProvider::acquire(const session::Insert& insert) {
  auto found = entries_.find(insert.id);
  if (found != entries_.end() && found->second.plugin == insert.plugin &&
      found->second.state == insert.state) {
    return found->second.hosted;
  }
  auto hosted = create(insert);
  if (!hosted) return hosted;
  entries_.insert_or_assign(insert.id, Entry{insert.plugin, insert.state, hosted.value()});
  return hosted;
}

host::Result<std::shared_ptr<HostedPlugin>> PluginProvider::create(const session::Insert& insert) {
  auto module = resolver_.resolve(insert.plugin);
  if (!module) return host::fail(module.error());
  auto instance = module.value()->instantiate();
  if (!instance) return host::fail(instance.error());
  host::PluginInstance& plugin = *instance.value();
  if (auto activated = plugin.activate(format_.sampleRate, format_.maxBlockFrames); !activated) {
    return host::fail(activated.error());
  }
  if (!insert.state.empty()) {
    if (auto loaded = plugin.loadState(insert.state); !loaded) return host::fail(loaded.error());
  }
  for (const auto& [id, value] : insert.params) plugin.setParam(id, value);
  // Parameters land at their values instead of gliding there from the defaults. The instance is
  // not shared yet, so these audio-thread calls cannot meet the player.
  plugin.reset();
  auto hosted = std::make_shared<HostedPlugin>();
  hosted->latency.store(plugin.latency(), std::memory_order_relaxed);
  hosted->instance = std::move(instance.value());
  return hosted;
}

void PluginProvider::keepOnly(const std::vector<std::string>& insertIds) {
  std::erase_if(entries_, [&](const auto& entry) {
    return std::find(insertIds.begin(), insertIds.end(), entry.first) == insertIds.end();
  });
}

}  // namespace wstudio::engine
