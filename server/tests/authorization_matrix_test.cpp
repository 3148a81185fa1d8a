// Who may do what to a private session: owner, editor, viewer, another user, anonymous, for
// every session endpoint. Nothing outside the expected grid may succeed.
#include <gtest/gtest.h>

#include <map>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

enum class Who { Owner, Editor, Viewer, Other, Anonymous };
const char* whoName(Who who) {
  switch (who) {
    case Who::Owner: return "owner";
    case Who::Editor: return "editor";
    case Who::Viewer: return "viewer";
    case Who::Other: return "other";
    case Who::Anonymous: return "anonymous";
  }
  return "?";
}

class AuthorizationMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    for (Who who : {Who::Owner, Who::Editor, Who::Viewer, Who::Other, Who::Anonymous}) {
      clients_[who] = std::make_unique<HttpClient>(server_->port());
      if (who != Who::Anonymous) ids_[who] = clients_[who]->registerUser(whoName(who));
    }
  }

  // A fresh private session shared with the editor and the viewer.
  std::string freshSession() {
    HttpClient& owner = *clients_[Who::Owner];
    const auto res = owner.post("/api/v1/sessions", {{"name", "Private"}, {"document", sessionDocument()}});
    const std::string id = res.json()["id"];
    EXPECT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + ids_[Who::Editor], {{"role", "editor"}}).status, 200);
    EXPECT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + ids_[Who::Viewer], {{"role", "viewer"}}).status, 200);
    return id;
  }

  std::unique_ptr<ServerProcess> server_;
  std::map<Who, std::unique_ptr<HttpClient>> clients_;
  std::map<Who, std::string> ids_;
};

TEST_F(AuthorizationMatrix, EveryRoleOnEverySessionEndpoint) {
  struct Expect {
    int owner, editor, viewer, other, anonymous;
    int of(Who who) const {
      switch (who) {
        case Who::Owner: return owner;
        case Who::Editor: return editor;
        case Who::Viewer: return viewer;
        case Who::Other: return other;
        case Who::Anonymous: return anonymous;
      }
      return 0;
    }
  };
  // Private sessions are invisible (404) to whoever has no role; anonymous writes are 401.
  const Expect get{200, 200, 200, 404, 404};
  const Expect update{200, 200, 403, 404, 401};
  const Expect ops = update;  // a batch of operations is a save
  const Expect makePublic{200, 403, 403, 404, 401};
  const Expect shares{200, 403, 403, 404, 401};
  const Expect share{200, 403, 403, 404, 401};
  const Expect remove{204, 403, 403, 404, 401};

  for (Who who : {Who::Owner, Who::Editor, Who::Viewer, Who::Other, Who::Anonymous}) {
    SCOPED_TRACE(whoName(who));
    HttpClient& c = *clients_[who];
    const std::string id = freshSession();
    const std::string path = "/api/v1/sessions/" + id;
    EXPECT_EQ(c.get(path).status, get.of(who));
    EXPECT_EQ(c.put(path, {{"revision", 1}, {"document", sessionDocument("Edited")}}).status, update.of(who));
    const Json tempo = {{"format", "wasm-studio-ops"}, {"version", 1},
                        {"ops", {{{"op", "tempo.set"}, {"bpm", 90}}}}};
    EXPECT_EQ(c.post(path + "/ops", tempo).status, ops.of(who));
    const int revision = clients_[Who::Owner]->get(path).json()["revision"];
    EXPECT_EQ(c.put(path, {{"revision", revision}, {"public", true}, {"document", sessionDocument()}}).status,
              makePublic.of(who));
    EXPECT_EQ(c.get(path + "/shares").status, shares.of(who));
    EXPECT_EQ(c.put(path + "/shares/" + ids_[Who::Other], {{"role", "editor"}}).status, share.of(who));
    EXPECT_EQ(c.del(path).status, remove.of(who));
    // What actually happened, seen by the owner.
    const auto after = clients_[Who::Owner]->get(path);
    if (who == Who::Owner) {
      EXPECT_EQ(after.status, 404);
    } else {
      ASSERT_EQ(after.status, 200);
      EXPECT_EQ(after.json()["public"], false);
      const bool edited = after.json()["document"]["tracks"][0]["name"] == "Edited";
      EXPECT_EQ(edited, who == Who::Editor);
      EXPECT_EQ(after.json()["document"]["tempo"] == 90, who == Who::Editor);
    }
  }
}

TEST_F(AuthorizationMatrix, SharedSessionsAreListedWithTheRole) {
  const std::string id = freshSession();
  const auto list = clients_[Who::Viewer]->get("/api/v1/sessions").json()["sessions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], id);
  EXPECT_EQ(list[0]["role"], "viewer");
  EXPECT_EQ(clients_[Who::Other]->get("/api/v1/sessions").json()["sessions"].size(), 0u);
  // A viewer may leave; then the session is invisible to them.
  EXPECT_EQ(clients_[Who::Viewer]->del("/api/v1/sessions/" + id + "/shares/" + ids_[Who::Viewer]).status, 204);
  EXPECT_EQ(clients_[Who::Viewer]->get("/api/v1/sessions/" + id).status, 404);
}

}  // namespace
}  // namespace wstudio::server::test
