#include "server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace wstudio::server::test {

namespace fs = std::filesystem;

namespace {

fs::path freshDataDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info != nullptr
                         ? std::string(info->test_suite_name()) + "." + info->name()
                         : "server";
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  const fs::path dir = fs::path(WSTUDIO_SERVER_TEST_SCRATCH) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

ServerProcess::ServerProcess() : ServerProcess(freshDataDir()) {}

ServerProcess::ServerProcess(fs::path dataDir, std::string extraArgs)
    : dataDir_(std::move(dataDir)), extraArgs_(std::move(extraArgs)) {
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

void ServerProcess::start() {
  fs::create_directories(dataDir_);
  const fs::path portFile = dataDir_ / "stdout.txt";
  fs::remove(portFile);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a test killed by its timeout takes its server along
    const int out = ::open(portFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open((dataDir_ / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    // WSTUDIO_TEST_VAIST runs the suite against another build (e.g. one from before a fix).
    const char* binary = std::getenv("WSTUDIO_TEST_VAIST");
    std::vector<std::string> args = {binary != nullptr ? binary : VAIST_BINARY, "serve", "--listen", "127.0.0.1:0", "--data",
                                     (dataDir_ / "data").string()};
    std::istringstream extra(extraArgs_);
    for (std::string word; extra >> word;) args.push_back(word);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // Every test's server shares one module cache, so plugins compile once per build.
    ::setenv("WSTUDIO_CACHE_DIR", WSTUDIO_SERVER_TEST_CACHE, 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // The server prints "... http://127.0.0.1:PORT/ ..." once it accepts connections.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(portFile);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const size_t at = text.find("http://127.0.0.1:");
    if (at != std::string::npos && text.find('/', at + 17) != std::string::npos) {
      port_ = static_cast<uint16_t>(std::stoi(text.substr(at + 17)));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("vaist serve exited at start: " + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill();
  throw std::runtime_error("vaist serve did not start within 60 s: " + log());
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const {
  std::ifstream in(dataDir_ / "stderr.txt");
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string runSql(const std::filesystem::path& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2((dir / "data" / "studio.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "cannot open the database";
    sqlite3_close(db);
    return why;
  }
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string why = rc == SQLITE_OK ? "" : (error ? error : "sqlite error");
  sqlite3_free(error);
  sqlite3_close(db);
  return why;
}

std::vector<std::string> dataFiles(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = std::filesystem::relative(entry.path(), dir).string();
    if (path.find("cache/modules/") != std::string::npos && entry.path().extension() == ".so") continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace wstudio::server::test
