#include "http/http_server.hpp"

#include <utility>  // before asio: Boost 1.74's awaitable.hpp needs it

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <sys/sendfile.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "api/api_error.hpp"
#include "api/router.hpp"
#include "api/routes.hpp"
#include "http/live_socket.hpp"
#include "http/response_head.hpp"
#include "log/structured_log.hpp"

namespace wstudio::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Percent-decodes a URL path; none when the encoding is broken or decodes to a NUL.
std::optional<std::string> decodePath(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') {
      out.push_back(raw[i]);
      continue;
    }
    if (i + 2 >= raw.size()) return std::nullopt;
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = hex(raw[i + 1]), lo = hex(raw[i + 2]);
    if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

}  // namespace

struct HttpServer::Impl {
  ServerContext& context;
  const StaticSite& site;
  HttpLimits limits;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGTERM, SIGINT};
  std::atomic<bool> stopping{false};

  class Connection;
  std::mutex connectionsMutex;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections;

  Impl(ServerContext& c, const StaticSite& s, HttpLimits l)
      : context(c), site(s), limits(l), io(l.networkThreads),
        workers(static_cast<size_t>(l.workerThreads)) {}

  void accept();
  void beginShutdown();
};

class HttpServer::Impl::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "unknown" : endpoint.address().to_string();
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->readHeader(); });
  }

  // Shutdown: a connection waiting for a request is closed; one busy with a request finishes it
  // and closes after its response.
  void closeWhenIdle() {
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
    parser_->header_limit(server_.limits.headerBytes);
    // The route's own limit is applied once the header says where the request goes (onHeader);
    // until then only the largest limit of any route.
    parser_->body_limit(std::max(server_.context.settings.maxUploadBytes,
                                 server_.context.settings.maxJsonBodyBytes));
    stream_.expires_after(std::chrono::seconds(server_.limits.readTimeoutSeconds));
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
    const size_t q = target.find('?');
    path_ = std::string(target.substr(0, q));
    decodedPath_ = decodePath(path_);
    match_ = matchRoute(std::string(header.method_string()), decodedPath_.value_or(std::string()));
    const bool upload = match_.route != nullptr && match_.route->upload;
    const uint64_t limit = upload ? server_.context.settings.maxUploadBytes
                                  : server_.context.settings.maxJsonBodyBytes;
    // A declared length is checked now (the parser checked it against the largest limit);
    // a chunked body is cut off by the parser when it passes the limit.
    if (const auto length = parser_->content_length(); length && *length > limit) {
      closeAfterResponse_ = true;
      return respond(errorResponse(413, "too_large", "the request body is larger than allowed"));
    }
    parser_->body_limit(limit);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->onBody(ec); });
  }

  void onBody(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      closeAfterResponse_ = true;
      return respond(errorResponse(413, "too_large", "the request body is larger than allowed"));
    }
    if (ec) return fail(ec);
    stream_.expires_never();
    auto message = parser_->release();
    Request request;
    request.method = std::string(message.method_string());
    const std::string_view target = target_;
    const size_t q = target.find('?');
    if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
    request.remoteAddress = remote_;
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    keepAlive_ = message.keep_alive();
    const bool upgrade = beast::websocket::is_upgrade(message);
    request.body = upgrade ? std::string() : std::move(message.body());
    if (!decodedPath_ || decodedPath_->empty() || decodedPath_->front() != '/') {
      closeAfterResponse_ = true;
      return respond(errorResponse(400, "invalid_request", "the request path is malformed"));
    }
    request.path = *decodedPath_;
    request_ = std::move(request);
    if (upgrade) return upgradeToWebSocket(std::move(message));
    if (!isApiPath(request_.path)) return respond(server_.site.serve(request_));
    if (match_.route != nullptr && match_.route->slow) {
      // Off the network threads; the response comes back to this connection's strand.
      // The work guard keeps the network threads running until the response is back, even
      // during shutdown when nothing else is pending.
      asio::post(server_.workers, [self = shared_from_this(),
                                   guard = asio::make_work_guard(stream_.get_executor())] {
        Response response = dispatch(self->server_.context, self->request_, self->match_);
        asio::post(self->stream_.get_executor(),
                   [self, response = std::move(response)]() mutable {
                     self->respond(std::move(response));
                   });
      });
      return;
    }
    respond(dispatch(server_.context, request_, match_));
  }

  // GET /api/v1/sessions/{id}/events with Upgrade: websocket. Authorised like GET of the
  // session; a cookie login must come from this server's own pages (Origin matches Host),
  // since browsers do not apply CORS to WebSocket handshakes.
  void upgradeToWebSocket(http::request<http::string_body> message) {
    constexpr std::string_view kPrefix = "/api/v1/sessions/", kSuffix = "/events";
    const std::string& path = request_.path;
    const bool matches = path.size() > kPrefix.size() + kSuffix.size() &&
                         path.rfind(kPrefix, 0) == 0 &&
                         path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
    const std::string id =
        matches ? path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size()) : "";
    closeAfterResponse_ = true;  // an upgrade that is refused ends the connection
    if (!matches || id.empty() || id.find('/') != std::string::npos) {
      return respond(errorResponse(404, "not_found", "WebSockets are served only at /api/v1/sessions/{id}/events"));
    }
    const std::string_view origin = request_.header("origin");
    if (!request_.cookie("wstudio_login").empty() && !origin.empty()) {
      const size_t scheme = origin.find("://");
      const std::string_view host = scheme == std::string_view::npos ? origin : origin.substr(scheme + 3);
      if (host != request_.header("host")) {
        return respond(errorResponse(403, "forbidden", "cross-site WebSocket connections are refused"));
      }
    }
    try {
      routes::checkCanWatch(server_.context, request_, id);
    } catch (const ApiError& error) {
      return respond(errorResponse(error));
    } catch (const std::exception&) {
      return respond(errorResponse(500, "internal", "the upgrade failed inside the server"));
    }
    logEvent("info", "websocket", {{"path", path}, {"remote", remote_}});
    server_.context.metrics.recordRequest(101, 0);
    startLiveSocket(server_.context, std::move(stream_), std::move(message), id);
  }

  void respond(Response response) {
    std::optional<uint64_t> explicitLength;  // HEAD: the length of the body a GET would send
    std::erase_if(response.headers, [&](const auto& field) {
      if (field.first != "Content-Length") return false;
      explicitLength = std::stoull(field.second);
      return true;
    });
    const bool head = request_.method == "HEAD";
    const bool keepAlive = keepAlive_ && !closeAfterResponse_ && !server_.stopping;
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
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started_)
                            .count();
    server_.context.metrics.recordRequest(response.status, static_cast<uint64_t>(micros));
    logAccess(request_.method.empty() ? "-" : request_.method,
              request_.path.empty() ? path_ : request_.path, response.status,
              head ? 0 : bodyBytes, micros, remote_);
    stream_.expires_after(std::chrono::seconds(server_.limits.readTimeoutSeconds));
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(wire->first),
                                                    asio::buffer(wire->second)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), wire, keepAlive,
                       fileBody = std::move(fileBody)](beast::error_code ec, size_t) mutable {
                        if (ec) return self->fail(ec);
                        if (fileBody) return self->sendFileBody(std::move(*fileBody), keepAlive);
                        self->onResponseSent(keepAlive);
                      });
  }

  void onResponseSent(bool keepAlive) {
    // Shutdown may have begun while this response was being written.
    if (!keepAlive || closeAfterResponse_ || server_.stopping) return lingeringClose();
    request_ = Request{};
    readHeader();
  }

  // A file body goes from the page cache to the socket in the kernel (sendfile): no read into
  // memory, no copy through user space. The socket is non-blocking; when its buffer is full,
  // wait until it drains, all within one read timeout as for any other response.
  void sendFileBody(FileSlice slice, bool keepAlive) {
    constexpr uint64_t kMaxPerCall = 1u << 30;  // Linux sends at most 2 GiB - 4 KiB per call
    while (slice.length > 0) {
      auto offset = static_cast<off_t>(slice.offset);
      const auto count = static_cast<size_t>(std::min(slice.length, kMaxPerCall));
      const ssize_t sent =
          ::sendfile(stream_.socket().native_handle(), slice.file->fd(), &offset, count);
      if (sent > 0) {
        slice.offset += static_cast<uint64_t>(sent);
        slice.length -= static_cast<uint64_t>(sent);
        continue;
      }
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        return waitUntilWritable(std::move(slice), keepAlive);
      }
      // The client went away (EPIPE, ECONNRESET), or the blob ended before its size (it is
      // immutable, so only damage does that): the response cannot be completed.
      disarmSendDeadline();
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    disarmSendDeadline();
    onResponseSent(keepAlive);
  }

  void waitUntilWritable(FileSlice slice, bool keepAlive) {
    if (!sendDeadlineArmed_) {
      // Armed once per body, at its first wait; disarmed when the body is done.
      sendDeadlineArmed_ = true;
      sendDeadline_.expires_after(std::chrono::seconds(server_.limits.readTimeoutSeconds));
      sendDeadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->stream_.socket().cancel();  // the pending wait ends with operation_aborted
      });
    }
    stream_.socket().async_wait(tcp::socket::wait_write,
                                [self = shared_from_this(), slice = std::move(slice),
                                 keepAlive](beast::error_code ec) mutable {
                                  if (ec) {
                                    self->disarmSendDeadline();
                                    return self->fail(ec);
                                  }
                                  self->sendFileBody(std::move(slice), keepAlive);
                                });
  }

  void disarmSendDeadline() {
    if (!sendDeadlineArmed_) return;
    sendDeadlineArmed_ = false;
    sendDeadline_.cancel();
  }

  // Closing a socket with unread input makes the kernel send a reset, which can destroy the
  // response still in flight (a client still sending an oversized request would never see its
  // 413). So: stop sending, read and discard until the client closes, for at most 2 s.
  void lingeringClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain_.resize(4096);
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return;  // closed by the client, or the 2 s are up
                              self->lingeringDrain();
                            });
  }

  void lingeringDrain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (!ec) self->lingeringDrain();
                            });
  }

  void fail(beast::error_code ec) {
    // A client that goes away or stalls is normal; anything malformed gets one 400 if possible.
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    if (ec == http::error::body_limit && !responding_) {
      responding_ = true;
      closeAfterResponse_ = true;
      return respond(errorResponse(413, "too_large", "the request body is larger than allowed"));
    }
    if (ec.category() == http::make_error_code(http::error::header_limit).category() &&
        !responding_) {
      responding_ = true;
      closeAfterResponse_ = true;
      const bool tooBig = ec == http::error::header_limit;
      return respond(errorResponse(tooBig ? 431 : 400, tooBig ? "headers_too_large" : "bad_request",
                                   tooBig ? "the request headers are too large"
                                          : "the request is not valid HTTP/1.1"));
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  Impl& server_;
  beast::tcp_stream stream_;
  asio::steady_timer sendDeadline_{stream_.get_executor()};  // file bodies (sendFileBody)
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
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
  bool sendDeadlineArmed_ = false;
};

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping) accept();
      return;
    }
    socket.set_option(tcp::no_delay(true));
    socket.native_non_blocking(true, ec);  // sendFileBody relies on it
    if (ec) {
      if (!stopping) accept();
      return;
    }
    auto connection = std::make_shared<Connection>(*this, std::move(socket));
    {
      std::lock_guard lock(connectionsMutex);
      std::erase_if(connections, [](const auto& weak) { return weak.expired(); });
      connections.insert(connection);
    }
    connection->start();
    if (!stopping) accept();
  });
}

