// A constexpr JSON text writer. The descriptor is produced at compile time (see descriptor.hpp),
// so this avoids the standard library's number formatting: std::to_chars is not constexpr for
// doubles in C++20 and costs over 100 KB of tables in a .wasm; snprintf drags WASI imports in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wsp::sdk::detail {

// Sinks: CharCounter measures, CharWriter writes into storage measured beforehand.
struct CharCounter {
  size_t size = 0;
  constexpr void put(char) { ++size; }
};

struct CharWriter {
  char* at;
  constexpr void put(char c) { *at++ = c; }
};

template <typename Sink>
constexpr void writeRaw(Sink& out, std::string_view text) {
  for (char c : text) out.put(c);
}

// A JSON string literal. UTF-8 passes through; quotes, backslashes and control characters are
// escaped as RFC 8259 requires.
template <typename Sink>
constexpr void writeString(Sink& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  out.put('"');
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': writeRaw(out, "\\\""); break;
      case '\\': writeRaw(out, "\\\\"); break;
      case '\n': writeRaw(out, "\\n"); break;
      case '\r': writeRaw(out, "\\r"); break;
      case '\t': writeRaw(out, "\\t"); break;
      case '\b': writeRaw(out, "\\b"); break;
      case '\f': writeRaw(out, "\\f"); break;
      default:
        if (byte < 0x20) {
          writeRaw(out, "\\u00");
          out.put(hex[byte >> 4]);
          out.put(hex[byte & 15]);
        } else {
          out.put(c);
        }
    }
  }
  out.put('"');
}

template <typename Sink>
constexpr void writeUnsigned(Sink& out, uint64_t value) {
  char digits[20] = {};
  int n = 0;
  do {
    digits[n++] = char('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0) out.put(digits[--n]);
}

// 10^k for k in [0, 22]: every one of these is exact in a double, so scaling by one of them
// rounds once.
constexpr double exactPowerOf10(int k) {
  double p = 1.0;
  for (int i = 0; i < k; ++i) p *= 10.0;
  return p;
}

constexpr double scaleByPowerOf10(double x, int k) {
  while (k > 22) { x *= exactPowerOf10(22); k -= 22; }
  while (k < -22) { x /= exactPowerOf10(22); k += 22; }
  return k >= 0 ? x * exactPowerOf10(k) : x / exactPowerOf10(-k);
}

// A finite double as a JSON number with at most 15 significant digits, in its shortest form:
// "0", "-60", "0.5", "20000", "1e-09". 15 digits represent every literal an author writes in a
// parameter table exactly enough that parsing gives back the same double in practice, and avoid
// the "0.10000000000000001" noise of 17 digits.
template <typename Sink>
constexpr void writeNumber(Sink& out, double value) {
  if (value == 0.0) {
    out.put('0');
    return;
  }
  if (value < 0.0) {
    out.put('-');
    value = -value;
  }
  if (value < 1e15 && value == double(uint64_t(value))) {
    writeUnsigned(out, uint64_t(value));
    return;
  }
  int exponent = 0;  // value = m * 10^exponent with 1 <= m < 10
  while (scaleByPowerOf10(value, -exponent) >= 10.0) ++exponent;
  while (scaleByPowerOf10(value, -exponent) < 1.0) --exponent;
  uint64_t digits = uint64_t(scaleByPowerOf10(value, 14 - exponent) + 0.5);
  if (digits >= 1000000000000000ull) {  // rounding carried into a 16th digit
    digits = (digits + 5) / 10;
    ++exponent;
  }
  int count = 15;
  while (digits % 10 == 0) {
    digits /= 10;
    --count;
  }
  char text[15] = {};
  for (int i = count - 1; i >= 0; --i) {
    text[i] = char('0' + digits % 10);
    digits /= 10;
  }
  if (exponent >= 15 || exponent < -6) {  // scientific: d.ddde±x
    out.put(text[0]);
    if (count > 1) out.put('.');
    for (int i = 1; i < count; ++i) out.put(text[i]);
    out.put('e');
    if (exponent < 0) out.put('-');
    writeUnsigned(out, uint64_t(exponent < 0 ? -exponent : exponent));
  } else if (exponent >= 0) {  // ddd.ddd
    for (int i = 0; i <= exponent; ++i) out.put(i < count ? text[i] : '0');
    if (count > exponent + 1) {
      out.put('.');
      for (int i = exponent + 1; i < count; ++i) out.put(text[i]);
    }
  } else {  // 0.000ddd
    writeRaw(out, "0.");
    for (int i = 0; i < -exponent - 1; ++i) out.put('0');
    for (int i = 0; i < count; ++i) out.put(text[i]);
  }
}

}  // namespace wsp::sdk::detail
