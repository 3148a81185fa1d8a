// Uploaded audio judged the way `vaist render` will read it (libsndfile, every frame decoded),
// but streamed from the request's bytes in fixed blocks: no scratch file, and no buffer sized
// from anything the file declares. A few kilobytes of FLAC can declare, or decode to, hours of
// audio, so the declared and the decoded length and the channel count are limited.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace wstudio::server {

struct AudioLimits {
  int maxChannels = 8;               // up to 7.1
  int64_t maxSeconds = 30 * 60;      // a long take; a whole album is not a session source
  int maxSampleRate = 384000;
};

// Why an upload is not usable audio, in the uploader's terms (never a server path).
class AudioRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws AudioRejected unless `bytes` decode completely within `limits`. Memory use is one
// block of 4096 frames whatever the file says.
void checkAudio(std::string_view bytes, const AudioLimits& limits);

}  // namespace wstudio::server
