// Uploaded images (avatars) checked by structure, not by their first bytes: a PNG's chunk list
// with CRCs, a JPEG's segments up to the end of the image. Pixels are not decoded; the browser
// does that, so the dimensions are limited too (a small file can declare a huge canvas).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace wstudio::server {

inline constexpr uint32_t kMaxImageSide = 8192;  // pixels, either dimension

class ImageRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `kind` is "png" or "jpeg" (from content_sniff). Throws ImageRejected saying what is wrong.
void checkImage(std::string_view bytes, std::string_view kind);

}  // namespace wstudio::server
