// Decoding what other programs write: an Ogg Vorbis file made with libsndfile's own Vorbis
// encoder (this library writes no Ogg), read back with every channel, the rate and the length.
#include <gtest/gtest.h>
#include <sndfile.h>

#include <vector>

#include "test_files.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/loudness.hpp"
#include "wstudio/testsupport/analysis.hpp"

namespace wstudio::media {
namespace {

TEST(DecodeFormats, OggVorbis) {
  const auto file = test::freshScratchFolder() / "take.ogg";
  const int rate = 44100;
  const AudioBuffer original = test::musicLike(2, 2 * rate, rate);
  {
    SF_INFO info{};
    info.channels = 2;
    info.samplerate = rate;
    info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    SNDFILE* sound = sf_open(file.c_str(), SFM_WRITE, &info);
    ASSERT_NE(sound, nullptr) << sf_strerror(nullptr);
    std::vector<float> interleaved;
    for (std::size_t i = 0; i < original.frames(); ++i) {
      interleaved.push_back(original.channels[0][i]);
      interleaved.push_back(original.channels[1][i]);
    }
    ASSERT_EQ(sf_writef_float(sound, interleaved.data(), sf_count_t(original.frames())),
              sf_count_t(original.frames()));
    sf_close(sound);
  }
  const AudioBuffer read = decodeAudioFile(file);
  EXPECT_EQ(read.sampleRate, rate);
  ASSERT_EQ(read.channelCount(), 2);
  EXPECT_EQ(read.frames(), original.frames());  // Vorbis keeps the exact length
  EXPECT_NEAR(measureLoudness(read).integratedLufs, measureLoudness(original).integratedLufs, 0.2);
  // The lowest partial (110 Hz, detuned in the right channel) keeps its level.
  for (int c = 0; c < 2; ++c) {
    EXPECT_NEAR(testsupport::toneAmplitude(read.channels[c], 110.0 * (1 + 0.002 * c), rate),
                testsupport::toneAmplitude(original.channels[c], 110.0 * (1 + 0.002 * c), rate),
                0.003);
  }
}

}  // namespace
}  // namespace wstudio::media
