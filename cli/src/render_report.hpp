// What `vaist render` prints about its results: one line per file written (stdout, for people
// and scripts) and one per plugin that faulted (stderr).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "wstudio/engine/fault_report.hpp"
#include "wstudio/media/encode_options.hpp"
#include "wstudio/media/loudness.hpp"

namespace vaist {

// "mix.wav: integrated -14.2 LUFS, true peak -1.0 dBTP (48000 Hz, 24-bit WAV, 18.000 s)";
// silence reads "-inf".
std::string loudnessLine(const std::filesystem::path& file,
                         const wstudio::media::Loudness& loudness,
                         const wstudio::media::EncodeOptions& encoding, int sampleRate,
                         std::size_t frames);

// "insert "x" (slot 1) on track "y": trap: <the host's message>".
std::string faultLine(const wstudio::engine::FaultReport& fault);

}  // namespace vaist
