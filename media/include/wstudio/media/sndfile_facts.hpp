// What libsndfile's answers mean for the user, shared by every reader of audio files (the decoder
// here and the server's streaming upload check), so both explain a refusal the same way.
#pragma once

#include <string>

namespace wstudio::media {

// Why sf_open refused a file (its sf_error code), in the user's terms, with what to do.
std::string openFailureReason(int sfError);

// Whether a format's header states the exact length (SF_FORMAT_*), so that reading fewer frames
// means the file was cut off. An MP3's or Ogg's frame count can be an estimate.
bool lengthIsExact(int sfFormat);

}  // namespace wstudio::media
