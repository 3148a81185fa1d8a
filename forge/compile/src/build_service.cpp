#include "wstudio/forge/build_service.hpp"

#include <chrono>

#include "wstudio/forge/faust_compile.hpp"
#include "wstudio/forge/faust_toolchain.hpp"
#include "wstudio/forge/random_id.hpp"
#include "wstudio/forge/toolchain.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::forge {

namespace {

int64_t msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::shared_ptr<BuildResult> failedResult(std::string stage, std::string message, bool cacheable) {
  auto result = std::make_shared<BuildResult>();
  result->stage = std::move(stage);
  result->message = std::move(message);
  result->cacheable = cacheable;
  return result;
}

}  // namespace

const char* statusName(BuildStatus status) {
  switch (status) {
    case BuildStatus::Queued: return "queued";
    case BuildStatus::Compiling: return "compiling";
    case BuildStatus::Succeeded: return "succeeded";
    case BuildStatus::Failed: return "failed";
  }
  return "failed";
}

BuildService::BuildService(ServiceOptions options) : options_(std::move(options)), queue_(options_.queue) {
  if (options_.precompileSdk) {
    prelude_ = std::async(std::launch::async, [limits = options_.limits] {
                 auto prelude = precompilePrelude(limits);
                 return prelude ? std::move(prelude.value()) : std::string();
               }).share();
  }
}

BuildService::~BuildService() = default;

std::string BuildService::cacheKey(std::string_view language, std::string_view source) {
  // A Faust build also depends on Faust, its libraries and the architecture.
  const std::string identity = language == "faust" ? toolchainIdentity() + faustIdentity() : toolchainIdentity();
  return host::sha256Hex(std::string(language) + '\0' + identity + '\0', source);
}

Submission BuildService::submit(const std::string& userId, std::string_view language, std::string_view source,
                                const std::function<std::string()>& admitNewBuild) {
  if (language != "cpp" && language != "faust") {
    return {Refusal::UnsupportedLanguage,
            "language must be \"cpp\" (C++ against the WSP SDK) or \"faust\" (a Faust program)", {}};
  }
  if (source.size() > kMaxSourceBytes) {
    return {Refusal::TooLarge,
            "the source is " + std::to_string(source.size()) + " bytes; at most " +
                std::to_string(kMaxSourceBytes) + " are compiled",
            {}};
  }
  const std::string key = cacheKey(language, source);
  const std::string id = randomId();
  std::shared_ptr<const BuildResult> cached;
  {
    std::lock_guard lock(mutex_);
    cached = cachedLocked(key);
    if (!cached) {
      // FC-8: refused before anything is counted or started.
      switch (queue_.admits(userId)) {
        case BuildQueue::Refusal::UserBusy:
          return {Refusal::UserBusy,
                  "you already have " + std::to_string(queue_.limits().perUser) +
                      " builds queued or compiling; wait for one to finish",
                  {}};
        case BuildQueue::Refusal::Full:
          return {Refusal::QueueFull, "the build queue is full; try again in a minute", {}};
        case BuildQueue::Refusal::None: break;
      }
      if (admitNewBuild) {
        if (std::string why = admitNewBuild(); !why.empty()) return {Refusal::OverLimit, std::move(why), {}};
      }
      records_[id] = Record{userId, std::string(language), key, BuildStatus::Queued, false, nullptr};
      recordOrder_.push_back(id);
      forgetOldBuildsLocked();
      // Submissions are serialised by mutex_, and the queue only shrinks meanwhile: it takes it.
      queue_.push(id, userId, [this, id, text = std::string(source)] { run(id, text); });
      return {Refusal::None, {}, viewLocked(id, records_.at(id))};
    }
  }
  // FC-9: a cached result is answered at once (the module is still stored as this user's asset).
  std::shared_ptr<const BuildResult> result = deliver({id, userId, std::string(language), key}, cached);
  std::lock_guard lock(mutex_);
  const BuildStatus status = result->succeeded ? BuildStatus::Succeeded : BuildStatus::Failed;
  records_[id] = Record{userId, std::string(language), key, status, true, result};
  recordOrder_.push_back(id);
  forgetOldBuildsLocked();
  return {Refusal::None, {}, viewLocked(id, records_.at(id))};
}

BuildView BuildService::recordFinished(const std::string& userId, std::string_view language,
                                       std::shared_ptr<const BuildResult> result) {
  const std::string id = randomId();
  std::lock_guard lock(mutex_);
  const BuildStatus status = result->succeeded ? BuildStatus::Succeeded : BuildStatus::Failed;
  records_[id] = Record{userId, std::string(language), {}, status, false, std::move(result)};
  recordOrder_.push_back(id);
  forgetOldBuildsLocked();
  return viewLocked(id, records_.at(id));
}

std::optional<BuildView> BuildService::find(const std::string& id, const std::string& userId) const {
  std::lock_guard lock(mutex_);
  const auto it = records_.find(id);
  // FC-10: another user's build does not exist for this one.
  if (it == records_.end() || it->second.owner != userId) return std::nullopt;
  return viewLocked(id, it->second);
}

