// A worker process in a jail: bubblewrap gives it new user, PID, network, IPC, UTS and cgroup
// namespaces, a new session, no capabilities, an empty environment and a file view of only
// /usr (read-only), a private /tmp, a minimal /dev and its own /proc, plus the worker program
// itself; no home, no data folder, no cache, no secrets. The worker confines itself further
// (confinement.hpp) before it reads anything. When the parent runs as root, the jail is started
// as the unprivileged user nobody, so even an escape from every namespace owns nothing.
// The parent talks to it over its stdin/stdout (worker_message.hpp) and kills it at a deadline.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jail/worker_message.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::jail {

// A program of ours that runs in the jail: $<envVar>, else <name> beside the running executable,
// else ../libexec/wasm-studio/<name> from it. The error calls it `what`, says where it looked and
// how to point at it.
Result<std::filesystem::path> findJailProgram(const char* envVar, const char* name, std::string_view what);

// The plugin sandbox's worker program (findJailProgram with $WSTUDIO_PLUGIN_WORKER,
// wstudio-plugin-worker).
Result<std::filesystem::path> workerProgram();

// Whether this host can build the jail, tried once per process by starting a trivial jailed
// program. Error names what is missing (bubblewrap, user namespaces) and what to do.
Status jailAvailable();

// bubblewrap's arguments for running `program args...` jailed (the program bound read-only at
// /run/wstudio/<its file name>). Exposed so a test can run its own probe under exactly the jail
// the worker gets.
std::vector<std::string> jailCommand(const std::filesystem::path& program,
                                     const std::vector<std::string>& args);

class JailedProcess {
 public:
  // Starts `program args...` in the jail with pipes on its stdin and stdout; its stderr is
  // discarded (a worker reports through messages).
  static Result<std::unique_ptr<JailedProcess>> start(const std::filesystem::path& program,
                                                      const std::vector<std::string>& args);
  ~JailedProcess();  // kills and reaps the jail if it still runs
  JailedProcess(const JailedProcess&) = delete;
  JailedProcess& operator=(const JailedProcess&) = delete;

  Status send(const WorkerMessage& message);
  // The next message, or an error once the deadline (monotonicMs() based) passes or the worker
  // is gone; then finish() says why.
  Result<WorkerMessage> receive(int64_t deadlineMs);

  // Closes the pipes, kills the jail if `kill`, waits for it. Returns an empty string when it
  // exited with status 0, else what happened ("exited with status 3", "killed by signal 11").
  std::string finish(bool kill);

 private:
  JailedProcess(pid_t pid, int toWorker, int fromWorker);
  pid_t pid_;
  int toWorker_;
  int fromWorker_;
  bool reaped_ = false;
};

}  // namespace wstudio::host::jail
