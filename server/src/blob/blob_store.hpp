// Content-addressed storage of uploaded bytes (audio files, plugin .wasm, avatars), keyed by
// their sha256. FileBlobStore is the embedded default; an S3-compatible store would implement
// the same interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "blob/blob_file.hpp"

namespace wstudio::server {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` under their sha256 (idempotent) and returns the hex digest. Durable when it
  // returns: written to a temporary file, flushed, then renamed into place.
  virtual std::string put(std::string_view bytes) = 0;
  // The blob opened for reading, null when absent. Blobs are immutable once stored, so the
  // size and the bytes read through the descriptor agree.
  virtual std::shared_ptr<const BlobFile> open(std::string_view sha256) = 0;
};

// True for exactly 64 lowercase hex digits (the only names the store accepts).
bool isSha256Hex(std::string_view text);

}  // namespace wstudio::server
