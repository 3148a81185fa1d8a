#include "sandbox/module_cache.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>

#include "jail/jail.hpp"
#include "jail/jailed_compile.hpp"
#include "sandbox/embedded_sources.hpp"
#include "sandbox/module_compiler.hpp"
#include "wasm_to_c/translator.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::host::sandbox {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTrailerMagic = "WSXCACHE-ENTRY-2";
constexpr size_t kTrailerSize = kTrailerMagic.size() + 64;
constexpr uint64_t kMaxEntryBytes = uint64_t{512} << 20;

// The processor's model and feature flags as /proc/cpuinfo reports them for the first CPU.
std::string cpuIdentity() {
  std::ifstream in("/proc/cpuinfo");
  std::string line, identity;
  while (std::getline(in, line) && !line.empty()) {
    if (line.rfind("model name", 0) == 0 || line.rfind("flags", 0) == 0) identity += line + '\n';
  }
  return identity;
}

// Everything besides the .wasm that decides what the library contains.
std::string configurationKey(const CompileOptions& options) {
  std::string key = "wsx-cache-2\n";
  for (const EmbeddedSource& source : kRuntimeSources) key += source.text;
  for (const std::string& flag : compileFlags(options.code)) key += flag + "\n";
  key += wasm_to_c::kTranslatorVersion;
  key += kTranslatorSourceHash;
  key += cpuIdentity();  // -march=native: a library built for one CPU may not run on another
  for (const ImportBinding& binding : options.imports) {
    key += binding.module + '\0' + binding.field + '\0' + binding.cBody + '\0' +
           (binding.callback != nullptr ? "callback" : "body") + '\n';
  }
  return sha256Hex(key);
}

std::string trailerFor(const std::string& entryName, std::string_view library) {
  return std::string(kTrailerMagic) + sha256Hex(entryName + '\0', library);
}

// The entry's library if the entry is what this cache wrote under that name; empty otherwise.
std::string readVerifiedEntry(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return {};
  struct stat info {};
  std::string bytes;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_uid == ::geteuid() &&
      static_cast<uint64_t>(info.st_size) > kTrailerSize &&
      static_cast<uint64_t>(info.st_size) <= kMaxEntryBytes) {
    bytes.resize(static_cast<size_t>(info.st_size));
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    if (done != bytes.size()) bytes.clear();
  }
  ::close(fd);
  if (bytes.empty()) return {};
  const std::string_view library(bytes.data(), bytes.size() - kTrailerSize);
  if (std::string_view(bytes).substr(library.size()) != trailerFor(path.filename().string(), library)) {
    return {};
  }
  bytes.resize(library.size());
  return bytes;
}

Status writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(std::strerror(errno));
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Ok{};
}

// Stores the entry whole or not at all: an unnamed file in the folder, linked to its name once
// written. A racing writer of the same name wins; both wrote the same library.
Status storeEntry(const fs::path& path, std::string_view library) {
  const int fd = ::open(path.parent_path().c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return fail(std::string("cannot store a compiled module in the cache: ") + std::strerror(errno));
  Status written = writeAll(fd, library);
  if (written) written = writeAll(fd, trailerFor(path.filename().string(), library));
  if (written) {
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) != 0 && errno != EEXIST) {
      written = fail(std::string("cannot store a compiled module in the cache: ") + std::strerror(errno));
    }
  }
  ::close(fd);
  return written;
}

std::mutex& providerMutex() {
  static std::mutex mutex;
  return mutex;
}

LibraryProvider& provider() {
  static LibraryProvider installed;
  return installed;
}

