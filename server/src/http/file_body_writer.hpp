// Sends a file body (an asset download) from the page cache to the socket in the kernel
// (sendfile): no read into memory, no copy through user space. The socket is non-blocking;
// when its buffer is full the writer waits until it drains, all within one deadline.
#pragma once

#include <utility>  // before asio (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <functional>

#include "api/http_message.hpp"

namespace wstudio::server {

// Writes `slice` to `socket` (which must be non-blocking) and then calls `done(true)`; calls
// `done(false)` when the client went away, stalled past `deadline` from the first wait, or the
// blob ended early. `done` runs on the socket's executor.
void sendFileBody(boost::asio::ip::tcp::socket& socket, FileSlice slice,
                  std::chrono::seconds deadline, std::function<void(bool sent)> done);

}  // namespace wstudio::server
