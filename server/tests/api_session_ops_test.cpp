// POST /api/v1/sessions/{id}/ops against the real server: batches of session operations
// (docs/session-ops.md) applied by the session library and stored as revisions; stale, invalid
// and oversized batches refused without changing anything. Who may send them:
// authorization_matrix_test.cpp; live events: live_events_test.cpp; the same result as
// engine.wasm: session_ops_engine_parity_test.cpp.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

Json batch(Json ops, std::optional<int64_t> baseRevision = std::nullopt) {
  Json out = {{"format", "wasm-studio-ops"}, {"version", 1}, {"ops", std::move(ops)}};
  if (baseRevision) out["baseRevision"] = *baseRevision;
  return out;
}

class SessionOps : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    owner_ = std::make_unique<HttpClient>(server_->port());
    owner_->registerUser("ann");
    id_ = owner_->post("/api/v1/sessions", {{"name", "Ops"}, {"document", sessionDocument()}})
              .json()["id"];
    path_ = "/api/v1/sessions/" + id_;
  }
  Json stored() { return owner_->get(path_).json(); }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> owner_;
  std::string id_;
  std::string path_;
};

TEST_F(SessionOps, ABatchBecomesOneRevisionAndItsInverseUndoesIt) {
  const Json original = stored()["document"];
  const auto res = owner_->post(path_ + "/ops", batch({{{"op", "tempo.set"}, {"bpm", 90}},
                                                       {{"op", "track.update"},
                                                        {"id", "t1"},
                                                        {"set", {{"name", "Lead"}, {"volumeDb", -6}}}}},
                                                      1));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("etag"), "\"2\"");
  const Json applied = res.json();
  EXPECT_EQ(applied["ok"], true);
  EXPECT_EQ(applied["revision"], 2);
  ASSERT_EQ(applied["inverse"].size(), 2u);
  EXPECT_EQ(applied["inverse"][0]["op"], "track.update");
  EXPECT_EQ(applied["inverse"][1]["op"], "tempo.set");

  const Json after = stored();
  EXPECT_EQ(after["revision"], 2);
  EXPECT_EQ(after["document"]["tempo"], 90);
  EXPECT_EQ(after["document"]["tracks"][0]["name"], "Lead");
  EXPECT_EQ(after["document"]["tracks"][0]["volumeDb"], -6);

  // Undo is the inverse sent as a batch (OPS-7): a new revision holding the old document.
  const auto undo = owner_->post(path_ + "/ops", batch(applied["inverse"], 2));
  ASSERT_EQ(undo.status, 200) << undo.body;
  EXPECT_EQ(undo.json()["revision"], 3);
  EXPECT_EQ(stored()["document"], original);
}

TEST_F(SessionOps, AnEmptyBatchIsNoRevision) {
  const auto res = owner_->post(path_ + "/ops", batch(Json::array(), 1));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["revision"], 1);
  EXPECT_EQ(stored()["revision"], 1);
}

TEST_F(SessionOps, AStaleBaseRevisionIsAConflictAndChangesNothing) {
  ASSERT_EQ(owner_->put(path_, {{"revision", 1}, {"document", sessionDocument("Saved")}}).status, 200);
  const auto res = owner_->post(path_ + "/ops", batch({{{"op", "tempo.set"}, {"bpm", 90}}}, 1));
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(res.errorCode(), "revision_conflict");
  EXPECT_EQ(res.json()["error"]["field"], "baseRevision");
  EXPECT_EQ(res.json()["error"]["currentRevision"], 2);
  const Json after = stored();
  EXPECT_EQ(after["revision"], 2);
  EXPECT_EQ(after["document"]["tempo"], 120);
  // Without baseRevision the batch applies to whatever is current.
  const auto current = owner_->post(path_ + "/ops", batch({{{"op", "tempo.set"}, {"bpm", 90}}}));
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json()["revision"], 3);
  EXPECT_EQ(stored()["document"]["tracks"][0]["name"], "Saved");
}

TEST_F(SessionOps, ARefusedOperationSaysWhyWithItsPathAndChangesNothing) {
  // The second operation breaks a session rule: the first is not kept either (OPS-4).
  const auto res = owner_->post(path_ + "/ops", batch({{{"op", "tempo.set"}, {"bpm", 100}},
                                                       {{"op", "track.update"},
                                                        {"id", "t1"},
                                                        {"set", {{"volumeDb", 40}}}}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.errorCode(), "invalid_ops");
  const Json error = res.json()["error"];
  EXPECT_EQ(error["field"], "ops[1]");
  EXPECT_EQ(error["op"], 1);
  EXPECT_EQ(error["errors"], Json::parse(R"([{"path":"tracks[0].volumeDb","message":"must be between -96 and 12"}])"));
  EXPECT_NE(error["message"].get<std::string>().find("tracks[0].volumeDb: must be between -96 and 12"),
            std::string::npos) << error["message"];
  // A batch the session library cannot read: the path points into the batch.
  const auto unread = owner_->post(path_ + "/ops", batch({{{"op", "track.explode"}, {"id", "t1"}}}));
  EXPECT_EQ(unread.status, 422);
  EXPECT_EQ(unread.json()["error"]["field"], "ops[0].op");
  EXPECT_FALSE(unread.json()["error"].contains("op"));
  const auto missing = owner_->post(path_ + "/ops", batch({{{"op", "track.remove"}, {"id", "ghost"}}}));
  EXPECT_EQ(missing.status, 422);
  const Json after = stored();
  EXPECT_EQ(after["revision"], 1);
  EXPECT_EQ(after["document"]["tempo"], 120);
}

TEST_F(SessionOps, TheServersJsonLimitsComeFirst) {
  // More JSON elements than the server reads: refused while counting, before the batch is read.
  std::string ops = "[0";
  ops.reserve(1'100'000);
  for (int i = 0; i < 500'001; ++i) ops += ",0";
  ops += "]";
  const std::string body = R"({"format":"wasm-studio-ops","version":1,"ops":)" + ops + "}";
  const auto tooMany = owner_->request("POST", path_ + "/ops", body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(tooMany.status, 413);
  EXPECT_EQ(tooMany.errorCode(), "json_too_large");
  const auto form = owner_->request("POST", path_ + "/ops", batch(Json::array()).dump(),
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(stored()["revision"], 1);
}

}  // namespace
}  // namespace wstudio::server::test
