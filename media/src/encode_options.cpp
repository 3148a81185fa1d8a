#include "wstudio/media/encode_options.hpp"

namespace wstudio::media {

std::string_view toString(FileFormat format) {
  switch (format) {
    case FileFormat::wav:
      return "wav";
    case FileFormat::flac:
      return "flac";
    case FileFormat::mp3:
      return "mp3";
  }
  return "?";
}

std::string_view toString(SampleFormat format) {
  switch (format) {
    case SampleFormat::pcm16:
      return "16";
    case SampleFormat::pcm24:
      return "24";
    case SampleFormat::float32:
      return "32f";
  }
  return "?";
}

}  // namespace wstudio::media
