// The network side of `vaist serve`: Boost.Beast HTTP/1.1 on one port, modelled on Beast's
// advanced server: a listener hands every accepted socket to an HttpConnection on its own
// strand (connection.hpp). Cheap API handlers run on the network threads; expensive ones on a
// pool per kind of work (api/router.hpp's Work), so they never hold up cheap ones.
// SIGTERM/SIGINT stop accepting, let in-flight requests finish and write their responses, then
// return.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/server_context.hpp"
#include "http/connection.hpp"
#include "http/static_site.hpp"

namespace wstudio::server {

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
