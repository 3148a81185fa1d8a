#include "wstudio/media/sndfile_facts.hpp"

#include <sndfile.h>

namespace wstudio::media {

std::string openFailureReason(int code) {
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

}  // namespace wstudio::media
