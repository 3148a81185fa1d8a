// GET /api/v1/sessions is served from a cache of rendered lists (api/session_list_cache.hpp).
// Every kind of write that changes a list must show in it on the next request, for the owner
// and for the user the session is shared with. Each step reads both lists first, so the write
// meets cached lists rather than empty slots.
#include <gtest/gtest.h>

#include <map>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

// id -> the listed summary.
std::map<std::string, Json> listOf(HttpClient& client) {
  const auto res = client.get("/api/v1/sessions");
  EXPECT_EQ(res.status, 200) << res.body;
  const Json body = res.json();  // kept: a range-for over a temporary's member would dangle
  std::map<std::string, Json> out;
  for (const Json& s : body["sessions"]) out[s["id"].get<std::string>()] = s;
  return out;
}

class SessionLists : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    ann_ = std::make_unique<HttpClient>(server_->port());
    bob_ = std::make_unique<HttpClient>(server_->port());
    ann_->registerUser("ann");
    bobId_ = bob_->registerUser("bob");
  }

  // Both lists read (and so cached) before the next write.
  void warm() {
    listOf(*ann_);
    listOf(*bob_);
  }

  std::string create(const std::string& name) {
    warm();
    const auto res = ann_->post("/api/v1/sessions", {{"name", name}, {"document", sessionDocument()}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.json()["id"].get<std::string>();
  }

  void share(const std::string& id, const std::string& role) {
    warm();
    EXPECT_EQ(ann_->put("/api/v1/sessions/" + id + "/shares/" + bobId_, {{"role", role}}).status, 200);
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> ann_, bob_;
  std::string bobId_;
};

TEST_F(SessionLists, CreateShowsForTheOwnerOnly) {
  const std::string id = create("Song");
  EXPECT_EQ(listOf(*ann_).at(id)["role"], "owner");
  EXPECT_TRUE(listOf(*bob_).empty());
}

TEST_F(SessionLists, ShareAndRoleChangeShowForTheSharedUser) {
  const std::string id = create("Song");
  share(id, "viewer");
  EXPECT_EQ(listOf(*bob_).at(id)["role"], "viewer");
  share(id, "editor");
  EXPECT_EQ(listOf(*bob_).at(id)["role"], "editor");
  EXPECT_EQ(listOf(*ann_).at(id)["role"], "owner");
}

TEST_F(SessionLists, UpdateByAnEditorShowsForBoth) {
  const std::string id = create("Song");
  share(id, "editor");
  warm();
  const auto res = bob_->put("/api/v1/sessions/" + id,
                             {{"revision", 1}, {"name", "Song v2"}, {"document", sessionDocument("Bass")}});
  ASSERT_EQ(res.status, 200) << res.body;
  for (HttpClient* client : {ann_.get(), bob_.get()}) {
    const Json s = listOf(*client).at(id);
    EXPECT_EQ(s["name"], "Song v2");
    EXPECT_EQ(s["revision"], 2);
    EXPECT_EQ(s["updatedAt"], res.json()["updatedAt"]);
  }
}

TEST_F(SessionLists, PublicFlagShowsForBoth) {
  const std::string id = create("Song");
  share(id, "viewer");
  warm();
  ASSERT_EQ(ann_->put("/api/v1/sessions/" + id,
                      {{"revision", 1}, {"public", true}, {"document", sessionDocument()}})
                .status,
            200);
  EXPECT_EQ(listOf(*ann_).at(id)["public"], true);
  EXPECT_EQ(listOf(*bob_).at(id)["public"], true);
}

TEST_F(SessionLists, LeavingAndRemovalShowForTheSharedUser) {
  const std::string id = create("Song");
  share(id, "viewer");
  warm();
  EXPECT_EQ(bob_->del("/api/v1/sessions/" + id + "/shares/" + bobId_).status, 204);
  EXPECT_TRUE(listOf(*bob_).empty());
  share(id, "viewer");
  EXPECT_EQ(listOf(*bob_).size(), 1u);
  warm();
  EXPECT_EQ(ann_->del("/api/v1/sessions/" + id + "/shares/" + bobId_).status, 204);
  EXPECT_TRUE(listOf(*bob_).empty());
  EXPECT_EQ(listOf(*ann_).size(), 1u);
}

TEST_F(SessionLists, DeleteShowsForBoth) {
  const std::string kept = create("Kept");
  const std::string id = create("Gone");
  share(id, "editor");
  warm();
  EXPECT_EQ(ann_->del("/api/v1/sessions/" + id).status, 204);
  const auto annList = listOf(*ann_);
  EXPECT_EQ(annList.size(), 1u);
  EXPECT_TRUE(annList.contains(kept));
  EXPECT_TRUE(listOf(*bob_).empty());
}

}  // namespace
}  // namespace wstudio::server::test
