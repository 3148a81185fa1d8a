// Where a module's compiled library comes from.
//
// By default, from the translation cache: <cacheDir>/modules/<sha256 of the .wasm>-<sha256 of
// everything else that shapes the library>.so, where "everything else" is the import bindings, the
// runtime sources, the compiler flags, the translator version and a hash of its sources, and the
// CPU. A miss is compiled in the compile jail (jail/jailed_compile.hpp).
//
// The cache cannot be planted (docs/sandbox.md, "The module cache"):
// - its folder is private: created 0700, used only when owned by this user and writable by no one
//   else; never a shared temporary folder;
// - an entry is the library followed by a trailer holding sha256(entry name, library), written
//   when it is stored; a load reads the entry without following symlinks, checks it is a regular
//   file owned by this user, checks the trailer, and loads exactly the bytes it checked (from a
//   memfd, so nothing can swap the file between check and load). An entry that fails any check
//   is removed and rebuilt, never trusted;
// - an entry appears whole or not at all (an unnamed file linked into place); a compile killed
//   midway leaves nothing, since it ran in the jail's private /tmp.
//
// A process that cannot reach a cache or a jail (the run worker, which can start no program)
// installs a provider instead: it asks its parent, which answers from its own cache.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sandbox/sandbox.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

struct LibraryImage {
  std::string bytes;           // the shared object, checked
  std::filesystem::path path;  // its cache entry; empty when a provider supplied it
  bool fromCache = false;
  double compileSeconds = 0;
};

using LibraryProvider =
    std::function<Result<std::string>(std::span<const uint8_t> wasm, const std::vector<ImportBinding>& imports)>;

// Replaces the cache for the rest of the process (set once, before any module is loaded).
void setLibraryProvider(LibraryProvider provider);

// The module's library: from the provider, or from the cache, compiled on a miss.
Result<LibraryImage> obtainLibrary(std::span<const uint8_t> wasm, const CompileOptions& options);

// The cache folder for `configured` (see CompileOptions::cacheDir), created private if missing;
// an error if it exists but is not a folder owned by this user, or others may write to it.
Result<std::filesystem::path> privateCacheDir(const std::filesystem::path& configured);

}  // namespace wstudio::host::sandbox
