// The only translation unit of the Forge's model provider that includes Boost.Beast and asio's
// TLS (they take long to compile). C++20 coroutines over one io_context per request: the
// tcp_stream's deadline bounds every step, so a silent endpoint cannot hold a Forge thread.
#include "wstudio/forge/llm/chat_client.hpp"

#include <utility>  // before asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <openssl/ssl.h>

namespace wstudio::forge::llm {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kErrorExcerptBytes = 300;

struct Exchange {
  http::request<http::string_body> request;
  http::response_parser<http::string_body> parser;
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point deadline;
  bool connected = false;  // failures after this are the endpoint's answer, not its absence
  bool handshaking = false;  // https: between connect and a completed handshake
  std::string tlsRefusal;    // why the certificate was refused, in words
  size_t maxBodyBytes = 0;
};

asio::awaitable<void> connect(beast::tcp_stream& stream, const ModelEndpoint& endpoint, Exchange& exchange) {
  tcp::resolver resolver(co_await asio::this_coro::executor);
  const auto addresses = co_await resolver.async_resolve(endpoint.host, std::to_string(endpoint.port), asio::use_awaitable);
  stream.expires_at(exchange.deadline);
  co_await stream.async_connect(addresses, asio::use_awaitable);
  exchange.connected = true;
}

// The header, then the body. A declared length beyond the limit is refused before the body is
// read: with Boost 1.74 the parser's body_limit alone did not stop an async read of a longer
// Content-Length body (forge.ForgeLlmClient.GarbageOversizeErrorsAndSilenceAreClearErrorsWithoutTheKey).
template <class Stream>
asio::awaitable<void> readAnswer(Stream& stream, Exchange& exchange) {
  co_await http::async_read_header(stream, exchange.buffer, exchange.parser, asio::use_awaitable);
  const auto declared = exchange.parser.content_length();
  if (declared && *declared > exchange.maxBodyBytes) throw beast::system_error(http::error::body_limit);
  co_await http::async_read(stream, exchange.buffer, exchange.parser, asio::use_awaitable);
  if (exchange.parser.get().body().size() > exchange.maxBodyBytes) throw beast::system_error(http::error::body_limit);
}

asio::awaitable<void> overPlainTcp(const ModelEndpoint& endpoint, Exchange& exchange) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  co_await connect(stream, endpoint, exchange);
  stream.expires_at(exchange.deadline);
  co_await http::async_write(stream, exchange.request, asio::use_awaitable);
  co_await readAnswer(stream, exchange);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> overTls(const ModelEndpoint& endpoint, Exchange& exchange, asio::ssl::context& tls) {
  beast::ssl_stream<beast::tcp_stream> stream(co_await asio::this_coro::executor, tls);
  // SNI, and the certificate must name the host.
  if (!SSL_set_tlsext_host_name(stream.native_handle(), endpoint.host.c_str())) {
    throw beast::system_error(beast::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()));
  }
  // OpenSSL's verdict on the chain, then asio's check of the host name (an IP address against
  // the certificate's IP names), each refusal kept in words.
  stream.set_verify_callback([&exchange, host = endpoint.host, names = asio::ssl::host_name_verification(endpoint.host)](
                                 bool preverified, asio::ssl::verify_context& context) mutable {
    if (!preverified) {
      if (exchange.tlsRefusal.empty()) {
        const int error = X509_STORE_CTX_get_error(context.native_handle());
        exchange.tlsRefusal = std::string("its certificate is not trusted (") + X509_verify_cert_error_string(error) + ")";
      }
      return false;
    }
    if (!names(preverified, context)) {
      exchange.tlsRefusal = "its certificate is not for " + host;
      return false;
    }
    return true;
  });
  co_await connect(beast::get_lowest_layer(stream), endpoint, exchange);
  beast::get_lowest_layer(stream).expires_at(exchange.deadline);
  exchange.handshaking = true;
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  exchange.handshaking = false;
  co_await http::async_write(stream, exchange.request, asio::use_awaitable);
  co_await readAnswer(stream, exchange);
  // No TLS shutdown: the answer is complete, and a peer that does not close cleanly would only
  // cost the deadline.
}

// The answer's first bytes are a TLS record (a handshake or an alert of TLS 1.x): a plain http
// request reached an https server.
bool looksLikeTls(const Exchange& exchange) {
  if (exchange.buffer.size() < 2 || exchange.parser.got_some()) return false;
  const auto* bytes = static_cast<const unsigned char*>(exchange.buffer.data().data());
  return (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03;
}

ChatReply failure(ChatFailure kind, std::string error) { return ChatReply{kind, {}, std::move(error)}; }

std::string duration(int64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

std::string excerpt(const std::string& text) {
  std::string out = text.substr(0, kErrorExcerptBytes);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text.size() > kErrorExcerptBytes ? out + "..." : out;
}

// What an error answer says: OpenAI's {"error": {"message": ...}}, else the start of the body.
std::string errorMessageOf(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("error")) {
    const auto& error = json["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string()) return excerpt(error["message"]);
    if (error.is_string()) return excerpt(error.get<std::string>());
  }
  return excerpt(body);
}

}  // namespace

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), "[redacted]");
  }
  return text;
}

