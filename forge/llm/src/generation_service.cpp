#include "wstudio/forge/llm/generation_service.hpp"

#include <chrono>

#include "wstudio/forge/random_id.hpp"

namespace wstudio::forge::llm {

namespace {

// How many diagnostics go back to the model: the first errors are the ones that matter, and a
// repair prompt stays small.
constexpr size_t kMaxFedBackDiagnostics = 20;

std::vector<std::string> problemsOf(const BuildResult& result) {
  std::vector<std::string> problems;
  for (const Diagnostic& d : result.diagnostics.diagnostics) {
    if (problems.size() == kMaxFedBackDiagnostics) break;
    if (d.severity == "note" && problems.empty()) continue;
    std::string line = d.file.empty() ? std::string() : d.file + ":";
    if (d.line > 0) line += std::to_string(d.line) + ":" + std::to_string(d.column) + ":";
    problems.push_back(line + (line.empty() ? "" : " ") + d.severity + ": " + d.message);
  }
  if (result.validation) {
    for (const ValidationFailure& f : result.validation->failures) {
      problems.push_back("validation " + f.check + " (" + f.title + "): " + f.reason);
    }
  }
  return problems;
}

}  // namespace

BuildOutcome buildAndWait(BuildService& service, const std::string& userId, const std::string& source,
                          const std::function<std::string()>& admit,
                          const std::function<void(const std::string&)>& started) {
  const Submission submission = service.submit(userId, "cpp", source, admit);
  if (submission.refusal != Refusal::None) {
    BuildOutcome refused;
    refused.refused = true;
    refused.message = submission.message;
    return refused;
  }
  if (started) started(submission.build.id);
  std::optional<BuildView> view = submission.build;
  // The service has no completion callback per build; a build takes seconds, a poll is a map
  // look-up.
  while (view && view->status != BuildStatus::Succeeded && view->status != BuildStatus::Failed) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    view = service.find(submission.build.id, userId);
  }
  BuildOutcome outcome;
  outcome.buildId = submission.build.id;
  if (!view || !view->result) {
    outcome.message = "the build record is gone";
    return outcome;
  }
  outcome.succeeded = view->status == BuildStatus::Succeeded;
  outcome.message = view->result->message;
  outcome.problems = problemsOf(*view->result);
  return outcome;
}

GenerationService::GenerationService(ModelEndpoint endpoint, UserBuild build, size_t concurrent)
    : endpoint_(std::move(endpoint)), build_(std::move(build)) {
  for (size_t i = 0; i < std::max<size_t>(1, concurrent); ++i) threads_.emplace_back([this] { work(); });
}

GenerationService::~GenerationService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

GenerationStart GenerationService::start(const std::string& userId, std::string prompt) {
  return enqueue(userId, std::move(prompt), std::nullopt);
}

GenerationStart GenerationService::startRefine(const std::string& userId, RefineRequest current) {
  std::string words = current.instruction;
  return enqueue(userId, std::move(words), std::move(current));
}

GenerationStart GenerationService::enqueue(const std::string& userId, std::string prompt, std::optional<RefineRequest> refine) {
  std::lock_guard lock(mutex_);
  if (waiting_.size() >= kMaxWaiting) {
    return {GenerationRefusal::Busy, "the Forge's model is busy with " + std::to_string(waiting_.size()) +
                                         " waiting generations; try again in a minute", std::nullopt};
  }
  for (const auto& [id, record] : records_) {
    if (record.owner == userId && !record.finished) {
      return {GenerationRefusal::UserBusy, "you have a generation running already (" + id + "); wait for it to finish",
              std::nullopt};
    }
  }
  const std::string id = randomId();
  const std::string kind = refine ? "refine" : "generate";
  records_[id] = Record{userId, prompt, Generation{}, false, std::move(refine)};
  order_.push_back(id);
  while (order_.size() > kKeptGenerations) {
    auto oldest = records_.find(order_.front());
    if (oldest != records_.end() && !oldest->second.finished) break;  // running ones stay
    if (oldest != records_.end()) records_.erase(oldest);
    order_.pop_front();
  }
  waiting_.push_back(id);
  wake_.notify_one();
  return {GenerationRefusal::None, {}, GenerationView{id, std::move(prompt), Generation{}, kind}};
}

std::optional<GenerationView> GenerationService::find(const std::string& id, const std::string& userId) const {
  std::lock_guard lock(mutex_);
  const auto found = records_.find(id);
  if (found == records_.end() || found->second.owner != userId) return std::nullopt;
  return GenerationView{id, found->second.prompt, found->second.generation, found->second.refine ? "refine" : "generate"};
}

void GenerationService::work() {
  for (;;) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (stopping_) return;
      id = waiting_.front();
      waiting_.pop_front();
    }
    run(id);
  }
}

void GenerationService::run(const std::string& id) {
  std::string owner, prompt;
  std::optional<RefineRequest> refine;
  {
    std::lock_guard lock(mutex_);
    const Record& record = records_.at(id);
    owner = record.owner;
    prompt = record.prompt;
    refine = record.refine;
  }
  // A stopping server asks the model nothing more: the generation ends at its next step.
  const ChatFunction chatFn = [this](const std::vector<ChatMessage>& messages) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return ChatReply{ChatFailure::Unreachable, {}, "the server is stopping"};
    }
    return chat(endpoint_, messages);
  };
  const BuildFunction buildFn = [&](const std::string& source, const std::function<void(const std::string&)>& started) {
    return build_(owner, source, started);
  };
  const ProgressFunction progress = [&](const Generation& generation) {
    std::lock_guard lock(mutex_);
    records_.at(id).generation = generation;
  };
  Generation result;
  try {
    result = refine ? refineWithModel(*refine, chatFn, buildFn, progress) : generateWithModel(prompt, chatFn, buildFn, progress);
  } catch (const std::exception& e) {  // a bug here must not take the server down
    std::lock_guard lock(mutex_);
    result = records_.at(id).generation;
    result.status = "failed";
    result.message = std::string("the generation stopped on an internal error: ") + redact(e.what(), endpoint_.apiKey);
  }
  std::lock_guard lock(mutex_);
  Record& record = records_.at(id);
  record.generation = std::move(result);
  record.finished = true;
}

}  // namespace wstudio::forge::llm
