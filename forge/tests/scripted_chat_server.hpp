// A small OpenAI-compatible chat endpoint for the Forge's model tests, on 127.0.0.1 in the test
// process: each POST /…/chat/completions gets the next scripted answer, and every request (its
// headers and body) is kept for the test to read. Plain POSIX sockets, one connection at a time;
// with a certificate, https (OpenSSL): a connection whose TLS handshake fails is closed unread.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <openssl/types.h>

#include "test_certificates.hpp"

namespace wstudio::forge::test {

struct ScriptedAnswer {
  enum Kind { Reply, RawBytes, CloseWithoutAnswer, Silent } kind = Reply;
  int status = 200;
  std::string body;  // Reply: the HTTP body; RawBytes: everything sent, as is
};

// A chat completion whose message content is `content`.
ScriptedAnswer chatAnswer(const std::string& content);

struct RecordedRequest {
  std::string head;  // request line and headers
  std::string body;
};

class ScriptedChatServer {
 public:
  // With `tls`, the server speaks https only, presenting that certificate.
  explicit ScriptedChatServer(std::vector<ScriptedAnswer> answers, std::optional<PemCertificate> tls = std::nullopt);
  ~ScriptedChatServer();

  uint16_t port() const { return port_; }
  std::string baseUrl() const { return std::string(tls_ != nullptr ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<RecordedRequest> requests() const;

 private:
  void serve();
  void answer(int client);

  SSL_CTX* tls_ = nullptr;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<ScriptedAnswer> answers_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace wstudio::forge::test
