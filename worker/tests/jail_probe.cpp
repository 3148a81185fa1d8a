// A test's probe: started by sandbox_confinement_test under exactly the jail the plugin worker
// gets (jail::JailedProcess, same bubblewrap arguments), it confines itself as the worker does
// and then tries what an escaped plugin would try, reporting each attempt's errno (0 = it worked).
//   jail_probe run|compile|none DATA_FILE PORT     none: the namespaces and file view alone
//   jail_probe crash                               dies of SIGSEGV (how a crash is reported)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sched.h>
#include <string>

#include "jail/confinement.hpp"
#include "jail/worker_message.hpp"

namespace {

int attempt(bool succeeded) { return succeeded ? 0 : errno; }

int openFile(const char* path, int flags) {
  const int fd = ::open(path, flags, 0600);
  const int result = attempt(fd >= 0);
  if (fd >= 0) ::close(fd);
  return result;
}

int connectTo(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return errno;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int result = attempt(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  ::close(fd);
  return result;
}

// Starts /usr/bin/true in a child; 0 only if both the fork and the exec worked.
int runProgram() {
  const pid_t pid = ::fork();
  if (pid < 0) return errno;
  if (pid == 0) {
    char* argv[] = {const_cast<char*>("/usr/bin/true"), nullptr};
    ::execve(argv[0], argv, nullptr);
    ::_exit(100 + errno);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) >= 100 ? WEXITSTATUS(status) - 100 : 0;
}

uint64_t limit(int resource) {
  rlimit value{};
  ::getrlimit(resource, &value);
  return value.rlim_cur;
}

std::string effectiveCapabilities() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("CapEff:", 0) == 0) return line.substr(7);
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  using wstudio::host::jail::Profile;
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "crash") ::raise(SIGSEGV);
  if (argc != 4) return 2;
  if (mode != "none" && !wstudio::host::jail::confine(mode == "compile" ? Profile::Compile : Profile::Run)) return 3;
  const std::string dataFile = argv[2];
  const std::string dataFolder = dataFile.substr(0, dataFile.rfind('/'));
  const int port = std::stoi(argv[3]);

  nlohmann::json report;
  report["read the data file"] = openFile(dataFile.c_str(), O_RDONLY);
  report["list the data folder"] = openFile(dataFolder.c_str(), O_RDONLY | O_DIRECTORY);
  report["read /etc/passwd"] = openFile("/etc/passwd", O_RDONLY);
  report["list /root"] = openFile("/root", O_RDONLY | O_DIRECTORY);
  report["list /home"] = openFile("/home", O_RDONLY | O_DIRECTORY);
  report["write in /usr"] = openFile("/usr/probe-was-here", O_WRONLY | O_CREAT);
  report["write in /tmp"] = openFile("/tmp/probe-scratch", O_WRONLY | O_CREAT);
  report["connect to the test's port"] = connectTo(port);
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    report["open a unix socket"] = attempt(fd >= 0);
    if (fd >= 0) ::close(fd);
  }
  report["start a program"] = runProgram();
  report["ptrace"] = attempt(::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) == 0);
  report["mount"] = attempt(::mount("none", "/tmp", "tmpfs", 0, nullptr) == 0);
  report["new user namespace"] = attempt(::unshare(CLONE_NEWUSER) == 0);
  report["uid"] = ::getuid();
  report["capabilities"] = effectiveCapabilities();
  report["memory limit"] = limit(mode == "compile" ? RLIMIT_AS : RLIMIT_DATA);
  report["cpu limit"] = limit(RLIMIT_CPU);
  report["file size limit"] = limit(RLIMIT_FSIZE);
  return wstudio::host::jail::writeMessage(STDOUT_FILENO, {"result", report.dump(), {}}) ? 0 : 1;
}
