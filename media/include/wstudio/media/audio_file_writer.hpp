// Encoding audio to a file without ever leaving a partial one behind: samples go to a temporary
// file in the destination's folder, which replaces the destination only when commit() succeeds.
// Blocks are written as they come, so long renders need not be held in memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

#include "wstudio/media/audio_buffer.hpp"
#include "wstudio/media/encode_options.hpp"

namespace wstudio::media {

class AudioFileWriter {
 public:
  // Checks that `options` can hold `channelCount` channels at `sampleRate` and opens the
  // temporary file. Throws MediaError naming `destination` when it cannot.
  AudioFileWriter(const std::filesystem::path& destination, int channelCount, int sampleRate,
                  const EncodeOptions& options);
  // Without commit() (an error, an exception, a cancelled render), removes the temporary file;
  // the destination is untouched.
  ~AudioFileWriter();
  AudioFileWriter(const AudioFileWriter&) = delete;
  AudioFileWriter& operator=(const AudioFileWriter&) = delete;

  // `frames` samples of each channel (planar, channelCount pointers). Throws MediaError.
  void write(std::span<const float* const> channels, std::size_t frames);
  void write(const AudioBuffer& buffer);
  // Finishes the file and moves it over the destination. Throws MediaError.
  void commit();

  const std::filesystem::path& destination() const;

 private:
  class Encoder;
  std::unique_ptr<Encoder> encoder_;
};

// The whole buffer to `destination`, atomically (see AudioFileWriter).
void writeAudioFile(const AudioBuffer& buffer, const std::filesystem::path& destination,
                    const EncodeOptions& options);

}  // namespace wstudio::media
