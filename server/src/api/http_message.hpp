// Requests and responses as the API handlers see them, independent of the network layer (the
// Beast connection fills a Request; the fuzz target builds them directly).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blob/blob_file.hpp"

namespace wstudio::server {
struct LiveGrant;
}

namespace wstudio::server {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query, e.g. "/api/v1/sessions/abc"
  std::string query;   // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names in lowercase
  std::string body;
  std::string remoteAddress;

  // The first header of that (lowercase) name, or empty.
  std::string_view header(std::string_view name) const;
  // A cookie's value from the Cookie header, or empty.
  std::string_view cookie(std::string_view name) const;
  // A query parameter's raw value, or empty.
  std::string_view queryParam(std::string_view name) const;
};

// Bytes [offset, offset + length) of an open blob, sent as a response body without passing
// through user space.
struct FileSlice {
  std::shared_ptr<const BlobFile> file;
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::optional<FileSlice> fileBody;  // sent instead of `body` when set (asset downloads)
  // Status 101: the connection becomes the session's event socket (routes_live.cpp).
  std::shared_ptr<const LiveGrant> liveGrant;

  void setHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// An entity tag: the value in double quotes.
std::string entityTag(std::string_view value);

}  // namespace wstudio::server
