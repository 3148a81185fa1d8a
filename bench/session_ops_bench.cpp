// What one edit costs the session library on a big session: the demo session grown to 64 tracks
// (copies of its drums, bass, keys and lead with their clips and inserts, as web/bench/
// drag_bench.mjs grows it), and the parts of an edit measured apart: the copy of the session an
// edit is made on, the validation of the result, a whole clip.move or track.update through
// applyOps (what engine.wasm's we_apply_ops runs), and writing the session's text again.
// Figures: docs/BENCHMARKS.md ("Session operations on 64 tracks").
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "wstudio/session/apply_ops.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/validate.hpp"

namespace {

using namespace wstudio::session;

Session bigSession(std::size_t trackCount) {
  std::ifstream file(WSTUDIO_DEMO_SESSION);
  std::stringstream text;
  text << file.rdbuf();
  LoadResult loaded = load(text.str());
  if (!loaded.session) throw std::runtime_error("the demo session does not load");
  Session demo = std::move(*loaded.session);
  std::vector<Track> models;
  std::vector<Track> buses;
  for (const Track& track : demo.tracks) (track.kind == TrackKind::bus ? buses : models).push_back(track);
  Session big = demo;
  big.tracks.clear();
  for (std::size_t i = 0; i < trackCount; ++i) {
    Track track = models[i % models.size()];
    if (i >= models.size()) {
      const std::string suffix = "-x" + std::to_string(i);
      track.id += suffix;
      track.name.append(1, ' ').append(std::to_string(i + 1));
      for (AudioClip& clip : track.audioClips) clip.id += suffix;
      for (MidiClip& clip : track.midiClips) clip.id += suffix;
      for (Insert& insert : track.inserts) insert.id += suffix;
    }
    big.tracks.push_back(std::move(track));
  }
  for (Track& bus : buses) big.tracks.push_back(std::move(bus));
  if (!validate(big).empty()) throw std::runtime_error("the grown session is not valid");
  return big;
}

const Session& session64() {
  static const Session session = bigSession(64);
  return session;
}

void BM_CopySession(benchmark::State& state) {
  const Session& session = session64();
  for (auto _ : state) {
    Session copy = session;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_CopySession)->Unit(benchmark::kMicrosecond);

void BM_ValidateSession(benchmark::State& state) {
  const Session& session = session64();
  for (auto _ : state) benchmark::DoNotOptimize(validate(session));
}
BENCHMARK(BM_ValidateSession)->Unit(benchmark::kMicrosecond);

void BM_SaveSession(benchmark::State& state) {
  const Session& session = session64();
  for (auto _ : state) benchmark::DoNotOptimize(save(session));
}
BENCHMARK(BM_SaveSession)->Unit(benchmark::kMicrosecond);

// One operation, applied and undone (so every iteration starts from the same session).
void applyAndUndo(benchmark::State& state, const Op& op) {
  Session session = session64();
  for (auto _ : state) {
    Applied applied = applyOps(session, {op});
    if (!applied.ok()) throw std::runtime_error(applied.errors.front().message);
    benchmark::DoNotOptimize(applyOps(session, applied.inverse));
  }
  state.SetLabel("apply + undo");
}

void BM_ApplyClipMove(benchmark::State& state) {
  const AudioClip& clip = session64().tracks[10].audioClips.front();
  applyAndUndo(state, op::ClipMove{clip.id, clip.start + 4, {}, {}});
}
BENCHMARK(BM_ApplyClipMove)->Unit(benchmark::kMicrosecond);

void BM_ApplyTrackVolume(benchmark::State& state) {
  op::TrackUpdate update{session64().tracks[10].id, {}};
  update.set.volumeDb = -6.5;
  applyAndUndo(state, update);
}
BENCHMARK(BM_ApplyTrackVolume)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