ChatReply chat(const ModelEndpoint& endpoint, const std::vector<ChatMessage>& messages) {
  const std::string where = "the model at " + endpoint.describe();
  nlohmann::json body{{"model", endpoint.model}, {"messages", nlohmann::json::array()}, {"temperature", 0.2}, {"stream", false}};
  for (const ChatMessage& m : messages) body["messages"].push_back({{"role", m.role}, {"content", m.content}});

  Exchange exchange;
  exchange.request = http::request<http::string_body>(http::verb::post, endpoint.target(), 11);
  exchange.request.set(http::field::host, endpoint.host);
  exchange.request.set(http::field::user_agent, "wasm-studio-forge");
  exchange.request.set(http::field::content_type, "application/json");
  exchange.request.set(http::field::accept, "application/json");
  if (!endpoint.apiKey.empty()) exchange.request.set(http::field::authorization, "Bearer " + endpoint.apiKey);
  exchange.request.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  exchange.request.prepare_payload();
  exchange.parser.header_limit(kMaxHeaderBytes);
  exchange.parser.body_limit(endpoint.maxResponseBytes);
  exchange.maxBodyBytes = endpoint.maxResponseBytes;
  exchange.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(endpoint.timeoutMs);

  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  std::exception_ptr failed;
  try {
    if (endpoint.tls) {
      if (endpoint.caFile.empty()) {
        tls.set_default_verify_paths();
      } else {
        beast::error_code loaded;
        tls.load_verify_file(endpoint.caFile, loaded);
        if (loaded) return failure(ChatFailure::Tls, "WSTUDIO_LLM_CA_FILE (" + endpoint.caFile + ") holds no certificate to trust");
      }
      tls.set_verify_mode(asio::ssl::verify_peer);
      asio::co_spawn(io, overTls(endpoint, exchange, tls), [&](std::exception_ptr e) { failed = e; });
    } else {
      asio::co_spawn(io, overPlainTcp(endpoint, exchange), [&](std::exception_ptr e) { failed = e; });
    }
    // The resolver is the one step without the stream's deadline: bounded here.
    io.run_until(exchange.deadline + std::chrono::seconds(1));
    if (!io.stopped()) {
      io.stop();
      return failure(ChatFailure::Timeout, where + " did not answer within " + duration(endpoint.timeoutMs));
    }
    if (failed) std::rethrow_exception(failed);
  } catch (const beast::system_error& e) {
    const beast::error_code code = e.code();
    if (code == beast::error::timeout && exchange.handshaking) {
      return failure(ChatFailure::Tls, where + " did not complete a TLS handshake within " + duration(endpoint.timeoutMs) +
                                           "; nothing was sent: is it an https server?");
    }
    if (code == beast::error::timeout) {
      return failure(ChatFailure::Timeout, where + " did not answer within " + duration(endpoint.timeoutMs));
    }
    if (code == http::error::body_limit) {
      return failure(ChatFailure::TooLarge, where + " sent an answer larger than the " +
                                                std::to_string(endpoint.maxResponseBytes) + " bytes allowed");
    }
    if (code == http::error::header_limit) {
      return failure(ChatFailure::TooLarge, where + " sent headers larger than 16 KiB");
    }
    if (!exchange.tlsRefusal.empty()) {
      // Nothing was sent: the key never reached a server that could not prove it is the endpoint.
      return failure(ChatFailure::Tls, where + " was refused: " + exchange.tlsRefusal +
                                           "; nothing was sent (a server with its own certificate authority: WSTUDIO_LLM_CA_FILE)");
    }
    if (exchange.handshaking) {
      return failure(ChatFailure::Tls, where + " did not complete a TLS handshake (" + code.message() +
                                           "); nothing was sent: is it an https server?");
    }
    if (exchange.connected && looksLikeTls(exchange)) {
      return failure(ChatFailure::Tls, where + " answered in TLS: it is an https server, so its URL should start with https://");
    }
    if (exchange.connected && !exchange.parser.got_some() && exchange.buffer.size() == 0) {
      return failure(ChatFailure::Garbage, where + " did not send a complete HTTP answer (" + code.message() +
                                               "): it closed the connection without a byte (if it is an https server, its URL "
                                               "should start with https://)");
    }
    if (exchange.connected) {
      return failure(ChatFailure::Garbage, where + " did not send a complete HTTP answer (" + code.message() + ")");
    }
    return failure(ChatFailure::Unreachable, where + " could not be reached: " + code.message());
  } catch (const std::exception& e) {
    return failure(ChatFailure::Unreachable, where + " could not be reached: " + redact(e.what(), endpoint.apiKey));
  }

  const auto& response = exchange.parser.get();
  const std::string& text = response.body();
  if (response.result_int() != 200) {
    return failure(ChatFailure::HttpStatus, where + " answered HTTP " + std::to_string(response.result_int()) + ": " +
                                                redact(errorMessageOf(text), endpoint.apiKey));
  }
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    return failure(ChatFailure::Garbage, where + " answered something that is not JSON: " + redact(excerpt(text), endpoint.apiKey));
  }
  const nlohmann::json* content = nullptr;
  if (json.is_object() && json.contains("choices") && json["choices"].is_array() && !json["choices"].empty()) {
    const auto& choice = json["choices"][0];
    if (choice.is_object() && choice.contains("message") && choice["message"].is_object() &&
        choice["message"].contains("content")) {
      content = &choice["message"]["content"];
    }
  }
  if (content == nullptr || !content->is_string()) {
    return failure(ChatFailure::Garbage, where + " answered JSON that is not a chat completion (no choices[0].message.content text)");
  }
  return ChatReply{ChatFailure::None, content->get<std::string>(), {}};
}

}  // namespace wstudio::forge::llm
