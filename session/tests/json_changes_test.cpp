// writeChanges (docs/session-format.md, "Changes"): the parsed text of the session before an
// edit, patched with the changes, equals the parsed text after it, for edits of every part of the
// session; untouched tracks are not in "changed", so a page patching its copy keeps them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wstudio/session/apply_ops.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session {
namespace {

// Member order is not compared: a JavaScript object patched this way compares equal whatever
// its order.
using Json = nlohmann::json;

// What the page does (web/src/main/audio/session-model.ts): the tracks in the new order, each
// the changed one or the old one by id; the other members replaced or removed.
Json patch(const Json& before, const Json& changes) {
  Json after = before;
  for (const auto& [key, value] : changes["members"].items()) after[key] = value;
  for (const auto& key : changes["removed"]) after.erase(key.get<std::string>());
  Json tracks = Json::array();
  for (const auto& id : changes["tracks"]) {
    const std::string key = id.get<std::string>();
    if (changes["changed"].contains(key)) {
      tracks.push_back(changes["changed"][key]);
      continue;
    }
    for (const auto& old : before["tracks"]) {
      if (old["id"] == id) tracks.push_back(old);
    }
  }
  after["tracks"] = std::move(tracks);
  return after;
}

Session demo() {
  LoadResult loaded = load(test::readDataFile("demo.session.json"));
  EXPECT_TRUE(loaded.ok());
  return std::move(*loaded.session);
}

struct Case {
  const char* name;
  const char* ops;  // a batch's "ops" array
  std::vector<std::string> changedTracks;
};

class JsonChanges : public ::testing::TestWithParam<Case> {};

TEST_P(JsonChanges, PatchingTheTextBeforeGivesTheTextAfter) {
  Session session = demo();
  const Session before = session;
  const ParsedBatch parsed =
      parseBatch(std::string(R"({"format":"wasm-studio-ops","version":1,"ops":)") + GetParam().ops + "}");
  ASSERT_TRUE(parsed.batch) << parsed.errors.front().message;
  const Applied applied = applyOps(session, parsed.batch->ops);
  ASSERT_TRUE(applied.ok()) << applied.errors.front().path << ": " << applied.errors.front().message;

  const Json changes = Json::parse(writeChanges(before, session));
  EXPECT_EQ(patch(Json::parse(save(before)), changes), Json::parse(save(session)));
  std::vector<std::string> changed;
  for (const auto& [id, track] : changes["changed"].items()) changed.push_back(id);
  EXPECT_EQ(changed, GetParam().changedTracks);
}

INSTANTIATE_TEST_SUITE_P(
    EveryPart, JsonChanges,
    ::testing::Values(
        Case{"Nothing", R"([])", {}},
        Case{"TrackVolume", R"([{"op":"track.update","id":"track-1","set":{"volumeDb":-6,"mute":true}}])", {"track-1"}},
        Case{"ClipWithinTrack", R"([{"op":"clip.move","id":"clip-10","start":8}])", {"track-1"}},
        Case{"ClipToAnotherTrack", R"([{"op":"clip.move","id":"clip-13","start":8,"track":"track-1"}])", {"track-1", "track-3"}},
        Case{"TrackMoved", R"([{"op":"track.move","id":"track-2","index":0}])", {}},
        Case{"TrackRemoved", R"([{"op":"track.remove","id":"track-3"}])", {}},
        Case{"TrackAdded", R"([{"op":"track.add","track":{"id":"track-new","name":"New","kind":"audio"}}])", {"track-new"}},
        Case{"Param", R"([{"op":"insert.setParam","insert":"insert-5","param":0,"value":-18.5}])", {"track-1"}},
        Case{"MasterInsert", R"([{"op":"insert.setBypass","insert":"insert-9","bypass":true}])", {}},
        Case{"TempoAndMarker", R"([{"op":"tempo.set","bpm":97},{"op":"marker.remove","id":"marker-25"}])", {}},
        Case{"MasterVolumeAndLoop", R"([{"op":"master.setVolume","volumeDb":-3},{"op":"loop.set","loop":{"start":4,"end":8,"enabled":true}}])", {}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(JsonChangesOf, UnknownTopLevelMembersAddedChangedAndRemoved) {
  Session before = demo();
  before.unknown["fromTheFuture"] = 1;
  before.unknown["goes"] = "away";
  Session after = before;
  after.unknown["fromTheFuture"] = 2;
  after.unknown.erase("goes");
  after.unknown["arrives"] = nlohmann::json::array({1, 2});
  const Json changes = Json::parse(writeChanges(before, after));
  EXPECT_EQ(patch(Json::parse(save(before)), changes), Json::parse(save(after)));
}

}  // namespace
}  // namespace wstudio::session
