// WebSocket /api/v1/sessions/{id}/events against the real server: saves reach open copies;
// visibility as for GET; cross-site cookie handshakes refused; shutdown closes the socket.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <optional>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct LiveClient {
  asio::io_context io;
  websocket::stream<tcp::socket> ws{io};

  // Throws beast::system_error (e.g. a 404 refusal) when the handshake fails.
  LiveClient(uint16_t port, const std::string& target, const std::string& cookie,
             const std::string& origin = {}, const std::string& bearer = {}) {
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // A lost event must fail the test, not hang it.
    const timeval timeout{10, 0};
    ::setsockopt(ws.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& req) {
      if (!cookie.empty()) req.set(beast::http::field::cookie, cookie);
      if (!origin.empty()) req.set(beast::http::field::origin, origin);
      if (!bearer.empty()) req.set(beast::http::field::authorization, "Bearer " + bearer);
    }));
    ws.handshake("127.0.0.1:" + std::to_string(port), target);
  }

  Json next() {
    beast::flat_buffer buffer;
    ws.read(buffer);
    return Json::parse(beast::buffers_to_string(buffer.data()));
  }

  // Waits for the server to close the socket and returns its close frame; fails the test when
  // an event arrives instead (the socket outlived the access it was opened with) or nothing
  // happens within 10 s (the server pings an idle socket, so a blocking read would never end).
  websocket::close_reason closeReason() {
    beast::flat_buffer buffer;
    std::optional<beast::error_code> result;
    ws.async_read(buffer, [&](beast::error_code ec, size_t) { result = ec; });
    io.restart();
    io.run_for(std::chrono::seconds(10));
    if (!result) {
      ADD_FAILURE() << "the socket is still open and silent";
      ws.next_layer().close();
      io.restart();
      io.run();
      return {};
    }
    if (!*result) {
      ADD_FAILURE() << "the socket is still open and received " << beast::buffers_to_string(buffer.data());
    } else {
      EXPECT_EQ(*result, websocket::error::closed) << result->message();
    }
    return ws.reason();
  }
};

std::string createSession(HttpClient& client, bool isPublic = false) {
  return client.post("/api/v1/sessions", {{"name", "Live"}, {"public", isPublic}, {"document", sessionDocument()}})
      .json()["id"];
}

void save(HttpClient& client, const std::string& id, int64_t revision) {
  ASSERT_EQ(client.put("/api/v1/sessions/" + id,
                       {{"revision", revision}, {"document", sessionDocument("T" + std::to_string(revision))}})
                .status,
            200);
}

TEST(LiveEvents, SavesReachEveryOpenCopy) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("ann");
  const std::string id =
      owner.post("/api/v1/sessions", {{"name", "Live"}, {"document", sessionDocument()}}).json()["id"];
  LiveClient live(server.port(), "/api/v1/sessions/" + id + "/events", owner.cookie(),
                  "http://127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(owner.get("/api/v1/metrics").json()["openWebSockets"], 1);
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id, {{"revision", 1}, {"document", sessionDocument("B")}}).status, 200);
  const Json event = live.next();
  EXPECT_EQ(event["type"], "revision");
  EXPECT_EQ(event["sessionId"], id);
  EXPECT_EQ(event["revision"], 2);
  ASSERT_EQ(owner.del("/api/v1/sessions/" + id).status, 204);
  EXPECT_EQ(live.next()["type"], "deleted");
}

TEST(LiveEvents, AppliedOperationsReachEveryOpenCopy) {
  ServerProcess server;
  HttpClient owner(server.port());
  const std::string ownerId = owner.registerUser("ann");
  const std::string id =
      owner.post("/api/v1/sessions", {{"name", "Live"}, {"document", sessionDocument()}}).json()["id"];
  LiveClient live(server.port(), "/api/v1/sessions/" + id + "/events", owner.cookie());
  const Json batch = {{"format", "wasm-studio-ops"}, {"version", 1}, {"baseRevision", 1},
                      {"ops", {{{"op", "tempo.set"}, {"bpm", 90}}}}};
  ASSERT_EQ(owner.post("/api/v1/sessions/" + id + "/ops", batch).status, 200);
  const Json event = live.next();
  EXPECT_EQ(event["type"], "revision");
  EXPECT_EQ(event["sessionId"], id);
  EXPECT_EQ(event["revision"], 2);
  EXPECT_EQ(event["userId"], ownerId);
}

TEST(LiveEvents, VisibilityAndOriginAreChecked) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("ben");
  const std::string id =
      owner.post("/api/v1/sessions", {{"name", "Private"}, {"document", sessionDocument()}}).json()["id"];
  HttpClient other(server.port());
  other.registerUser("cat");
  const std::string target = "/api/v1/sessions/" + id + "/events";
  EXPECT_THROW(LiveClient(server.port(), target, other.cookie()), beast::system_error);
  EXPECT_THROW(LiveClient(server.port(), target, ""), beast::system_error);
  EXPECT_THROW(LiveClient(server.port(), target, owner.cookie(), "https://evil.example"),
               beast::system_error);
  EXPECT_THROW(LiveClient(server.port(), "/api/v1/sessions", owner.cookie()), beast::system_error);
  EXPECT_NO_THROW(LiveClient(server.port(), target, owner.cookie()));
  EXPECT_EQ(owner.get("/api/v1/health").status, 200);
}

