// Runs the real `vaist` binary for the CLI tests: exit status, stdout, and stderr (through a
// file, so a command that fills both pipes cannot deadlock). The module cache is the tests' own.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace vaist_test {

struct VaistRun {
  int status = -1;  // the exit code, or -1 if the process did not exit normally
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs shell text `command` whose stderr it sends to errFile (the command ends with 2>errFile):
// its exit status, its stdout, and the stderr read back from the file, which is then removed.
inline VaistRun runShell(const std::string& command, const std::filesystem::path& errFile) {
  VaistRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(errFile);
  std::filesystem::remove(errFile);
  return run;
}

// `vaist ARGS` (ARGS is shell text: quote paths), with stderr kept in errFile until read.
inline VaistRun runVaist(const std::string& args, const std::filesystem::path& errFile) {
  std::string command = "WSTUDIO_CACHE_DIR='";
  command += VAIST_TEST_CACHE_DIR;
  command += "' '";
  command += VAIST_BINARY;
  command += "' " + args + " 2>'" + errFile.string() + "'";
  return runShell(command, errFile);
}

}  // namespace vaist_test
