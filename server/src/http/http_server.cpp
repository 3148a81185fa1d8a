#include "http/http_server.hpp"

#include <utility>  // before asio: Boost 1.74's awaitable.hpp needs it

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <csignal>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "log/structured_log.hpp"

namespace wstudio::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct HttpServer::Impl {
  ServerContext& context;
  asio::io_context io;
  WorkPool hashing;
  WorkPool bulk;
  std::atomic<bool> stopping{false};
  HttpShared shared;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGTERM, SIGINT};

  std::mutex connectionsMutex;
  std::set<std::weak_ptr<HttpConnection>, std::owner_less<std::weak_ptr<HttpConnection>>> connections;

  Impl(ServerContext& c, const StaticSite& site, HttpLimits limits)
      : context(c), io(limits.networkThreads), hashing(limits.hashingThreads, c.metrics.hashingPool),
        bulk(limits.bulkThreads, c.metrics.bulkPool),
        shared{c, site, limits, hashing, bulk, stopping} {}

  void accept();
  void beginShutdown();
};

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping) accept();
      return;
    }
    socket.set_option(tcp::no_delay(true));
    socket.native_non_blocking(true, ec);  // the file body writer relies on it
    if (ec) {
      if (!stopping) accept();
      return;
    }
    auto connection = startConnection(shared, std::move(socket));
    {
      std::lock_guard lock(connectionsMutex);
      std::erase_if(connections, [](const auto& weak) { return weak.expired(); });
      connections.insert(connection);
    }
    if (!stopping) accept();
  });
}

void HttpServer::Impl::beginShutdown() {
  if (stopping.exchange(true)) return;
  logEvent("info", "shutdown", {{"message", "finishing in-flight requests"}});
  boost::system::error_code ignored;
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
  boost::system::error_code ec;
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
  impl_->signals.async_wait([this](boost::system::error_code ec, int) {
    if (!ec) impl_->beginShutdown();
  });
  impl_->accept();
  if (onReady) onReady();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->shared.limits.networkThreads; ++i) {
    threads.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (auto& thread : threads) thread.join();
  impl_->hashing.join();
  impl_->bulk.join();
}

void HttpServer::stop() {
  asio::post(impl_->io, [this] { impl_->beginShutdown(); });
}

}  // namespace wstudio::server
