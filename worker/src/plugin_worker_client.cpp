// The parent's side of a run job: starts the run jail, hands it the plugin's files, compiles what
// it asks for (from the module cache, or in the compile jail), relays its progress and reads its
// answer, with a wall clock over all of it.
#include <nlohmann/json.hpp>

#include "jail/jail.hpp"
#include "jail/jailed_compile.hpp"
#include "sandbox/module_cache.hpp"
#include "worker_protocol.hpp"
#include "wstudio/worker/plugin_worker.hpp"

namespace wstudio::worker {

namespace {

using host::fail;
using host::jail::WorkerMessage;

// How long the plugin's own work may take in the run jail, besides compiles (each bounded by
// the compile jail): loading and describing it, or the quick or full conformance suite.
constexpr int64_t kInspectMs = 60'000;
constexpr int64_t kQuickValidateMs = 300'000;
constexpr int64_t kFullValidateMs = 1'800'000;

std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The worker's messages name its jail's folder; the caller knows the plugin by its own.
std::string shown(const PluginFiles& files, const std::string& message) {
  return replaceAll(message, kJailPluginFolder, files.shownFolder);
}

// The library for a module the worker asks for, from the cache or the compile jail.
WorkerMessage compileFor(const WorkerMessage& request, const WorkerOptions& options) {
  auto parsed = host::jail::parseCompileRequest(request);
  if (!parsed) return host::jail::errorMessage(parsed.error());
  host::sandbox::CompileOptions compile{options.cacheDir, std::move(parsed->imports), false,
                                          options.quickToBuildLibraries ? host::sandbox::NativeCode::QuickToBuild
                                                                        : host::sandbox::NativeCode::Fast};
  const auto* bytes = reinterpret_cast<const uint8_t*>(parsed->wasm.data());
  auto library = host::sandbox::obtainLibrary(std::span(bytes, parsed->wasm.size()), compile);
  if (!library) return host::jail::errorMessage(library.error());
  return host::jail::compiledMessage(std::move(library->bytes));
}

struct JobAnswer {
  InspectedPlugin plugin;
  std::string reportJson;
};

host::Result<JobAnswer> runInJail(const PluginFiles& files, const nlohmann::json& job, int64_t allowanceMs,
                                  const Progress& progress, const WorkerOptions& options) {
  if (host::Status available = host::jail::jailAvailable(); !available) {
    return fail("untrusted plugins are refused on this host: " + available.error());
  }
  auto program = host::jail::workerProgram();
  if (!program) return fail(program.error());
  auto started = host::jail::JailedProcess::start(program.value(), {"run"});
  if (!started) return fail(started.error());
  host::jail::JailedProcess& worker = *started.value();

  nlohmann::json header = job;
  header["entry"] = files.entry;
  header["files"] = nlohmann::json::array();
  WorkerMessage request{"run", "", {}};
  for (const auto& [name, bytes] : files.files) {
    header["files"].push_back(name);
    request.blobs.push_back(bytes);
  }
  request.header = header.dump();
  int64_t deadline = host::jail::monotonicMs() + allowanceMs;
  host::Status sent = worker.send(request);
  int compiles = 0;
  while (sent) {
    auto message = worker.receive(deadline);
    if (!message) break;
    if (message->type == "progress") {
      const auto p = nlohmann::json::parse(message->header, nullptr, false);
      if (progress && p.is_object() && p.value("title", nlohmann::json()).is_string()) {
        progress(p["title"].get<std::string>(), p.value("index", 0), p.value("count", 0));
      }
    } else if (message->type == "compile" && ++compiles <= kMaxCompiles) {
      sent = worker.send(compileFor(message.value(), options));
      // The compile had its own wall clock: after one, the plugin has at least half its allowance.
      deadline = std::max(deadline, host::jail::monotonicMs() + allowanceMs / 2);
    } else if (message->type == "error") {
      worker.finish(false);
      return fail(shown(files, host::jail::errorOf(message.value())));
    } else if (message->type == "result") {
      worker.finish(false);
      const auto result = nlohmann::json::parse(message->header, nullptr, false);
      if (!result.is_object() || !result.value("descriptor", nlohmann::json()).is_string() ||
          !result.value("format", nlohmann::json()).is_string()) {
        return fail("the plugin's sandbox answered with a malformed result");
      }
      auto descriptor = host::parseDescriptor(result["descriptor"].get<std::string>());
      if (!descriptor) return fail("the plugin's sandbox answered with a malformed descriptor: " + descriptor.error());
      JobAnswer answer{{std::move(descriptor.value()), result["format"].get<std::string>(), {}, {}}, {}};
      if (result.value("manifest", nlohmann::json()).is_string()) answer.plugin.manifest = result["manifest"];
      if (result.value("manifestProblem", nlohmann::json()).is_string()) {
        answer.plugin.manifestProblem = shown(files, result["manifestProblem"].get<std::string>());
      }
      if (result.value("report", nlohmann::json()).is_string()) answer.reportJson = result["report"];
      return answer;
    } else {
      break;  // a message out of turn: the worker is confused or hostile
    }
  }
  const bool timedOut = host::jail::monotonicMs() >= deadline;
  const std::string ended = worker.finish(true);
  if (timedOut) {
    return fail("the plugin did not finish in its sandbox within " + std::to_string(allowanceMs / 1000) +
                " s (does it loop forever?)");
  }
  return fail("the plugin crashed its sandbox (the sandbox " + (ended.empty() ? std::string("stopped answering") : ended) + ")");
}

}  // namespace

host::Result<InspectedPlugin> inspectPlugin(const PluginFiles& files, const WorkerOptions& options) {
  auto answer = runInJail(files, {{"op", "inspect"}}, kInspectMs, {}, options);
  if (!answer) return fail(answer.error());
  return std::move(answer->plugin);
}

host::Result<ValidatedPlugin> validatePlugin(const PluginFiles& files, bool quick, const Progress& progress,
                                             const WorkerOptions& options) {
  auto answer = runInJail(files, {{"op", "validate"}, {"quick", quick}},
                          quick ? kQuickValidateMs : kFullValidateMs, progress, options);
  if (!answer) return fail(answer.error());
  ValidatedPlugin validated{std::move(answer->plugin), {}};
  if (!conformance::fromJson(answer->reportJson, validated.report)) {
    return fail("the plugin's sandbox answered with a malformed conformance report");
  }
  return validated;
}

}  // namespace wstudio::worker
