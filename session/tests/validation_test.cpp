// Every validation rule, each as a small change to the valid demo session and the exact error
// list it must produce (path and reason).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/validate.hpp"

namespace wstudio::session {
namespace {

using nlohmann::json;

struct BrokenFile {
  const char* name;
  std::function<void(json&)> breakIt;
  std::vector<std::string> errors;
};

// Paths into the demo: tracks[0] "track-1" audio (clips[0] with a known 40 s source, clips[1]),
// tracks[1] "track-2" instrument, tracks[2] "track-3" audio into the bus, tracks[3] "track-4"
// bus; automation[0] volume of track-3 (curve, linear, linear), automation[1] reverb param on
// the bus (insert-8), automation[2] master volume.
const std::vector<BrokenFile>& brokenFiles() {
  static const std::vector<BrokenFile> cases = {
      // Format and version.
      {"format wrong", [](json& d) { d["format"] = "other-daw"; },
       {"format: not a WASM Studio session (expected \"wasm-studio-session\")"}},
      {"format missing", [](json& d) { d.erase("format"); },
       {"format: not a WASM Studio session (expected \"wasm-studio-session\")"}},
      {"newer version", [](json& d) { d["version"] = 2; },
       {"version: made by a newer WASM Studio (session format version 2; this version reads up "
        "to 1)"}},
      {"version zero", [](json& d) { d["version"] = 0; },
       {"version: unknown session format version 0"}},
      {"version text", [](json& d) { d["version"] = "1"; }, {"version: not an integer"}},
      {"version missing", [](json& d) { d.erase("version"); }, {"version: missing"}},
      // Session settings.
      {"tempo text", [](json& d) { d["tempo"] = "fast"; }, {"tempo: not a number"}},
      {"tempo low", [](json& d) { d["tempo"] = 10; }, {"tempo: must be between 20 and 999"}},
      {"denominator", [](json& d) { d["timeSignature"]["denominator"] = 3; },
       {"timeSignature.denominator: must be 1, 2, 4, 8, 16 or 32"}},
      {"numerator", [](json& d) { d["timeSignature"]["numerator"] = 0; },
       {"timeSignature.numerator: must be between 1 and 32"}},
      {"sample rate", [](json& d) { d["sampleRate"] = 1000; },
       {"sampleRate: must be between 8000 and 384000"}},
      {"sample rate fraction", [](json& d) { d["sampleRate"] = 44100.5; },
       {"sampleRate: not an integer"}},
      {"next id", [](json& d) { d["nextId"] = 0; },
       {"nextId: must be between 1 and 9007199254740992"}},
      {"master not object", [](json& d) { d["master"] = json::array(); },
       {"master: not an object"}},
      {"master volume", [](json& d) { d["master"]["volumeDb"] = 13; },
       {"master.volumeDb: must be between -96 and 12"}},
      // Tracks.
      // References to what could not be read are reported too: the file really is broken there.
      {"tracks not array", [](json& d) { d["tracks"] = json::object(); },
       {"tracks: not an array", "automation[0].target.track: unknown track \"track-3\"",
        "automation[1].target.track: unknown track \"track-4\""}},
      {"track not object", [](json& d) { d["tracks"][0] = 5; }, {"tracks[0]: not an object"}},
      {"track id missing", [](json& d) { d["tracks"][0].erase("id"); }, {"tracks[0].id: missing"}},
      {"track id syntax", [](json& d) { d["tracks"][0]["id"] = "bad id!"; },
       {"tracks[0].id: must be 1 to 64 characters of [A-Za-z0-9._-]"}},
      {"track id reserved", [](json& d) { d["tracks"][0]["id"] = "master"; },
       {"tracks[0].id: \"master\" is reserved for the master bus"}},
      {"track id duplicate", [](json& d) { d["tracks"][1]["id"] = "track-1"; },
       {"tracks[1].id: duplicate id \"track-1\" (first used at tracks[0].id)"}},
      {"ids unique across kinds", [](json& d) { d["tracks"][0]["clips"][0]["id"] = "track-2"; },
       {"tracks[1].id: duplicate id \"track-2\" (first used at tracks[0].clips[0].id)"}},
      {"name type", [](json& d) { d["tracks"][0]["name"] = 5; }, {"tracks[0].name: not a string"}},
      {"name too long", [](json& d) { d["tracks"][0]["name"] = std::string(257, 'n'); },
       {"tracks[0].name: must be valid UTF-8 of at most 256 bytes"}},
      {"colour", [](json& d) { d["tracks"][0]["colour"] = "red"; },
       {"tracks[0].colour: must be \"#rrggbb\""}},
      {"kind", [](json& d) { d["tracks"][0]["kind"] = "video"; },
       {"tracks[0].kind: must be one of \"audio\", \"instrument\", \"bus\""}},
      {"kind missing", [](json& d) { d["tracks"][0].erase("kind"); }, {"tracks[0].kind: missing"}},
      {"volume", [](json& d) { d["tracks"][0]["volumeDb"] = 20; },
       {"tracks[0].volumeDb: must be between -96 and 12"}},
      {"pan", [](json& d) { d["tracks"][0]["pan"] = 1.5; },
       {"tracks[0].pan: must be between -1 and 1"}},
      {"mute type", [](json& d) { d["tracks"][0]["mute"] = "yes"; },
       {"tracks[0].mute: not a boolean"}},
      // Routing.
      {"output unknown", [](json& d) { d["tracks"][1]["output"] = "bus-9"; },
       {"tracks[1].output: unknown track \"bus-9\""}},
      {"output not a bus", [](json& d) { d["tracks"][1]["output"] = "track-1"; },
       {"tracks[1].output: track \"track-1\" is not a bus"}},
      {"output itself", [](json& d) { d["tracks"][3]["output"] = "track-4"; },
       {"tracks[3].output: a track cannot output to itself"}},
      {"routing cycle",
       [](json& d) {
         d["tracks"].push_back({{"id", "track-5"}, {"kind", "bus"}, {"output", "track-4"}});
         d["tracks"][3]["output"] = "track-5";
       },
       {"tracks[3].output: routing cycle: track-4 -> track-5 -> track-4"}},
      // Clips.
      {"bus with clips", [](json& d) { d["tracks"][3]["clips"] = json::array({json::object()}); },
       {"tracks[3].clips: a bus track holds no clips"}},
      {"clip source missing", [](json& d) { d["tracks"][0]["clips"][0].erase("source"); },
       {"tracks[0].clips[0].source: missing"}},
      {"clip id duplicate", [](json& d) { d["tracks"][0]["clips"][0]["id"] = "clip-11"; },
       {"tracks[0].clips[1].id: duplicate id \"clip-11\" (first used at tracks[0].clips[0].id)"}},
      {"clip start", [](json& d) { d["tracks"][0]["clips"][0]["start"] = -1; },
       {"tracks[0].clips[0].start: must be between 0 and 1000000"}},
      {"clip length", [](json& d) { d["tracks"][0]["clips"][0]["length"] = 0; },
       {"tracks[0].clips[0].length: must be > 0"}},
      {"fade in too long", [](json& d) { d["tracks"][2]["clips"][0]["fadeIn"] = 17; },
       {"tracks[2].clips[0].fadeIn: must be <= length"}},
      {"fade in negative", [](json& d) { d["tracks"][0]["clips"][0]["fadeIn"] = -1; },
       {"tracks[0].clips[0].fadeIn: must be >= 0"}},
      {"fades overlap",
       [](json& d) {
         d["tracks"][0]["clips"][0]["fadeIn"] = 20;
         d["tracks"][0]["clips"][0]["fadeOut"] = 20;
       },
       {"tracks[0].clips[0].fadeOut: fadeIn + fadeOut must be <= length"}},
      {"fade curve", [](json& d) { d["tracks"][0]["clips"][0]["fadeInCurve"] = "log"; },
       {"tracks[0].clips[0].fadeInCurve: must be one of \"linear\", \"equal-power\", "
        "\"s-curve\""}},
      {"offset past source", [](json& d) { d["tracks"][0]["clips"][0]["offset"] = 50; },
       {"tracks[0].clips[0].offset: must be less than the source's length (40 s)"}},
      {"gain", [](json& d) { d["tracks"][0]["clips"][0]["gainDb"] = 30; },
       {"tracks[0].clips[0].gainDb: must be between -96 and 24"}},
      {"source empty", [](json& d) { d["tracks"][0]["clips"][1]["source"] = json::object(); },
       {"tracks[0].clips[1].source: needs sha256 or path"}},
      {"source hash", [](json& d) { d["tracks"][0]["clips"][0]["source"]["sha256"] = "ABC"; },
       {"tracks[0].clips[0].source.sha256: must be 64 lowercase hex digits"}},
      {"source path escapes",
       [](json& d) { d["tracks"][0]["clips"][1]["source"]["path"] = "../secret.wav"; },
       {"tracks[0].clips[1].source.path: must be a relative path of '/'-separated names, "
        "without \".\" or \"..\", of at most 1024 bytes"}},
      {"source path absolute",
       [](json& d) { d["tracks"][0]["clips"][1]["source"]["path"] = "/etc/passwd"; },
       {"tracks[0].clips[1].source.path: must be a relative path of '/'-separated names, "
        "without \".\" or \"..\", of at most 1024 bytes"}},
      {"source length needs rate",
       [](json& d) { d["tracks"][0]["clips"][1]["source"]["length"] = 100; },
       {"tracks[0].clips[1].source.length: needs sampleRate"}},
      {"source channels", [](json& d) { d["tracks"][0]["clips"][0]["source"]["channels"] = 0; },
       {"tracks[0].clips[0].source.channels: must be between 1 and 32"}},
      // MIDI.
      {"notes not array", [](json& d) { d["tracks"][1]["clips"][0]["notes"] = 3; },
       {"tracks[1].clips[0].notes: not an array"}},
      {"pitch range", [](json& d) { d["tracks"][1]["clips"][0]["notes"][0]["pitch"] = 128; },
       {"tracks[1].clips[0].notes[0].pitch: must be between 0 and 127"}},
      {"pitch fraction", [](json& d) { d["tracks"][1]["clips"][0]["notes"][0]["pitch"] = 60.5; },
       {"tracks[1].clips[0].notes[0].pitch: not an integer"}},
      {"velocity", [](json& d) { d["tracks"][1]["clips"][0]["notes"][1]["velocity"] = 1.5; },
       {"tracks[1].clips[0].notes[1].velocity: must be between 0 and 1"}},
      {"note length", [](json& d) { d["tracks"][1]["clips"][0]["notes"][2]["length"] = 0; },
       {"tracks[1].clips[0].notes[2].length: must be > 0"}},
      // Inserts.
      {"plugin missing", [](json& d) { d["tracks"][0]["inserts"][0].erase("plugin"); },
       {"tracks[0].inserts[0].plugin: missing"}},
      {"plugin id", [](json& d) { d["tracks"][0]["inserts"][0]["plugin"]["id"] = "Studio.Comp"; },
       {"tracks[0].inserts[0].plugin.id: must be 1 to 128 characters of [a-z0-9._-]"}},
      {"plugin format", [](json& d) { d["tracks"][0]["inserts"][0]["plugin"]["format"] = "vst3"; },
       {"tracks[0].inserts[0].plugin.format: must be one of \"wsp\", \"vaist\""}},
      {"param not a number", [](json& d) { d["tracks"][0]["inserts"][0]["params"]["7"] = "x"; },
       {"tracks[0].inserts[0].params[\"7\"]: not a number"}},
      {"param id leading zero", [](json& d) { d["tracks"][0]["inserts"][0]["params"]["07"] = 1; },
       {"tracks[0].inserts[0].params[\"07\"]: not a parameter id (a whole number "
        "0..4294967295)"}},
      {"param id too big",
       [](json& d) { d["tracks"][0]["inserts"][0]["params"]["4294967296"] = 1; },
       {"tracks[0].inserts[0].params[\"4294967296\"]: not a parameter id (a whole number "
        "0..4294967295)"}},
      {"param magnitude", [](json& d) { d["tracks"][0]["inserts"][0]["params"]["1"] = 2e9; },
       {"tracks[0].inserts[0].params[\"1\"]: must be between -1000000000 and 1000000000"}},
      {"state not base64", [](json& d) { d["tracks"][1]["inserts"][0]["state"] = "!!!!"; },
       {"tracks[1].inserts[0].state: not valid base64"}},
      {"state unpadded", [](json& d) { d["tracks"][1]["inserts"][0]["state"] = "AAECAwQFBgc"; },
       {"tracks[1].inserts[0].state: not valid base64"}},
      {"bypass type", [](json& d) { d["tracks"][1]["inserts"][1]["bypass"] = 1; },
       {"tracks[1].inserts[1].bypass: not a boolean"}},
      {"insert id duplicate", [](json& d) { d["tracks"][1]["inserts"][1]["id"] = "insert-6"; },
       {"tracks[1].inserts[1].id: duplicate id \"insert-6\" (first used at "
        "tracks[1].inserts[0].id)"}},
      // Automation.
      {"target track unknown",
       [](json& d) { d["automation"][0]["target"]["track"] = "track-99"; },
       {"automation[0].target.track: unknown track \"track-99\""}},
      {"removed track leaves lane dangling",
       [](json& d) { d["tracks"].erase(2); },
       {"automation[0].target.track: unknown track \"track-3\""}},
      {"target insert on another track",
       [](json& d) { d["automation"][1]["target"]["insert"] = "insert-5"; },
       {"automation[1].target.insert: no insert \"insert-5\" on track \"track-4\""}},
      {"target insert missing", [](json& d) { d["automation"][1]["target"].erase("insert"); },
       {"automation[1].target.insert: missing"}},
      {"target param negative", [](json& d) { d["automation"][1]["target"]["param"] = -1; },
       {"automation[1].target.param: not a parameter id (a whole number 0..4294967295)"}},
      {"target insert with volume",
       [](json& d) { d["automation"][0]["target"]["insert"] = "insert-8"; },
       {"automation[0].target.insert: only allowed with control \"param\""}},
      {"target control", [](json& d) { d["automation"][0]["target"]["control"] = "gain"; },
       {"automation[0].target.control: must be one of \"volume\", \"pan\", \"param\""}},
      {"master pan", [](json& d) { d["automation"][2]["target"]["control"] = "pan"; },
       {"automation[2].target.control: the master bus has no pan"}},
      {"same target twice",
       [](json& d) { d["automation"][2]["target"] = {{"track", "track-3"}, {"control", "volume"}}; },
       {"automation[2].target: same target as automation[0]"}},
      {"point times not increasing", [](json& d) { d["automation"][0]["points"][1]["time"] = 16; },
       {"automation[0].points[1].time: must be greater than the previous point's time"}},
      {"point time missing", [](json& d) { d["automation"][0]["points"][0].erase("time"); },
       {"automation[0].points[0].time: missing"}},
      {"volume point range", [](json& d) { d["automation"][0]["points"][0]["value"] = 20; },
       {"automation[0].points[0].value: must be between -96 and 12"}},
      {"curvature range", [](json& d) { d["automation"][0]["points"][0]["curvature"] = 2; },
       {"automation[0].points[0].curvature: must be between -1 and 1"}},
      {"curvature missing", [](json& d) { d["automation"][0]["points"][0].erase("curvature"); },
       {"automation[0].points[0].curvature: missing"}},
      {"curvature without curve",
       [](json& d) { d["automation"][0]["points"][1]["curvature"] = 0.5; },
       {"automation[0].points[1].curvature: only allowed with shape \"curve\""}},
      {"shape", [](json& d) { d["automation"][0]["points"][1]["shape"] = "smooth"; },
       {"automation[0].points[1].shape: must be one of \"linear\", \"curve\", \"step\""}},
      // Markers and loop.
      {"marker id duplicate", [](json& d) { d["markers"][0]["id"] = "lane-20"; },
       {"markers[0].id: duplicate id \"lane-20\" (first used at automation[0].id)"}},
      {"marker time", [](json& d) { d["markers"][0]["time"] = -5; },
       {"markers[0].time: must be between 0 and 1000000"}},
      {"loop order", [](json& d) { d["loop"]["end"] = 16; }, {"loop.end: must be greater than start"}},
      {"loop start missing", [](json& d) { d["loop"].erase("start"); }, {"loop.start: missing"}},
      // Several problems: every one is reported, problems of shape (types, missing members)
      // before problems of value.
      {"every error is reported",
       [](json& d) {
         d["tempo"] = 0;
         d["tracks"][0]["pan"] = 2;
         d["tracks"][1]["clips"][0]["notes"][0]["velocity"] = "loud";
         d["loop"]["end"] = 0;
       },
       {"tracks[1].clips[0].notes[0].velocity: not a number", "tempo: must be between 20 and 999",
        "tracks[0].pan: must be between -1 and 1", "loop.end: must be greater than start"}},
  };
  return cases;
}

TEST(Validation, TheDemoIsValid) {
  const LoadResult loaded = load(test::readDataFile("demo.session.json"));
  EXPECT_EQ(test::toStrings(loaded.errors), std::vector<std::string>{});
}

TEST(Validation, EveryRuleReportsPathAndReason) {
  const json demo = json::parse(test::readDataFile("demo.session.json"));
  for (const BrokenFile& broken : brokenFiles()) {
    json document = demo;
    broken.breakIt(document);
    const LoadResult loaded = load(document.dump(2));
    EXPECT_FALSE(loaded.ok()) << broken.name;
    EXPECT_EQ(test::toStrings(loaded.errors), broken.errors) << broken.name;
  }
}

TEST(Validation, NonFiniteNumbersInTheModelAreRejected) {
  Session s = test::sampleSession();
  s.tempoBpm = std::numeric_limits<double>::quiet_NaN();
  s.tracks[0].pan = std::numeric_limits<double>::infinity();
  s.tracks[0].inserts[0].params[3] = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(test::toStrings(validate(s)),
            (std::vector<std::string>{"tempo: must be a finite number",
                                      "tracks[0].pan: must be a finite number",
                                      "tracks[0].inserts[0].params[\"3\"]: must be a finite number"}));
}

TEST(Validation, ClipsOfTheWrongKindInTheModelAreRejected) {
  Session s = test::sampleSession();
  s.tracks[0].midiClips.push_back(s.tracks[1].midiClips[0]);
  s.tracks[0].midiClips[0].id = "stray";
  EXPECT_EQ(test::toStrings(validate(s)),
            std::vector<std::string>{"tracks[0].clips: an audio track holds only audio clips"});
}

TEST(Validation, InvalidUtf8NamesInTheModelAreRejected) {
  Session s = test::sampleSession();
  s.markers[0].name = "bad \xC3";
  EXPECT_EQ(test::toStrings(validate(s)),
            std::vector<std::string>{"markers[0].name: must be valid UTF-8 of at most 256 bytes"});
}

}  // namespace
}  // namespace wstudio::session
