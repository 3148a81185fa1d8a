#include "sandbox/child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <fstream>

extern char** environ;

namespace wstudio::host::sandbox {

namespace {

// The first lines of the tool's complaint: enough to see what went wrong, not a whole log.
std::string head(const std::filesystem::path& file, size_t maxLines) {
  std::ifstream in(file);
  std::string line;
  std::string text;
  for (size_t n = 0; n < maxLines && std::getline(in, line); ++n) text += line + "\n";
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

ToolOutcome runToolOutcome(const std::vector<std::string>& argv, const std::filesystem::path& stderrFile) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderrFile.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ToolOutcome outcome;
  if (spawned != 0) {
    outcome.status = "cannot run " + argv[0] + ": " + std::strerror(spawned) + " (is it installed?)";
    return outcome;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      outcome.status = "waiting for " + argv[0] + ": " + std::strerror(errno);
      return outcome;
    }
  }
  outcome.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (WIFEXITED(status)) outcome.status = "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
    outcome.status = "signal " + std::to_string(outcome.signal);
  }
  outcome.log = head(stderrFile, 12);
  return outcome;
}

Status runTool(const std::vector<std::string>& argv, const std::filesystem::path& stderrFile) {
  const ToolOutcome outcome = runToolOutcome(argv, stderrFile);
  if (outcome.ok) return Ok{};
  std::string message = argv[0] + " failed (" + outcome.status + ")";
  if (!outcome.log.empty()) message += ": " + outcome.log;
  return fail(message);
}

}  // namespace wstudio::host::sandbox
