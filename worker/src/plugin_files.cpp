#include <fstream>
#include <iterator>
#include <system_error>

#include "wstudio/worker/plugin_worker.hpp"

namespace wstudio::worker {

namespace fs = std::filesystem;

namespace {

constexpr uintmax_t kMaxFileBytes = uintmax_t{256} << 20;

// Adds `folder/name` if it is a regular file; an error only if it is there but cannot be read.
host::Status addIfPresent(PluginFiles& files, const fs::path& folder, const std::string& name) {
  std::error_code error;
  const fs::path path = folder / name;
  if (!fs::is_regular_file(path, error)) return host::Ok{};
  if (fs::file_size(path, error) > kMaxFileBytes) {
    std::string message = path.string();  // appended, not "'" + ...: g++ 12 -O3 warns falsely (-Wrestrict)
    message += "' is larger than 256 MiB: not a plugin this host loads";
    return host::fail("'" + message);
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return host::fail("cannot read '" + path.string() + "'");
  files.files.emplace_back(name, std::move(bytes));
  return host::Ok{};
}

}  // namespace

host::Result<PluginFiles> pluginFilesAt(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    return host::fail("cannot load '" + path.string() + "': no such file; check the path");
  }
  PluginFiles files;
  const bool folder = fs::is_directory(path, error);
  const fs::path dir = folder ? path : path.parent_path();
  files.shownFolder = dir.empty() ? "" : (dir / "").string();
  std::vector<std::string> names;
  if (folder) {
    files.entry = ".";
    files.shownFolder = (path / "").string();
    names = {"vaist-processor.wasm", "vaist-processor.js", "descriptor.json", "processor.cpp"};
  } else {
    files.entry = path.filename().string();
    fs::path glue = path.filename();
    glue.replace_extension(".js");
    names = {files.entry, glue.string(), "descriptor.json"};
  }
  for (const std::string& name : names) {
    bool seen = false;
    for (const auto& file : files.files) seen = seen || file.first == name;
    if (seen) continue;
    if (host::Status added = addIfPresent(files, folder ? path : dir, name); !added) return host::fail(added.error());
  }
  return files;
}

PluginFiles pluginFilesFromBytes(std::string name, std::string wasm) {
  PluginFiles files;
  files.entry = name;
  files.files.emplace_back(std::move(name), std::move(wasm));
  return files;
}

}  // namespace wstudio::worker
