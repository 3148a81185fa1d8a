// BlobStore on the local filesystem: DIR/blobs/<first two hex digits>/<sha256>.
#pragma once

#include <filesystem>

#include "blob/blob_store.hpp"

namespace wstudio::server {

class FileBlobStore final : public BlobStore {
 public:
  explicit FileBlobStore(std::filesystem::path root);
  std::string put(std::string_view bytes) override;
  std::shared_ptr<const BlobFile> open(std::string_view sha256) override;

 private:
  std::filesystem::path pathOf(std::string_view sha256) const;
  std::filesystem::path root_;
};

}  // namespace wstudio::server