void HttpServer::Impl::beginShutdown() {
  if (stopping.exchange(true)) return;
  logEvent("info", "shutdown", {{"message", "finishing in-flight requests"}});
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel();
  context.events.closeAll();
  std::lock_guard lock(connectionsMutex);
  for (const auto& weak : connections) {
    if (auto connection = weak.lock()) connection->closeWhenIdle();
  }
}

HttpServer::HttpServer(ServerContext& context, const StaticSite& site, HttpLimits limits)
    : impl_(std::make_unique<Impl>(context, site, limits)) {}

HttpServer::~HttpServer() = default;

uint16_t HttpServer::listen(const std::string& address, uint16_t port) {
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) throw std::runtime_error("--listen: '" + address + "' is not an IP address");
  const tcp::endpoint endpoint(ip, port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                             ec.message() + "; is another server using that port?");
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::run(const std::function<void()>& onReady) {
  // sendfile has no MSG_NOSIGNAL: a client closing mid-body must cost an EPIPE, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->beginShutdown();
  });
  impl_->accept();
  if (onReady) onReady();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->limits.networkThreads; ++i) {
    threads.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (auto& thread : threads) thread.join();
  impl_->workers.join();
}

void HttpServer::stop() {
  asio::post(impl_->io, [this] { impl_->beginShutdown(); });
}

}  // namespace wstudio::server
