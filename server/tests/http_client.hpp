// A test client for the real server: HTTP/1.1 over one keep-alive connection, a cookie jar for
// the login cookie, and the CSRF header added to writes once logged in (like the web app).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wstudio::server::test {

using Json = nlohmann::json;

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lowercase
  std::string body;

  std::string header(const std::string& name) const;
  Json json() const;  // the body parsed (fails the test when it is not JSON)
  std::string errorCode() const;  // json()["error"]["code"], or "" if absent
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();

  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse del(const std::string& target) { return request("DELETE", target); }
  HttpResponse post(const std::string& target, const Json& body) {
    return request("POST", target, body.dump(), {{"Content-Type", "application/json"}});
  }
  HttpResponse put(const std::string& target, const Json& body) {
    return request("PUT", target, body.dump(), {{"Content-Type", "application/json"}});
  }

  // Registers (or logs in) and keeps the cookie and CSRF token; returns the user id.
  std::string registerUser(const std::string& username, const std::string& password = "correct horse 1");
  std::string login(const std::string& username, const std::string& password = "correct horse 1");
  // Sends Authorization: Bearer instead of the cookie from now on.
  void useBearer(std::string token) { bearer_ = std::move(token); }
  void forgetCredentials();

  const std::string& csrfToken() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }
  void setCookie(std::string cookie) { cookie_ = std::move(cookie); }
  void setCsrf(std::string csrf) { csrf_ = std::move(csrf); }

  // Raw bytes on a fresh connection; returns whatever the server answered before closing.
  std::string raw(const std::string& bytes);

 private:
  struct Connection;
  uint16_t port_;
  std::unique_ptr<Connection> connection_;
  std::string cookie_;  // "wstudio_login=..."
  std::string csrf_;
  std::string bearer_;
};

}  // namespace wstudio::server::test
