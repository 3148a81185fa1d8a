// libsndfile opens a WAV file whose data chunk runs past the end of the file without an error,
// silently playing what is there. A cut-off copy or download must be reported instead, so the
// RIFF chunk list is checked here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace wstudio::media {

// For a RIFF/WAVE file whose data chunk declares more bytes than the file holds: what is
// missing, e.g. "its data chunk declares 96000 bytes but the file ends after 41000 of them".
// Nothing for complete files, other formats, and WAVs written by streaming recorders that leave
// the size as 0 or 0xFFFFFFFF (libsndfile then reads to the end of the file, which is right).
std::optional<std::string> wavTruncation(const std::filesystem::path& file);

}  // namespace wstudio::media
