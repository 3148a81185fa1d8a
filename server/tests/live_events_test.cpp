// WebSocket /api/v1/sessions/{id}/events against the real server: saves reach open copies;
// visibility as for GET; cross-site cookie handshakes refused; shutdown closes the socket.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

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
             const std::string& origin = {}) {
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // A lost event must fail the test, not hang it.
    const timeval timeout{10, 0};
    ::setsockopt(ws.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& req) {
      if (!cookie.empty()) req.set(beast::http::field::cookie, cookie);
      if (!origin.empty()) req.set(beast::http::field::origin, origin);
    }));
    ws.handshake("127.0.0.1:" + std::to_string(port), target);
  }

  Json next() {
    beast::flat_buffer buffer;
    ws.read(buffer);
    return Json::parse(beast::buffers_to_string(buffer.data()));
  }
};

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

}  // namespace
}  // namespace wstudio::server::test
