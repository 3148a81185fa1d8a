// What an output file is: container/codec and sample format.
#pragma once

#include <string_view>

namespace wstudio::media {

enum class FileFormat { wav, flac, mp3 };

// PCM word size for WAV and FLAC. MP3 has none (it is coded from float samples).
enum class SampleFormat {
  pcm16,    // TPDF-dithered to 16 bits
  pcm24,    // rounded to 24 bits (its noise floor is far below any converter's)
  float32,  // WAV only: the samples exactly as rendered, overs kept
};

struct EncodeOptions {
  FileFormat format = FileFormat::wav;
  SampleFormat sampleFormat = SampleFormat::pcm24;
  // MP3 only: LAME's VBR quality on libsndfile's 0 (best) .. 1 (smallest) scale. 0.2 is LAME
  // -V2, about 190 kbit/s for stereo music: transparent for most listeners.
  double mp3VbrCompression = 0.2;
};

std::string_view toString(FileFormat format);    // "wav", "flac", "mp3"
std::string_view toString(SampleFormat format);  // "16", "24", "32f"

}  // namespace wstudio::media
