// OPS-1..OPS-3: the JSON form of operations and batches. Every operation reads back equal to what
// was written; anything else is refused with the JSON path of the problem.
#include <gtest/gtest.h>

#include "ops_test_support.hpp"
#include "wstudio/session/apply_ops.hpp"

namespace wstudio::session {
namespace {

using test::toStrings;
using Strings = std::vector<std::string>;

void expectRoundTrip(const Op& op) {
  const std::string text = writeOp(op);
  const ParsedOp parsed = parseOp(text);
  ASSERT_TRUE(parsed.op) << text << ": " << toStrings(parsed.errors)[0];
  EXPECT_EQ(*parsed.op, op) << text;
  EXPECT_EQ(writeOp(*parsed.op), text);
}

TEST(OpsJson, EveryExampleOperationReadsBackEqual) {
  for (const auto& example : test::opExamples()) {
    SCOPED_TRACE(example.name);
    for (const Op& op : example.ops) expectRoundTrip(op);
  }
}

TEST(OpsJson, RandomOperationsAndTheirInversesReadBackEqual) {
  test::RandomOps random(7);
  Session session = test::demoSession();
  for (int i = 0; i < 400; ++i) {
    const Op op = random.next(session);
    expectRoundTrip(op);
    const Applied applied = applyOps(session, {op});
    for (const Op& inverse : applied.inverse) expectRoundTrip(inverse);
  }
}

TEST(OpsJson, ABatchReadsBackEqual) {
  Batch batch;
  batch.baseRevision = 41;
  for (const auto& example : test::opExamples()) {
    for (const Op& op : example.ops) batch.ops.push_back(op);
  }
  const ParsedBatch parsed = parseBatch(writeBatch(batch));
  ASSERT_TRUE(parsed.batch) << toStrings(parsed.errors)[0];
  EXPECT_EQ(*parsed.batch, batch);
  EXPECT_FALSE(parseBatch(writeBatch(Batch{std::nullopt, {}})).batch->baseRevision);
}

TEST(OpsJson, TheDocumentedSpellings) {
  EXPECT_EQ(writeOp(op::TrackMove{"track-2", 0}), R"({"op":"track.move","id":"track-2","index":0})");
  op::TrackChanges set;
  set.volumeDb = -6;
  set.mute = true;
  EXPECT_EQ(writeOp(op::TrackUpdate{"track-1", set}),
            R"({"op":"track.update","id":"track-1","set":{"volumeDb":-6,"mute":true}})");
  EXPECT_EQ(writeOp(op::ParamSet{"insert-5", 0, -18.5}),
            R"({"op":"insert.setParam","insert":"insert-5","param":0,"value":-18.5})");
  EXPECT_EQ(writeOp(op::StateSet{"insert-7", {1, 2, 3}}),
            R"({"op":"insert.setState","insert":"insert-7","state":"AQID"})");
  EXPECT_EQ(writeOp(op::ClipMove{"clip-13", 8, "track-1", std::nullopt}),
            R"({"op":"clip.move","id":"clip-13","start":8,"track":"track-1"})");
  EXPECT_EQ(writeBatch(Batch{3, {op::TempoSet{128}}}),
            R"({"format":"wasm-studio-ops","version":1,"baseRevision":3,"ops":[{"op":"tempo.set","bpm":128}]})");
}

TEST(OpsJson, MembersOfAnOperationMayComeInAnyOrder) {
  const ParsedOp parsed = parseOp(R"({"index": 1, "id": "a", "op": "track.move"})");
  ASSERT_TRUE(parsed.op);
  EXPECT_EQ(*parsed.op, (Op{op::TrackMove{"a", 1}}));
}

Strings opErrors(std::string_view text) { return toStrings(parseOp(text).errors); }
Strings batchErrors(std::string_view text) { return toStrings(parseBatch(text).errors); }

TEST(OpsJson, AnUnknownOperationIsRefused) {
  const Strings errors = opErrors(R"({"op": "track.explode", "id": "a"})");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("op: unknown operation \"track.explode\" (known: \"track.add\""))
      << errors[0];
  EXPECT_EQ(opErrors(R"({"id": "a"})"), Strings{"op: missing"});
  EXPECT_EQ(opErrors(R"({"op": 7})"), Strings{"op: not a string"});
  EXPECT_EQ(opErrors(R"(["track.remove"])"), Strings{"not an object"});
}

TEST(OpsJson, MissingAndIllTypedMembersAreNamedByTheirPath) {
  EXPECT_EQ(opErrors(R"({"op": "track.move", "id": "a"})"), Strings{"index: missing"});
  EXPECT_EQ(opErrors(R"({"op": "track.move", "id": "a", "index": -1})"),
            Strings{"index: not an index (a whole number 0..4294967295)"});
  // Would be 0 in engine.wasm's 32-bit size_t: refused everywhere instead.
  EXPECT_EQ(opErrors(R"({"op": "track.move", "id": "a", "index": 4294967296})"),
            Strings{"index: not an index (a whole number 0..4294967295)"});
  EXPECT_EQ(opErrors(R"({"op": "track.move", "id": "a", "index": 1.5})"),
            Strings{"index: not an integer"});
  EXPECT_EQ(opErrors(R"({"op": "tempo.set", "bpm": "fast"})"), Strings{"bpm: not a number"});
  EXPECT_EQ(opErrors(R"({"op": "insert.setParam", "insert": "i", "param": 4294967296, "value": 1})"),
            Strings{"param: not a parameter id (a whole number 0..4294967295)"});
  EXPECT_EQ(opErrors(R"({"op": "insert.setBypass", "insert": "i", "bypass": 1})"),
            Strings{"bypass: not a boolean"});
  EXPECT_EQ(opErrors(R"({"op": "insert.setState", "insert": "i", "state": "%%%"})"),
            Strings{"state: not valid base64"});
  // The parts of a session are read as in a session file, with paths inside the operation.
  EXPECT_EQ(opErrors(R"({"op": "track.add", "track": {"id": "t", "kind": "drum", "pan": "left"}})"),
            (Strings{"track.kind: must be one of \"audio\", \"instrument\", \"bus\"",
                     "track.pan: not a number"}));
  EXPECT_EQ(opErrors(R"({"op": "clip.add", "track": "t", "kind": "video", "clip": {}})"),
            Strings{"kind: must be one of \"audio\", \"midi\""});
  EXPECT_EQ(opErrors(R"({"op": "clip.add", "track": "t", "kind": "midi", "clip": {"id": "c", "start": 0}})"),
            Strings{"clip.length: missing"});
  EXPECT_EQ(opErrors(R"({"op": "lane.setPoints", "lane": "l", "points": [{"time": 0}]})"),
            Strings{"points[0].value: missing"});
}

TEST(OpsJson, UnknownMembersAreRefusedNotIgnored) {
  EXPECT_EQ(opErrors(R"({"op": "track.remove", "id": "a", "andClips": false})"),
            Strings{"[\"andClips\"]: not a member of a track.remove operation"});
  EXPECT_EQ(opErrors(R"({"op": "track.update", "id": "a", "set": {"kind": "bus"}})"),
            Strings{"set[\"kind\"]: not a member of what track.update can set"});
  EXPECT_EQ(opErrors(R"({"op": "marker.update", "id": "a", "set": {}})"),
            Strings{"set: sets nothing"});
}

TEST(OpsJson, ABatchNamesItsFormatVersionAndOperations) {
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-ops", "version": 1, "ops": [
                             {"op": "tempo.set", "bpm": 100},
                             {"op": "tempo.set"}]})"),
            Strings{"ops[1].bpm: missing"});
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-session", "version": 1, "ops": []})"),
            Strings{"format: not a batch of WASM Studio operations (expected \"wasm-studio-ops\")"});
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-ops", "version": 2, "ops": []})"),
            Strings{"version: made by a newer WASM Studio (operations version 2; this version reads 1)"});
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-ops", "version": 1, "baseRevision": -1, "ops": []})"),
            Strings{"baseRevision: not a revision (a whole number from 0)"});
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-ops", "version": 1})"), Strings{"ops: missing"});
  EXPECT_EQ(batchErrors(R"({"format": "wasm-studio-ops", "version": 1, "ops": [], "ops": []})"),
            Strings{"not valid JSON: duplicate key \"ops\" in an object"});
}

