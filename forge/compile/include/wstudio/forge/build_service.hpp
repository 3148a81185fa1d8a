// The Forge's compile service: a user's C++ or Faust source in, a validated plugin .wasm out (FC-1..14).
// Builds wait in a bounded FIFO (BuildQueue), compile in the compile jail (compileCpp), pass the
// conformance suite in the plugin sandbox (validateBuild), and are cached by a hash of the source,
// its language and the toolchain + SDK (toolchainIdentity): a cached rebuild is answered at once.
// A build is seen only by the user who asked for it. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "wstudio/forge/build_queue.hpp"
#include "wstudio/forge/build_validation.hpp"
#include "wstudio/forge/cpp_compile.hpp"

namespace wstudio::forge {

enum class BuildStatus { Queued, Compiling, Succeeded, Failed };
const char* statusName(BuildStatus status);  // "queued", "compiling", "succeeded", "failed"

struct BuildResult {
  bool succeeded = false;
  std::string stage;    // where it ended: "compile", "validate", "store" (or "done")
  std::string message;  // plain words
  ParsedDiagnostics diagnostics;
  std::optional<BuildValidation> validation;  // when it compiled
  std::string wasm;                           // when it succeeded
  std::string wasmSha256;
  // Only results that follow from the source alone are cached: not a limit's stop (the machine
  // may just have been busy) nor a sandbox that could not start.
  bool cacheable = false;
  // Wall time of the compile jail and of the validation (0 when it did not run).
  int64_t compileMs = 0;
  int64_t validateMs = 0;
};

struct BuildView {
  std::string id;
  std::string owner;
  std::string language;
  BuildStatus status = BuildStatus::Queued;
  size_t queuePosition = 0;  // 1-based while queued
  bool cached = false;       // answered from the cache: no compile ran
  std::shared_ptr<const BuildResult> result;  // when succeeded or failed
  std::string key;  // cacheKey(language, source): says which source this build is of
};

// Which build succeeded: its id, owner, language and cache key (what makes it keepable as a
// version later, after its record here is forgotten: the server persists it in onSucceeded).
struct BuildIdentity {
  std::string id;
  std::string owner;
  std::string language;
  std::string key;
};

struct ServiceOptions {
  QueueLimits queue;
  CompileLimits limits;
  std::filesystem::path moduleCacheDir;  // the plugin sandbox's module cache
  size_t cacheBytes = size_t{64} << 20;  // cached results (their modules) at most
  size_t keepBuilds = 2000;              // finished build records kept for GET
  // Called for every successful build, cached ones too, on the thread that finished it, before
  // the build is shown as succeeded (the server stores the module as the user's asset here). An
  // exception fails the build with its message.
  std::function<void(const BuildIdentity& build, const BuildResult& result)> onSucceeded;
  // Precompile the SDK's prelude in the compile jail when the service starts (FC-14): every later
  // build that fits it skips parsing the SDK. Builds that start meanwhile wait for it.
  bool precompileSdk = true;
};

enum class Refusal { None, UnsupportedLanguage, TooLarge, QueueFull, UserBusy, OverLimit };

struct Submission {
  Refusal refusal = Refusal::None;
  std::string message;  // why refused
  BuildView build;      // when accepted
};

class BuildService {
 public:
  explicit BuildService(ServiceOptions options);
  ~BuildService();

  // `admitNewBuild` is asked, once the queue can take the build and the cache cannot answer it,
  // whether this user may start a new build (the monthly count); it returns an empty string to
  // go ahead, having counted the build, or why not (refused with OverLimit). Cached answers are
  // not asked about: they cost nothing.
  Submission submit(const std::string& userId, std::string_view language, std::string_view source,
                    const std::function<std::string()>& admitNewBuild = {});
  // Records a build made elsewhere (a vAIst Forge module imported as built: no compile) as a
  // finished build of `userId`, seen and kept like any other. Nothing is counted or cached, and
  // onSucceeded is not called: the caller stored the module.
  BuildView recordFinished(const std::string& userId, std::string_view language,
                           std::shared_ptr<const BuildResult> result);
  // The build `id` of `userId`; none for an unknown id or another user's build.
  std::optional<BuildView> find(const std::string& id, const std::string& userId) const;

  // The cache key: sha256 over the language, the source and toolchainIdentity() (and
  // faustIdentity() for Faust). Languages: "cpp", "faust".
  static std::string cacheKey(std::string_view language, std::string_view source);

 private:
  struct Record {
    std::string owner;
    std::string language;
    std::string key;
    BuildStatus status = BuildStatus::Queued;
    bool cached = false;
    std::shared_ptr<const BuildResult> result;
  };
  std::shared_ptr<const BuildResult> build(std::string_view language, std::string_view source);
  std::shared_ptr<const BuildResult> deliver(const BuildIdentity& build, std::shared_ptr<const BuildResult> result);
  void run(const std::string& id, const std::string& source);
  void remember(const std::string& key, const std::shared_ptr<const BuildResult>& result);
  std::shared_ptr<const BuildResult> cachedLocked(const std::string& key);
  void forgetOldBuildsLocked();
  BuildView viewLocked(const std::string& id, const Record& record) const;

  ServiceOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Record> records_;
  std::list<std::string> recordOrder_;  // oldest first
  std::list<std::string> cacheOrder_;   // least recently used first
  std::unordered_map<std::string, std::pair<std::shared_ptr<const BuildResult>, std::list<std::string>::iterator>>
      cache_;
  size_t cacheBytesUsed_ = 0;
  // The precompiled prelude, or empty when it could not be made (builds then parse the SDK).
  std::shared_future<std::string> prelude_;
  BuildQueue queue_;  // last: its threads stop before the rest goes
};

}  // namespace wstudio::forge
