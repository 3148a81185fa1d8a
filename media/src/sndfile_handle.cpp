#include "sndfile_handle.hpp"

namespace wstudio::media {

void SndfileCloser::operator()(SNDFILE* file) const { sf_close(file); }

std::string sndfileErrorText(SNDFILE* file) { return sf_strerror(file); }

}  // namespace wstudio::media
