#include "http/connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <array>
#include <cctype>
#include <chrono>
#include <optional>

#include "api/api_error.hpp"
#include "api/router.hpp"
#include "http/file_body_writer.hpp"
#include "http/live_socket.hpp"
#include "http/response_head.hpp"
#include "http/url_path.hpp"
#include "log/structured_log.hpp"

namespace wstudio::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

Response bodyTooLarge() {
  return errorResponse(413, "too_large", "the request body is larger than allowed");
}

class Connection : public HttpConnection, public std::enable_shared_from_this<Connection> {
 public:
  Connection(const HttpShared& shared, tcp::socket socket)
      : shared_(shared), context_(shared.context), stream_(std::move(socket)) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "unknown" : endpoint.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->readHeader(); });
  }

  void closeWhenIdle() override {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->closeAfterResponse_ = true;
      if (self->idle_) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.close();
      }
    });
  }

 private:
  void readHeader() {
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(shared_.limits.headerBytes);
    // The route's own limit is applied once the header says where the request goes (onHeader);
    // until then only the largest limit of any route.
    parser_->body_limit(std::max(context_.settings.maxUploadBytes, context_.settings.maxJsonBodyBytes));
    stream_.expires_after(std::chrono::seconds(shared_.limits.readTimeoutSeconds));
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              self->onHeader(ec);
                            });
  }

  void onHeader(beast::error_code ec) {
    idle_ = false;
    if (ec) return fail(ec);
    started_ = std::chrono::steady_clock::now();
    const auto& header = parser_->get();
    target_ = std::string(header.target());
    const std::string_view target = target_;
    path_ = std::string(target.substr(0, target.find('?')));
    decodedPath_ = decodeUrlPath(path_);
    match_ = matchRoute(std::string(header.method_string()), decodedPath_.value_or(std::string()));
    const bool upload = match_.route != nullptr && match_.route->upload;
    const uint64_t limit = upload ? context_.settings.maxUploadBytes : context_.settings.maxJsonBodyBytes;
    // A declared length is checked now (the parser checked it against the largest limit);
    // a chunked body is cut off by the parser when it passes the limit.
    if (const auto length = parser_->content_length(); length && *length > limit) {
      return refuse(bodyTooLarge());
    }
    parser_->body_limit(limit);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->onBody(ec); });
  }

  void onBody(beast::error_code ec) {
    if (ec) return fail(ec);
    stream_.expires_never();
    auto message = parser_->release();
    Request request;
    request.method = std::string(message.method_string());
    const std::string_view target = target_;
    if (const size_t q = target.find('?'); q != std::string_view::npos) {
      request.query = std::string(target.substr(q + 1));
    }
    request.remoteAddress = remote_;
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    keepAlive_ = message.keep_alive();
    if (beast::websocket::is_upgrade(message)) {
      closeAfterResponse_ = true;  // an upgrade either becomes a WebSocket or ends the connection
      upgrade_ = std::move(message);
    } else {
      request.body = std::move(message.body());
    }
    if (!decodedPath_ || decodedPath_->empty() || decodedPath_->front() != '/') {
      return refuse(errorResponse(400, "invalid_request", "the request path is malformed"));
    }
    request.path = *decodedPath_;
    request_ = std::move(request);
    if (!isApiPath(request_.path)) return respond(shared_.site.serve(request_));
    const Work work = workOf(match_.route, request_.body.size());
    if (work == Work::Network) return respond(dispatch(context_, request_, match_));
    // Off the network threads; the response comes back to this connection's strand. The work
    // guard keeps the network threads running until it is back, even during shutdown.
    WorkPool& pool = work == Work::Hashing ? shared_.hashing : shared_.bulk;
    pool.post([self = shared_from_this(), guard = asio::make_work_guard(stream_.get_executor())] {
      Response response = dispatch(self->context_, self->request_, self->match_);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->respond(std::move(response));
      });
    });
  }

  // The API authorised a WebSocket upgrade: the socket leaves this connection.
  void becomeLiveSocket(const LiveGrant& grant) {
    logEvent("info", "websocket", {{"path", request_.path}, {"remote", remote_}});
    context_.metrics.recordRequest(101, 0);
    startLiveSocket(context_, std::move(stream_), std::move(*upgrade_), grant);
  }

  // An error answered before the request was read whole: the connection ends after it.
  void refuse(Response response) {
    responding_ = true;
    closeAfterResponse_ = true;
    respond(std::move(response));
  }

  void respond(Response response) {
    if (response.liveGrant && response.status == 101 && upgrade_) {
      return becomeLiveSocket(*response.liveGrant);
    }
    std::optional<uint64_t> explicitLength;  // HEAD: the length of the body a GET would send
    std::erase_if(response.headers, [&](const auto& field) {
      if (field.first != "Content-Length") return false;
      explicitLength = std::stoull(field.second);
      return true;
    });
    const bool head = request_.method == "HEAD";
    const bool keepAlive = keepAlive_ && !closeAfterResponse_ && !shared_.stopping;
    std::optional<FileSlice> fileBody;
    if (!head) fileBody = std::move(response.fileBody);
    const uint64_t bodyBytes = fileBody ? fileBody->length : response.body.size();
    const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
    std::optional<uint64_t> contentLength;
    if (head) {
      contentLength = explicitLength.value_or(bodyBytes);
    } else if (!bodiless) {
      contentLength = bodyBytes;
    }
    // One write of two buffers: the head, then the body (a file body follows by sendfile).
    auto wire = std::make_shared<std::pair<std::string, std::string>>(
        responseHead(response, contentLength, keepAlive),
        head || fileBody ? std::string() : std::move(response.body));
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_)
            .count();
    context_.metrics.recordRequest(response.status, static_cast<uint64_t>(micros));
    logAccess(request_.method.empty() ? "-" : request_.method,
              request_.path.empty() ? path_ : request_.path, response.status, head ? 0 : bodyBytes,
              micros, remote_);
    stream_.expires_after(std::chrono::seconds(shared_.limits.readTimeoutSeconds));
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(wire->first), asio::buffer(wire->second)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), wire, keepAlive,
                       fileBody = std::move(fileBody)](beast::error_code ec, size_t) mutable {
                        if (ec) return self->fail(ec);
                        if (!fileBody) return self->onResponseSent(keepAlive);
                        self->stream_.expires_never();  // the writer keeps its own deadline
                        sendFileBody(self->stream_.socket(), std::move(*fileBody),
                                     std::chrono::seconds(self->shared_.limits.readTimeoutSeconds),
                                     [self, keepAlive](bool sent) {
                                       if (sent) return self->onResponseSent(keepAlive);
                                       beast::error_code ignored;
                                       self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
                                     });
                      });
  }

  void onResponseSent(bool keepAlive) {
    // Shutdown may have begun while this response was being written.
    if (!keepAlive || closeAfterResponse_ || shared_.stopping) return lingeringClose();
    request_ = Request{};
    upgrade_.reset();
    readHeader();
  }

  // Closing a socket with unread input makes the kernel send a reset, which can destroy the
  // response still in flight (a client still sending an oversized request would never see its
  // 413). So: stop sending, read and discard until the client closes, for at most 2 s.
  void lingeringClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain_.resize(4096);
    lingeringDrain();
  }

  void lingeringDrain() {
    stream_.async_read_some(asio::buffer(drain_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->lingeringDrain();  // until the client closes, or the 2 s are up
    });
  }

  void fail(beast::error_code ec) {
    // A client that goes away or stalls is normal; anything malformed gets one error if possible.
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    if (ec == http::error::body_limit && !responding_) return refuse(bodyTooLarge());
    if (ec.category() == http::make_error_code(http::error::header_limit).category() && !responding_) {
      const bool tooBig = ec == http::error::header_limit;
      return refuse(errorResponse(tooBig ? 431 : 400, tooBig ? "headers_too_large" : "bad_request",
                                  tooBig ? "the request headers are too large"
                                         : "the request is not valid HTTP/1.1"));
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  const HttpShared& shared_;
  ServerContext& context_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::request<http::string_body>> upgrade_;  // a WebSocket handshake request
  std::string remote_;
  std::string drain_;
  std::string target_;
  std::string path_;                        // as sent (percent-encoded)
  std::optional<std::string> decodedPath_;  // none when the encoding is broken
  RouteMatch match_;
  Request request_;
  std::chrono::steady_clock::time_point started_;
  bool keepAlive_ = false;
  bool idle_ = false;
  bool closeAfterResponse_ = false;
  bool responding_ = false;
};

}  // namespace

std::shared_ptr<HttpConnection> startConnection(const HttpShared& shared, tcp::socket socket) {
  auto connection = std::make_shared<Connection>(shared, std::move(socket));
  connection->start();
  return connection;
}

}  // namespace wstudio::server
