// engine_bench_session DIR: writes the benchmark session of bench_session.hpp for the engine.wasm
// benchmarks (engine_wasm_bench.mjs, engine_browser_bench.mjs, web_audio_bench.mjs):
// DIR/session.json (the inserts set as the Web Audio graph of web_audio_bench.mjs),
// DIR/defaults.session.json (every insert at its defaults), DIR/bypassed.session.json (every
// insert bypassed) and DIR/noise.wav (32-bit float), so engine.wasm renders exactly what
// engine_bench renders.
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
  using engine::bench::BenchInserts;
  std::ofstream(dir / "session.json") << session::save(engine::bench::benchSession(BenchInserts::matched));
  std::ofstream(dir / "defaults.session.json")
      << session::save(engine::bench::benchSession(BenchInserts::defaults));
  std::ofstream(dir / "bypassed.session.json")
      << session::save(engine::bench::benchSession(BenchInserts::bypassed));
  const auto noise = engine::bench::benchNoise();
  media::AudioBuffer audio;
  audio.sampleRate = int(noise->sampleRate);
  audio.channels = noise->channels;
  media::writeAudioFile(audio, dir / "noise.wav", {media::FileFormat::wav, media::SampleFormat::float32});
  std::cout << "wrote " << dir.string() << "/session.json, defaults.session.json, bypassed.session.json, noise.wav\n";
  return 0;
}
