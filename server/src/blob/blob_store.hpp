// Content-addressed storage of uploaded bytes (audio files, plugin .wasm, avatars), keyed by
// their sha256. FileBlobStore is the embedded default; an S3-compatible store would implement
// the same interface.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wstudio::server {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` under their sha256 (idempotent) and returns the hex digest. Durable when it
  // returns: written to a temporary file, flushed, then renamed into place.
  virtual std::string put(std::string_view bytes) = 0;
  // Size in bytes, none when absent.
  virtual std::optional<uint64_t> size(std::string_view sha256) = 0;
  // Bytes [offset, offset + length) of the blob (clamped to its end); none when absent.
  virtual std::optional<std::string> read(std::string_view sha256, uint64_t offset,
                                          uint64_t length) = 0;
};

// Lowercase hex sha256 of `bytes`.
std::string sha256Hex(std::string_view bytes);
// True for exactly 64 lowercase hex digits (the only names the store accepts).
bool isSha256Hex(std::string_view text);

}  // namespace wstudio::server
