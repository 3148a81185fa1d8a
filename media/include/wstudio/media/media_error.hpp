// The one exception of this library. Reading and writing audio files fails for reasons the user
// can act on (a missing or damaged file, a format that cannot hold what was asked), so every
// message names the file, says what is wrong and what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace wstudio::media {

class MediaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace wstudio::media
