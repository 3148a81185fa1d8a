#include "scripted_chat_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace wstudio::forge::test {

namespace {

// One client connection, plain or TLS.
class Connection {
 public:
  Connection(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  ~Connection() {
    if (ssl_ != nullptr) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
    }
  }
  // Bytes read into `into`; 0 when the peer closed or failed; -1 when nothing came within 50 ms.
  ssize_t read(char* into, size_t size) {
    if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) return -1;
    }
    if (ssl_ == nullptr) return std::max<ssize_t>(::read(fd_, into, size), 0);
    const int n = SSL_read(ssl_, into, static_cast<int>(size));
    return n > 0 ? n : 0;
  }
  void send(const std::string& bytes) {
    for (size_t sent = 0; sent < bytes.size();) {
      const ssize_t n = ssl_ != nullptr ? SSL_write(ssl_, bytes.data() + sent, static_cast<int>(bytes.size() - sent))
                                        : ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

 private:
  int fd_;
  SSL* ssl_;
};

SSL_CTX* serverContext(const PemCertificate& pem) {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  BIO* certificate = BIO_new_mem_buf(pem.certificate.data(), static_cast<int>(pem.certificate.size()));
  BIO* key = BIO_new_mem_buf(pem.privateKey.data(), static_cast<int>(pem.privateKey.size()));
  X509* x509 = PEM_read_bio_X509(certificate, nullptr, nullptr, nullptr);
  EVP_PKEY* privateKey = PEM_read_bio_PrivateKey(key, nullptr, nullptr, nullptr);
  const bool ok = context != nullptr && x509 != nullptr && privateKey != nullptr && SSL_CTX_use_certificate(context, x509) == 1 &&
                  SSL_CTX_use_PrivateKey(context, privateKey) == 1;
  X509_free(x509);
  EVP_PKEY_free(privateKey);
  BIO_free(certificate);
  BIO_free(key);
  if (!ok) {
    SSL_CTX_free(context);
    throw std::runtime_error("the scripted chat server cannot use its certificate");
  }
  return context;
}

}  // namespace

ScriptedAnswer chatAnswer(const std::string& content) {
  const nlohmann::json body{{"id", "chatcmpl-test"},
                            {"object", "chat.completion"},
                            {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}}};
  return ScriptedAnswer{ScriptedAnswer::Reply, 200, body.dump()};
}

ScriptedChatServer::ScriptedChatServer(std::vector<ScriptedAnswer> answers, std::optional<PemCertificate> tls)
    : answers_(answers.begin(), answers.end()) {
  if (tls) tls_ = serverContext(*tls);
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 8) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("the scripted chat server cannot listen");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

ScriptedChatServer::~ScriptedChatServer() {
  stopping_ = true;
  thread_.join();
  ::close(listener_);
  SSL_CTX_free(tls_);
}

std::vector<RecordedRequest> ScriptedChatServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void ScriptedChatServer::serve() {
  // OpenSSL writes to the socket with write(): a client gone must not kill the test with SIGPIPE.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    // A client that stops mid-handshake or mid-request cannot hold the server past the test.
    const timeval limit{5, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    answer(client);
    ::close(client);
  }
}

void ScriptedChatServer::answer(int client) {
  SSL* ssl = nullptr;
  if (tls_ != nullptr) {
    ssl = SSL_new(tls_);
    SSL_set_fd(ssl, client);
    if (SSL_accept(ssl) != 1) {  // a client that refused the certificate, or spoke plain http
      SSL_free(ssl);
      return;
    }
  }
  Connection connection(client, ssl);
  std::string received;
  size_t headEnd = std::string::npos;
  size_t contentLength = 0;
  char chunk[65536];
  while (!stopping_) {
    const ssize_t n = connection.read(chunk, sizeof chunk);
    if (n < 0) continue;
    if (n == 0) return;
    received.append(chunk, static_cast<size_t>(n));
    if (headEnd == std::string::npos && (headEnd = received.find("\r\n\r\n")) != std::string::npos) {
      std::string lower = received.substr(0, headEnd);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t at = lower.find("content-length:");
      if (at != std::string::npos) contentLength = std::stoul(lower.substr(at + 15));
    }
    if (headEnd != std::string::npos && received.size() >= headEnd + 4 + contentLength) break;
  }
  if (headEnd == std::string::npos) return;
  ScriptedAnswer next{ScriptedAnswer::Reply, 500, R"({"error": {"message": "no scripted answer left"}})"};
  {
    std::lock_guard lock(mutex_);
    requests_.push_back({received.substr(0, headEnd), received.substr(headEnd + 4, contentLength)});
    if (!answers_.empty()) {
      next = answers_.front();
      answers_.pop_front();
    }
  }
  std::string out;
  switch (next.kind) {
    case ScriptedAnswer::CloseWithoutAnswer: return;
    case ScriptedAnswer::Silent:  // holds the connection until the client gives up or the test ends
      while (!stopping_) {
        if (connection.read(chunk, sizeof chunk) == 0) return;
      }
      return;
    case ScriptedAnswer::RawBytes: out = next.body; break;
    case ScriptedAnswer::Reply:
      out = "HTTP/1.1 " + std::to_string(next.status) + " Scripted\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(next.body.size()) + "\r\nConnection: close\r\n\r\n" + next.body;
      break;
  }
  connection.send(out);
}

}  // namespace wstudio::forge::test
