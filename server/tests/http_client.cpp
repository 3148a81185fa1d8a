#include "http_client.hpp"

#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "openapi_contract.hpp"

namespace wstudio::server::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpClient::Connection {
  asio::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;
  explicit Connection(uint16_t port) {
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
};

std::string HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

Json HttpResponse::json() const {
  Json value = Json::parse(body, nullptr, false);
  EXPECT_FALSE(value.is_discarded()) << "not JSON: " << body;
  return value;
}

std::string HttpResponse::errorCode() const {
  const Json value = Json::parse(body, nullptr, false);
  if (value.is_object() && value.contains("error") && value["error"].contains("code")) {
    return value["error"]["code"].get<std::string>();
  }
  return {};
}

HttpClient::HttpClient(uint16_t port) : port_(port) {}
HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  if (!bearer_.empty()) {
    req.set(http::field::authorization, "Bearer " + bearer_);
  } else if (!cookie_.empty()) {
    req.set(http::field::cookie, cookie_);
    if (method != "GET" && method != "HEAD" && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
  }
  for (auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!connection_) connection_ = std::make_unique<Connection>(port_);
      http::write(connection_->socket, req);
      http::response_parser<http::string_body> parser;
      parser.body_limit(1ull << 30);
      if (method == "HEAD") parser.skip(true);
      http::read(connection_->socket, connection_->buffer, parser);
      auto res = parser.release();
      HttpResponse out;
      out.status = static_cast<int>(res.result_int());
      for (const auto& field : res) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers.emplace_back(name, std::string(field.value()));
        if (name == "set-cookie") {
          const std::string value(field.value());
          cookie_ = value.substr(0, value.find(';'));
        }
      }
      out.body = std::move(res.body());
      if (!res.keep_alive()) connection_.reset();
      // Every answer from the API must match docs/api/openapi.yaml.
      const std::string path = target.substr(0, target.find('?'));
      if (path.rfind("/api/", 0) == 0) {
        EXPECT_EQ(OpenApiContract::instance().check(method, path, out.status,
                                                    out.header("content-type"), out.body),
                  "")
            << "response body: " << out.body.substr(0, 500);
      }
      return out;
    } catch (const std::exception&) {
      connection_.reset();  // the server closed a kept-alive connection: retry once
      if (attempt == 1) throw;
    }
  }
  return {};
}

std::string HttpClient::registerUser(const std::string& username, const std::string& password) {
  forgetCredentials();
  const auto res = post("/api/v1/auth/register", {{"username", username}, {"password", password}});
  EXPECT_EQ(res.status, 201) << res.body;
  csrf_ = res.json().value("csrfToken", "");
  return res.json()["user"].value("id", "");
}

std::string HttpClient::login(const std::string& username, const std::string& password) {
  forgetCredentials();
  const auto res = post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  EXPECT_EQ(res.status, 200) << res.body;
  csrf_ = res.json().value("csrfToken", "");
  return res.json()["user"].value("id", "");
}

void HttpClient::forgetCredentials() {
  cookie_.clear();
  csrf_.clear();
  bearer_.clear();
}

std::string HttpClient::raw(const std::string& bytes) {
  Connection connection(port_);
  asio::write(connection.socket, asio::buffer(bytes));
  std::string out;
  beast::error_code ec;
  char chunk[4096];
  for (;;) {
    const size_t n = connection.socket.read_some(asio::buffer(chunk), ec);
    if (ec) break;
    out.append(chunk, n);
  }
  return out;
}

}  // namespace wstudio::server::test
