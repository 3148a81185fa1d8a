#include "compile_messages.hpp"

#include <nlohmann/json.hpp>

namespace wstudio::forge {

using host::fail;
using host::jail::WorkerMessage;
using Json = nlohmann::json;

namespace {

std::string limitsHeader(const CompileLimits& limits) {
  const Json header{{"cpuSeconds", limits.cpuSeconds},
                    {"memoryBytes", limits.memoryBytes},
                    {"outputBytes", limits.outputBytes}};
  return header.dump();
}

}  // namespace

WorkerMessage compileJobMessage(std::string_view language, std::string_view source, const CompileLimits& limits,
                                const std::string* precompiledPrelude) {
  WorkerMessage message{"compile-" + std::string(language), limitsHeader(limits), {std::string(source)}};
  if (precompiledPrelude != nullptr) message.blobs.push_back(*precompiledPrelude);
  return message;
}

WorkerMessage preludeJobMessage(const CompileLimits& limits) { return {"compile-prelude", limitsHeader(limits), {}}; }

host::Result<CompileJob> parseCompileJob(const WorkerMessage& message) {
  const Json header = Json::parse(message.header, nullptr, false);
  const bool cpp = message.type == "compile-cpp" && (message.blobs.size() == 1 || message.blobs.size() == 2);
  const bool faust = message.type == "compile-faust" && message.blobs.size() == 1;
  const bool prelude = message.type == "compile-prelude" && message.blobs.empty();
  if (!(cpp || faust || prelude) || !header.is_object()) return fail("malformed compile request");
  for (const char* key : {"cpuSeconds", "memoryBytes", "outputBytes"}) {
    if (!header.contains(key) || !header[key].is_number_unsigned()) return fail("malformed compile request");
  }
  CompileJob job;
  job.language = faust ? "faust" : "cpp";
  job.prelude = prelude;
  if (!prelude) job.source = message.blobs[0];
  if (message.blobs.size() == 2) job.precompiledPrelude = message.blobs[1];
  job.limits.cpuSeconds = header["cpuSeconds"];
  job.limits.memoryBytes = header["memoryBytes"];
  job.limits.outputBytes = header["outputBytes"];
  return job;
}

WorkerMessage compilerRunMessage(const CompilerRun& run) {
  const Json header{{"stage", run.stage}, {"exit", run.exitCode}, {"signal", run.signal}, {"output", run.output}, {"outputCut", run.outputCut}};
  // The output may quote any bytes of the source: invalid UTF-8 becomes U+FFFD.
  WorkerMessage message{"ran", header.dump(-1, ' ', false, Json::error_handler_t::replace), {}};
  if (!run.wasm.empty()) message.blobs.push_back(run.wasm);
  return message;
}

host::Result<CompilerRun> parseCompilerRun(const WorkerMessage& message) {
  const Json header = Json::parse(message.header, nullptr, false);
  if (message.type == "error" && header.is_object() && header.value("message", Json()).is_string()) {
    return fail(header["message"].get<std::string>());
  }
  if (message.type != "ran" || message.blobs.size() > 1 || !header.is_object() ||
      !header.value("exit", Json()).is_number_integer() || !header.value("signal", Json()).is_number_integer() ||
      !header.value("output", Json()).is_string() || !header.value("outputCut", Json()).is_boolean() ||
      !header.value("stage", Json()).is_string()) {
    return fail("the compiler's sandbox answered with a malformed message");
  }
  CompilerRun run;
  run.stage = header["stage"].get<std::string>();
  run.exitCode = header["exit"];
  run.signal = header["signal"];
  run.output = header["output"].get<std::string>().substr(0, kMaxCompilerOutput);
  run.outputCut = header["outputCut"];
  if (!message.blobs.empty()) run.wasm = message.blobs[0];
  return run;
}

}  // namespace wstudio::forge
