// Model generations and refinements as jobs for the server: each runs generateWithModel (or
// refineWithModel) on the service's own
// threads (a model answer takes seconds to minutes; no HTTP thread waits for it), its progress
// readable at any time by its owner only. Bounded: `concurrent` generations at once, at most
// kMaxWaiting waiting, one running or waiting per user; the latest kKeptGenerations records are
// kept. Thread-safe; the destructor lets running generations finish their current step (a
// model request or a build, each bounded by its own limits) and asks the model nothing more.
#pragma once

#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/llm/model_endpoint.hpp"
#include "wstudio/forge/llm/model_generation.hpp"

namespace wstudio::forge::llm {

struct GenerationView {
  std::string id;
  std::string prompt;  // a refinement's: the user's words
  Generation generation;
  std::string kind = "generate";  // or "refine"
};

enum class GenerationRefusal { None, Busy, UserBusy };

struct GenerationStart {
  GenerationRefusal refusal = GenerationRefusal::None;
  std::string message;
  std::optional<GenerationView> view;
};

// A build for `userId` through the compile service, waited for: admitted by `admit` like any
// build (the monthly count, FC-11), diagnostics and validation failures as lines the model reads.
BuildOutcome buildAndWait(BuildService& service, const std::string& userId, const std::string& source,
                          const std::function<std::string()>& admit,
                          const std::function<void(const std::string&)>& started);

class GenerationService {
 public:
  static constexpr size_t kMaxWaiting = 16;
  static constexpr size_t kKeptGenerations = 500;

  // `build(userId, source, started)` builds one source for a user (buildAndWait on the server).
  using UserBuild = std::function<BuildOutcome(const std::string& userId, const std::string& source,
                                               const std::function<void(const std::string&)>& started)>;
  GenerationService(ModelEndpoint endpoint, UserBuild build, size_t concurrent = 2);
  ~GenerationService();

  GenerationStart start(const std::string& userId, std::string prompt);
  // A refinement of `current` (refineWithModel), under the same limits as a generation.
  GenerationStart startRefine(const std::string& userId, RefineRequest current);
  std::optional<GenerationView> find(const std::string& id, const std::string& userId) const;
  const ModelEndpoint& endpoint() const { return endpoint_; }

 private:
  struct Record {
    std::string owner;
    std::string prompt;
    Generation generation;
    bool finished = false;
    std::optional<RefineRequest> refine;  // set for a refinement
  };
  GenerationStart enqueue(const std::string& userId, std::string prompt, std::optional<RefineRequest> refine);
  void work();
  void run(const std::string& id);

  ModelEndpoint endpoint_;
  UserBuild build_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::deque<std::string> waiting_;
  std::unordered_map<std::string, Record> records_;
  std::list<std::string> order_;  // oldest first
  std::vector<std::thread> threads_;
};

}  // namespace wstudio::forge::llm
