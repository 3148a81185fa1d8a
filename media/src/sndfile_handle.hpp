// Owning handle for libsndfile's SNDFILE, so every exit path closes the file.
#pragma once

#include <sndfile.h>

#include <memory>
#include <string>

namespace wstudio::media {

struct SndfileCloser {
  void operator()(SNDFILE* file) const;
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

// libsndfile's description of the last error on `file` (or of the last failed sf_open when null).
std::string sndfileErrorText(SNDFILE* file);

}  // namespace wstudio::media
