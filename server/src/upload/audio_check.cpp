#include "upload/audio_check.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/media/sndfile_facts.hpp"

namespace wstudio::server {

namespace {

constexpr sf_count_t kBlockFrames = 4096;

// libsndfile reads the request body in place through its virtual I/O.
struct MemoryReader {
  std::string_view bytes;
  sf_count_t position = 0;

  static SF_VIRTUAL_IO io() {
    SF_VIRTUAL_IO io{};
    io.get_filelen = [](void* self) {
      return static_cast<sf_count_t>(static_cast<MemoryReader*>(self)->bytes.size());
    };
    io.seek = [](sf_count_t offset, int whence, void* self) -> sf_count_t {
      auto& r = *static_cast<MemoryReader*>(self);
      const auto size = static_cast<sf_count_t>(r.bytes.size());
      const sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? r.position : size;
      const sf_count_t target = base + offset;
      if (target < 0) return -1;
      r.position = target;
      return target;
    };
    io.read = [](void* out, sf_count_t count, void* self) -> sf_count_t {
      auto& r = *static_cast<MemoryReader*>(self);
      const auto size = static_cast<sf_count_t>(r.bytes.size());
      const sf_count_t n = std::clamp<sf_count_t>(size - r.position, 0, std::max<sf_count_t>(count, 0));
      if (n > 0) std::memcpy(out, r.bytes.data() + r.position, static_cast<size_t>(n));
      r.position += n;
      return n;
    };
    io.write = [](const void*, sf_count_t, void*) -> sf_count_t { return 0; };
    io.tell = [](void* self) { return static_cast<MemoryReader*>(self)->position; };
    return io;
  }
};

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

[[noreturn]] void reject(const std::string& why) { throw AudioRejected(why); }

uint32_t littleEndian32(std::string_view b, size_t at) {
  const auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
  return u(0) | u(1) << 8 | u(2) << 16 | u(3) << 24;
}

// libsndfile plays a WAV whose data chunk runs past the end without an error: a cut-off upload
// must be refused instead. (Size 0 or 0xFFFFFFFF: written by a streaming recorder, read to
// the end, which is right.)
void checkWavComplete(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE") return;
  uint64_t chunk = 12;
  while (chunk + 8 <= b.size()) {
    const uint32_t size = littleEndian32(b, static_cast<size_t>(chunk) + 4);
    const uint64_t data = chunk + 8;
    if (b.substr(static_cast<size_t>(chunk), 4) == "data") {
      if (size == 0 || size == 0xFFFFFFFFu || data + size <= b.size()) return;
      reject("the file is truncated: its data chunk declares " + std::to_string(size) +
             " bytes but the file ends after " + std::to_string(b.size() - data) +
             " of them; export it again");
    }
    chunk = data + size + (size & 1u);
  }
}

std::string minutes(int64_t seconds) {
  return seconds % 60 == 0 ? std::to_string(seconds / 60) + " minutes"
                           : std::to_string(seconds) + " seconds";
}

}  // namespace

void checkAudio(std::string_view bytes, const AudioLimits& limits) {
  checkWavComplete(bytes);
  MemoryReader reader{bytes};
  SF_VIRTUAL_IO io = MemoryReader::io();
  SF_INFO info{};
  const std::unique_ptr<SNDFILE, SndfileCloser> sound(sf_open_virtual(&io, SFM_READ, &info, &reader));
  if (!sound) reject(media::openFailureReason(sf_error(nullptr)));
  if (info.channels < 1 || info.samplerate < 1) {
    reject("the header declares no channels or no sample rate; the file is damaged");
  }
  if (info.channels > limits.maxChannels) {
    reject("it has " + std::to_string(info.channels) + " channels; at most " +
           std::to_string(limits.maxChannels) + " are accepted");
  }
  if (info.samplerate > limits.maxSampleRate) {
    reject("its sample rate is " + std::to_string(info.samplerate) + " Hz; at most " +
           std::to_string(limits.maxSampleRate) + " Hz is accepted");
  }
  const int64_t maxFrames = limits.maxSeconds * info.samplerate;
  const std::string tooLong = "sources are limited to " + minutes(limits.maxSeconds) +
                              " (" + std::to_string(limits.maxChannels) + " channels at most)";
  // SF_COUNT_MAX means "unknown": the decoded length is limited below.
  if (info.frames != SF_COUNT_MAX && info.frames > maxFrames) {
    reject("its header declares " + std::to_string(info.frames / info.samplerate) +
           " seconds of audio; " + tooLong);
  }

  const auto channels = static_cast<size_t>(info.channels);
  std::vector<float> block(static_cast<size_t>(kBlockFrames) * channels);
  int64_t decoded = 0;
  for (;;) {
    const sf_count_t got = sf_readf_float(sound.get(), block.data(), kBlockFrames);
    if (got <= 0) break;
    const auto samples = static_cast<size_t>(got) * channels;
    for (size_t i = 0; i < samples; ++i) {
      if (!std::isfinite(block[i])) {
        reject("it holds a non-finite (NaN or infinite) sample at frame " +
               std::to_string(decoded + static_cast<int64_t>(i / channels)) + "; the file is damaged");
      }
    }
    decoded += got;
    if (decoded > maxFrames) reject("it decodes to more than " + minutes(limits.maxSeconds) + "; " + tooLong);
  }
  if (sf_error(sound.get()) != SF_ERR_NO_ERROR) {
    reject("decoding failed after " + std::to_string(decoded) + " frames (" +
           sf_strerror(sound.get()) + "); the file is damaged: export it again");
  }
  if (media::lengthIsExact(info.format) && info.frames != SF_COUNT_MAX && decoded < info.frames) {
    reject("the file is truncated: it holds " + std::to_string(decoded) + " of the " +
           std::to_string(info.frames) + " frames its header declares; export it again");
  }
  if (decoded == 0) reject("it holds no audio (0 frames)");
}

}  // namespace wstudio::server
