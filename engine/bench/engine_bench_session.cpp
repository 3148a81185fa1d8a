// engine_bench_session DIR: writes the benchmark session of bench_session.hpp for the engine.wasm
// benchmark (engine_wasm_bench.mjs): DIR/session.json, DIR/bypassed.session.json (every insert
// bypassed) and DIR/noise.wav (32-bit float), so Node renders exactly what engine_bench renders.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench_session.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/session/json_io.hpp"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace wstudio;
  if (argc != 2) {
    std::cerr << "usage: engine_bench_session DIR\n";
    return 2;
  }
  const fs::path dir = argv[1];
  fs::create_directories(dir);
  std::ofstream(dir / "session.json") << session::save(engine::bench::benchSession(false));
  std::ofstream(dir / "bypassed.session.json") << session::save(engine::bench::benchSession(true));
  const auto noise = engine::bench::benchNoise();
  media::AudioBuffer audio;
  audio.sampleRate = int(noise->sampleRate);
  audio.channels = noise->channels;
  media::writeAudioFile(audio, dir / "noise.wav", {media::FileFormat::wav, media::SampleFormat::float32});
  std::cout << "wrote " << dir.string() << "/session.json, bypassed.session.json, noise.wav\n";
  return 0;
}
