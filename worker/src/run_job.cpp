#include "run_job.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "jail/jailed_compile.hpp"
#include "jail/worker_message.hpp"
#include "sandbox/module_cache.hpp"
#include "vaist/vaist_manifest.hpp"
#include "worker_protocol.hpp"
#include "wstudio/conformance/suite.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::worker {

namespace {

using host::jail::WorkerMessage;

bool safeName(const std::string& name) {
  return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
         name.find('/') == std::string::npos && name.find('\0') == std::string::npos;
}

host::Status writeFiles(const nlohmann::json& names, const std::vector<std::string>& blobs) {
  if (!names.is_array() || names.size() != blobs.size()) return host::fail("malformed job");
  if (::mkdir(kJailPluginFolder, 0700) != 0) return host::fail("cannot create the plugin folder");
  for (size_t i = 0; i < blobs.size(); ++i) {
    if (!names[i].is_string() || !safeName(names[i].get<std::string>())) return host::fail("malformed job");
    const std::string path = kJailPluginFolder + names[i].get<std::string>();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return host::fail("cannot write the plugin's files");
    std::string_view rest = blobs[i];
    while (!rest.empty()) {
      const ssize_t n = ::write(fd, rest.data(), rest.size());
      if (n <= 0) break;
      rest.remove_prefix(static_cast<size_t>(n));
    }
    ::close(fd);
    if (!rest.empty()) return host::fail("cannot write the plugin's files");
  }
  return host::Ok{};
}

// Libraries come from the parent: this jail can start no compiler and holds no cache.
void askParentForLibraries(int in, int out) {
  host::sandbox::setLibraryProvider(
      [in, out, asked = 0](std::span<const uint8_t> wasm,
                           const std::vector<host::sandbox::ImportBinding>& imports) mutable
      -> host::Result<std::string> {
        if (++asked > kMaxCompiles) return host::fail("too many modules to compile");
        if (host::Status sent = host::jail::writeMessage(out, host::jail::compileRequestMessage(wasm, imports));
            !sent) {
          return host::fail(sent.error());
        }
        auto answer = host::jail::readMessage(in);
        if (!answer) return host::fail(answer.error());
        if (answer->type == "compiled" && answer->blobs.size() == 1) return std::move(answer->blobs[0]);
        return host::fail(host::jail::errorOf(answer.value()));
      });
}

int answerError(int out, const std::string& message) {
  return host::jail::writeMessage(out, host::jail::errorMessage(message)) ? 0 : 1;
}

}  // namespace

int runJob(int in, int out) {
  auto job = host::jail::readMessage(in);
  if (!job || job->type != "run") return 2;
  const auto header = nlohmann::json::parse(job->header, nullptr, false);
  if (!header.is_object() || !header.value("op", nlohmann::json()).is_string() ||
      !header.value("entry", nlohmann::json()).is_string()) {
    return 2;
  }
  const std::string op = header["op"];
  const std::string entry = header["entry"];
  if ((op != "inspect" && op != "validate") || (entry != "." && !safeName(entry))) return 2;
  if (host::Status written = writeFiles(header.value("files", nlohmann::json()), job->blobs); !written) {
    return answerError(out, written.error());
  }
  askParentForLibraries(in, out);

  const std::string path = entry == "." ? std::string(kJailPluginFolder) : kJailPluginFolder + entry;
  host::LoadOptions options;
  auto module = host::loadPlugin(path, options);
  if (!module) return answerError(out, module.error());
  nlohmann::json result = {{"descriptor", host::toJson(module.value()->descriptor())},
                           {"format", std::string(host::formatLabel(*module.value()))}};
  // What a browser needs to drive a vAIst module, worked out here, where the glue is read.
  if (module.value()->format() == session::PluginFormat::vaist) {
    auto manifest = host::vaist::readVaistManifest(path);
    if (manifest) {
      result["manifest"] = std::move(manifest.value());
    } else {
      result["manifestProblem"] = manifest.error();
    }
  }
  if (op == "validate") {
    // Instances sharing one module instance let the suite see static singletons and leaks (ABI-7).
    options.shareModuleInstance = true;
    auto shared = host::loadPlugin(path, options);
    conformance::SuiteOptions suite;
    suite.quick = header.value("quick", false);
    suite.progress = [out](std::string_view title, int index, int count) {
      const nlohmann::json progress = {{"title", title}, {"index", index}, {"count", count}};
      (void)host::jail::writeMessage(out, {"progress", progress.dump(), {}});
    };
    const conformance::Report report =
        conformance::runSuite({module.value(), shared ? shared.value() : nullptr}, suite);
    result["report"] = conformance::toJson(report);
  }
  return host::jail::writeMessage(out, {"result", result.dump(), {}}) ? 0 : 1;
}

}  // namespace wstudio::worker
