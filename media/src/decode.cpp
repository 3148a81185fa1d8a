#include "wstudio/media/decode.hpp"

#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "sndfile_handle.hpp"
#include "wav_truncation.hpp"
#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

constexpr sf_count_t kReadBlockFrames = 65536;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw MediaError("cannot read audio file " + file.string() + ": " + what);
}

// Why sf_open refused the file, in the user's terms.
std::string openFailure(int code) {
  switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
      return "not a recognised audio file (WAV, AIFF, FLAC, MP3, Ogg Vorbis or Opus are read); "
             "it is damaged or in another format: convert it to WAV or FLAC";
    case SF_ERR_MALFORMED_FILE:
      return std::string("the file is damaged (") + sf_error_number(code) +
             "); export or copy it again";
    case SF_ERR_UNSUPPORTED_ENCODING:
      return std::string("its encoding cannot be decoded (") + sf_error_number(code) +
             "); convert it to 16/24-bit PCM or float WAV, or FLAC";
    default:
      // Some decoders (mpg123 for .mp3 names) give up on foreign content with a system error
      // although the file exists: say what the user can check.
      return std::string("it cannot be opened as audio (") + sf_error_number(code) +
             "); check that it is readable and really an audio file, or convert it to WAV or FLAC";
  }
}

// Formats whose header states the exact length, so that reading less than it means the file
// was cut off. (An MP3's or Ogg's frame count can be an estimate.)
bool lengthIsExact(int format) {
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_AIFF:
    case SF_FORMAT_FLAC:
      return true;
    default:
      return false;
  }
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
  if (!sound) fail(file, openFailure(sf_error(nullptr)));
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
