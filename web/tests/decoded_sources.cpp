// web_decoded_sources SESSION.json OUT_DIR
// Writes every clip source of a session, decoded and resampled to the session's rate by media/
// exactly as `vaist render` does (cli/src/session_sources.cpp), as OUT_DIR/<source path>.wav in
// 32-bit float. The browser test hands these to the engine in the AudioWorklet, so that its
// render and `vaist render`'s start from the same samples: what it compares is the engine and
// its host, not two resamplers (docs/engine-wasm.md, EW-12).
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/resample.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: web_decoded_sources SESSION.json OUT_DIR\n";
    return 2;
  }
  try {
    const fs::path sessionFile = argv[1];
    const fs::path out = argv[2];
    std::ifstream in(sessionFile, std::ios::binary);
    const nlohmann::json session = nlohmann::json::parse(in);
    const int rate = session.at("sampleRate").get<int>();
    std::set<std::string> written;
    for (const auto& track : session.at("tracks")) {
      for (const auto& clip : track.value("clips", nlohmann::json::array())) {
        if (!clip.contains("source") || !clip["source"].contains("path")) continue;
        const std::string path = clip["source"]["path"].get<std::string>();
        if (!written.insert(path).second) continue;
        const auto audio = wstudio::media::resample(
            wstudio::media::decodeAudioFile(sessionFile.parent_path() / path), rate);
        const fs::path file = out / (path + ".wav");
        fs::create_directories(file.parent_path());
        wstudio::media::writeAudioFile(audio, file, {wstudio::media::FileFormat::wav, wstudio::media::SampleFormat::float32});
      }
    }
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "web_decoded_sources: " << error.what() << "\n";
    return 1;
  }
}
