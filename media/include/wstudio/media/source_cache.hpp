// Decoded, resampled audio sources shared between the clips (and renders) that play them. A
// file is decoded once per engine rate and again only when it changes on disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media {

class SourceCache {
 public:
  // The file decoded and resampled to `sampleRate`. Cached under (absolute path, sample rate)
  // and reused while the file's size and modification time stay the same. Throws MediaError
  // (see decodeAudioFile). Safe to call from several threads.
  std::shared_ptr<const AudioBuffer> load(const std::filesystem::path& file, int sampleRate);

  std::size_t size() const;

 private:
  struct Entry {
    std::uintmax_t fileSize = 0;
    std::filesystem::file_time_type modified;
    std::shared_ptr<const AudioBuffer> audio;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, Entry> entries_;
};

}  // namespace wstudio::media
