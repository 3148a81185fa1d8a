// The status line and header fields of a response, formatted into one buffer that is written
// together with the body (two buffers, one sendmsg). Replaces Beast's message serializer on the
// hot path: per response that cost an allocation per field and a walk over a chain of buffer
// views, about a seventh of the server's CPU time on a cached session list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/http_message.hpp"

namespace wstudio::server {

// HTTP/1.1 head of `response` ending with the empty line: Server, Content-Type, the security
// headers every response carries (cross-origin isolation for the audio engine's
// SharedArrayBuffer, no MIME sniffing, no framing by other sites), the response's own headers,
// "Connection: close" when the connection ends after it, and Content-Length when given (none
// for 1xx, 204 and 304, which have no body).
std::string responseHead(const Response& response, std::optional<uint64_t> contentLength,
                         bool keepAlive);

}  // namespace wstudio::server
