// Delay line: exact integer delays (read-then-write convention), the phase of fractional reads
// on a low-frequency sine, block calls equal to per-sample ones, an allocation failure reported
// and harmless; the block-wise fixed delay.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp/block_delay.hpp"
#include "wsp/dsp/delay_line.hpp"

namespace wsp::dsp {
namespace {

TEST(DelayLine, IntegerDelayIsExactToTheSample) {
  for (std::size_t d : {1u, 2u, 37u, 1000u}) {
    DelayLine line;
    ASSERT_TRUE(line.prepare(1000));
    for (std::size_t n = 0; n < 1100; ++n) {
      const float y = line.read(d);
      line.write(n == 5 ? 1.0f : 0.0f);  // impulse at n = 5
      EXPECT_EQ(y, n == 5 + d ? 1.0f : 0.0f) << "delay " << d << " sample " << n;
    }
  }
}

TEST(DelayLine, DelaysAreClampedToTheRangePrepared) {
  DelayLine line;
  ASSERT_TRUE(line.prepare(10));
  EXPECT_EQ(line.maxDelay(), 10u);
  for (int n = 0; n < 20; ++n) line.write(static_cast<float>(n));  // last written: 19
  EXPECT_EQ(line.read(0), 19.0f);    // clamped up to 1
  EXPECT_EQ(line.read(500), 10.0f);  // clamped down to 10
  EXPECT_EQ(line.readLinear(-3.0f), 19.0f);
  EXPECT_EQ(line.readCubic(1e9f), 10.0f);
}

TEST(DelayLine, FractionalReadsHaveTheRightPhase) {
  // 200 Hz sine delayed by 10.37 samples must equal the sine evaluated 10.37 samples earlier.
  // Tolerances: linear interpolation errs by at most (w^2/8) * A = 1.4e-4 (w = 2 pi 200/48k);
  // 4-point Hermite by O(w^4), far below float noise, so 1e-5.
  const double w = 2.0 * std::numbers::pi * 200.0 / test::kSampleRate;
  const float delay = 10.37f;
  DelayLine line;
  ASSERT_TRUE(line.prepare(64));
  double maxLinearError = 0.0, maxCubicError = 0.0;
  for (int n = 0; n < 4800; ++n) {
    const float linear = line.readLinear(delay);
    const float cubic = line.readCubic(delay);
    line.write(static_cast<float>(std::sin(w * n)));
    if (n < 64) continue;
    const double expected = std::sin(w * (n - static_cast<double>(delay)));
    maxLinearError = std::max(maxLinearError, std::fabs(linear - expected));
    maxCubicError = std::max(maxCubicError, std::fabs(cubic - expected));
  }
  EXPECT_LT(maxLinearError, 1.5e-4);
  EXPECT_LT(maxCubicError, 1e-5);
}

TEST(DelayLine, FeedbackCombRingsAtTheLoopDelay) {
  // y = read(d); write(x + 0.5 y): the impulse echoes every d samples, halving each time.
  DelayLine line;
  ASSERT_TRUE(line.prepare(100));
  const std::size_t d = 40;
  for (std::size_t n = 0; n <= 3 * d; ++n) {
    const float y = line.read(d);
    line.write((n == 0 ? 1.0f : 0.0f) + 0.5f * y);
    if (n == d) {
      EXPECT_EQ(y, 1.0f);
    } else if (n == 2 * d) {
      EXPECT_EQ(y, 0.5f);
    } else if (n == 3 * d) {
      EXPECT_EQ(y, 0.25f);
    }
  }
}

// A long fractional delay read as double keeps its fraction: the float overload rounds 200000.3
// to a multiple of 1/64 (200000.296875), the double one reads at 200000.3.
TEST(DelayLine, DoubleCubicReadKeepsTheFractionOfLongDelays) {
  DelayLine line;
  ASSERT_TRUE(line.prepare(200010));
  for (int n = 0; n < 200010; ++n) line.write(static_cast<float>(n % 100) * 0.01f);
  // The sample d writes ago is ((200010 - d) % 100) * 0.01: locally a ramp of -0.01 per sample of
  // delay (which the cubic reproduces), so the value at 200000.3 lies 0.3 of the way from 200000
  // to 200001; the float overload misses by 0.003125 * 0.01 = 3e-5.
  const float at0 = line.read(200000), at1 = line.read(200001);
  const float expected = at0 + 0.3f * (at1 - at0);
  EXPECT_NEAR(line.readCubic(200000.3), expected, 1e-6);
  EXPECT_GT(std::fabs(line.readCubic(200000.3f) - expected), 1e-5);  // what float loses
}

// Block reads and writes are the per-sample calls a block at a time: the same bits, across
// ring wrap-arounds, with a fractional feedback delay just long enough for the block
// (delay >= frames + 1) and blocks longer than the internal 64-sample pieces.
TEST(DelayLine, BlockReadAndWriteMatchPerSampleCalls) {
  DelayLine a, b;
  ASSERT_TRUE(a.prepare(300));
  ASSERT_TRUE(b.prepare(300));  // a 512-sample ring: the loop below wraps it many times
  uint32_t seed = 7;
  auto noise = [&] {
    seed = seed * 1664525u + 1013904223u;
    return float(seed >> 8) / 8388608.0f - 1.0f;
  };
  const std::size_t sizes[] = {1, 16, 64, 100, 37, 200};
  const double delays[] = {2.0, 17.25, 65.999, 101.5, 38.0, 250.125};
  for (int round = 0; round < 40; ++round) {
    const std::size_t n = sizes[round % 6];
    const double d = delays[round % 6];
    std::vector<float> x(n), perSample(n), block(n);
    for (float& v : x) v = noise();
    for (std::size_t j = 0; j < n; ++j) {
      perSample[j] = a.readCubic(d);
      a.write(0.5f * x[j] + 0.5f * perSample[j]);  // a feedback loop, as in the delay plugin
    }
    b.readCubicBlock(d, block.data(), n);
    std::vector<float> written(n);
    for (std::size_t j = 0; j < n; ++j) written[j] = 0.5f * x[j] + 0.5f * block[j];
    b.write(written.data(), n);
    for (std::size_t j = 0; j < n; ++j) ASSERT_EQ(block[j], perSample[j]) << round << " " << j;
  }
}

// A size no memory holds: prepare says so (a wasm plugin turns that into WSP_ERR_OUT_OF_MEMORY
// instead of trapping) and leaves an empty line that reads silence and ignores writes. A later
// prepare that fits works as usual.
TEST(DelayLine, PrepareReportsOutOfMemoryAndLeavesASafeLine) {
  for (std::size_t impossible : {SIZE_MAX / 8, SIZE_MAX}) {
    DelayLine line;
    ASSERT_TRUE(line.prepare(100));
    line.write(1.0f);
    EXPECT_FALSE(line.prepare(impossible));
    EXPECT_EQ(line.maxDelay(), 1u);
    line.write(1.0f);
    const float block[4] = {1.0f, 2.0f, 3.0f, 4.0f};
    line.write(block, 4);
    line.reset();
    EXPECT_EQ(line.read(1), 0.0f);
    EXPECT_EQ(line.readLinear(1.5f), 0.0f);
    EXPECT_EQ(line.readCubic(2.5f), 0.0f);
    EXPECT_EQ(line.readCubic(2.5), 0.0f);
    float out[4] = {9.0f, 9.0f, 9.0f, 9.0f};
    line.readCubicBlock(5.0, out, 4);
    for (float y : out) EXPECT_EQ(y, 0.0f);

    ASSERT_TRUE(line.prepare(10));
    EXPECT_EQ(line.read(1), 0.0f);
    line.write(1.0f);
    EXPECT_EQ(line.read(1), 1.0f);
  }
}

// A fixed delay applied block-wise equals the ring buffer's integer read, for any split.
TEST(BlockDelay, MatchesTheDelayLineForAnySplit) {
  BlockDelay<41, 64> fixed;
  DelayLine line;
  ASSERT_TRUE(line.prepare(41));
  std::vector<float> in(3000);
  for (std::size_t n = 0; n < in.size(); ++n) in[n] = float(n % 97) - 48.0f;
  const std::size_t sizes[] = {64, 1, 0, 40, 41, 42, 13};
  std::size_t n = 0, k = 0;
  while (n < in.size()) {
    const std::size_t len = std::min(sizes[k++ % 7], in.size() - n);
    float out[64];
    fixed.process(in.data() + n, out, len);
    for (std::size_t j = 0; j < len; ++j) {
      ASSERT_EQ(out[j], line.read(41)) << n + j;
      line.write(in[n + j]);
    }
    n += len;
  }
}

}  // namespace
}  // namespace wsp::dsp
