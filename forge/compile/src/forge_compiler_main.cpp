// wstudio-forge-compiler: the program inside the Forge's compile jail (forge/README.md, FC-1..5, 12-14).
//   wstudio-forge-compiler cpp    compile one C++ source read from stdin to a .wasm (or, asked
//                                 for it, precompile the SDK's prelude)
//   wstudio-forge-compiler faust  the same for a Faust program: Faust's C++ with the Forge's
//                                 architecture, its description as the parameter table, then clang
// Started by the service (jailed_cpp_compile.cpp) inside the plugin sandbox's bubblewrap jail. It
// confines itself (seccomp, rlimits) before it reads a byte, lowers the limits to the job's,
// writes the SDK and the source into the jail's private /tmp, runs clang++ with the fixed command
// line and answers with what the compiler did. Run by hand it does nothing useful.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "compile_messages.hpp"
#include "jail/confinement.hpp"
#include "jail/worker_message.hpp"
#include "wstudio/forge/faust_description.hpp"
#include "wstudio/forge/faust_guards.hpp"
#include "wstudio/forge/faust_toolchain.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wstudio;
using host::jail::WorkerMessage;

// Lowers a limit the confinement profile set (raising it again is impossible: no privileges).
bool lower(int resource, uint64_t soft, uint64_t hard) {
  rlimit current{};
  if (::getrlimit(resource, &current) != 0) return false;
  const rlimit limit{std::min<rlim_t>(soft, current.rlim_max), std::min<rlim_t>(hard, current.rlim_max)};
  return ::setrlimit(resource, &limit) == 0;
}

bool writeFile(const fs::path& path, std::string_view bytes) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out.flush());
}

// A header clang reads: written with the fixed time a precompiled prelude expects (FC-14).
bool writeHeader(const fs::path& path, std::string_view bytes) {
  if (!writeFile(path, bytes)) return false;
  const timespec times[2] = {{forge::kJailFileTime, 0}, {forge::kJailFileTime, 0}};
  return ::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0;
}

std::string readFile(const fs::path& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  char buffer[16384];
  while (in && bytes.size() <= limit) {
    in.read(buffer, sizeof buffer);
    bytes.append(buffer, static_cast<size_t>(in.gcount()));
  }
  return bytes;
}

