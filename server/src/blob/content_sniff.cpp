#include "blob/content_sniff.hpp"

namespace wstudio::server {

namespace {

bool startsWith(std::string_view bytes, std::string_view magic, size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

// An MPEG audio frame header: 11 sync bits, a valid version, layer, bitrate and rate index.
bool isMpegFrame(std::string_view b) {
  if (b.size() < 4) return false;
  const auto u = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  if (u(0) != 0xff || (u(1) & 0xe0) != 0xe0) return false;
  const unsigned version = (u(1) >> 3) & 3, layer = (u(1) >> 1) & 3;
  const unsigned bitrate = u(2) >> 4, rate = (u(2) >> 2) & 3;
  return version != 1 && layer != 0 && bitrate != 0 && bitrate != 15 && rate != 3;
}

}  // namespace

std::optional<std::string> sniffKind(std::string_view b) {
  if (startsWith(b, "RIFF") && startsWith(b, "WAVE", 8)) return "wav";
  if (startsWith(b, "fLaC")) return "flac";
  if (startsWith(b, "OggS")) return "ogg";
  if (startsWith(b, "ID3") || isMpegFrame(b)) return "mp3";
  if (startsWith(b, std::string_view("\0asm\x01\0\0\0", 8))) return "wasm";
  if (startsWith(b, "\x89PNG\r\n\x1a\n")) return "png";
  if (startsWith(b, "\xff\xd8\xff")) return "jpeg";
  return std::nullopt;
}

bool isAudioKind(std::string_view kind) {
  return kind == "wav" || kind == "flac" || kind == "mp3" || kind == "ogg";
}

const char* mimeTypeOfKind(std::string_view kind) {
  if (kind == "wav") return "audio/wav";
  if (kind == "flac") return "audio/flac";
  if (kind == "mp3") return "audio/mpeg";
  if (kind == "ogg") return "audio/ogg";
  if (kind == "wasm") return "application/wasm";
  if (kind == "png") return "image/png";
  if (kind == "jpeg") return "image/jpeg";
  return "application/octet-stream";
}

}  // namespace wstudio::server
