// Assets against the real server: uploads judged by content, byte ranges, visibility through
// sessions, plugin uploads validated by the conformance suite.
#include <gtest/gtest.h>

#include <utility>  // before asio: Boost 1.74's awaitable.hpp needs it

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <fstream>
#include <sstream>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

HttpResponse upload(HttpClient& client, const std::string& bytes, const std::string& query = {}) {
  return client.request("POST", "/api/v1/assets" + query, bytes,
                        {{"Content-Type", "application/octet-stream"}});
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ApiAssets, WavUploadDownloadsWithRangesAndCaching) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("pam");
  const std::string wav = wavFile(4800);
  auto res = upload(client, wav);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["kind"], "wav");
  const std::string sha = res.json()["sha256"];
  EXPECT_EQ(res.json()["size"], wav.size());

  res = client.get("/api/v1/assets/" + sha);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body, wav);
  EXPECT_EQ(res.header("content-type"), "audio/wav");
  EXPECT_EQ(res.header("etag"), "\"" + sha + "\"");
  EXPECT_NE(res.header("cache-control").find("immutable"), std::string::npos);

  res = client.request("GET", "/api/v1/assets/" + sha, {}, {{"Range", "bytes=10-19"}});
  ASSERT_EQ(res.status, 206);
  EXPECT_EQ(res.body, wav.substr(10, 10));
  EXPECT_EQ(res.header("content-range"), "bytes 10-19/" + std::to_string(wav.size()));
  res = client.request("GET", "/api/v1/assets/" + sha, {}, {{"Range", "bytes=-4"}});
  EXPECT_EQ(res.body, wav.substr(wav.size() - 4));
  res = client.request("GET", "/api/v1/assets/" + sha, {}, {{"Range", "bytes=99999999-"}});
  EXPECT_EQ(res.status, 416);
  res = client.request("GET", "/api/v1/assets/" + sha, {}, {{"If-None-Match", "\"" + sha + "\""}});
  EXPECT_EQ(res.status, 304);
  res = client.request("HEAD", "/api/v1/assets/" + sha);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.header("content-length"), std::to_string(wav.size()));
}

// Downloads are sent from the file by the kernel (sendfile). An asset larger than the socket's
// buffer makes the server wait for the client to read on; a client that hangs up in the middle
// must cost the server nothing (no SIGPIPE), and everyone else is served on.
TEST(ApiAssets, LargeDownloadsArriveWholeAndAbandonedOnesDoNoHarm) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("lars");
  const std::string wav = wavFile(2'000'000);  // 8 MB
  auto res = upload(client, wav);
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string sha = res.json()["sha256"];
  res = client.get("/api/v1/assets/" + sha);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("content-length"), std::to_string(wav.size()));
  EXPECT_TRUE(res.body == wav) << "the downloaded bytes differ (" << res.body.size() << " bytes)";
  res = client.request("GET", "/api/v1/assets/" + sha, {}, {{"Range", "bytes=3000000-"}});
  ASSERT_EQ(res.status, 206);
  EXPECT_TRUE(res.body == wav.substr(3000000));

  for (int i = 0; i < 3; ++i) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    const std::string request = "GET /api/v1/assets/" + sha + " HTTP/1.1\r\nHost: test\r\n" +
                                "Cookie: " + client.cookie() + "\r\n\r\n";
    boost::asio::write(socket, boost::asio::buffer(request));
    std::string some(64 * 1024, '\0');
    boost::asio::read(socket, boost::asio::buffer(some));  // a little of the body, then hang up
    socket.set_option(boost::asio::socket_base::linger(true, 0));  // a reset, not a close
    socket.close();
  }
  res = client.get("/api/v1/assets/" + sha);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body.size(), wav.size());
  EXPECT_EQ(server.stop(), 0);  // still alive, and stops gracefully
}

TEST(ApiAssets, BadUploadsAreRefusedAndStoreNothing) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "ApiAssets.BadUploads";
  std::filesystem::remove_all(dir);
  ServerProcess server(dir, "--max-upload-mib 1");
  HttpClient client(server.port());
  client.registerUser("quin");
  const std::string wav = wavFile(48000);
  auto res = upload(client, wav.substr(0, wav.size() / 2));  // truncated: header says more
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "invalid_audio");
  res = upload(client, "this is a text file, not audio at all");
  EXPECT_EQ(res.status, 415);
  res = upload(client, std::string("RIFF\x10\0\0\0WAVEjunkjunk", 20));  // a WAV magic, no audio
  EXPECT_EQ(res.status, 422);
  res = upload(client, wavFile(300000));  // 1.2 MB > 1 MiB
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.errorCode(), "too_large");
  res = upload(client, std::string("\0asm\x01\0\0\0", 8));  // a wasm header and nothing else
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.errorCode(), "invalid_plugin");
  size_t blobs = 0;
  if (std::filesystem::exists(dir / "data" / "blobs")) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "data" / "blobs")) {
      blobs += entry.is_regular_file() ? 1 : 0;
    }
  }
  EXPECT_EQ(blobs, 0u);
  HttpClient anonymous(server.port());
  EXPECT_EQ(upload(anonymous, wavFile(480)).status, 401);
}

