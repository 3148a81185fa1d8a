#include "plugin_library.hpp"

#include <string_view>
#include <system_error>

#include "wstudio/factory/catalog.hpp"

namespace vaist {
namespace {

namespace host = wstudio::host;
namespace session = wstudio::session;

// "eq" for "studio.wasm.eq"; empty for other ids.
std::string factoryName(const std::string& id) {
  const std::string_view prefix = wstudio::factory::kIdPrefix;
  return id.starts_with(prefix) ? id.substr(prefix.size()) : std::string();
}

// "tracks[2].inserts[0] (insert "x" on track "y")" or "master.inserts[1] (insert "z")".
std::string insertLocation(const std::string& chain, std::size_t index,
                           const session::Insert& insert, const std::string& trackId) {
  std::string where =
      chain + ".inserts[" + std::to_string(index) + "] (insert \"" + insert.id + "\"";
  if (!trackId.empty()) where += " on track \"" + trackId + "\"";
  return where + ")";
}

}  // namespace

PluginLibrary::PluginLibrary(std::vector<std::filesystem::path> searchPath,
                             const std::filesystem::path& sessionFolder)
    : searchPath_(std::move(searchPath)) {
  if (!sessionFolder.empty()) sessionPlugins_.emplace(sessionFolder);
}

host::Result<std::shared_ptr<host::PluginModule>> PluginLibrary::resolve(
    const wstudio::session::PluginRef& ref) {
  if (const auto found = loaded_.find(ref.id); found != loaded_.end()) return found->second;
  auto module = load(ref);
  if (module) loaded_.emplace(ref.id, module.value());
  return module;
}

host::Result<std::shared_ptr<host::PluginModule>> PluginLibrary::load(
    const wstudio::session::PluginRef& ref) {
  const std::string name = factoryName(ref.id);
  if (name.empty() && ref.sha256 && sessionPlugins_) {
    if (auto file = sessionPlugins_->moduleFile(*ref.sha256)) {
      if (!*file) return host::fail("the session's " + file->error());
      auto module = host::loadPlugin(file->value());  // not trusted: compiled in the jail
      if (!module) {
        const bool vaist = ref.format == wstudio::session::PluginFormat::vaist;
        return host::fail("cannot load the session's plugins/" + *ref.sha256 + ".wasm" +
                          (vaist ? " (a vAIst Forge module needs its descriptor and glue in plugins/" +
                                       *ref.sha256 + ".vaist.json)"
                                 : "") +
                          ": " + module.error());
      }
      if (module.value()->descriptor().id != ref.id) {
        return host::fail("the session's plugins/" + *ref.sha256 + ".wasm is the plugin \"" +
                          module.value()->descriptor().id + "\", not \"" + ref.id + "\"");
      }
      return module;
    }
  }
  std::string looked;
  for (const auto& folder : searchPath_) {
    for (const std::string& stem : {name, ref.id}) {
      if (stem.empty()) continue;
      const std::filesystem::path file = folder / (stem + ".wasm");
      looked += "\n    " + file.string();
      std::error_code error;
      if (!std::filesystem::is_regular_file(file, error)) continue;
      host::LoadOptions options;
      options.trusted = !name.empty() && stem == name && isFactoryBuild(file, name);
      auto module = host::loadPlugin(file, options);
      if (!module) return host::fail("cannot load " + file.string() + ": " + module.error());
      if (module.value()->descriptor().id != ref.id) {
        return host::fail(file.string() + " is the plugin \"" + module.value()->descriptor().id +
                          "\", not \"" + ref.id + "\"");
      }
      return module;
    }
  }
  return host::fail("no plugin \"" + ref.id + "\": looked for" + looked +
                    "\n  Build it, or pass the folder holding its .wasm with --plugins DIR");
}

bool PluginLibrary::isFactoryBuild(const std::filesystem::path& file, const std::string& name) {
  const std::filesystem::path folder = file.parent_path();
  auto found = catalogs_.find(folder);
  if (found == catalogs_.end()) {
    auto catalog = wstudio::factory::readCatalog(folder);
    found = catalogs_.emplace(folder, catalog ? std::optional(std::move(catalog.value())) : std::nullopt).first;
  }
  if (!found->second) return false;
  for (const auto& plugin : found->second->plugins) {
    if (plugin.name == name) return true;  // readCatalog checked the file against its sha256
  }
  return false;
}

std::vector<std::string> resolveSessionPlugins(const session::Session& s, PluginLibrary& library) {
  std::vector<std::string> errors;
  const auto check = [&](const std::vector<session::Insert>& chain, const std::string& path,
                         const std::string& trackId) {
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const auto module = library.resolve(chain[i].plugin);
      if (!module)
        errors.push_back(insertLocation(path, i, chain[i], trackId) + ": " + module.error());
    }
  };
  for (std::size_t t = 0; t < s.tracks.size(); ++t) {
    check(s.tracks[t].inserts, "tracks[" + std::to_string(t) + "]", s.tracks[t].id);
  }
  check(s.master.inserts, "master", "");
  return errors;
}

}  // namespace vaist
