#include "jail/jail.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace wstudio::host::jail {

namespace fs = std::filesystem;

namespace {

constexpr const char* kWorkerName = "wstudio-plugin-worker";
constexpr const char* kJailProgramDir = "/run/wstudio";
constexpr uid_t kNobody = 65534;
// The worker program reaches bubblewrap as this descriptor and is copied into the jail
// (--ro-bind-data): the jail's user needs no access to the folder it is installed in.
constexpr int kProgramFd = 10;

fs::path selfDirectory() {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return {};
  return fs::path(std::string(buffer, static_cast<size_t>(n))).parent_path();
}

bool executable(const fs::path& file) {
  struct stat info {};
  return ::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(file.c_str(), X_OK) == 0;
}

// A top-level folder of a merged-/usr system is a symlink into /usr: the jail gets the same link.
void addSystemFolder(std::vector<std::string>& args, const char* folder) {
  std::error_code error;
  const fs::path path(folder);
  if (fs::is_symlink(path, error)) {
    args.insert(args.end(), {"--symlink", fs::read_symlink(path, error).string(), folder});
  } else if (fs::is_directory(path, error)) {
    args.insert(args.end(), {"--ro-bind", folder, folder});
  }
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<fs::path> findJailProgram(const char* envVar, const char* name, std::string_view what) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv(envVar); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else {
    const fs::path self = selfDirectory();
    candidates.push_back(self / name);
    candidates.push_back(self.parent_path() / "libexec" / "wasm-studio" / name);
  }
  std::string looked;
  for (const fs::path& candidate : candidates) {
    if (executable(candidate)) return fs::absolute(candidate);
    looked += "\n    " + candidate.string();
  }
  return fail(std::string(what) + " " + name + " was not found (looked for" + looked +
              ")\n  Install it beside this program, or set " + envVar + " to its path");
}

Result<fs::path> workerProgram() {
  return findJailProgram("WSTUDIO_PLUGIN_WORKER", kWorkerName, "the plugin sandbox's worker program");
}

std::vector<std::string> jailCommand(const fs::path& program, const std::vector<std::string>& args) {
  const std::string inside = std::string(kJailProgramDir) + "/" + program.filename().string();
  std::vector<std::string> argv = {"bwrap",         "--unshare-all",   "--unshare-user",
                                   "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                                   "--uid",         "65534",           "--gid",   "65534",
                                   "--hostname",    "sandbox",         "--ro-bind", "/usr", "/usr"};
  for (const char* folder : {"/bin", "/sbin", "/lib", "/lib32", "/lib64"}) addSystemFolder(argv, folder);
  // The C compiler's driver is found through Debian's alternatives (cc -> /etc/alternatives/cc),
  // and the loader's cache speeds up every program start; nothing else of /etc is visible.
  argv.insert(argv.end(), {"--ro-bind-try", "/etc/alternatives", "/etc/alternatives",
                           "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                           "--perms", "0555", "--ro-bind-data", std::to_string(kProgramFd), inside,
                           "--chdir", "/tmp",
                           "--clearenv", "--setenv", "PATH", "/usr/bin", "--setenv", "TMPDIR", "/tmp",
                           "--setenv", "LC_ALL", "C", "--", inside});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

Status jailAvailable() {
  static std::once_flag once;
  static Status status = Ok{};
  std::call_once(once, [] {
    if (::access("/usr/bin/bwrap", X_OK) != 0) {
      status = fail("the plugin sandbox needs bubblewrap, which is not installed "
                    "(apt-get install bubblewrap)");
      return;
    }
    auto probe = JailedProcess::start("/usr/bin/true", {});
    if (!probe) {
      status = fail(probe.error());
      return;
    }
    const std::string outcome = probe.value()->finish(false);
    if (!outcome.empty()) {
      status = fail("the plugin sandbox cannot be set up on this host: bubblewrap " + outcome +
                    ". It needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 "
                    "and user.max_user_namespaces > 0; inside a container, allow them)");
    }
  });
  return status;
}

Result<std::unique_ptr<JailedProcess>> JailedProcess::start(const fs::path& program,
                                                            const std::vector<std::string>& args) {
  const int programFd = ::open(program.c_str(), O_RDONLY | O_CLOEXEC);
  if (programFd < 0) {
    return fail("cannot open the sandbox's program " + program.filename().string() + ": " +
                std::strerror(errno));
  }
  std::vector<std::string> argv = jailCommand(program, args);
  std::vector<char*> argvPointers = pointers(argv);
  std::vector<std::string> env = {"PATH=/usr/bin:/bin"};
  std::vector<char*> envPointers = pointers(env);
  int input[2];
  int output[2];
  if (::pipe2(input, O_CLOEXEC) != 0) {
    ::close(programFd);
    return fail(std::string("pipe: ") + std::strerror(errno));
  }
  if (::pipe2(output, O_CLOEXEC) != 0) {
    for (int fd : {input[0], input[1], programFd}) ::close(fd);
    return fail(std::string("pipe: ") + std::strerror(errno));
  }
  const bool root = ::geteuid() == 0;
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec (the parent may be multithreaded).
    ::dup2(input[0], STDIN_FILENO);
    ::dup2(output[1], STDOUT_FILENO);
    if (programFd == kProgramFd) {
      ::fcntl(kProgramFd, F_SETFD, 0);
    } else {
      ::dup2(programFd, kProgramFd);
    }
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    ::setpgid(0, 0);
    if (root && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) {
      ::_exit(126);
    }
    ::execve("/usr/bin/bwrap", argvPointers.data(), envPointers.data());
    ::_exit(127);
  }
  ::close(input[0]);
  ::close(output[1]);
  ::close(programFd);
  if (pid < 0) {
    ::close(input[1]);
    ::close(output[0]);
    return fail(std::string("cannot start the sandbox: ") + std::strerror(errno));
  }
  return std::unique_ptr<JailedProcess>(new JailedProcess(pid, input[1], output[0]));
}

JailedProcess::JailedProcess(pid_t pid, int toWorker, int fromWorker)
    : pid_(pid), toWorker_(toWorker), fromWorker_(fromWorker) {
  // A worker that dies mid-message must not kill the parent with SIGPIPE.
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

JailedProcess::~JailedProcess() {
  if (!reaped_) finish(true);
}

Status JailedProcess::send(const WorkerMessage& message) { return writeMessage(toWorker_, message); }

Result<WorkerMessage> JailedProcess::receive(int64_t deadlineMs) {
  return readMessage(fromWorker_, deadlineMs);
}

std::string JailedProcess::finish(bool kill) {
  if (reaped_) return {};
  if (toWorker_ >= 0) ::close(toWorker_);
  if (fromWorker_ >= 0) ::close(fromWorker_);
  toWorker_ = fromWorker_ = -1;
  // bwrap's child dies with it (--die-with-parent); the process group catches anything else.
  if (kill) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    if (code == 0) return {};
    // bubblewrap reports a child killed by signal N as exit status 128 + N.
    if (code > 128 && code < 128 + 65) return "was killed by signal " + std::to_string(code - 128);
    return "exited with status " + std::to_string(code);
  }
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended abnormally";
}

}  // namespace wstudio::host::jail
