// BiquadSeries: the SIMD pipeline gives the same bits as running the sections one after the other
// with Biquad::process(), for every section count, for blocks shorter than the pipeline, and with
// the state carried from block to block; lanes of a block's fill and drain keep their state.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <random>
#include <vector>

#include "wsp/dsp/biquad_series.hpp"

namespace wsp::dsp {
namespace {

struct Sections {
  Biquad left[BiquadSeries::kMaxSections];
  Biquad right[BiquadSeries::kMaxSections];
};

Sections designed(int count) {
  Sections s;
  const BiquadCoefficients designs[] = {
      BiquadCoefficients::peaking(48000, 100, 0.7071, 3), BiquadCoefficients::highpass(48000, 30, 0.54),
      BiquadCoefficients::lowShelf(48000, 300, 0.7071, -9), BiquadCoefficients::peaking(48000, 8000, 4, 12)};
  for (int j = 0; j < count; ++j) {
    s.left[j].setCoefficients(designs[j]);
    s.right[j].setCoefficients(designs[j]);
  }
  return s;
}

std::vector<float> noise(std::size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  std::vector<float> x(n);
  for (float& v : x) v = d(random);
  return x;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::bit_cast<uint32_t>(a[i]) != std::bit_cast<uint32_t>(b[i])) return false;
  return true;
}

TEST(BiquadSeries, BitIdenticalToSectionsInTurnAcrossBlocks) {
  for (int count = 1; count <= BiquadSeries::kMaxSections; ++count) {
    for (uint32_t block : {1u, 2u, 3u, 5u, 64u, 128u}) {
      Sections series = designed(count), turn = designed(count);
      Biquad* left[BiquadSeries::kMaxSections];
      Biquad* right[BiquadSeries::kMaxSections];
      for (int j = 0; j < count; ++j) left[j] = &series.left[j], right[j] = &series.right[j];
      std::vector<float> l = noise(1200, 1), r = noise(1200, 2);
      std::vector<float> expectedL = l, expectedR = r;
      for (std::size_t at = 0; at < l.size(); at += block) {
        const uint32_t n = uint32_t(std::min<std::size_t>(block, l.size() - at));
        BiquadSeries::processStereo(left, right, count, l.data() + at, r.data() + at, n);
        for (int j = 0; j < count; ++j) {
          for (uint32_t i = 0; i < n; ++i) expectedL[at + i] = turn.left[j].process(expectedL[at + i]);
          for (uint32_t i = 0; i < n; ++i) expectedR[at + i] = turn.right[j].process(expectedR[at + i]);
        }
      }
      EXPECT_TRUE(sameBits(l, expectedL)) << count << " sections, blocks of " << block;
      EXPECT_TRUE(sameBits(r, expectedR)) << count << " sections, blocks of " << block;
    }
  }
}

// A decaying tail reaches the denormal threshold: the lanes flush it to zero as process() does.
TEST(BiquadSeries, FlushesDecayingStateAsProcessDoes) {
  Sections series = designed(4), turn = designed(4);
  Biquad* left[4];
  Biquad* right[4];
  for (int j = 0; j < 4; ++j) left[j] = &series.left[j], right[j] = &series.right[j];
  std::vector<float> l(48000, 0.0f), r(48000, 0.0f);
  l[0] = 1.0f;
  r[0] = -1.0e-20f;
  std::vector<float> expectedL = l, expectedR = r;
  for (std::size_t at = 0; at < l.size(); at += 128) {
    BiquadSeries::processStereo(left, right, 4, l.data() + at, r.data() + at, 128);
    for (int j = 0; j < 4; ++j) {
      for (std::size_t i = 0; i < 128; ++i) expectedL[at + i] = turn.left[j].process(expectedL[at + i]);
      for (std::size_t i = 0; i < 128; ++i) expectedR[at + i] = turn.right[j].process(expectedR[at + i]);
    }
  }
  EXPECT_TRUE(sameBits(l, expectedL));
  EXPECT_TRUE(sameBits(r, expectedR));
  EXPECT_EQ(l.back(), 0.0f);
}

}  // namespace
}  // namespace wsp::dsp
