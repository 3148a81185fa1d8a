// Decoding audio files: whatever libsndfile reads (WAV, AIFF, FLAC, MP3, Ogg Vorbis, Opus...),
// every channel, at the file's own sample rate.
#pragma once

#include <filesystem>

#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media {

// The whole file as float samples. Throws MediaError naming the file when it is missing,
// unreadable, not audio, damaged, truncated, empty or holds non-finite samples.
AudioBuffer decodeAudioFile(const std::filesystem::path& file);

}  // namespace wstudio::media
