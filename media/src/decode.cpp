#include "wstudio/media/decode.hpp"

#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "sndfile_handle.hpp"
#include "wav_truncation.hpp"
#include "wstudio/media/media_error.hpp"
#include "wstudio/media/sndfile_facts.hpp"

namespace wstudio::media {
namespace {

constexpr sf_count_t kReadBlockFrames = 65536;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw MediaError("cannot read audio file " + file.string() + ": " + what);
}

}  // namespace

AudioBuffer decodeAudioFile(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    fail(file, "no such file; check the path (a session's sources are relative to its folder)");
  }
  if (!std::filesystem::is_regular_file(file, error)) fail(file, "not a regular file");
  if (const auto truncation = wavTruncation(file)) {
    fail(file, "the file is truncated: " + *truncation + "; copy or export it again");
  }

  SF_INFO info{};
  const SndfileHandle sound(sf_open(file.c_str(), SFM_READ, &info));
  if (!sound) fail(file, openFailureReason(sf_error(nullptr)));
  if (info.channels < 1 || info.samplerate < 1)
    fail(file, "the header declares no channels or no sample rate; the file is damaged");

  const auto channelCount = static_cast<std::size_t>(info.channels);
  AudioBuffer buffer;
  buffer.sampleRate = info.samplerate;
  buffer.channels.resize(channelCount);
  if (info.frames > 0 && lengthIsExact(info.format)) {
    for (auto& channel : buffer.channels) channel.reserve(static_cast<std::size_t>(info.frames));
  }

  // Read until the decoder stops rather than trusting info.frames: lossy formats may only
  // estimate it.
  std::vector<float> interleaved(static_cast<std::size_t>(kReadBlockFrames) * channelCount);
  for (;;) {
    const sf_count_t got = sf_readf_float(sound.get(), interleaved.data(), kReadBlockFrames);
    if (got <= 0) break;
    const std::size_t firstFrame = buffer.frames();
    for (sf_count_t i = 0; i < got; ++i) {
      for (std::size_t c = 0; c < channelCount; ++c) {
        const float sample = interleaved[static_cast<std::size_t>(i) * channelCount + c];
        if (!std::isfinite(sample)) {
          fail(file, "it holds a non-finite (NaN or infinite) sample at frame " +
                         std::to_string(firstFrame + static_cast<std::size_t>(i)) +
                         "; the file is damaged");
        }
        buffer.channels[c].push_back(sample);
      }
    }
  }
  if (sf_error(sound.get()) != SF_ERR_NO_ERROR) {
    fail(file, "decoding failed after " + std::to_string(buffer.frames()) + " frames (" +
                   sndfileErrorText(sound.get()) +
                   "); the file is damaged: copy or export it again");
  }
  if (lengthIsExact(info.format) && static_cast<sf_count_t>(buffer.frames()) < info.frames) {
    fail(file, "the file is truncated: it holds " + std::to_string(buffer.frames()) + " of the " +
                   std::to_string(info.frames) +
                   " frames its header declares; copy or export it again");
  }
  if (buffer.frames() == 0) fail(file, "it holds no audio (0 frames)");
  return buffer;
}

}  // namespace wstudio::media
