#include "wasm/byte_reader.hpp"

#include "wasm/names.hpp"

#include "wasm/reader.hpp"

namespace wstudio::host::wasm {

void ByteReader::fail(const std::string& what) {
  if (error_.empty()) error_ = what;
}

void ByteReader::failTruncated() {
  fail("truncated at byte " + std::to_string(offset()) + " in section " + section_);
}

uint8_t ByteReader::u8() {
  if (failed()) return 0;
  if (pos_ >= bytes_.size()) {
    failTruncated();
    return 0;
  }
  return bytes_[pos_++];
}

uint32_t ByteReader::u32Leb() {
  uint32_t result = 0;
  for (unsigned shift = 0; shift < 35; shift += 7) {
    const uint8_t byte = u8();
    if (failed()) return 0;
    // The fifth byte may carry only the top 4 bits of a 32-bit value.
    if (shift == 28 && (byte & 0xf0) != 0) {
      fail("malformed LEB128 at byte " + std::to_string(offset() - 1) + " in section " + section_);
      return 0;
    }
    result |= uint32_t(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return result;
  }
  return 0;
}

int64_t ByteReader::s64Leb(unsigned bits) {
  uint64_t result = 0;
  unsigned shift = 0;
  const unsigned maxBytes = (bits + 6) / 7;
  for (unsigned i = 0; i < maxBytes; ++i) {
    const uint8_t byte = u8();
    if (failed()) return 0;
    result |= uint64_t(byte & 0x7f) << shift;
    shift += 7;
    if ((byte & 0x80) == 0) {
      if (shift < 64 && (byte & 0x40)) result |= ~uint64_t{0} << shift;
      return static_cast<int64_t>(result);
    }
  }
  fail("malformed LEB128 at byte " + std::to_string(offset()) + " in section " + section_);
  return 0;
}

void ByteReader::skip(size_t count) { (void)bytes(count); }

std::span<const uint8_t> ByteReader::bytes(size_t count) {
  if (failed()) return {};
  if (count > remaining()) {
    pos_ = bytes_.size();
    failTruncated();
    return {};
  }
  auto result = bytes_.subspan(pos_, count);
  pos_ += count;
  return result;
}

std::string ByteReader::name() {
  const uint32_t length = u32Leb();
  if (failed()) return {};
  if (length > kMaxNameBytes) {
    fail("name longer than " + std::to_string(kMaxNameBytes) + " bytes at byte " +
         std::to_string(offset()) + " in section " + section_);
    return {};
  }
  auto raw = bytes(length);
  std::string text(raw.begin(), raw.end());
  if (!failed() && !isValidName(text)) {
    fail("name is not valid UTF-8 or contains NUL at byte " + std::to_string(offset() - length) + " in section " +
         section_);
    return {};
  }
  return text;
}

uint32_t ByteReader::count(uint32_t limit, size_t minItemBytes, const char* what) {
  const uint32_t n = u32Leb();
  if (failed()) return 0;
  if (n > limit) {
    fail(std::string("too many ") + what + " (" + std::to_string(n) + ", at most " +
         std::to_string(limit) + ") in section " + section_);
    return 0;
  }
  if (size_t{n} * minItemBytes > remaining()) {
    failTruncated();
    return 0;
  }
  return n;
}

}  // namespace wstudio::host::wasm
