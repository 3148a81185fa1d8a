// One HTTP/1.1 connection: reads a request with the header and body limits and a read timeout,
// runs it (on its network thread, or on the pool its work belongs to), writes exactly one
// response, and then reads the next one, hands the socket to a LiveSocket (an authorised
// WebSocket upgrade), or closes. Everything runs on the connection's strand.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <memory>

#include "api/server_context.hpp"
#include "http/static_site.hpp"
#include "http/work_pool.hpp"

namespace wstudio::server {

struct HttpLimits {
  uint32_t headerBytes = 16 * 1024;
  int readTimeoutSeconds = 30;  // a whole request (headers and body) must arrive within this
  int networkThreads = 2;
  int hashingThreads = 2;  // password hashing
  int bulkThreads = 2;     // uploads and large bodies
};

// What every connection of one server shares.
struct HttpShared {
  ServerContext& context;
  const StaticSite& site;
  HttpLimits limits;
  WorkPool& hashing;
  WorkPool& bulk;
  const std::atomic<bool>& stopping;
};

class HttpConnection {
 public:
  virtual ~HttpConnection() = default;
  // Shutdown: a connection waiting for a request is closed; one busy with a request finishes it
  // and closes after its response.
  virtual void closeWhenIdle() = 0;
};

// Starts serving `socket` (connected, non-blocking, on its own strand).
std::shared_ptr<HttpConnection> startConnection(const HttpShared& shared,
                                                boost::asio::ip::tcp::socket socket);

}  // namespace wstudio::server
