// Where the Forge's language model is: any OpenAI-compatible chat endpoint
// (POST {base}/chat/completions), configured by the server's environment and off by default.
//
//   WSTUDIO_LLM_URL              the base URL, http:// or https://, e.g. https://api.openai.com/v1
//                                or http://127.0.0.1:8080/v1 (llama.cpp's server); unset: no model
//   WSTUDIO_LLM_MODEL            the model's name, sent as "model" (required with the URL)
//   WSTUDIO_LLM_API_KEY          sent as "Authorization: Bearer <key>"; optional (local servers)
//   WSTUDIO_LLM_TIMEOUT_SECONDS  one request, connect to last byte; default 120, 1..600
//   WSTUDIO_LLM_CA_FILE          https only: a PEM file of the certificates (authorities) to trust
//                                instead of the system's store, for a server with its own CA
//
// The key is a secret: nothing the Forge logs, answers or reports contains it (describe() and
// every error name the endpoint by its scheme, host, port and path only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace wstudio::forge::llm {

struct ModelEndpoint {
  bool tls = false;          // https
  std::string host;
  uint16_t port = 80;
  std::string path;          // the base path, without a trailing slash: "/v1"
  std::string model;
  std::string apiKey;        // empty: no Authorization header
  std::string caFile;        // https: trust only the certificates of this PEM file; empty: the system's store
  int64_t timeoutMs = 120'000;
  size_t maxResponseBytes = size_t{1} << 20;  // a chat answer is a file of code, not more

  // "https://api.example.com:443/v1 (model gpt-x)": for logs and the page; never the key.
  std::string describe() const;
  std::string target() const { return path + "/chat/completions"; }
};

// The endpoint from a base URL: http[s]://host[:port][/path]. Throws std::invalid_argument
// saying what is wrong (never echoing a key: the URL holds none).
ModelEndpoint parseEndpointUrl(const std::string& url);

// From the WSTUDIO_LLM_* variables: nothing when WSTUDIO_LLM_URL is unset or empty; throws
// std::invalid_argument naming the variable when one is set but wrong (a CA file that is not
// readable or holds no PEM certificate, or one given with an http:// URL, included).
std::optional<ModelEndpoint> endpointFromEnvironment();

}  // namespace wstudio::forge::llm
