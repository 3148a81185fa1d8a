#include "render_report.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace vaist {
namespace {

namespace media = wstudio::media;

std::string withDecimals(double value, int decimals) {
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

std::string loudnessLine(const std::filesystem::path& file, const media::Loudness& loudness,
                         const media::EncodeOptions& encoding, int sampleRate, std::size_t frames) {
  std::ostringstream line;
  line << file.string() << ": integrated " << withDecimals(loudness.integratedLufs, 1)
       << " LUFS, true peak " << withDecimals(loudness.truePeakDbtp, 1) << " dBTP (" << sampleRate
       << " Hz, ";
  if (encoding.format == media::FileFormat::mp3) {
    line << "MP3 VBR";
  } else {
    line << media::toString(encoding.sampleFormat) << "-bit "
         << (encoding.format == media::FileFormat::wav ? "WAV" : "FLAC");
  }
  line << ", " << withDecimals(static_cast<double>(frames) / sampleRate, 3) << " s)";
  return line.str();
}

std::string faultLine(const wstudio::engine::FaultReport& fault) {
  const std::string where = fault.trackId() == "master"
                                ? std::string("the master")
                                : "track \"" + std::string(fault.trackId()) + "\"";
  return "insert \"" + std::string(fault.insertId()) + "\" (slot " + std::to_string(fault.slot) +
         ") on " + where + ": " + wstudio::engine::faultName(fault.kind) + ": " +
         std::string(fault.text());
}

}  // namespace vaist
