// The WebSocket side of /api/v1/sessions/{id}/events: after the API's events route has
// authorised the upgrade (a LiveGrant), the connection becomes a LiveSocket that pushes the
// session's events until the client leaves, the server stops, or the access ends. One write in
// flight and a bounded queue: a client too slow to take 64 queued messages is disconnected
// (it reloads the session) rather than letting the queue grow.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/server_context.hpp"
#include "live/live_grant.hpp"

namespace wstudio::server {

void startLiveSocket(ServerContext& context, boost::beast::tcp_stream stream,
                     boost::beast::http::request<boost::beast::http::string_body> upgrade,
                     const LiveGrant& grant);

}  // namespace wstudio::server
