#include "wstudio/project/project_extract.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "wstudio/host/sha256.hpp"
#include "wstudio/project/private_folder.hpp"
#include "wstudio/project/project_format.hpp"

namespace wstudio::project {
namespace {

namespace fs = std::filesystem;

const std::regex kAudioEntry("audio/([0-9a-f]{64})\\.[a-z0-9]{1,8}");
const std::regex kPluginEntry("plugins/([0-9a-f]{64})\\.wasm");
const std::regex kVaistEntry("plugins/([0-9a-f]{64})\\.vaist\\.json");

void checkManifest(const std::string& text) {
  const nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", nlohmann::json()) != kProjectFormat) {
    throw ProjectFileError(std::string("project.json does not say \"format\": \"") + kProjectFormat +
                           "\": not a WASM Studio project file");
  }
  const auto version = manifest.find("version");
  if (version == manifest.end() || !version->is_number_integer() || version->get<int64_t>() < 1)
    throw ProjectFileError("project.json: \"version\" must be a whole number from 1");
  if (version->get<int64_t>() > kProjectVersion) {
    throw ProjectFileError("made by a newer WASM Studio (project file version " + std::to_string(version->get<int64_t>()) +
                           "; this version reads up to " + std::to_string(kProjectVersion) + ") (PF-4)");
  }
}

}  // namespace

bool looksLikeProjectFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
         ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

ExtractedProject extractProjectFile(const fs::path& file, const fs::path& folder) {
  ZipArchive archive(file);
  const ZipEntry* manifest = archive.find("project.json");
  if (manifest == nullptr) throw ProjectFileError("no project.json in the archive: not a WASM Studio project file");
  const std::string manifestText = archive.read(*manifest);
  checkManifest(manifestText);

  ExtractedProject result;
  const nlohmann::json parsed = nlohmann::json::parse(manifestText, nullptr, false);
  if (parsed.contains("name") && parsed["name"].is_string()) result.name = parsed["name"].get<std::string>();

  fs::create_directory(folder / "audio");
  fs::create_directory(folder / "plugins");
  const auto leftOut = [&](const ZipEntry& entry, const std::string& why) {
    result.errors.push_back(entry.name + ": left out: " + why);
  };
  // An entry's bytes, or nullopt (and an error) when it cannot be read or its sha256 differs.
  const auto checked = [&](const ZipEntry& entry, const std::string& sha256) -> std::optional<std::string> {
    std::string bytes;
    try {
      bytes = archive.read(entry);
    } catch (const ProjectFileError& error) {
      leftOut(entry, error.what());
      return std::nullopt;
    }
    const std::string actual = host::sha256Hex(bytes);
    if (actual != sha256) {
      leftOut(entry, "its bytes hash to " + actual + ", not the sha256 in its name (PF-2)");
      return std::nullopt;
    }
    return bytes;
  };

  std::vector<const ZipEntry*> sidecars;
  for (const ZipEntry& entry : archive.entries()) {
    std::smatch match;
    if (std::regex_match(entry.name, match, kAudioEntry) || std::regex_match(entry.name, match, kPluginEntry)) {
      if (const auto bytes = checked(entry, match[1].str())) writeNewFile(folder / entry.name, *bytes);
    } else if (std::regex_match(entry.name, match, kVaistEntry)) {
      sidecars.push_back(&entry);
    } else if (entry.name == "session.json") {
      try {
        writeNewFile(folder / "session.json", archive.read(entry));
        result.hasSession = true;
      } catch (const ProjectFileError& error) {
        result.errors.push_back(std::string("session.json: cannot be read: ") + error.what());
      }
    }
  }
  for (const ZipEntry* entry : sidecars) {
    const std::string sha256 = entry->name.substr(std::string("plugins/").size(), 64);
    if (!fs::exists(folder / "plugins" / (sha256 + ".wasm"))) {
      leftOut(*entry, "its module plugins/" + sha256 + ".wasm is not in the project");
      continue;
    }
    try {
      writeNewFile(folder / entry->name, archive.read(*entry));
    } catch (const ProjectFileError& error) {
      leftOut(*entry, error.what());
    }
  }
  if (!result.hasSession && archive.find("session.json") == nullptr)
    result.errors.push_back("no session.json in the project: its audio and plugins are all it holds");
  return result;
}

}  // namespace wstudio::project
