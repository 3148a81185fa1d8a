// A small OpenAI-compatible chat endpoint for the Forge's model tests, on 127.0.0.1 in the test
// process: each POST /…/chat/completions gets the next scripted answer, and every request (its
// headers and body) is kept for the test to read. Plain POSIX sockets, one connection at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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
  explicit ScriptedChatServer(std::vector<ScriptedAnswer> answers);
  ~ScriptedChatServer();

  uint16_t port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<RecordedRequest> requests() const;

 private:
  void serve();
  void answer(int client);

  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<ScriptedAnswer> answers_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

}  // namespace wstudio::forge::test
