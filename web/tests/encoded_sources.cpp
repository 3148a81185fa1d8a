// web_encoded_sources OUT_DIR
// Writes the same two seconds of a stereo 440 Hz sine at -12 dBFS (left) and 660 Hz (right), 48 kHz,
// as OUT_DIR/tone.wav (24-bit), tone.flac, tone.mp3 (media/'s encoders, as the studio's exports
// write them) and tone.ogg (Ogg Vorbis, through libsndfile): the formats the studio imports. The
// browser test decodes each with the app's own loading code and checks what reaches the engine.
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <numbers>

#include <sndfile.h>

#include "wstudio/media/audio_file_writer.hpp"

namespace fs = std::filesystem;
using wstudio::media::AudioBuffer;

namespace {

AudioBuffer tone() {
  AudioBuffer audio;
  audio.sampleRate = 48000;
  audio.channels.assign(2, std::vector<float>(2 * 48000));
  const double amplitude = std::pow(10.0, -12.0 / 20.0);
  for (std::size_t i = 0; i < audio.frames(); ++i) {
    const double t = double(i) / audio.sampleRate;
    audio.channels[0][i] = float(amplitude * std::sin(2 * std::numbers::pi * 440.0 * t));
    audio.channels[1][i] = float(amplitude * std::sin(2 * std::numbers::pi * 660.0 * t));
  }
  return audio;
}

void writeOggVorbis(const AudioBuffer& audio, const fs::path& file) {
  SF_INFO info{};
  info.samplerate = audio.sampleRate;
  info.channels = audio.channelCount();
  info.format = SF_FORMAT_OGG | SF_FORMAT_VORBIS;
  SNDFILE* out = sf_open(file.c_str(), SFM_WRITE, &info);
  if (out == nullptr) throw std::runtime_error(std::string("libsndfile cannot write Ogg Vorbis: ") + sf_strerror(nullptr));
  std::vector<float> interleaved(audio.frames() * 2);
  for (std::size_t i = 0; i < audio.frames(); ++i) {
    interleaved[2 * i] = audio.channels[0][i];
    interleaved[2 * i + 1] = audio.channels[1][i];
  }
  const sf_count_t written = sf_writef_float(out, interleaved.data(), sf_count_t(audio.frames()));
  sf_close(out);
  if (written != sf_count_t(audio.frames())) throw std::runtime_error("Ogg Vorbis: short write");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: web_encoded_sources OUT_DIR\n";
    return 2;
  }
  try {
    const fs::path out = argv[1];
    fs::create_directories(out);
    const AudioBuffer audio = tone();
    using wstudio::media::FileFormat;
    using wstudio::media::SampleFormat;
    wstudio::media::writeAudioFile(audio, out / "tone.wav", {FileFormat::wav, SampleFormat::pcm24});
    wstudio::media::writeAudioFile(audio, out / "tone.flac", {FileFormat::flac, SampleFormat::pcm24});
    wstudio::media::writeAudioFile(audio, out / "tone.mp3", {FileFormat::mp3, SampleFormat::pcm24});
    writeOggVorbis(audio, out / "tone.ogg");
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "web_encoded_sources: " << error.what() << "\n";
    return 1;
  }
}
