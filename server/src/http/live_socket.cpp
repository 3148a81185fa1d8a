#include "http/live_socket.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <deque>
#include <memory>

#include "live/session_events.hpp"

namespace wstudio::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

constexpr size_t kMaxQueued = 64;

class LiveSocket : public SessionListener, public std::enable_shared_from_this<LiveSocket> {
 public:
  LiveSocket(ServerContext& context, beast::tcp_stream stream)
      : context_(context), ws_(std::move(stream)) {
    context_.metrics.webSocketOpened();
  }
  ~LiveSocket() override { context_.metrics.webSocketClosed(); }

  void start(beast::http::request<beast::http::string_body> upgrade, const std::string& sessionId) {
    beast::get_lowest_layer(ws_).expires_never();
    // Ping an idle client (browsers answer by themselves), drop one that stays silent.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(4096);  // clients only send close frames and pings
    // Subscribed before the handshake completes: a save right after the client's handshake
    // returns must reach it. Messages queue until the socket is accepted.
    context_.events.track(shared_from_this());
    context_.events.subscribe(sessionId, shared_from_this());
    ws_.async_accept(upgrade, [self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      self->accepted_ = true;
      if (!self->queue_.empty()) self->writeNext();
      self->read();
    });
  }

  void close() override {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this()] {
      if (self->closed_) return;
      self->closed_ = true;
      if (!self->accepted_) {  // still in the handshake: just drop the connection
        beast::get_lowest_layer(self->ws_).close();
        return;
      }
      self->ws_.async_close(websocket::close_reason(websocket::close_code::going_away,
                                                    "the server is restarting"),
                            [self](beast::error_code) {});
      // A client that does not answer the close frame must not hold up the shutdown.
      self->closeTimer_.expires_after(std::chrono::seconds(1));
      self->closeTimer_.async_wait([self](beast::error_code) {
        beast::get_lowest_layer(self->ws_).close();
      });
    });
  }

  void deliver(std::shared_ptr<const std::string> message) override {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this(), message] {
      if (self->closed_) return;
      if (self->queue_.size() >= kMaxQueued) {
        self->closed_ = true;
        self->ws_.async_close(websocket::close_reason(websocket::close_code::policy_error,
                                                      "too slow: reload the session"),
                              [self](beast::error_code) {});
        return;
      }
      self->queue_.push_back(message);
      if (self->queue_.size() == 1 && self->accepted_) self->writeNext();
    });
  }

 private:
  // Reading keeps pings/close flowing; anything the client sends is ignored.
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        self->closed_ = true;
        return;
      }
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  void writeNext() {
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(*queue_.front()),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) {
                        self->closed_ = true;
                        return;
                      }
                      self->queue_.pop_front();
                      if (!self->queue_.empty() && !self->closed_) self->writeNext();
                    });
  }

  ServerContext& context_;
  websocket::stream<beast::tcp_stream> ws_;
  boost::asio::steady_timer closeTimer_{ws_.get_executor()};
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool accepted_ = false;
  bool closed_ = false;
};

}  // namespace

void startLiveSocket(ServerContext& context, beast::tcp_stream stream,
                     beast::http::request<beast::http::string_body> upgrade,
                     const std::string& sessionId) {
  std::make_shared<LiveSocket>(context, std::move(stream))->start(std::move(upgrade), sessionId);
}

}  // namespace wstudio::server
