#include "wstudio/media/source_cache.hpp"

#include <system_error>

#include "wstudio/media/decode.hpp"
#include "wstudio/media/resample.hpp"

namespace wstudio::media {

std::shared_ptr<const AudioBuffer> SourceCache::load(const std::filesystem::path& file,
                                                     int sampleRate) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(file, error).lexically_normal();
  const std::uintmax_t fileSize = std::filesystem::file_size(absolute, error);
  const std::filesystem::file_time_type modified =
      std::filesystem::last_write_time(absolute, error);
  // A file that cannot be looked at is not cached; decoding it reports why (missing...).
  if (error)
    return std::make_shared<const AudioBuffer>(resample(decodeAudioFile(file), sampleRate));
  const auto key = std::make_pair(absolute.string(), sampleRate);
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end() && found->second.fileSize == fileSize &&
        found->second.modified == modified) {
      return found->second.audio;
    }
  }
  // Decoded without the lock so that other sources load meanwhile; two threads asking for the
  // same new file both decode it, and the second result replaces the first (both are equal).
  auto audio = std::make_shared<const AudioBuffer>(resample(decodeAudioFile(absolute), sampleRate));
  const std::lock_guard lock(mutex_);
  entries_[key] = Entry{fileSize, modified, audio};
  return audio;
}

std::size_t SourceCache::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace wstudio::media
