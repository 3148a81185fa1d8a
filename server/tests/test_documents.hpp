// Session documents and audio bytes for the server tests.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace wstudio::server::test {

// A valid session with one audio track; `sha256` (if given) is its clip's source.
nlohmann::json sessionDocument(const std::string& trackName = "Drums", const std::string& sha256 = {});
// A complete 16-bit stereo WAV file of `frames` frames of a 440 Hz sine.
std::string wavFile(uint32_t frames, uint32_t sampleRate = 48000);

}  // namespace wstudio::server::test
