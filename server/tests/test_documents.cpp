#include "test_documents.hpp"

#include <cmath>
#include <numbers>

namespace wstudio::server::test {

nlohmann::json sessionDocument(const std::string& trackName, const std::string& sha256) {
  nlohmann::json track = {{"id", "t1"}, {"name", trackName}, {"kind", "audio"}};
  if (!sha256.empty()) {
    track["clips"] = nlohmann::json::array(
        {{{"id", "c1"}, {"source", {{"sha256", sha256}}}, {"start", 0}, {"length", 4}}});
  }
  return {{"format", "wasm-studio-session"},
          {"version", 1},
          {"tempo", 120},
          {"tracks", nlohmann::json::array({track})}};
}

std::string wavFile(uint32_t frames, uint32_t sampleRate) {
  std::string out;
  const auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  const auto u16 = [&](uint16_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
  };
  const uint32_t dataBytes = frames * 4;
  out += "RIFF";
  u32(36 + dataBytes);
  out += "WAVEfmt ";
  u32(16);
  u16(1);  // PCM
  u16(2);
  u32(sampleRate);
  u32(sampleRate * 4);
  u16(4);
  u16(16);
  out += "data";
  u32(dataBytes);
  for (uint32_t i = 0; i < frames; ++i) {
    const auto s = static_cast<int16_t>(
        std::lround(8000.0 * std::sin(2.0 * std::numbers::pi * 440.0 * i / sampleRate)));
    u16(static_cast<uint16_t>(s));
    u16(static_cast<uint16_t>(s));
  }
  return out;
}

}  // namespace wstudio::server::test
