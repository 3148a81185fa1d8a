// Files written by AudioFileWriter and read back by decodeAudioFile: exact where the format is
// lossless, within the quantisation step where it rounds, and within a stated loudness and
// correlation tolerance for MP3.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "test_files.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/loudness.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::media {
namespace {

using test::bufferOf;
using test::freshScratchFolder;
using test::musicLike;

AudioBuffer writeAndRead(const AudioBuffer& buffer, const std::filesystem::path& file,
                         FileFormat format, SampleFormat sampleFormat) {
  writeAudioFile(buffer, file, EncodeOptions{.format = format, .sampleFormat = sampleFormat});
  return decodeAudioFile(file);
}

// What an n-bit PCM word stores for a sample, rounded to nearest, read back as libsndfile
// normalises it (divided by 2^(n-1)).
float quantised(float sample, int bits) {
  const double scale = std::ldexp(1.0, bits - 1);
  return static_cast<float>(std::nearbyint(static_cast<double>(sample) * scale) / scale);
}

TEST(RoundTrip, FloatWavIsBitExactAndKeepsOvers) {
  const auto folder = freshScratchFolder();
  AudioBuffer buffer = musicLike(2, 48000, 48000);
  buffer.channels[0][100] = 1.5f;  // an over: float files keep it, unlike PCM
  buffer.channels[1][200] = -2.25f;
  const AudioBuffer read =
      writeAndRead(buffer, folder / "mix.wav", FileFormat::wav, SampleFormat::float32);
  EXPECT_EQ(read.sampleRate, 48000);
  EXPECT_EQ(read.channels, buffer.channels);
}

TEST(RoundTrip, Pcm24WavAndFlacStoreTheRoundedSamples) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = musicLike(3, 30000, 44100);  // three channels, another rate
  for (const FileFormat format : {FileFormat::wav, FileFormat::flac}) {
    const AudioBuffer read = writeAndRead(buffer, folder / ("mix." + std::string(toString(format))),
                                          format, SampleFormat::pcm24);
    ASSERT_EQ(read.channelCount(), 3);
    ASSERT_EQ(read.frames(), buffer.frames());
    EXPECT_EQ(read.sampleRate, 44100);
    for (int c = 0; c < 3; ++c) {
      for (std::size_t i = 0; i < buffer.frames(); ++i) {
        ASSERT_EQ(read.channels[c][i], quantised(buffer.channels[c][i], 24))
            << toString(format) << " channel " << c << " frame " << i;
      }
    }
  }
}

TEST(RoundTrip, PcmClipsOversToFullScale) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = bufferOf({{1.5f, -1.5f, 0.25f}}, 48000);
  const AudioBuffer read =
      writeAndRead(buffer, folder / "clip.wav", FileFormat::wav, SampleFormat::pcm24);
  EXPECT_FLOAT_EQ(read.channels[0][0], 8388607.0f / 8388608.0f);
  EXPECT_FLOAT_EQ(read.channels[0][1], -1.0f);
  EXPECT_FLOAT_EQ(read.channels[0][2], 0.25f);
}

// TPDF dither: the error of each sample is the rounding of (x + d), d triangular on (-1, 1) LSB,
// so it stays within 1.5 LSB, averages to zero and has a variance of 1/12 + 1/6 = 1/4 LSB^2.
TEST(RoundTrip, Pcm16IsDitheredWithinTheQuantisationStep) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = musicLike(2, 96000, 48000);
  for (const FileFormat format : {FileFormat::wav, FileFormat::flac}) {
    const AudioBuffer read = writeAndRead(buffer, folder / ("mix." + std::string(toString(format))),
                                          format, SampleFormat::pcm16);
    ASSERT_EQ(read.frames(), buffer.frames());
    double sum = 0, sumSquares = 0, worst = 0;
    for (int c = 0; c < 2; ++c) {
      for (std::size_t i = 0; i < buffer.frames(); ++i) {
        const double errorLsb = (read.channels[c][i] - double(buffer.channels[c][i])) * 32768.0;
        sum += errorLsb;
        sumSquares += errorLsb * errorLsb;
        worst = std::max(worst, std::fabs(errorLsb));
      }
    }
    const double n = 2.0 * buffer.frames();
    EXPECT_LE(worst, 1.5 + 1e-6) << toString(format);
    EXPECT_NEAR(sum / n, 0.0, 0.01) << toString(format);
    EXPECT_NEAR(std::sqrt(sumSquares / n), 0.5, 0.01) << toString(format);
  }
}