TEST(ApiAssets, PrivateAssetsAreVisibleThroughSessionsOnly) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("ray");
  const std::string sha = upload(owner, wavFile(4800)).json()["sha256"];
  HttpClient other(server.port());
  other.registerUser("sue");
  EXPECT_EQ(other.get("/api/v1/assets/" + sha).status, 404);
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 404);
  // Referencing someone else's hash in one's own public session does not publish it.
  ASSERT_EQ(other.post("/api/v1/sessions", {{"name", "Steal"}, {"public", true}, {"document", sessionDocument("x", sha)}}).status, 201);
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 404);
  // The owner's public session that uses it does.
  ASSERT_EQ(owner.post("/api/v1/sessions", {{"name", "Mine"}, {"public", true}, {"document", sessionDocument("x", sha)}}).status, 201);
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 200);
}

// The attack: knowing a private asset's hash, put it in one's own public session and make its
// uploader an editor there (nobody asks the uploader). Only the uploader's own save that adds
// the asset to a session ties it to that session.
TEST(ApiAssets, SharingASessionWithTheUploaderDoesNotPublishTheirAsset) {
  ServerProcess server;
  HttpClient victim(server.port());
  const std::string victimId = victim.registerUser("uma");
  const std::string sha = upload(victim, wavFile(4800)).json()["sha256"];
  HttpClient attacker(server.port());
  attacker.registerUser("vic");
  HttpClient anonymous(server.port());
  auto res = attacker.post("/api/v1/sessions", {{"name", "Bait"}, {"public", true}, {"document", sessionDocument("x", sha)}});
  ASSERT_EQ(res.status, 201);
  const std::string id = res.json()["id"];
  ASSERT_EQ(attacker.put("/api/v1/sessions/" + id + "/shares/" + victimId, {{"role", "editor"}}).status, 200);
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 404);
  ASSERT_EQ(attacker.put("/api/v1/sessions/" + id + "/shares/" + victimId, {{"role", "owner"}}).status, 200);
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 404);
  // Saving the session while the reference is already there (the uploader may not notice it)
  // is not attaching it either.
  ASSERT_EQ(victim.put("/api/v1/sessions/" + id, {{"revision", 1}, {"document", sessionDocument("y", sha)}}).status, 200);
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha).status, 404);
  EXPECT_EQ(attacker.get("/api/v1/assets/" + sha).status, 404);
}

// An editor's own upload, added by that editor's save, is readable by whoever may see the
// session (that is what sharing a session with its sources needs), and stays so for the
// session's other editors' saves.
TEST(ApiAssets, AnEditorsAttachedUploadIsVisibleToTheSessionsViewers) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("wes");
  HttpClient editor(server.port());
  const std::string editorId = editor.registerUser("xia");
  HttpClient viewer(server.port());
  const std::string viewerId = viewer.registerUser("yul");
  const std::string id =
      owner.post("/api/v1/sessions", {{"name", "Band"}, {"document", sessionDocument()}}).json()["id"];
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + editorId, {{"role", "editor"}}).status, 200);
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + viewerId, {{"role", "viewer"}}).status, 200);
  const std::string sha = upload(editor, wavFile(4800)).json()["sha256"];
  EXPECT_EQ(viewer.get("/api/v1/assets/" + sha).status, 404);
  ASSERT_EQ(editor.put("/api/v1/sessions/" + id, {{"revision", 1}, {"document", sessionDocument("x", sha)}}).status, 200);
  EXPECT_EQ(viewer.get("/api/v1/assets/" + sha).status, 200);
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id, {{"revision", 2}, {"document", sessionDocument("renamed", sha)}}).status, 200);
  EXPECT_EQ(viewer.get("/api/v1/assets/" + sha).status, 200);
  // Removed from the document: no longer visible through it.
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id, {{"revision", 3}, {"document", sessionDocument()}}).status, 200);
  EXPECT_EQ(viewer.get("/api/v1/assets/" + sha).status, 404);
}

TEST(ApiAssets, AFactoryPluginUploadPassesConformanceAndIsKnownAfterRestart) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "ApiAssets.Plugin";
  std::filesystem::remove_all(dir);
  auto server = std::make_unique<ServerProcess>(dir);
  HttpClient client(server->port());
  client.registerUser("tom");
  const std::string wasm = readFile(std::string(WSTUDIO_WASM_PLUGIN_DIR) + "/utility.wasm");
  ASSERT_FALSE(wasm.empty());
  auto res = upload(client, wasm);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["kind"], "wasm");
  EXPECT_EQ(res.json()["plugin"]["id"], "studio.wasm.utility");
  const std::string sha = res.json()["sha256"];
  res = client.get("/api/v1/assets/" + sha);
  EXPECT_EQ(res.header("content-type"), "application/wasm");
  EXPECT_EQ(res.body, wasm);
  server->stop();
  server = std::make_unique<ServerProcess>(dir);
  HttpClient again(server->port());
  again.login("tom");
  EXPECT_EQ(again.get("/api/v1/assets/" + sha).body, wasm);
}

}  // namespace
}  // namespace wstudio::server::test
