// The server and the browser's engine edit sessions with the one session library (OPS-1): the
// same batch applied by POST /sessions/{id}/ops and by engine.wasm (through engine/js, in node)
// to the same stored text gives the same session, byte for byte, and the same inverse.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

namespace fs = std::filesystem;

// The exact text the server stored for the session (GET re-renders the document as JSON).
std::string storedDocument(const fs::path& dataDir, const std::string& id) {
  sqlite3* db = nullptr;
  const fs::path file = dataDir / "data" / "studio.db";
  std::string text;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT document FROM studio_sessions WHERE id = ?", -1, &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return text;
}

void writeFile(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// engine/js/tests/apply_ops_file.mjs: {"result": ..., "session": "..."}.
Json applyWithEngine(const fs::path& sessionFile, const fs::path& batchFile) {
  const std::string command = "WSTUDIO_ENGINE_WASM='" WSTUDIO_ENGINE_WASM "' '" WSTUDIO_NODE
                              "' '" WSTUDIO_APPLY_OPS_SCRIPT "' '" +
                              sessionFile.string() + "' '" + batchFile.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return nullptr;
  std::string out;
  std::array<char, 4096> chunk{};
  while (const size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe)) out.append(chunk.data(), n);
  if (::pclose(pipe) != 0) return nullptr;
  return Json::parse(out, nullptr, false);
}

// A session with something of every kind the batch touches.
Json startingDocument() {
  return Json::parse(R"({
    "format": "wasm-studio-session", "version": 1, "tempo": 120,
    "tracks": [
      {"id": "t1", "name": "Drums", "kind": "audio", "volumeDb": -3,
       "clips": [{"id": "c1", "source": {"path": "drums.wav"}, "start": 0, "length": 8}]},
      {"id": "bus", "name": "Bus", "kind": "bus"}
    ],
    "markers": [{"id": "m1", "time": 4, "name": "Verse"}]
  })");
}

Json theBatch() {
  return Json::parse(R"({
    "format": "wasm-studio-ops", "version": 1, "baseRevision": 1,
    "ops": [
      {"op": "tempo.set", "bpm": 97.5},
      {"op": "track.add", "index": 1, "track": {"id": "keys", "name": "Keys", "kind": "instrument"}},
      {"op": "clip.add", "track": "keys", "kind": "midi",
       "clip": {"id": "c2", "start": 4, "length": 4,
                "notes": [{"pitch": 60, "velocity": 0.5, "start": 0, "length": 1.25}]}},
      {"op": "track.update", "id": "t1", "set": {"pan": -0.25, "mute": true, "output": "bus"}},
      {"op": "clip.update", "id": "c1", "set": {"fadeIn": 0.5, "fadeInCurve": "s-curve", "gainDb": -1.5}},
      {"op": "clip.move", "id": "c1", "start": 2},
      {"op": "marker.update", "id": "m1", "set": {"name": "Intro"}},
      {"op": "marker.add", "marker": {"id": "m2", "time": 16, "name": "Chorus"}},
      {"op": "loop.set", "loop": {"start": 0, "end": 16, "enabled": true}},
      {"op": "track.move", "id": "bus", "index": 0},
      {"op": "master.setVolume", "volumeDb": -1}
    ]
  })");
}

TEST(SessionOpsEngineParity, ServerAndEngineWasmGiveTheSameSessionByteForByte) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("ann");
  const auto created = owner.post("/api/v1/sessions", {{"name", "Parity"}, {"document", startingDocument()}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.json()["id"];
  const std::string before = storedDocument(server.dataDir(), id);
  ASSERT_FALSE(before.empty());

  const auto applied = owner.post("/api/v1/sessions/" + id + "/ops", theBatch());
  ASSERT_EQ(applied.status, 200) << applied.body;
  const std::string after = storedDocument(server.dataDir(), id);
  ASSERT_NE(after, before);

  const fs::path sessionFile = server.dataDir() / "parity.session.json";
  const fs::path batchFile = server.dataDir() / "parity.ops.json";
  writeFile(sessionFile, before);
  // The engine counts its own revisions (from 0): it gets the operations without the server's.
  Json engineBatch = theBatch();
  engineBatch.erase("baseRevision");
  writeFile(batchFile, engineBatch.dump());
  const Json engine = applyWithEngine(sessionFile, batchFile);
  ASSERT_TRUE(engine.is_object()) << "node apply_ops_file.mjs failed";
  ASSERT_EQ(engine["result"]["ok"], true) << engine["result"];
  EXPECT_EQ(engine["session"].get<std::string>(), after);
  EXPECT_EQ(engine["result"]["inverse"], applied.json()["inverse"]);
}

}  // namespace
}  // namespace wstudio::server::test
