// The module cache, attacked: entries planted, swapped, truncated, symlinked or replaced by a
// library with a constructor are never loaded (rebuilt instead), a cache folder another user could
// write to is refused, there is no shared-temporary-folder default, and a compile that is stopped
// midway leaves nothing (docs/sandbox.md, "The module cache").
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>

#include "jail/jailed_compile.hpp"
#include "sandbox/module_cache.hpp"
#include "wstudio/host/plugin.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wstudio::host;

// Small modules compile in well under a second: the conformance suite's fixtures.
std::vector<uint8_t> fixtureWasm(const std::string& name) {
  std::ifstream in(fs::path(CONFORMANCE_FIXTURE_DIR) / (name + ".wasm"), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ModuleCacheAttack : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::path(WSTUDIO_WORKER_TEST_SCRATCH) /
               ("cache-attack-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
    options_.cacheDir = scratch_ / "cache";
  }
  void TearDown() override { fs::remove_all(scratch_); }

  std::set<fs::path> entries() {
    std::set<fs::path> out;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(options_.cacheDir / "modules", error)) out.insert(entry.path());
    return out;
  }

  // Loads the plugin `name` and makes an instance (so its library really is loaded).
  void load(const std::string& name) {
    auto module = loadWspModule(fixtureWasm(name), options_);
    ASSERT_TRUE(module) << module.error();
    auto instance = module.value()->instantiate();
    ASSERT_TRUE(instance) << instance.error();
  }

  // Loads `name` into the (fresh) cache and returns the entry that appeared for it.
  fs::path entryFor(const std::string& name) {
    const auto before = entries();
    load(name);
    for (const fs::path& path : entries()) {
      if (!before.count(path)) return path;
    }
    ADD_FAILURE() << "no new cache entry for " << name;
    return {};
  }

  // Tampers with `name`'s entry, then loads again: the load must work, and from a rebuilt entry
  // (its bytes as first written), never from what was planted.
  void expectRebuiltAfter(const std::string& name, const std::function<void(const fs::path&)>& tamper) {
    const fs::path entry = entryFor(name);
    const std::string good = readAll(entry);
    tamper(entry);
    ASSERT_NE(readAll(entry), good);
    load(name);
    EXPECT_FALSE(fs::is_symlink(entry));
    EXPECT_EQ(readAll(entry), good) << "the entry is rebuilt as it was";
    EXPECT_FALSE(fs::exists(scratch_ / "constructor-ran"));
  }

  fs::path scratch_;
  LoadOptions options_;
};

TEST_F(ModuleCacheAttack, AnEntryReplacedByAnotherModulesEntryIsRebuilt) {
  const fs::path other = entryFor("latency_word_stale");
  expectRebuiltAfter("latency_word", [&](const fs::path& entry) { fs::copy_file(other, entry, fs::copy_options::overwrite_existing); });
}

TEST_F(ModuleCacheAttack, ATruncatedEntryIsRebuilt) {
  expectRebuiltAfter("latency_word", [](const fs::path& entry) { fs::resize_file(entry, fs::file_size(entry) / 2); });
}

TEST_F(ModuleCacheAttack, ASymlinkedEntryIsNotFollowed) {
  const fs::path other = entryFor("latency_word_stale");
  expectRebuiltAfter("latency_word", [&](const fs::path& entry) {
    fs::remove(entry);
    fs::create_symlink(other, entry);
  });
  EXPECT_TRUE(fs::is_regular_file(other)) << "the symlink's target is left alone";
}

// A library whose constructor would run at dlopen: planted as the entry, with the trailer of the
// entry it replaces copied onto it (so only the hash over the library itself can catch it).
TEST_F(ModuleCacheAttack, ALibraryWithAConstructorIsNeverLoaded) {
  const fs::path source = scratch_ / "planted.c";
  std::ofstream(source) << "#include <stdio.h>\n"
                           "__attribute__((constructor)) static void planted(void) {\n"
                           "  FILE* f = fopen(\"" << (scratch_ / "constructor-ran").string() << "\", \"w\");\n"
                           "  if (f) fclose(f);\n}\n";
  const fs::path library = scratch_ / "planted.so";
  ASSERT_EQ(std::system(("cc -shared -fPIC -o " + library.string() + " " + source.string()).c_str()), 0);
  expectRebuiltAfter("latency_word", [&](const fs::path& entry) {
    const std::string good = readAll(entry);
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << readAll(library) << good.substr(good.size() - 80);
  });
}

TEST_F(ModuleCacheAttack, AFolderOthersCanWriteToIsRefused) {
  fs::create_directories(options_.cacheDir);
  fs::permissions(options_.cacheDir, fs::perms::all);  // 0777, as a planted /tmp folder would be
  auto module = loadWspModule(fixtureWasm("latency_word"), options_);
  ASSERT_FALSE(module);
  EXPECT_NE(module.error().find("is not private"), std::string::npos) << module.error();
  EXPECT_FALSE(fs::exists(options_.cacheDir / "modules"));
}

TEST_F(ModuleCacheAttack, AFolderOfAnotherUserIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the folder away";
  fs::create_directories(options_.cacheDir);
  ASSERT_EQ(::chown(options_.cacheDir.c_str(), 65534, 65534), 0);
  auto module = loadWspModule(fixtureWasm("latency_word"), options_);
  ASSERT_FALSE(module);
  EXPECT_NE(module.error().find("owner uid 65534"), std::string::npos) << module.error();
}

TEST_F(ModuleCacheAttack, ANewFolderIsPrivate) {
  load("latency_word");
  EXPECT_EQ(entries().size(), 1u) << "one entry, no work folder";
  EXPECT_EQ(fs::status(options_.cacheDir).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_EQ(fs::status(options_.cacheDir / "modules").permissions() & fs::perms::all, fs::perms::owner_all);
}

TEST_F(ModuleCacheAttack, ThereIsNoSharedTemporaryDefault) {
  const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::unsetenv("HOME");
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("WSTUDIO_CACHE_DIR");
  const fs::path dir = sandbox::resolveCacheDir({});
  if (!home.empty()) ::setenv("HOME", home.c_str(), 1);
  EXPECT_NE(dir, fs::temp_directory_path() / "wasm-studio");
  EXPECT_NE(dir.string().rfind(fs::temp_directory_path().string(), 0), 0u) << dir;
}

// A compile stopped at its wall clock leaves no file in the cache or in the host's /tmp: it ran in
// the compile jail's private /tmp, which ends with the jail.
TEST_F(ModuleCacheAttack, AStoppedCompileLeavesNothing) {
  const auto temporaries = [] {
    std::set<fs::path> out;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path())) out.insert(entry.path());
    return out;
  };
  const auto before = temporaries();
  auto library = jail::compileInJail(fixtureWasm("good"), {{"wsp_host", "log", "return;", nullptr}}, 300);
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().find("took longer than"), std::string::npos) << library.error();
  EXPECT_TRUE(fs::is_empty(scratch_));
  for (const fs::path& path : temporaries()) {
    EXPECT_TRUE(before.count(path) || path.filename().string().rfind("compile-", 0) != 0) << path;
  }
}

}  // namespace