// A library for a cache miss: compiled in the jail; on a host that cannot build the jail, in
// this process for trusted modules only.
Result<std::string> compile(std::span<const uint8_t> wasm, const CompileOptions& options, const fs::path& dir) {
  if (Status available = jail::jailAvailable(); !available) {
    if (!options.trusted) {
      return fail("untrusted plugins are refused on this host: " + available.error());
    }
    std::string pattern = (dir / ".work-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return fail("cannot create a work folder in the cache");
    auto library = compileLibrary(wasm, options.imports, pattern, options.code);
    std::error_code error;
    fs::remove_all(pattern, error);
    return library;
  }
  return jail::compileInJail(wasm, options.imports, jail::kCompileWallMs, options.code);
}

}  // namespace

void setLibraryProvider(LibraryProvider installed) {
  std::lock_guard lock(providerMutex());
  provider() = std::move(installed);
}

Result<fs::path> privateCacheDir(const fs::path& configured) {
  const fs::path dir = resolveCacheDir(configured);
  if (dir.empty()) {
    return fail("there is no folder for the module cache: set WSTUDIO_CACHE_DIR (or HOME) to a "
                "folder of your own");
  }
  std::error_code error;
  if (!fs::exists(dir, error)) {
    fs::create_directories(dir.parent_path(), error);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return fail("cannot create the module cache " + dir.string() + ": " + std::strerror(errno));
    }
  }
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return fail("the module cache " + dir.string() + " is not a folder: remove it, or set WSTUDIO_CACHE_DIR");
  }
  if (info.st_uid != ::geteuid() || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return fail("the module cache " + dir.string() + " is not private (owner uid " +
                std::to_string(info.st_uid) + ", mode " + mode +
                "): another user could plant modules in it. Remove it, or set WSTUDIO_CACHE_DIR to a "
                "folder of your own");
  }
  if ((info.st_mode & 0777) != 0700) ::chmod(dir.c_str(), 0700);
  const fs::path modules = dir / "modules";
  if (::mkdir(modules.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail("cannot create the module cache " + modules.string() + ": " + std::strerror(errno));
  }
  if (::lstat(modules.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid()) {
    return fail("the module cache " + modules.string() + " is not a folder of this user: remove it");
  }
  if ((info.st_mode & 0777) != 0700) ::chmod(modules.c_str(), 0700);
  return modules;
}

Result<LibraryImage> obtainLibrary(std::span<const uint8_t> wasm, const CompileOptions& options) {
  {
    std::lock_guard lock(providerMutex());
    if (provider()) {
      auto bytes = provider()(wasm, options.imports);
      if (!bytes) return fail(bytes.error());
      return LibraryImage{std::move(bytes.value()), {}, false, 0};
    }
  }
  auto dir = privateCacheDir(options.cacheDir);
  if (!dir) return fail(dir.error());
  const std::string wasmHash =
      sha256Hex(std::string_view(reinterpret_cast<const char*>(wasm.data()), wasm.size()));
  LibraryImage image;
  image.path = dir.value() / (wasmHash + "-" + configurationKey(options).substr(0, 16) + ".so");
  image.bytes = readVerifiedEntry(image.path);
  if (!image.bytes.empty()) {
    image.fromCache = true;
    return image;
  }
  std::error_code error;
  fs::remove(image.path, error);  // whatever was there failed the checks: a symlink, a stranger's file
  const auto started = std::chrono::steady_clock::now();
  auto library = compile(wasm, options, dir.value());
  if (!library) return fail(library.error());
  if (Status stored = storeEntry(image.path, library.value()); !stored) return fail(stored.error());
  image.bytes = std::move(library.value());
  image.compileSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return image;
}

fs::path resolveCacheDir(const fs::path& configured) {
  if (!configured.empty()) return configured;
  if (const char* dir = std::getenv("WSTUDIO_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return fs::path(xdg) / "wasm-studio";
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* user = ::getpwuid(::geteuid());
    home = user != nullptr ? user->pw_dir : nullptr;
  }
  if (home != nullptr && *home != '\0' && std::string_view(home) != "/") {
    return fs::path(home) / ".cache" / "wasm-studio";
  }
  return {};  // never a shared temporary folder
}

}  // namespace wstudio::host::sandbox
