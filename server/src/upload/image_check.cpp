#include "upload/image_check.hpp"

#include <array>
#include <string>

namespace wstudio::server {

namespace {

[[noreturn]] void reject(const std::string& why) { throw ImageRejected(why); }

uint32_t bigEndian(std::string_view b, size_t at, size_t bytes) {
  uint32_t value = 0;
  for (size_t i = 0; i < bytes; ++i) value = value << 8 | static_cast<unsigned char>(b[at + i]);
  return value;
}

uint32_t crc32(std::string_view bytes) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t crc = 0xffffffffu;
  for (const char c : bytes) crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

void checkDimensions(uint32_t width, uint32_t height) {
  if (width == 0 || height == 0 || width > kMaxImageSide || height > kMaxImageSide) {
    reject("its dimensions " + std::to_string(width) + "x" + std::to_string(height) +
           " are outside 1.." + std::to_string(kMaxImageSide) + " pixels per side");
  }
}

// PNG (ISO/IEC 15948): signature, IHDR first, every chunk within the file with a matching CRC,
// at least one IDAT, IEND last with nothing after it.
void checkPng(std::string_view b) {
  size_t at = 8;
  bool sawHeader = false, sawData = false;
  while (true) {
    if (b.size() - at < 12) reject("the PNG ends inside a chunk (no IEND): it is truncated");
    const uint32_t length = bigEndian(b, at, 4);
    if (length > b.size() - at - 12) reject("a PNG chunk runs past the end of the file");
    const std::string_view type = b.substr(at + 4, 4);
    for (const char c : type) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) reject("a PNG chunk has an invalid type");
    }
    const std::string_view data = b.substr(at + 8, length);
    if (crc32(b.substr(at + 4, 4 + length)) != bigEndian(b, at + 8 + length, 4)) {
      reject("the PNG's " + std::string(type) + " chunk fails its CRC: the file is damaged");
    }
    at += 12 + length;
    if (!sawHeader) {
      if (type != "IHDR" || length != 13) reject("the PNG does not start with its IHDR header");
      sawHeader = true;
      checkDimensions(bigEndian(data, 0, 4), bigEndian(data, 4, 4));
      const auto depth = static_cast<unsigned char>(data[8]), color = static_cast<unsigned char>(data[9]);
      const bool validDepth =
          (color == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
          (color == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
          ((color == 2 || color == 4 || color == 6) && (depth == 8 || depth == 16));
      if (!validDepth || data[10] != 0 || data[11] != 0 || static_cast<unsigned char>(data[12]) > 1) {
        reject("the PNG header declares an invalid bit depth, colour type, compression, filter or interlace");
      }
      continue;
    }
    if (type == "IHDR") reject("the PNG has a second IHDR");
    if (type == "IDAT") sawData = true;
    if (type == "IEND") {
      if (!sawData) reject("the PNG has no image data (IDAT)");
      if (at != b.size()) reject("the PNG has bytes after its IEND");
      return;
    }
  }
}

bool isStartOfFrame(unsigned char marker) {
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

// JPEG (ITU T.81): SOI, then marker segments with lengths inside the file; a frame header
// (SOFn) with sane dimensions before the first scan (SOS); entropy-coded data in which 0xFF is
// only followed by 0x00 (stuffing), RSTn or the next segment; EOI ends the file.
void checkJpeg(std::string_view b) {
  size_t at = 2;
  bool sawFrame = false, inScan = false;
  while (at < b.size()) {
    if (inScan) {
      const size_t ff = b.find('\xff', at);
      if (ff == std::string_view::npos || ff + 1 >= b.size()) break;
      const auto next = static_cast<unsigned char>(b[ff + 1]);
      if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        at = ff + 2;
        continue;
      }
      if (next == 0xff) {  // fill bytes before a marker
        at = ff + 1;
        continue;
      }
      at = ff;
      inScan = false;
      continue;
    }
    if (b.size() - at < 2 || b[at] != '\xff') reject("the JPEG has bytes where a marker should be");
    auto marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xff) {  // fill
      ++at;
      continue;
    }
    if (marker == 0xd9) {
      if (!sawFrame) reject("the JPEG ends before any image data");
      if (at + 2 != b.size()) reject("the JPEG has bytes after its end-of-image marker");
      return;
    }
    if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker < 0xc0) {
      reject("the JPEG has an unexpected marker 0xFF" + std::to_string(marker));
    }
    if (b.size() - at < 4) reject("the JPEG ends inside a segment: it is truncated");
    const uint32_t length = bigEndian(b, at + 2, 2);
    if (length < 2 || length > b.size() - at - 2) reject("a JPEG segment runs past the end of the file");
    const std::string_view data = b.substr(at + 4, length - 2);
    if (isStartOfFrame(marker)) {
      if (data.size() < 6) reject("the JPEG's frame header is too short");
      checkDimensions(bigEndian(data, 3, 2), bigEndian(data, 1, 2));
      sawFrame = true;
    }
    if (marker == 0xda) {
      if (!sawFrame) reject("the JPEG's image data comes before its frame header");
      inScan = true;
    }
    at += 2 + length;
  }
  reject("the JPEG has no end-of-image marker: it is truncated");
}

}  // namespace

void checkImage(std::string_view bytes, std::string_view kind) {
  if (kind == "png") return checkPng(bytes);
  if (kind == "jpeg") return checkJpeg(bytes);
  reject("not an image kind: " + std::string(kind));
}

}  // namespace wstudio::server
