// Number formatting for the compile-time descriptor: short, valid JSON, and parsing it back gives
// the double the author wrote.
#include <cstdlib>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "wsp/sdk/json_writer.hpp"

namespace wsp_sdk_test {
namespace {

struct StringSink {
  std::string text;
  void put(char c) { text += c; }
};

std::string format(double v) {
  StringSink sink;
  wsp::sdk::detail::writeNumber(sink, v);
  return sink.text;
}

TEST(JsonNumber, WritesAuthoredLiteralsInTheirShortestForm) {
  EXPECT_EQ(format(0.0), "0");
  EXPECT_EQ(format(-0.0), "0");
  EXPECT_EQ(format(-60.0), "-60");
  EXPECT_EQ(format(20000.0), "20000");
  EXPECT_EQ(format(0.5), "0.5");
  EXPECT_EQ(format(0.1), "0.1");
  EXPECT_EQ(format(0.001), "0.001");
  EXPECT_EQ(format(-0.707), "-0.707");
  EXPECT_EQ(format(123.456), "123.456");
  EXPECT_EQ(format(1e-9), "1e-9");
  EXPECT_EQ(format(2.5e20), "2.5e20");
  EXPECT_EQ(format(1e15 + 0.5), "1e15");  // 15 significant digits
  EXPECT_EQ(format(0.000001), "0.000001");
}

TEST(JsonNumber, ParsesBackToTheSameDoubleForFifteenDigitValues) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mantissa(1.0, 10.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    // A value with 15 significant decimal digits, as an author could write it.
    const std::string literal =
        std::to_string(mantissa(rng)).substr(0, 8) + "e" + std::to_string(exponent(rng));
    const double v = std::strtod(literal.c_str(), nullptr);
    EXPECT_EQ(std::strtod(format(v).c_str(), nullptr), v) << literal << " -> " << format(v);
  }
}

}  // namespace
}  // namespace wsp_sdk_test