BuildView BuildService::viewLocked(const std::string& id, const Record& record) const {
  BuildView view{id, record.owner, record.language, record.status, 0, record.cached, record.result, record.key};
  if (record.status == BuildStatus::Queued) view.queuePosition = queue_.position(id);
  return view;
}

void BuildService::run(const std::string& id, const std::string& source) {
  std::string owner;
  std::string key;
  std::string language;
  {
    std::lock_guard lock(mutex_);
    auto& record = records_.at(id);  // records of queued builds are never forgotten
    record.status = BuildStatus::Compiling;
    owner = record.owner;
    key = record.key;
    language = record.language;
  }
  std::shared_ptr<const BuildResult> result;
  try {
    result = build(language, source);
    if (result->cacheable) remember(key, result);
    result = deliver({id, owner, language, key}, result);
  } catch (const std::exception& error) {
    result = failedResult("compile", std::string("the build failed: ") + error.what(), false);
  }
  std::lock_guard lock(mutex_);
  auto& record = records_.at(id);
  record.result = result;
  record.status = result->succeeded ? BuildStatus::Succeeded : BuildStatus::Failed;
}

std::shared_ptr<const BuildResult> BuildService::build(std::string_view language, std::string_view source) {
  const auto compileStart = std::chrono::steady_clock::now();
  // Faust's C++ is written inside the jail, after the service chose: it compiles without the
  // prelude (FC-14 is for the C++ a user wrote), and does not wait for it.
  CompileOutcome compiled;
  if (language == "faust") {
    compiled = compileFaust(source, options_.limits);
  } else {
    static const std::string kNoPrelude;
    compiled = compileCpp(source, options_.limits, prelude_.valid() ? &prelude_.get() : &kNoPrelude);
  }
  const int64_t compileMs = msSince(compileStart);
  switch (compiled.status) {
    case CompileStatus::Errors:
    case CompileStatus::Stopped: {
      auto result = failedResult("compile", compiled.message, compiled.status == CompileStatus::Errors);
      result->diagnostics = std::move(compiled.diagnostics);
      result->compileMs = compileMs;
      return result;
    }
    case CompileStatus::Unavailable: return failedResult("compile", compiled.message, false);
    case CompileStatus::Built: break;
  }
  auto result = std::make_shared<BuildResult>();
  result->diagnostics = std::move(compiled.diagnostics);
  result->compileMs = compileMs;
  const auto validateStart = std::chrono::steady_clock::now();
  result->validation = validateBuild(compiled.wasm, options_.moduleCacheDir);
  result->validateMs = msSince(validateStart);
  result->succeeded = result->validation->passed;
  result->stage = result->succeeded ? "done" : "validate";
  result->message = result->validation->message;
  // A module that did not load may have met a sandbox that could not start: only judgements on
  // a loaded plugin are certain to follow from the source.
  result->cacheable = !result->validation->pluginId.empty();
  if (result->succeeded) {
    result->wasmSha256 = host::sha256Hex(compiled.wasm);
    result->wasm = std::move(compiled.wasm);
  }
  return result;
}

std::shared_ptr<const BuildResult> BuildService::deliver(const BuildIdentity& build,
                                                         std::shared_ptr<const BuildResult> result) {
  if (!result->succeeded || !options_.onSucceeded) return result;
  try {
    options_.onSucceeded(build, *result);
    return result;
  } catch (const std::exception& error) {
    auto failed = std::make_shared<BuildResult>(*result);
    failed->succeeded = false;
    failed->stage = "store";
    failed->message = std::string("the plugin was built but could not be stored: ") + error.what();
    failed->wasm.clear();
    failed->cacheable = false;
    return failed;
  }
}

std::shared_ptr<const BuildResult> BuildService::cachedLocked(const std::string& key) {
  const auto it = cache_.find(key);
  if (it == cache_.end()) return nullptr;
  cacheOrder_.splice(cacheOrder_.end(), cacheOrder_, it->second.second);  // most recently used
  return it->second.first;
}

void BuildService::remember(const std::string& key, const std::shared_ptr<const BuildResult>& result) {
  const size_t bytes = result->wasm.size() + 4096;
  if (bytes > options_.cacheBytes) return;
  std::lock_guard lock(mutex_);
  if (cache_.contains(key)) return;
  while (cacheBytesUsed_ + bytes > options_.cacheBytes && !cacheOrder_.empty()) {
    const auto oldest = cache_.find(cacheOrder_.front());
    cacheBytesUsed_ -= oldest->second.first->wasm.size() + 4096;
    cache_.erase(oldest);
    cacheOrder_.pop_front();
  }
  cacheOrder_.push_back(key);
  cache_.emplace(key, std::make_pair(result, std::prev(cacheOrder_.end())));
  cacheBytesUsed_ += bytes;
}

void BuildService::forgetOldBuildsLocked() {
  for (auto it = recordOrder_.begin(); records_.size() > options_.keepBuilds && it != recordOrder_.end();) {
    const auto record = records_.find(*it);
    if (record->second.status == BuildStatus::Queued || record->second.status == BuildStatus::Compiling) {
      ++it;
      continue;
    }
    records_.erase(record);
    it = recordOrder_.erase(it);
  }
}

}  // namespace wstudio::forge
