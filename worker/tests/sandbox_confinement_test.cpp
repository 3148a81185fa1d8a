// The plugin sandbox's confinement, attacked from inside: a probe runs under exactly the jail and
// confinement the worker gets and tries to read the data folder, reach the network, start a
// program, and more (docs/sandbox.md, "Layers"). Each layer is also tried alone where it can be.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "jail/confinement.hpp"
#include "jail/jail.hpp"

namespace {

namespace fs = std::filesystem;
using wstudio::host::jail::JailedProcess;
using wstudio::host::jail::limitsFor;
using wstudio::host::jail::Profile;

// A listening loopback socket and a secret file, as `vaist serve` would have.
class SandboxConfinement : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(wstudio::host::jail::jailAvailable()) << wstudio::host::jail::jailAvailable().error();
    dataFolder_ = fs::path(WSTUDIO_WORKER_TEST_SCRATCH) / ("data-" + std::to_string(::getpid()));
    fs::create_directories(dataFolder_);
    std::ofstream(dataFolder_ / "server.db") << "secret";
    fs::permissions(dataFolder_, fs::perms::all);  // readable by anyone: only the jail keeps it out
    fs::permissions(dataFolder_ / "server.db", fs::perms::all);
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener_, 4), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  void TearDown() override {
    ::close(listener_);
    std::error_code error;
    fs::remove_all(dataFolder_, error);
  }

  nlohmann::json probe(const std::string& mode) {
    auto process = JailedProcess::start(WSTUDIO_JAIL_PROBE,
                                        {mode, (dataFolder_ / "server.db").string(), std::to_string(port_)});
    EXPECT_TRUE(process) << (process ? "" : process.error());
    if (!process) return {};
    auto message = process.value()->receive(wstudio::host::jail::monotonicMs() + 30'000);
    EXPECT_TRUE(message) << process.value()->finish(true);
    if (!message) return {};
    EXPECT_EQ(process.value()->finish(false), "");
    return nlohmann::json::parse(message->header);
  }

  fs::path dataFolder_;
  int listener_ = -1;
  int port_ = 0;
};

TEST_F(SandboxConfinement, TheRunJailReachesNothing) {
  const nlohmann::json report = probe("run");
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["read the data file"], ENOENT);
  EXPECT_EQ(report["list the data folder"], ENOENT);
  EXPECT_EQ(report["read /etc/passwd"], ENOENT);
  EXPECT_EQ(report["list /root"], ENOENT);
  EXPECT_EQ(report["list /home"], ENOENT);
  EXPECT_NE(report["write in /usr"], 0);
  EXPECT_EQ(report["write in /tmp"], 0) << "its private scratch";
  EXPECT_EQ(report["connect to the test's port"], EPERM);
  EXPECT_EQ(report["open a unix socket"], EPERM);
  EXPECT_EQ(report["start a program"], EPERM);
  EXPECT_EQ(report["ptrace"], EPERM);
  EXPECT_EQ(report["mount"], EPERM);
  EXPECT_EQ(report["new user namespace"], EPERM);
  EXPECT_EQ(report["uid"], 65534);
  EXPECT_EQ(report["capabilities"].get<std::string>().find_first_not_of("\t 0"), std::string::npos)
      << report["capabilities"];
  EXPECT_EQ(report["memory limit"], limitsFor(Profile::Run).memoryBytes);
  EXPECT_EQ(report["cpu limit"], limitsFor(Profile::Run).cpuSeconds);
  EXPECT_EQ(report["file size limit"], limitsFor(Profile::Run).fileSizeBytes);
}

TEST_F(SandboxConfinement, TheCompileJailMayStartTheCompilerButReachesNothing) {
  const nlohmann::json report = probe("compile");
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["read the data file"], ENOENT);
  EXPECT_EQ(report["connect to the test's port"], EPERM);
  EXPECT_EQ(report["open a unix socket"], EPERM);
  EXPECT_EQ(report["start a program"], 0) << "cc starts cc1, as and ld";
  EXPECT_EQ(report["ptrace"], EPERM);
  EXPECT_EQ(report["mount"], EPERM);
  EXPECT_EQ(report["new user namespace"], EPERM);
  EXPECT_EQ(report["memory limit"], limitsFor(Profile::Compile).memoryBytes);
  EXPECT_EQ(report["cpu limit"], limitsFor(Profile::Compile).cpuSeconds);
}

// Without the seccomp filter, the namespaces and the file view alone still keep the data folder
// and the host's network out of reach: the layers do not depend on each other.
TEST_F(SandboxConfinement, TheNamespacesAloneHideTheDataAndTheNetwork) {
  const nlohmann::json report = probe("none");
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["read the data file"], ENOENT);
  EXPECT_EQ(report["list the data folder"], ENOENT);
  EXPECT_EQ(report["open a unix socket"], 0) << "only the filter refuses sockets";
  EXPECT_NE(report["connect to the test's port"], 0) << "a network namespace of its own";
  EXPECT_NE(report["write in /usr"], 0);
  EXPECT_EQ(report["uid"], 65534);
}

TEST_F(SandboxConfinement, ACrashIsReportedNotShared) {
  auto process = JailedProcess::start(WSTUDIO_JAIL_PROBE, {"crash"});
  ASSERT_TRUE(process);
  EXPECT_FALSE(process.value()->receive(wstudio::host::jail::monotonicMs() + 30'000));
  EXPECT_EQ(process.value()->finish(false), "was killed by signal 11");
}

TEST_F(SandboxConfinement, AJailThatHangsIsKilledAtItsDeadline) {
  auto process = JailedProcess::start("/usr/bin/sleep", {"60"});
  ASSERT_TRUE(process);
  const int64_t start = wstudio::host::jail::monotonicMs();
  const auto message = process.value()->receive(start + 200);
  ASSERT_FALSE(message);
  EXPECT_EQ(message.error(), "timed out");
  EXPECT_EQ(process.value()->finish(true), "was killed by signal 9");
}

}  // namespace