// Without dither a sine of a quarter of an LSB rounds to digital silence; with it, the sine
// survives under the noise, at its own amplitude.
TEST(RoundTrip, Pcm16DitherKeepsDetailBelowOneLsb) {
  const auto folder = freshScratchFolder();
  const double amplitude = 0.25 / 32768.0;
  const AudioBuffer buffer = bufferOf({testsupport::sine(1000.0, 48000, 96000, amplitude)}, 48000);
  const AudioBuffer read =
      writeAndRead(buffer, folder / "quiet.wav", FileFormat::wav, SampleFormat::pcm16);
  const double measured = testsupport::toneAmplitude(read.channels[0], 1000.0, 48000);
  EXPECT_NEAR(measured / amplitude, 1.0, 0.1);
}

TEST(RoundTrip, Pcm16DitherIsTheSameForTheSameRender) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = musicLike(2, 20000, 48000);
  const AudioBuffer first =
      writeAndRead(buffer, folder / "a.wav", FileFormat::wav, SampleFormat::pcm16);
  const AudioBuffer second =
      writeAndRead(buffer, folder / "b.wav", FileFormat::wav, SampleFormat::pcm16);
  EXPECT_EQ(first.channels, second.channels);
}

// Normalised cross-correlation of a and b at the lag that maximises it (b delayed by 0..maxLag).
std::pair<double, std::size_t> bestCorrelation(const std::vector<float>& a,
                                               const std::vector<float>& b, std::size_t maxLag) {
  const std::size_t n = std::min(a.size(), b.size()) - maxLag;
  double best = -1;
  std::size_t bestLag = 0;
  for (std::size_t lag = 0; lag <= maxLag; ++lag) {
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < n; ++i) {
      ab += double(a[i]) * b[i + lag];
      aa += double(a[i]) * a[i];
      bb += double(b[i + lag]) * b[i + lag];
    }
    const double r = ab / std::sqrt(aa * bb);
    if (r > best) best = r, bestLag = lag;
  }
  return {best, bestLag};
}

// MP3 is lossy: what must hold is the loudness (within 0.2 LU), the waveform (correlation above
// 0.99 once the coder's delay is found), the length (within one 1152-sample MPEG frame plus the
// coder's delay) and a VBR bit rate in the range LAME -V2 gives for music.
TEST(RoundTrip, Mp3KeepsLoudnessWaveformAndLength) {
  const auto folder = freshScratchFolder();
  const int rate = 44100;
  const AudioBuffer buffer = musicLike(2, 4 * rate, rate);
  const auto file = folder / "mix.mp3";
  writeAudioFile(buffer, file, EncodeOptions{.format = FileFormat::mp3});
  const AudioBuffer read = decodeAudioFile(file);

  EXPECT_EQ(read.sampleRate, rate);
  ASSERT_EQ(read.channelCount(), 2);
  EXPECT_NEAR(double(read.frames()), double(buffer.frames()), 1152.0 + 2 * 1105.0);
  EXPECT_NEAR(measureLoudness(read).integratedLufs, measureLoudness(buffer).integratedLufs, 0.2);
  for (int c = 0; c < 2; ++c) {
    const auto [correlation, lag] = bestCorrelation(buffer.channels[c], read.channels[c], 3000);
    EXPECT_GT(correlation, 0.99) << "channel " << c << " best lag " << lag;
  }
  const double kbps = std::filesystem::file_size(file) * 8.0 / buffer.seconds() / 1000.0;
  EXPECT_GT(kbps, 96.0);
  EXPECT_LT(kbps, 320.0);
}

}  // namespace
}  // namespace wstudio::media
