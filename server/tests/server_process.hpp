// Starts the real `vaist serve` on a free loopback port with a fresh data folder, and stops it
// (SIGTERM, or SIGKILL to simulate a crash). Restarting on the same folder keeps the data.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wstudio::server::test {

// Every file under a server's data folder `dir`, relative to it, sorted, except the entries of
// the compiled-module cache (which refused uploads may leave: verified compiles, not data).
std::vector<std::string> dataFiles(const std::filesystem::path& dir);
// Runs `sql` on the database of a stopped server's data folder `dir` (a test that undoes
// migrations to stand for an older server's data); an empty answer, or SQLite's error.
std::string runSql(const std::filesystem::path& dir, const std::string& sql);

class ServerProcess {
 public:
  // A new data folder under the test scratch directory, named after the running test.
  ServerProcess();
  explicit ServerProcess(std::filesystem::path dataDir, std::string extraArgs = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void start();
  // SIGTERM and wait; returns the exit status (0 after a graceful stop).
  int stop();
  // SIGKILL: no chance to finish anything.
  void kill();

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& dataDir() const { return dataDir_; }
  // Everything the server wrote to stderr so far (structured logs).
  std::string log() const;

 private:
  std::filesystem::path dataDir_;
  std::string extraArgs_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace wstudio::server::test
