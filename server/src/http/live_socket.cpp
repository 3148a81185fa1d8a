#include "http/live_socket.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace wstudio::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {

constexpr size_t kMaxQueued = 64;

// Everything below runs on the connection's strand except deliver() and close(), which only
// post to it.
class LiveSocket : public SessionListener, public std::enable_shared_from_this<LiveSocket> {
 public:
  LiveSocket(ServerContext& context, beast::tcp_stream stream)
      : context_(context), ws_(std::move(stream)) {
    context_.metrics.webSocketOpened();
  }
  ~LiveSocket() override { context_.metrics.webSocketClosed(); }

  void start(beast::http::request<beast::http::string_body> upgrade, const LiveGrant& grant) {
    beast::get_lowest_layer(ws_).expires_never();
    // Ping an idle client (browsers answer by themselves), drop one that stays silent.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(4096);  // clients only send close frames and pings
    // Subscribed before the handshake completes: a save right after the client's handshake
    // returns must reach it. Messages queue until the socket is accepted.
    context_.events.track(shared_from_this());
    context_.events.subscribe(grant.sessionId, grant.userId, shared_from_this(), grant.check,
                              grant.checkedAtGeneration);
    ws_.async_accept(upgrade, [self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      self->accepted_ = true;
      self->read();
      if (!self->queue_.empty()) {
        self->writeNext();
      } else if (self->closing_) {
        self->sendClose();
      }
    });
  }

  void close(SocketClose why) override {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this(), why = std::move(why)] {
      self->closeAfterQueue(why);
    });
  }

  void deliver(std::shared_ptr<const std::string> message) override {
    boost::asio::post(ws_.get_executor(), [self = shared_from_this(), message] {
      if (self->closed_ || self->closing_) return;
      if (self->queue_.size() >= kMaxQueued) {
        // Only the message being written stays; the client reloads the session anyway.
        self->queue_.resize(self->accepted_ ? 1 : 0);
        return self->closeAfterQueue({1008, "too slow: reload the session"});
      }
      self->queue_.push_back(message);
      if (self->queue_.size() == 1 && self->accepted_) self->writeNext();
    });
  }

 private:
  // What is queued was published while the client had access: it is sent, then the close frame
  // (one write at a time, so the close waits for the queue).
  void closeAfterQueue(const SocketClose& why) {
    if (closed_ || closing_) return;
    closing_ = why;
    if (!accepted_) {
      if (why.code == 1001) {  // shutdown: a socket still in its handshake is just dropped
        closed_ = true;
        beast::get_lowest_layer(ws_).close();
      }
      return;  // otherwise closed once accepted (the client sees the reason)
    }
    if (queue_.empty()) sendClose();
  }

  void sendClose() {
    closed_ = true;
    ws_.async_close(websocket::close_reason(static_cast<websocket::close_code>(closing_->code),
                                            closing_->reason),
                    [self = shared_from_this()](beast::error_code) {});
    // A client that does not answer the close frame must not hold the connection.
    closeTimer_.expires_after(std::chrono::seconds(1));
    closeTimer_.async_wait([self = shared_from_this()](beast::error_code) {
      beast::get_lowest_layer(self->ws_).close();
    });
  }

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
                      if (self->closed_) return;
                      if (!self->queue_.empty()) return self->writeNext();
                      if (self->closing_) self->sendClose();
                    });
  }

  ServerContext& context_;
  websocket::stream<beast::tcp_stream> ws_;
  boost::asio::steady_timer closeTimer_{ws_.get_executor()};
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::optional<SocketClose> closing_;  // the close frame to send once the queue is written
  bool accepted_ = false;
  bool closed_ = false;
};

}  // namespace

void startLiveSocket(ServerContext& context, beast::tcp_stream stream,
                     beast::http::request<beast::http::string_body> upgrade, const LiveGrant& grant) {
  std::make_shared<LiveSocket>(context, std::move(stream))->start(std::move(upgrade), grant);
}

}  // namespace wstudio::server
