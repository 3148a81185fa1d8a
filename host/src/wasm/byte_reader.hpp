// A cursor over untrusted bytes: LEB128 and fixed-size reads that never go past the end. The
// first failure is remembered (with the byte offset and the section being read) and every later
// read returns zero, so parsing code can check once per item instead of after every read.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace wstudio::host::wasm {

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> bytes, size_t base = 0)
      : bytes_(bytes), base_(base) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  size_t offset() const { return base_ + pos_; }  // in the whole module
  size_t remaining() const { return bytes_.size() - pos_; }
  bool atEnd() const { return pos_ == bytes_.size(); }
  void setSection(const char* name) { section_ = name; }

  void fail(const std::string& what);
  void failTruncated();  // "truncated at byte N in section X"

  uint8_t u8();
  uint32_t u32Leb();
  int64_t s64Leb(unsigned bits);  // a signed LEB of at most `bits` bits (32 or 64)
  void skip(size_t count);
  std::span<const uint8_t> bytes(size_t count);
  std::string name();  // a length-prefixed UTF-8 name (length bounded by kMaxNameBytes)
  // A count of items each at least `minItemBytes` long, checked against what is left, so
  // nothing is allocated for a count the input cannot hold.
  uint32_t count(uint32_t limit, size_t minItemBytes, const char* what);

 private:
  std::span<const uint8_t> bytes_;
  size_t base_;
  size_t pos_ = 0;
  const char* section_ = "header";
  std::string error_;
};

}  // namespace wstudio::host::wasm
