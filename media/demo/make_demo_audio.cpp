// make_demo_audio FOLDER: writes the source audio of demo/demo.session.json into FOLDER (the
// session's "audio/" folder): a two-bar drum loop, a bass line and chords at 120 bpm, in the
// formats and rates a real project mixes (so rendering exercises decoding and resampling):
//   drums.wav  44.1 kHz stereo 24-bit WAV
//   bass.wav   48 kHz   mono   16-bit WAV
//   keys.flac  44.1 kHz stereo 24-bit FLAC
// The files are the same on every run; the session declares their rates, channels and lengths.
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "demo_instruments.hpp"
#include "wstudio/media/audio_file_writer.hpp"

namespace {

using namespace wstudio::media;
using namespace wstudio::media::demo;

constexpr double kBeatSeconds = 0.5;  // 120 bpm
constexpr int kLoopBeats = 8;         // two bars of 4/4

std::size_t frameAt(double beats, double sampleRate) {
  return static_cast<std::size_t>(std::lround(beats * kBeatSeconds * sampleRate));
}

AudioBuffer drums() {
  const int rate = 44100;
  AudioBuffer buffer = silentBuffer(2, frameAt(kLoopBeats, rate), rate);
  auto& left = buffer.channels[0];
  auto& right = buffer.channels[1];
  Noise snareLeft(11), snareRight(12), hatNoise(13);
  for (int beat = 0; beat < kLoopBeats; ++beat) {
    for (auto* channel : {&left, &right}) addKick(*channel, frameAt(beat, rate), rate, 0.8);
    if (beat % 2 == 1) {
      // Independent noise per side: a wide snare.
      addSnare(left, frameAt(beat, rate), rate, 0.3, snareLeft);
      addSnare(right, frameAt(beat, rate), rate, 0.3, snareRight);
    }
  }
  for (int eighth = 0; eighth < 2 * kLoopBeats; ++eighth) {
    // Open on the off-beats, closed on the beats; a little right of centre.
    const bool offBeat = eighth % 2 == 1;
    std::vector<float> hat(left.size(), 0.0f);
    addHat(hat, frameAt(eighth * 0.5, rate), rate, offBeat ? 0.12 : 0.08, offBeat ? 0.06 : 0.02,
           hatNoise);
    for (std::size_t i = 0; i < hat.size(); ++i) {
      left[i] += 0.7f * hat[i];
      right[i] += hat[i];
    }
  }
  return buffer;
}

// A minor: Am F C G, two beats each.
constexpr int kRootKeys[4] = {45, 41, 48, 43};  // A2 F2 C3 G2
constexpr int kChordKeys[4][3] = {{57, 60, 64}, {53, 57, 60}, {55, 60, 64}, {55, 59, 62}};

AudioBuffer bass() {
  const int rate = 48000;
  AudioBuffer buffer = silentBuffer(1, frameAt(kLoopBeats, rate), rate);
  for (int eighth = 0; eighth < 2 * kLoopBeats; ++eighth) {
    const int chord = eighth / 4;
    // Root, root, octave, root: a simple driving figure.
    const int key = kRootKeys[chord] - 12 + (eighth % 4 == 2 ? 12 : 0);
    addBassNote(buffer.channels[0], frameAt(eighth * 0.5, rate), rate, keyFrequency(key),
                0.45 * kBeatSeconds, 0.35);
  }
  return buffer;
}

AudioBuffer keys() {
  const int rate = 44100;
  AudioBuffer buffer = silentBuffer(2, frameAt(kLoopBeats, rate), rate);
  for (int chord = 0; chord < 4; ++chord) {
    for (const int key : kChordKeys[chord]) {
      // Detuned by +-2 cents between the sides: a slow beating that makes the chord wide.
      for (int side = 0; side < 2; ++side) {
        const double cents = side == 0 ? -2.0 : 2.0;
        addKeysNote(buffer.channels[static_cast<std::size_t>(side)], frameAt(chord * 2.0, rate),
                    rate, keyFrequency(key) * std::exp2(cents / 1200.0), 2 * kBeatSeconds, 0.12);
      }
    }
  }
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr,
                 "Usage: make_demo_audio FOLDER\n"
                 "Writes drums.wav, bass.wav and keys.flac (demo/demo.session.json's audio).\n");
    return 2;
  }
  try {
    const std::filesystem::path folder = argv[1];
    std::filesystem::create_directories(folder);
    writeAudioFile(drums(), folder / "drums.wav",
                   {.format = FileFormat::wav, .sampleFormat = SampleFormat::pcm24});
    writeAudioFile(bass(), folder / "bass.wav",
                   {.format = FileFormat::wav, .sampleFormat = SampleFormat::pcm16});
    writeAudioFile(keys(), folder / "keys.flac",
                   {.format = FileFormat::flac, .sampleFormat = SampleFormat::pcm24});
  } catch (const std::exception& error) {
    std::fprintf(stderr, "make_demo_audio: %s\n", error.what());
    return 1;
  }
  return 0;
}
