// One request to an OpenAI-compatible chat endpoint: POST {base}/chat/completions with the model
// and the messages, the answer's choices[0].message.content back. Bounded: one deadline over
// connect, TLS, send and receive (ModelEndpoint::timeoutMs), at most maxResponseBytes of body
// and 16 KiB of headers. https verifies the certificate chain (against the system's trust store,
// or only the PEM bundle of ModelEndpoint::caFile) and that the certificate names the host, before
// anything (the key included) is sent. Every failure is a plain sentence naming the endpoint
// (describe()), never its key.
#pragma once

#include <string>
#include <vector>

#include "wstudio/forge/llm/model_endpoint.hpp"

namespace wstudio::forge::llm {

struct ChatMessage {
  std::string role;  // "system", "user", "assistant"
  std::string content;
};

// Tls: the https endpoint was refused (a certificate not trusted or not for the host, no TLS).
enum class ChatFailure { None, Unreachable, Timeout, HttpStatus, TooLarge, Garbage, Tls };

struct ChatReply {
  ChatFailure failure = ChatFailure::None;
  std::string content;  // the model's answer when failure is None
  std::string error;    // otherwise why, in plain words
  bool ok() const { return failure == ChatFailure::None; }
};

ChatReply chat(const ModelEndpoint& endpoint, const std::vector<ChatMessage>& messages);

// `text` with every occurrence of `secret` replaced (no-op for an empty secret): applied to
// everything taken from the endpoint's answers before it is shown or logged.
std::string redact(std::string text, const std::string& secret);

}  // namespace wstudio::forge::llm