TEST(LiveEvents, ShutdownClosesOpenSockets) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("dee");
  const std::string id =
      owner.post("/api/v1/sessions", {{"name", "S"}, {"document", sessionDocument()}}).json()["id"];
  LiveClient live(server.port(), "/api/v1/sessions/" + id + "/events", owner.cookie());
  EXPECT_EQ(server.stop(), 0);
  EXPECT_THROW(live.next(), beast::system_error);  // closed: going away
}

// A viewer removed from a session must stop hearing about it at once, on the socket it opened
// while it was allowed to.
TEST(LiveEvents, RemovingAShareClosesTheViewersSocket) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("eve");
  HttpClient viewer(server.port());
  const std::string viewerId = viewer.registerUser("fay");
  const std::string id = createSession(owner);
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + viewerId, {{"role", "viewer"}}).status, 200);
  LiveClient live(server.port(), "/api/v1/sessions/" + id + "/events", viewer.cookie());
  ASSERT_EQ(owner.del("/api/v1/sessions/" + id + "/shares/" + viewerId).status, 204);
  EXPECT_EQ(viewer.get("/api/v1/sessions/" + id).status, 404);
  save(owner, id, 1);
  const auto reason = live.closeReason();
  EXPECT_EQ(reason.code, 1008);
  EXPECT_NE(std::string(reason.reason.c_str()).find("access"), std::string::npos) << reason.reason.c_str();
}

TEST(LiveEvents, MakingASessionPrivateClosesAnonymousSockets) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("gus");
  const std::string id = createSession(owner, true);
  LiveClient anonymous(server.port(), "/api/v1/sessions/" + id + "/events", "");
  LiveClient own(server.port(), "/api/v1/sessions/" + id + "/events", owner.cookie());
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id, {{"revision", 1}, {"public", false}, {"document", sessionDocument()}}).status, 200);
  EXPECT_EQ(anonymous.closeReason().code, 1008);
  EXPECT_EQ(own.next()["revision"], 2);  // the owner still sees it
}

// A role change is an access change too: it is checked again, and a viewer who may still see
// the session keeps its socket.
TEST(LiveEvents, ARoleChangeKeepsASocketThatMayStillSeeTheSession) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("hal");
  HttpClient viewer(server.port());
  const std::string viewerId = viewer.registerUser("ida");
  const std::string id = createSession(owner);
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + viewerId, {{"role", "viewer"}}).status, 200);
  LiveClient live(server.port(), "/api/v1/sessions/" + id + "/events", viewer.cookie());
  ASSERT_EQ(owner.put("/api/v1/sessions/" + id + "/shares/" + viewerId, {{"role", "editor"}}).status, 200);
  save(owner, id, 1);
  EXPECT_EQ(live.next()["revision"], 2);
}

TEST(LiveEvents, RevokingTheTokenOrLoggingOutClosesTheSocket) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("jan");
  const std::string id = createSession(owner);
  const auto token = owner.post("/api/v1/tokens", {{"name", "live"}}).json();
  LiveClient viaToken(server.port(), "/api/v1/sessions/" + id + "/events", "", {},
                      token["token"].get<std::string>());
  HttpClient second(server.port());
  second.login("jan");
  LiveClient viaCookie(server.port(), "/api/v1/sessions/" + id + "/events", second.cookie());
  ASSERT_EQ(owner.del("/api/v1/tokens/" + token["id"].get<std::string>()).status, 204);
  ASSERT_EQ(second.request("POST", "/api/v1/auth/logout").status, 204);
  save(owner, id, 1);
  EXPECT_EQ(viaToken.closeReason().code, 1008);
  EXPECT_EQ(viaCookie.closeReason().code, 1008);
}

TEST(LiveEvents, DeletingTheSessionSaysSoAndCloses) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("kim");
  const std::string id = createSession(owner, true);
  LiveClient anonymous(server.port(), "/api/v1/sessions/" + id + "/events", "");
  ASSERT_EQ(owner.del("/api/v1/sessions/" + id).status, 204);
  EXPECT_EQ(anonymous.next()["type"], "deleted");
  const auto reason = anonymous.closeReason();
  EXPECT_EQ(reason.code, 1000);
  EXPECT_NE(std::string(reason.reason.c_str()).find("deleted"), std::string::npos);
}

// Origin is compared as scheme, host and port: a page of https://host:port is another origin
// than this plain-HTTP server at host:port.
TEST(LiveEvents, OriginMustMatchSchemeHostAndPort) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("lou");
  const std::string id = createSession(owner);
  const std::string target = "/api/v1/sessions/" + id + "/events";
  const std::string hostPort = "127.0.0.1:" + std::to_string(server.port());
  EXPECT_THROW(LiveClient(server.port(), target, owner.cookie(), "https://" + hostPort), beast::system_error);
  EXPECT_THROW(LiveClient(server.port(), target, owner.cookie(), "http://127.0.0.1:1"), beast::system_error);
  EXPECT_THROW(LiveClient(server.port(), target, owner.cookie(), "null"), beast::system_error);
  EXPECT_NO_THROW(LiveClient(server.port(), target, owner.cookie(), "http://" + hostPort));
  EXPECT_NO_THROW(LiveClient(server.port(), target, owner.cookie(), "HTTP://" + hostPort));
}

}  // namespace
}  // namespace wstudio::server::test
