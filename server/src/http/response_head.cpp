#include "http/response_head.hpp"

#include <boost/beast/http/status.hpp>

#include <charconv>
#include <string_view>

namespace wstudio::server {

namespace {

constexpr std::string_view kSecurityHeaders =
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cross-Origin-Embedder-Policy: require-corp\r\n"
    "Cross-Origin-Resource-Policy: same-origin\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";

void appendNumber(std::string& out, uint64_t value) {
  char digits[20];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

void appendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string responseHead(const Response& response, std::optional<uint64_t> contentLength,
                         bool keepAlive) {
  namespace http = boost::beast::http;
  const std::string_view reason =
      http::obsolete_reason(static_cast<http::status>(response.status));
  std::string out;
  out.reserve(384 + response.headers.size() * 64);
  out.append("HTTP/1.1 ");
  appendNumber(out, static_cast<uint64_t>(response.status));
  out.append(" ").append(reason).append("\r\n");
  appendField(out, "Server", "wasm-studio");
  if (!response.contentType.empty()) appendField(out, "Content-Type", response.contentType);
  out.append(kSecurityHeaders);
  for (const auto& [name, value] : response.headers) appendField(out, name, value);
  if (!keepAlive) appendField(out, "Connection", "close");
  if (contentLength) {
    out.append("Content-Length: ");
    appendNumber(out, *contentLength);
    out.append("\r\n");
  }
  out.append("\r\n");
  return out;
}

}  // namespace wstudio::server