// Every member, at every depth, of every example replaced by a value of every other type, and
// every prefix of a batch: reading never throws (engine.wasm has no exceptions: a throw would
// abort it), and what it accepts applies or is refused without harm.
TEST(OpsJson, MangledOperationsAreReadOrRefusedNeverThrown) {
  const std::vector<nlohmann::json> replacements = {
      nullptr, true, 1.5, -1, 4294967296.0, 1e300, "x", nlohmann::json::array(),
      nlohmann::json::object()};
  int accepted = 0;
  int refused = 0;
  const auto tryText = [&](const std::string& text) {
    const ParsedOp parsed = parseOp(text);
    if (!parsed.op) {
      ++refused;
      EXPECT_FALSE(parsed.errors.empty()) << text;
      return;
    }
    ++accepted;
    Session session = test::sampleSession();
    const std::string before = save(session);
    if (!applyOps(session, {*parsed.op}).ok()) {
      EXPECT_EQ(save(session), before) << text;
    }
  };
  for (const auto& example : test::opExamples()) {
    for (const Op& op : example.ops) {
      const nlohmann::json original = nlohmann::json::parse(writeOp(op));
      const nlohmann::json flat = original.flatten();
      for (const auto& [pointer, value] : flat.items()) {
        for (const auto& replacement : replacements) {
          nlohmann::json mangled = original;
          mangled[nlohmann::json::json_pointer(pointer)] = replacement;
          tryText(mangled.dump());
        }
      }
    }
  }
  const std::string batch = writeBatch(Batch{1, {test::opExamples()[0].ops[0], op::TempoSet{99}}});
  for (std::size_t length = 0; length < batch.size(); ++length) {
    EXPECT_FALSE(parseBatch(batch.substr(0, length)).batch);
  }
  EXPECT_GT(accepted, 100);
  EXPECT_GT(refused, 1000);
}

TEST(OpsJson, HostileTextIsRefusedCheaply) {
  EXPECT_EQ(opErrors(std::string(100000, '[')), Strings{"the document nests deeper than 64 levels"});
  EXPECT_FALSE(parseOp("{\"op\": \"track.remove\", \"id\": ").op);
  std::string many = R"({"format": "wasm-studio-ops", "version": 1, "ops": [)";
  for (int i = 0; i <= 10000; ++i) many += std::string{i ? "," : ""} + "{}";
  many += "]}";
  EXPECT_EQ(batchErrors(many), Strings{"ops: more than 10000 items"});
}

}  // namespace
}  // namespace wstudio::session
