// Reads a project file (docs/project-file.md) into a folder, which is then a session folder:
// session.json, audio/<sha256>.<ext>, plugins/<sha256>.wasm and .vaist.json. Only entries of
// those shapes are written, each after its checks, so nothing lands outside the folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "wstudio/project/zip_archive.hpp"

namespace wstudio::project {

struct ExtractedProject {
  std::string name;                 // project.json's
  bool hasSession = false;          // session.json was written
  std::vector<std::string> errors;  // entries left out (PF-2, damaged, PF-3 liars), each by name
};

// Whether `file` starts as a zip archive does (a project file rather than a session's JSON).
bool looksLikeProjectFile(const std::filesystem::path& file);

// Extracts `file` into `folder` (existing, empty, private). Throws ProjectFileError when the
// archive is refused as a whole: PF-1, PF-3, PF-4, or not a project file. Past that it keeps
// going (PF-5): what cannot be used is left out and listed in `errors`.
ExtractedProject extractProjectFile(const std::filesystem::path& file, const std::filesystem::path& folder);

}  // namespace wstudio::project