// Runs a program of the toolchain in `cwd`, its stdout and stderr into one bounded buffer.
forge::CompilerRun runTool(std::vector<std::string> argv, const char* cwd) {
  forge::CompilerRun run;
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  char path[] = "PATH=/usr/bin";
  char lang[] = "LC_ALL=C";
  char tmp[] = "TMPDIR=/tmp";
  char* env[] = {path, lang, tmp, nullptr};
  int output[2];
  if (::pipe2(output, O_CLOEXEC) != 0) {
    run.output = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd) != 0) ::_exit(126);
    ::dup2(output[1], STDOUT_FILENO);
    ::dup2(output[1], STDERR_FILENO);
    ::execve(pointers[0], pointers.data(), env);
    ::_exit(127);
  }
  ::close(output[1]);
  if (pid < 0) {
    ::close(output[0]);
    run.output = std::string("fork: ") + std::strerror(errno);
    return run;
  }
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(output[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const size_t room = forge::kMaxCompilerOutput - run.output.size();
    run.output.append(buffer, std::min<size_t>(room, static_cast<size_t>(n)));
    if (static_cast<size_t>(n) > room) run.outputCut = true;  // keep draining: the compiler must not block
  }
  ::close(output[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) run.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  return run;
}

// Faust's poly `effect` of a program without inputs: its class, through the same output guard,
// as the header the architecture includes, and its controls and channels in the description. A
// run to answer with when a step refused.
std::optional<forge::CompilerRun> effectToCpp(forge::FaustDescription& description) {
  std::error_code error;
  fs::create_directories(fs::path(forge::kJailEffectDir), error);
  forge::CompilerRun faust = runTool(forge::faustEffectCommandLine(), std::string(forge::kJailDspDir).c_str());
  faust.stage = "faust";
  if (faust.exitCode != 0) return faust;  // its errors are on plugin.dsp, at their lines
  forge::CompilerRun refused;
  refused.stage = "describe";
  refused.exitCode = 1;
  const fs::path dir(forge::kJailEffectDir);
  if (auto added = forge::addFaustEffect(description, readFile(dir / forge::kFaustJsonName, size_t{16} << 20)); !added) {
    refused.output = added.error();
    return refused;
  }
  const std::string cpp = readFile(dir / forge::kEffectCppName, size_t{64} << 20);
  if (std::string why = forge::checkGeneratedCpp(cpp); !why.empty()) {
    refused.output = "effect: " + why;
    return refused;
  }
  if (!writeFile(fs::path(forge::kJailSourceDir) / forge::kFaustEffectName, cpp)) {
    refused.output = "cannot write the effect's class";
    return refused;
  }
  return std::nullopt;
}

// Faust's C++ for the program (already in kJailDspDir), and the header of its parameters beside
// it: a run to answer with when a step refused, nothing when clang may go on. `effect` is compiled
// only for a program without inputs (Faust's poly convention: after the voices); in an effect it
// means nothing, as in Faust's own poly architectures.
std::optional<forge::CompilerRun> faustToCpp(std::string_view source) {
  forge::CompilerRun faust = runTool(forge::faustCommandLine(), std::string(forge::kJailDspDir).c_str());
  faust.stage = "faust";
  if (faust.exitCode != 0) return faust;
  forge::CompilerRun refused;
  refused.stage = "describe";
  refused.exitCode = 1;
  const fs::path json = fs::path(forge::kJailSourceDir) / forge::kFaustJsonName;
  auto description = forge::describeFaust(readFile(json, size_t{16} << 20));
  if (!description) {
    refused.output = description.error();
    return refused;
  }
  if (description->kind != forge::FaustKind::Effect && forge::definesEffect(source) > 0) {
    if (std::optional<forge::CompilerRun> stopped = effectToCpp(description.value())) return stopped;
  }
  if (!writeFile(fs::path(forge::kJailSourceDir) / forge::kFaustDescriptionName,
                 forge::descriptionHeader(description.value()))) {
    refused.output = "cannot write the plugin's description";
    return refused;
  }
  const std::string cpp = readFile(fs::path(forge::kJailSourceDir) / forge::kCppSourceName, size_t{64} << 20);
  if (std::string why = forge::checkGeneratedCpp(cpp); !why.empty()) {
    refused.output = why;
    return refused;
  }
  return std::nullopt;
}

int compile(const char* language) {
  auto message = host::jail::readMessage(STDIN_FILENO);
  if (!message) return 2;
  auto job = forge::parseCompileJob(message.value());
  if (!job || job->language != language) return 2;
  const auto answerError = [](const std::string& text) {
    return host::jail::writeMessage(STDOUT_FILENO, {"error", "{\"message\":\"" + text + "\"}", {}}) ? 0 : 1;
  };
  if (job->source.size() > forge::kMaxSourceBytes) return answerError("the source is too large");
  // Our own files first (the SDK, the prelude, the architecture, the bounded source): the output
  // limit below is for what the tools write.
  for (const forge::SdkFile& file : forge::sdkFiles()) {
    if (!writeHeader(fs::path(forge::kJailSdkDir) / file.path, file.bytes)) return answerError("cannot write the SDK");
  }
  const fs::path preludeDir(forge::kJailPreludeDir);
  const bool withPrelude = job->prelude || !job->precompiledPrelude.empty();
  if (withPrelude && !writeHeader(preludeDir / forge::kPreludeHeaderName, forge::preludeHeader())) {
    return answerError("cannot write the prelude");
  }
  if (!job->precompiledPrelude.empty() && !writeFile(preludeDir / forge::kPreludePchName, job->precompiledPrelude)) {
    return answerError("cannot write the prelude");
  }
  std::error_code error;
  fs::create_directories(fs::path(forge::kJailOutput).parent_path(), error);
  fs::create_directories(fs::path(forge::kJailSourceDir), error);
  const bool faust = job->language == "faust";
  bool written = true;  // a prelude job has no source
  if (faust) {
    written = writeFile(fs::path(forge::kJailFaustArch), forge::faustArchitecture()) &&
              writeFile(fs::path(forge::kJailDspDir) / forge::kFaustSourceName, job->source);
  } else if (!job->prelude) {
    written = writeFile(fs::path(forge::kJailSourceDir) / forge::kCppSourceName, job->source);
  }
  if (!written) return answerError("cannot write the source");
  // SIGXCPU at the soft limit (the compiler dies of it: "CPU time"), SIGKILL 2 s later at the hard one.
  if (!lower(RLIMIT_CPU, job->limits.cpuSeconds, job->limits.cpuSeconds + 2) ||
      !lower(RLIMIT_AS, job->limits.memoryBytes, job->limits.memoryBytes) ||
      !lower(RLIMIT_FSIZE, job->limits.outputBytes, job->limits.outputBytes)) {
    return answerError("cannot set the compile's limits");
  }
  if (faust) {
    if (std::optional<forge::CompilerRun> stopped = faustToCpp(job->source)) {
      return host::jail::writeMessage(STDOUT_FILENO, forge::compilerRunMessage(*stopped)) ? 0 : 1;
    }
  }
  forge::CompilerRun run =
      runTool(job->prelude ? forge::preludeCommandLine() : forge::cppCommandLine(withPrelude), "/tmp");
  if (run.exitCode == 0) {
    const fs::path product = job->prelude ? preludeDir / forge::kPreludePchName : fs::path(forge::kJailOutput);
    std::ifstream in(product, std::ios::binary);
    run.wasm.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return host::jail::writeMessage(STDOUT_FILENO, forge::compilerRunMessage(run)) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || (std::strcmp(argv[1], "cpp") != 0 && std::strcmp(argv[1], "faust") != 0)) {
    static const char usage[] = "wstudio-forge-compiler: started by WASM Studio inside its compile sandbox\n";
    (void)!::write(STDERR_FILENO, usage, sizeof usage - 1);
    return 2;
  }
  if (!wstudio::host::jail::confine(wstudio::host::jail::Profile::Compile)) return 3;
  return compile(argv[1]);
}
