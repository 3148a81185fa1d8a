#include "jail/jailed_compile.hpp"

#include <nlohmann/json.hpp>

#include "jail/jail.hpp"

namespace wstudio::host::jail {

namespace {

// Stands in for a host callback in a request: only whether a binding is a callback shapes the
// translation; the callback itself runs where the module is instantiated.
int callbackMarker(void*, wsx_memory_view, const wsx_value*, wsx_value*) { return WSX_TRAP_HOST; }

}  // namespace

WorkerMessage compileRequestMessage(std::span<const uint8_t> wasm,
                                    const std::vector<sandbox::ImportBinding>& imports, sandbox::NativeCode code) {
  nlohmann::json bindings = nlohmann::json::array();
  for (const sandbox::ImportBinding& binding : imports) {
    bindings.push_back({{"module", binding.module},
                        {"field", binding.field},
                        {"cBody", binding.cBody},
                        {"callback", binding.callback != nullptr}});
  }
  nlohmann::json header{{"imports", bindings}};
  if (code == sandbox::NativeCode::QuickToBuild) header["code"] = "quick-to-build";
  return {"compile", header.dump(),
          {std::string(reinterpret_cast<const char*>(wasm.data()), wasm.size())}};
}

Result<CompileRequest> parseCompileRequest(const WorkerMessage& message) {
  if (message.type != "compile" || message.blobs.size() != 1) return fail("malformed compile request");
  const auto header = nlohmann::json::parse(message.header, nullptr, false);
  if (!header.is_object() || !header.contains("imports") || !header["imports"].is_array()) {
    return fail("malformed compile request");
  }
  CompileRequest request{message.blobs[0], {}, sandbox::NativeCode::Fast};
  if (header.contains("code")) {
    if (header["code"] != "quick-to-build") return fail("malformed compile request");
    request.code = sandbox::NativeCode::QuickToBuild;
  }
  for (const auto& entry : header["imports"]) {
    if (!entry.is_object() || !entry.value("module", nlohmann::json()).is_string() ||
        !entry.value("field", nlohmann::json()).is_string() ||
        !entry.value("cBody", nlohmann::json()).is_string() ||
        !entry.value("callback", nlohmann::json()).is_boolean()) {
      return fail("malformed compile request");
    }
    sandbox::ImportBinding binding{entry["module"], entry["field"], entry["cBody"], nullptr};
    if (entry["callback"].get<bool>()) binding.callback = callbackMarker;
    request.imports.push_back(std::move(binding));
  }
  return request;
}

WorkerMessage compiledMessage(std::string library) { return {"compiled", "{}", {std::move(library)}}; }

WorkerMessage errorMessage(const std::string& message) {
  return {"error", nlohmann::json{{"message", message}}.dump(), {}};
}

std::string errorOf(const WorkerMessage& message) {
  const auto header = nlohmann::json::parse(message.header, nullptr, false);
  if (message.type == "error" && header.is_object() && header.value("message", nlohmann::json()).is_string()) {
    return header["message"].get<std::string>();
  }
  return "the sandbox answered with a malformed message";
}

Result<std::string> compileInJail(std::span<const uint8_t> wasm,
                                  const std::vector<sandbox::ImportBinding>& imports, int64_t wallMs,
                                  sandbox::NativeCode code) {
  if (Status available = jailAvailable(); !available) return fail(available.error());
  auto program = workerProgram();
  if (!program) return fail(program.error());
  auto worker = JailedProcess::start(program.value(), {"compile"});
  if (!worker) return fail(worker.error());
  const int64_t deadline = monotonicMs() + wallMs;
  Result<WorkerMessage> answer = fail("");
  if (Status sent = worker.value()->send(compileRequestMessage(wasm, imports, code)); sent) {
    answer = worker.value()->receive(deadline);
  }
  if (!answer) {
    const bool timedOut = monotonicMs() >= deadline;
    const std::string ended = worker.value()->finish(true);
    if (timedOut) {
      return fail("compiling the module took longer than " + std::to_string(wallMs / 1000) +
                  " s: it is too large or too complex for this host");
    }
    return fail("the compiler's sandbox " + (ended.empty() ? std::string("stopped answering") : ended) +
                " while compiling the module");
  }
  worker.value()->finish(false);
  if (answer->type == "compiled" && answer->blobs.size() == 1) return std::move(answer->blobs[0]);
  return fail(errorOf(answer.value()));
}

}  // namespace wstudio::host::jail
