// /api/v1/forge/plans and /api/v1/forge/code on the real server: words become a plan and its C++
// (the generator and writer of forge/), an edited plan becomes its source, a broken plan is 422
// with every rule it breaks, and the routes refuse the anonymous and oversized or malformed
// bodies without running anything.
#include <gtest/gtest.h>

#include <string>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

TEST(ForgePlanApi, WordsBecomeAPlanAndItsSourceAndAnEditedPlanItsSource) {
  ServerProcess server;
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.post("/api/v1/forge/plans", Json{{"prompt", "a 500 Hz high-pass"}}).status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/forge/code", Json{{"plan", Json::object()}}).status, 401);

  HttpClient alice(server.port());
  alice.registerUser("alice");
  auto res = alice.post("/api/v1/forge/plans", Json{{"prompt", "a 500 Hz high-pass with a Cut knob and a wobbulating frobnicator"}});
  ASSERT_EQ(res.status, 200) << res.body;
  Json plan = res.json()["plan"];
  EXPECT_EQ(plan["format"], "wasm-studio-forge-plan");
  EXPECT_EQ(plan["blocks"][0]["kind"], "highpass");
  EXPECT_EQ(plan["parameters"][0]["name"], "Cut");
  EXPECT_NE(plan["notes"].dump().find("frobnicator"), std::string::npos) << "what it did not understand is said";
  const std::string source = res.json()["source"];
  EXPECT_NE(source.find("WSP_PLUGIN("), std::string::npos);

  // The user renames the knob in the plan: the source follows.
  plan["parameters"][0]["name"] = "Low cut";
  res = alice.post("/api/v1/forge/code", Json{{"plan", plan}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_NE(res.json()["source"].get<std::string>().find("\"Low cut\""), std::string::npos);

  // A default outside its range is refused with the rule and path, and nothing is written.
  plan["parameters"][0]["default"] = 1e9;
  res = alice.post("/api/v1/forge/code", Json{{"plan", plan}});
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.json()["error"]["code"], "invalid_plan");
  EXPECT_EQ(res.json()["error"]["errors"][0]["path"], "$.parameters[0].default");
  EXPECT_FALSE(res.json().contains("source"));

  // Bodies the routes refuse: no prompt, an overlong one, a plan that is not an object.
  EXPECT_EQ(alice.post("/api/v1/forge/plans", Json::object()).status, 400);
  EXPECT_EQ(alice.post("/api/v1/forge/plans", Json{{"prompt", std::string(2001, 'a')}}).status, 400);
  EXPECT_EQ(alice.post("/api/v1/forge/code", Json{{"plan", "a plan"}}).status, 400);
  EXPECT_EQ(alice.get("/api/v1/health").status, 200);
}

TEST(ForgePlanApi, ThePlanEditorsEditsAreMadeByTheServerAndARefusedOneChangesNothing) {
  ServerProcess server;
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/forge/catalog").status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/forge/plan-edits", Json{{"plan", Json::object()}, {"edit", {{"op", "addMix"}}}}).status, 401);

  HttpClient alice(server.port());
  alice.registerUser("alice");
  auto res = alice.get("/api/v1/forge/catalog");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["blocks"][0]["kind"], "gain");
  res = alice.post("/api/v1/forge/plans", Json{{"prompt", "a 500 Hz high-pass"}});
  ASSERT_EQ(res.status, 200) << res.body;
  const Json plan = res.json()["plan"];

  // Add an echo after the filter: its knobs come with it, and the code has them.
  res = alice.post("/api/v1/forge/plan-edits", Json{{"plan", plan}, {"edit", {{"op", "addBlock"}, {"kind", "delay"}, {"position", 1}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  const Json edited = res.json()["plan"];
  EXPECT_EQ(edited["blocks"][1]["kind"], "delay");
  EXPECT_NE(res.json()["source"].get<std::string>().find("\"Feedback\""), std::string::npos);

  // A default beyond the knob's range: 422 with the rule, and no plan or source to replace the page's.
  res = alice.post("/api/v1/forge/plan-edits", Json{{"plan", edited}, {"edit", {{"op", "setRange"}, {"parameter", "feedback"}, {"min", 0}, {"max", 50}, {"default", 80}}}});
  ASSERT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.json()["error"]["code"], "invalid_edit");
  EXPECT_EQ(res.json()["error"]["errors"][0]["rule"], "PLAN-5");
  EXPECT_FALSE(res.json().contains("plan"));
  // An edit naming nothing, an unknown op, a forged plan: refused, each saying what.
  res = alice.post("/api/v1/forge/plan-edits", Json{{"plan", edited}, {"edit", {{"op", "removeBlock"}, {"index", 9}}}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json()["error"]["errors"][0]["rule"], "EDIT");
  res = alice.post("/api/v1/forge/plan-edits", Json{{"plan", edited}, {"edit", {{"op", "rm -rf"}}}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json()["error"]["errors"][0]["path"], "$.op");
  Json forged = edited;
  forged["blocks"][0]["kind"] = "teleporter";
  res = alice.post("/api/v1/forge/plan-edits", Json{{"plan", forged}, {"edit", {{"op", "addMix"}}}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json()["error"]["code"], "invalid_plan");
  EXPECT_EQ(alice.post("/api/v1/forge/plan-edits", Json{{"plan", edited}}).status, 400);
  EXPECT_EQ(alice.get("/api/v1/health").status, 200);
}

}  // namespace
}  // namespace wstudio::server::test
