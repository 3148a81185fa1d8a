#include "wstudio/forge/llm/model_endpoint.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace wstudio::forge::llm {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

bool validHost(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The number of PEM certificates in a file; -1 when it cannot be opened.
int pemCertificates(const std::string& path) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> file(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!file) return -1;
  int count = 0;
  while (X509* certificate = PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr)) {
    X509_free(certificate);
    ++count;
  }
  return count;
}

}  // namespace

std::string ModelEndpoint::describe() const {
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port) + path + " (model " + model + ")";
}

ModelEndpoint parseEndpointUrl(const std::string& url) {
  ModelEndpoint endpoint;
  std::string rest;
  if (url.rfind("https://", 0) == 0) {
    endpoint.tls = true;
    endpoint.port = 443;
    rest = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    throw std::invalid_argument("the model's URL must start with http:// or https://");
  }
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  endpoint.path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!endpoint.path.empty() && endpoint.path.back() == '/') endpoint.path.pop_back();
  if (authority.find('@') != std::string::npos) {
    throw std::invalid_argument("the model's URL must not hold credentials: put the key in WSTUDIO_LLM_API_KEY");
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    authority.resize(colon);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535) {
      throw std::invalid_argument("the model's URL has a port that is not 1..65535");
    }
    endpoint.port = static_cast<uint16_t>(std::stoi(port));
  }
  if (!validHost(authority)) throw std::invalid_argument("the model's URL has no valid host name");
  endpoint.host = authority;
  for (char c : endpoint.path) {
    if (c <= ' ' || c == '?' || c == '#' || c == 0x7f) {
      throw std::invalid_argument("the model's URL path may hold no spaces, query or fragment");
    }
  }
  return endpoint;
}

std::optional<ModelEndpoint> endpointFromEnvironment() {
  const std::string url = environment("WSTUDIO_LLM_URL");
  if (url.empty()) return std::nullopt;
  ModelEndpoint endpoint;
  try {
    endpoint = parseEndpointUrl(url);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("WSTUDIO_LLM_URL: ") + e.what());
  }
  endpoint.model = environment("WSTUDIO_LLM_MODEL");
  if (endpoint.model.empty() || endpoint.model.size() > 200) {
    throw std::invalid_argument("WSTUDIO_LLM_MODEL must name the model (1..200 characters) when WSTUDIO_LLM_URL is set");
  }
  endpoint.apiKey = environment("WSTUDIO_LLM_API_KEY");
  for (char c : endpoint.apiKey) {
    if (c < 0x21 || c > 0x7e) throw std::invalid_argument("WSTUDIO_LLM_API_KEY may hold only printable characters without spaces");
  }
  const std::string timeout = environment("WSTUDIO_LLM_TIMEOUT_SECONDS");
  if (!timeout.empty()) {
    if (timeout.size() > 3 || timeout.find_first_not_of("0123456789") != std::string::npos || std::stoi(timeout) < 1 ||
        std::stoi(timeout) > 600) {
      throw std::invalid_argument("WSTUDIO_LLM_TIMEOUT_SECONDS must be a whole number of seconds, 1..600");
    }
    endpoint.timeoutMs = std::stoll(timeout) * 1000;
  }
  endpoint.caFile = environment("WSTUDIO_LLM_CA_FILE");
  if (!endpoint.caFile.empty()) {
    if (!endpoint.tls) throw std::invalid_argument("WSTUDIO_LLM_CA_FILE is for an https:// WSTUDIO_LLM_URL");
    const int certificates = pemCertificates(endpoint.caFile);
    if (certificates < 0) throw std::invalid_argument("WSTUDIO_LLM_CA_FILE: " + endpoint.caFile + " cannot be read");
    if (certificates == 0) throw std::invalid_argument("WSTUDIO_LLM_CA_FILE: " + endpoint.caFile + " holds no PEM certificate");
  }
  return endpoint;
}

}  // namespace wstudio::forge::llm
