#include "scripted_chat_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace wstudio::forge::test {

ScriptedAnswer chatAnswer(const std::string& content) {
  const nlohmann::json body{{"id", "chatcmpl-test"},
                            {"object", "chat.completion"},
                            {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}}};
  return ScriptedAnswer{ScriptedAnswer::Reply, 200, body.dump()};
}

ScriptedChatServer::ScriptedChatServer(std::vector<ScriptedAnswer> answers) : answers_(answers.begin(), answers.end()) {
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
}

std::vector<RecordedRequest> ScriptedChatServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void ScriptedChatServer::serve() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    answer(client);
    ::close(client);
  }
}

void ScriptedChatServer::answer(int client) {
  std::string received;
  size_t headEnd = std::string::npos;
  size_t contentLength = 0;
  char chunk[65536];
  while (!stopping_) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = ::read(client, chunk, sizeof chunk);
    if (n <= 0) return;
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
        pollfd p{client, POLLIN, 0};
        if (::poll(&p, 1, 50) > 0 && ::read(client, chunk, sizeof chunk) <= 0) return;
      }
      return;
    case ScriptedAnswer::RawBytes: out = next.body; break;
    case ScriptedAnswer::Reply:
      out = "HTTP/1.1 " + std::to_string(next.status) + " Scripted\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(next.body.size()) + "\r\nConnection: close\r\n\r\n" + next.body;
      break;
  }
  for (size_t sent = 0; sent < out.size();) {
    const ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

}  // namespace wstudio::forge::test
