// FC-9, FC-10: the service end to end (queue, jail, validation), a cached rebuild answered at
// once without a compile, and a build seen only by its owner.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "forge_test_sources.hpp"
#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {
namespace {

BuildView waitForEnd(BuildService& service, const std::string& id, const std::string& user) {
  for (;;) {
    auto view = service.find(id, user);
    if (!view || view->status == BuildStatus::Succeeded || view->status == BuildStatus::Failed) return *view;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

TEST(ForgeBuildService, BuildsValidatesAndAnswersARebuildFromTheCache) {
  int delivered = 0;
  int counted = 0;
  ServiceOptions options;
  options.moduleCacheDir = std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache";
  std::vector<std::string> deliveredIds;
  options.onSucceeded = [&](const BuildIdentity& build, const BuildResult& result) {
    EXPECT_EQ(build.owner, "alice");
    EXPECT_EQ(build.language, "cpp");
    EXPECT_EQ(build.key, BuildService::cacheKey("cpp", test::gainPluginTagged("service")));
    deliveredIds.push_back(build.id);
    EXPECT_EQ(result.wasm.substr(0, 4), std::string("\0asm", 4));
    ++delivered;
  };
  BuildService service(options);
  const auto count = [&] {
    ++counted;
    return std::string();
  };
  const std::string source = test::gainPluginTagged("service");
  const Submission first = service.submit("alice", "cpp", source, count);
  ASSERT_EQ(first.refusal, Refusal::None) << first.message;
  EXPECT_FALSE(first.build.cached);
  const BuildView built = waitForEnd(service, first.build.id, "alice");
  ASSERT_EQ(built.status, BuildStatus::Succeeded) << built.result->message;
  EXPECT_EQ(built.result->wasmSha256.size(), 64u);
  EXPECT_TRUE(built.result->validation->passed);

  // The same source again: finished in the answer itself, from the cache, not counted.
  const Submission again = service.submit("alice", "cpp", source, count);
  ASSERT_EQ(again.refusal, Refusal::None);
  EXPECT_TRUE(again.build.cached);
  EXPECT_EQ(again.build.status, BuildStatus::Succeeded);
  EXPECT_EQ(again.build.result->wasmSha256, built.result->wasmSha256);
  EXPECT_EQ(counted, 1);
  EXPECT_EQ(delivered, 2);
  // Each delivery names the build it was (what the server persists to keep it later).
  EXPECT_EQ(deliveredIds, (std::vector<std::string>{first.build.id, again.build.id}));

  // FC-10: another user does not see it, not even by its id.
  EXPECT_FALSE(service.find(first.build.id, "mallory").has_value());
  EXPECT_FALSE(service.find(again.build.id, "mallory").has_value());
}

TEST(ForgeBuildService, RefusesOtherLanguagesAndOversizedSources) {
  BuildService service(ServiceOptions{});
  EXPECT_EQ(service.submit("alice", "rust", "fn main() {}").refusal, Refusal::UnsupportedLanguage);
  EXPECT_EQ(service.submit("alice", "cpp", std::string(kMaxSourceBytes + 1, ' ')).refusal, Refusal::TooLarge);
  const Submission over = service.submit("alice", "cpp", "int x;", [] { return std::string("over the limit"); });
  EXPECT_EQ(over.refusal, Refusal::OverLimit);
  EXPECT_EQ(over.message, "over the limit");
}

TEST(ForgeBuildService, TheCacheKeyFollowsSourceLanguageAndToolchain) {
  EXPECT_EQ(BuildService::cacheKey("cpp", "int x;"), BuildService::cacheKey("cpp", "int x;"));
  EXPECT_NE(BuildService::cacheKey("cpp", "int x;"), BuildService::cacheKey("cpp", "int y;"));
  EXPECT_NE(BuildService::cacheKey("cpp", "int x;"), BuildService::cacheKey("faust", "int x;"));
  EXPECT_EQ(toolchainIdentity().size(), 64u);
}

}  // namespace
}  // namespace wstudio::forge
