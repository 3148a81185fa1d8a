#include "compile_job.hpp"

#include <stdlib.h>

#include <filesystem>
#include <span>

#include "jail/jailed_compile.hpp"
#include "jail/worker_message.hpp"
#include "sandbox/module_compiler.hpp"

namespace wstudio::worker {

int compileJob(int in, int out) {
  auto message = host::jail::readMessage(in);
  if (!message) return 2;
  auto request = host::jail::parseCompileRequest(message.value());
  if (!request) return 2;
  char work[] = "/tmp/compile-XXXXXX";  // the jail's private /tmp: gone with the jail
  if (::mkdtemp(work) == nullptr) {
    return host::jail::writeMessage(out, host::jail::errorMessage("cannot create a work folder")) ? 0 : 1;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(request->wasm.data());
  auto library = host::sandbox::compileLibrary(std::span(bytes, request->wasm.size()), request->imports, work, request->code);
  std::error_code error;
  std::filesystem::remove_all(work, error);
  const host::jail::WorkerMessage answer = library ? host::jail::compiledMessage(std::move(library.value()))
                                                   : host::jail::errorMessage(library.error());
  return host::jail::writeMessage(out, answer) ? 0 : 1;
}

}  // namespace wstudio::worker
