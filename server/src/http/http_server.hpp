// The network side of `vaist serve`: Boost.Beast HTTP/1.1 on one port, modelled on Beast's
// advanced server: every connection runs on its own strand, reads with a timeout and header/body
// limits, and has exactly one response in flight. Fast API handlers run on the connection's
// thread; slow ones (password hashing, upload validation) on a worker pool. SIGTERM/SIGINT stop
// accepting, let in-flight requests finish and write their responses, then return.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/server_context.hpp"
#include "http/static_site.hpp"

namespace wstudio::server {

struct HttpLimits {
  uint32_t headerBytes = 16 * 1024;
  int readTimeoutSeconds = 30;  // a whole request (headers and body) must arrive within this
  int networkThreads = 2;
  int workerThreads = 2;
};

class HttpServer {
 public:
  HttpServer(ServerContext& context, const StaticSite& site, HttpLimits limits);
  ~HttpServer();

  // Binds (port 0 picks a free one) and returns the bound port; throws with a clear message.
  uint16_t listen(const std::string& address, uint16_t port);
  // Runs until SIGTERM/SIGINT (or stop()); `onReady` is called once accepting.
  void run(const std::function<void()>& onReady);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wstudio::server
