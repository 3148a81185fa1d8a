// The WebSocket side of /api/v1/sessions/{id}/events: after the HTTP layer has authorised the
// upgrade, the connection becomes a LiveSocket that pushes the session's events. One write in
// flight and a bounded queue: a client too slow to take 64 queued messages is disconnected
// (it reloads the session) rather than letting the queue grow.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

#include "api/server_context.hpp"

namespace wstudio::server {

void startLiveSocket(ServerContext& context, boost::beast::tcp_stream stream,
                     boost::beast::http::request<boost::beast::http::string_body> upgrade,
                     const std::string& sessionId);

}  // namespace wstudio::server
