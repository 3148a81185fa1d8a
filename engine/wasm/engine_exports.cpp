// engine.wasm's exports (docs/engine-wasm.md, "Exports"): C functions over one WasmEngine.
// Strings come in as (address, length) of UTF-8 the host wrote into memory from we_alloc;
// strings go out as addresses of NUL-terminated UTF-8, valid until the next call that returns
// the same kind of string. Frames are doubles (exact to 2^53) so JavaScript needs no BigInt.
#include <cstdlib>
#include <string>
#include <string_view>

#include "wstudio/boundary/boundary.hpp"
#include "imported_plugin_instance.hpp"
#include "wasm_engine.hpp"

#define WSTUDIO_ENGINE_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace {

using wstudio::engine::wasm::WasmEngine;

WasmEngine& engine() {
  static WasmEngine instance;
  return instance;
}

std::string_view text(const char* data, int32_t length) {
  return length > 0 ? std::string_view(data, size_t(length)) : std::string_view();
}

// The last error of a call that reports one through we_error().
std::string& lastError() {
  static std::string error;
  return error;
}

const wstudio::engine::LevelMeter* meter(int32_t track) {
  const wstudio::engine::RenderGraph* graph = engine().graph();
  if (graph == nullptr) return nullptr;
  if (track < 0) return &graph->masterMeter();
  return size_t(track) < graph->trackCount() ? &graph->trackMeter(size_t(track)) : nullptr;
}

size_t trackIndex(int32_t track) {
  return track < 0 ? wstudio::engine::RenderGraph::kMaster : size_t(track);
}
bool validTrack(const wstudio::engine::RenderGraph& graph, int32_t track) {
  return track >= -1 && (track < 0 || size_t(track) < graph.trackCount());
}
bool validInsert(const wstudio::engine::RenderGraph& graph, int32_t track, int32_t slot) {
  return validTrack(graph, track) && slot >= 0 && size_t(slot) < graph.insertCount(trackIndex(track));
}

}  // namespace

// ---- memory and versions [main]
WSTUDIO_ENGINE_EXPORT(we_version) int32_t we_version() {
  return wstudio::boundary::kPluginImportsVersion;
}
WSTUDIO_ENGINE_EXPORT(we_alloc) void* we_alloc(int32_t bytes) {
  return bytes > 0 ? std::malloc(size_t(bytes)) : nullptr;
}
WSTUDIO_ENGINE_EXPORT(we_free) void we_free(void* pointer) { std::free(pointer); }
WSTUDIO_ENGINE_EXPORT(we_error) const char* we_error() { return lastError().c_str(); }

// ---- session [main]
WSTUDIO_ENGINE_EXPORT(we_load_session) int32_t we_load_session(const char* json, int32_t length) {
  engine().loadSession(text(json, length));
  return int32_t(engine().issues().size());
}
WSTUDIO_ENGINE_EXPORT(we_issue_path) const char* we_issue_path(int32_t index) {
  const auto& issues = engine().issues();
  return index >= 0 && size_t(index) < issues.size() ? issues[size_t(index)].path.c_str() : "";
}
WSTUDIO_ENGINE_EXPORT(we_issue_message) const char* we_issue_message(int32_t index) {
  const auto& issues = engine().issues();
  return index >= 0 && size_t(index) < issues.size() ? issues[size_t(index)].message.c_str() : "";
}

// ---- session operations [main] (docs/session-ops.md): each returns its result as JSON (OPS-8),
// valid until the next call of this group.
namespace {
const char* keepResult(std::string result) {
  static std::string kept;
  kept = std::move(result);
  return kept.c_str();
}
}  // namespace
WSTUDIO_ENGINE_EXPORT(we_apply_ops) const char* we_apply_ops(const char* json, int32_t length) {
  return keepResult(engine().applyOps(text(json, length)));
}
WSTUDIO_ENGINE_EXPORT(we_undo) const char* we_undo() { return keepResult(engine().undo()); }
WSTUDIO_ENGINE_EXPORT(we_redo) const char* we_redo() { return keepResult(engine().redo()); }
WSTUDIO_ENGINE_EXPORT(we_session_json) const char* we_session_json() {
  return keepResult(engine().sessionJson());
}
WSTUDIO_ENGINE_EXPORT(we_session_changes) const char* we_session_changes() {
  return keepResult(engine().sessionChanges());
}

// ---- plugins and sources [main]
// format: 0 wsp, 1 vaist. Returns 0, or 1 with the reason in we_error().
WSTUDIO_ENGINE_EXPORT(we_register_plugin)
int32_t we_register_plugin(int32_t module, const char* descriptor, int32_t descriptorLength,
                           int32_t format, const char* sha256, int32_t sha256Length) {
  const auto status = engine().plugins().add(
      module, text(descriptor, descriptorLength),
      format == 1 ? wstudio::session::PluginFormat::vaist : wstudio::session::PluginFormat::wsp,
      std::string(text(sha256, sha256Length)));
  lastError() = status ? std::string() : status.error();
  return status ? 0 : 1;
}

namespace {
wstudio::engine::DecodedAudio* lastSource = nullptr;
}

// Room for a decoded source under `key` (its session path or sha256); the host then writes each
// channel at we_source_channel(c). Returns 0, or 1 for a nonsense size.
WSTUDIO_ENGINE_EXPORT(we_add_source)
int32_t we_add_source(const char* key, int32_t keyLength, double sampleRate, int32_t channels,
                      int32_t frames) {
  lastSource = channels > 0 && frames >= 0
                   ? engine().sources().add(std::string(text(key, keyLength)), sampleRate,
                                            uint32_t(channels), uint32_t(frames))
                   : nullptr;
  return lastSource != nullptr ? 0 : 1;
}
WSTUDIO_ENGINE_EXPORT(we_source_channel) float* we_source_channel(int32_t channel) {
  if (lastSource == nullptr || channel < 0 || size_t(channel) >= lastSource->channels.size()) {
    return nullptr;
  }
  return lastSource->channels[size_t(channel)].data();
}

// ---- playback [main]
// Returns the number of build warnings (we_warning), or -1 without a session / bad format.
WSTUDIO_ENGINE_EXPORT(we_prepare)
int32_t we_prepare(double sampleRate, int32_t maxBlockFrames, double pluginBudgetShare) {
  if (maxBlockFrames <= 0 ||
      !engine().prepare(sampleRate, uint32_t(maxBlockFrames), pluginBudgetShare)) {
    return -1;
  }
  return int32_t(engine().warnings().size());
}
WSTUDIO_ENGINE_EXPORT(we_warning) const char* we_warning(int32_t index) {
  const auto& warnings = engine().warnings();
  return index >= 0 && size_t(index) < warnings.size() ? warnings[size_t(index)].c_str() : "";
}
WSTUDIO_ENGINE_EXPORT(we_play) void we_play() {
  if (auto* player = engine().player()) player->play();
}
WSTUDIO_ENGINE_EXPORT(we_stop) void we_stop() {
  if (auto* player = engine().player()) player->stop();
}
WSTUDIO_ENGINE_EXPORT(we_seek) void we_seek(double frame) {
  if (auto* player = engine().player()) player->seek(int64_t(frame));
}
WSTUDIO_ENGINE_EXPORT(we_set_looping) void we_set_looping(int32_t enabled) {
  if (auto* player = engine().player()) player->setLooping(enabled != 0);
}
WSTUDIO_ENGINE_EXPORT(we_take_latency_changed) int32_t we_take_latency_changed() {
  auto* player = engine().player();
  return player != nullptr && player->takeLatencyChanged() ? 1 : 0;
}

// ---- live control [audio]: called between quanta, right before we_render (live_event.hpp).
// kind: 0 param, 1 note on, 2 note off, 3 volume dB, 4 pan; track: processing-order index, -1
// the master. Returns 1 when queued, 0 when the queue is full or nothing is prepared.
WSTUDIO_ENGINE_EXPORT(we_live)
int32_t we_live(int32_t kind, int32_t track, int32_t slot, int32_t id, double value, int32_t offset,
                int32_t channel) {
  using wstudio::engine::LiveEventKind;
  if (kind < 0 || kind > int32_t(LiveEventKind::Pan) || slot < 0 || id < 0 || offset < 0) return 0;
  wstudio::engine::LiveEvent event;
  event.kind = LiveEventKind(kind);
  event.track = track;
  event.slot = uint32_t(slot);
  event.id = uint32_t(id);
  event.value = value;
  event.offset = uint32_t(offset);
  event.channel = uint16_t(channel);
  return engine().sendLive(event) ? 1 : 0;
}

// ---- meters and CPU time [main] switch, [audio] take: layout in WasmEngine::takeStats.
WSTUDIO_ENGINE_EXPORT(we_meter_cpu) void we_meter_cpu(int32_t enabled) {
  engine().setMeterCpu(enabled != 0);
}
// The track (processing-order index; anything else: none) whose loudness is measured besides the
// master's.
WSTUDIO_ENGINE_EXPORT(we_meter_loudness) void we_meter_loudness(int32_t track) {
  const auto* graph = engine().graph();
  engine().setLoudnessTrack(graph != nullptr && track >= 0 && size_t(track) < graph->trackCount()
                                ? graph->trackId(size_t(track))
                                : std::string());
}
WSTUDIO_ENGINE_EXPORT(we_stats_slots) int32_t we_stats_slots() {
  return int32_t(engine().statsSlots());
}
WSTUDIO_ENGINE_EXPORT(we_take_stats) const double* we_take_stats() { return engine().takeStats(); }

// ---- inserts [main]: track = processing-order index, -1 the master.
WSTUDIO_ENGINE_EXPORT(we_insert_count) int32_t we_insert_count(int32_t track) {
  const auto* graph = engine().graph();
  return graph != nullptr && validTrack(*graph, track) ? int32_t(graph->insertCount(trackIndex(track))) : 0;
}
WSTUDIO_ENGINE_EXPORT(we_insert_id) const char* we_insert_id(int32_t track, int32_t slot) {
  const auto* graph = engine().graph();
  return graph != nullptr && validInsert(*graph, track, slot)
             ? graph->insertId(trackIndex(track), size_t(slot)).c_str()
             : "";
}
// The host's handle of the insert's plugin instance (what wstudio_plugin.create returned), 0 for
// none: the host names the plugin it was running when the audio thread stalls.
WSTUDIO_ENGINE_EXPORT(we_insert_handle) int32_t we_insert_handle(int32_t track, int32_t slot) {
  const auto* graph = engine().graph();
  if (graph == nullptr || !validInsert(*graph, track, slot)) return 0;
  const auto* instance = graph->insertInstance(trackIndex(track), size_t(slot));
  // Every instance in engine.wasm is an ImportedPluginInstance: it is the only kind its plugin
  // library makes (built without RTTI, so no dynamic_cast).
  return instance != nullptr
             ? static_cast<const wstudio::engine::wasm::ImportedPluginInstance*>(instance)->handle()
             : 0;
}

// ---- [any]
WSTUDIO_ENGINE_EXPORT(we_position) double we_position() {
  auto* player = engine().player();
  return player != nullptr ? double(player->position()) : 0.0;
}
WSTUDIO_ENGINE_EXPORT(we_playing) int32_t we_playing() {
  auto* player = engine().player();
  return player != nullptr && player->playing() ? 1 : 0;
}
WSTUDIO_ENGINE_EXPORT(we_latency) int32_t we_latency() {
  return engine().graph() != nullptr ? int32_t(engine().graph()->latency()) : 0;
}

// ---- [audio] EW-10: no allocation.
WSTUDIO_ENGINE_EXPORT(we_render) int32_t we_render(int32_t frames) {
  return frames > 0 ? int32_t(engine().render(uint32_t(frames))) : 0;
}
WSTUDIO_ENGINE_EXPORT(we_output) const float* we_output(int32_t channel) {
  return channel == 0 || channel == 1 ? engine().output(channel) : nullptr;
}

// ---- meters [any]: track = index in processing order (we_track_id), -1 the master.
WSTUDIO_ENGINE_EXPORT(we_track_count) int32_t we_track_count() {
  return engine().graph() != nullptr ? int32_t(engine().graph()->trackCount()) : 0;
}
WSTUDIO_ENGINE_EXPORT(we_track_id) const char* we_track_id(int32_t track) {
  const auto* graph = engine().graph();
  return graph != nullptr && track >= 0 && size_t(track) < graph->trackCount()
             ? graph->trackId(size_t(track)).c_str()
             : "";
}
// The highest |sample| since the last call for this meter and channel.
WSTUDIO_ENGINE_EXPORT(we_meter_take_peak) float we_meter_take_peak(int32_t track, int32_t channel) {
  const auto* level = meter(track);
  return level != nullptr && (channel == 0 || channel == 1)
             ? level->takePeak(channel)
             : 0.0f;
}
WSTUDIO_ENGINE_EXPORT(we_meter_rms) float we_meter_rms(int32_t track, int32_t channel) {
  const auto* level = meter(track);
  return level != nullptr && (channel == 0 || channel == 1) ? level->rms(channel) : 0.0f;
}

// ---- stems [audio]: a track's output after its fader in the last we_render (track as for the
// meters; null for no such track), and the frames by which it lags the timeline (its own delay
// compensation, which can differ from the master's we_latency).
WSTUDIO_ENGINE_EXPORT(we_track_output) const float* we_track_output(int32_t track, int32_t channel) {
  auto* player = engine().player();
  const wstudio::engine::RenderGraph* graph = player != nullptr ? player->currentGraph() : nullptr;
  return graph != nullptr && track >= 0 && size_t(track) < graph->trackCount() &&
                 (channel == 0 || channel == 1)
             ? graph->trackOutput(size_t(track), channel)
             : nullptr;
}
WSTUDIO_ENGINE_EXPORT(we_track_latency) int32_t we_track_latency(int32_t track) {
  const auto* graph = engine().graph();
  return graph != nullptr && track >= 0 && size_t(track) < graph->trackCount()
             ? int32_t(graph->trackLatency(size_t(track)))
             : 0;
}

// ---- faults [main] EW-8; we_fault_waiting [audio]: 1 when we_next_fault has one, allocating
// nothing (we_next_fault may: it moves the player's reports into a list).
WSTUDIO_ENGINE_EXPORT(we_fault_waiting) int32_t we_fault_waiting() {
  return engine().faultWaiting() ? 1 : 0;
}
WSTUDIO_ENGINE_EXPORT(we_next_fault) int32_t we_next_fault() { return engine().nextFault() ? 1 : 0; }
WSTUDIO_ENGINE_EXPORT(we_fault_track) const char* we_fault_track() { return engine().fault().track; }
WSTUDIO_ENGINE_EXPORT(we_fault_insert) const char* we_fault_insert() {
  return engine().fault().insert;
}
WSTUDIO_ENGINE_EXPORT(we_fault_slot) int32_t we_fault_slot() { return int32_t(engine().fault().slot); }
WSTUDIO_ENGINE_EXPORT(we_fault_kind) const char* we_fault_kind() {
  return wstudio::boundary::faultName(engine().fault().kind);
}
WSTUDIO_ENGINE_EXPORT(we_fault_message) const char* we_fault_message() {
  return engine().fault().message;
}

// ---- offline [main]: frames rendered into we_offline_output, or -1 before we_prepare.
WSTUDIO_ENGINE_EXPORT(we_render_offline) double we_render_offline(double startFrame, double endFrame) {
  return double(engine().renderOffline(int64_t(startFrame), int64_t(endFrame)));
}
WSTUDIO_ENGINE_EXPORT(we_offline_output) const float* we_offline_output(int32_t channel) {
  return channel == 0 || channel == 1 ? engine().offlineOutput(channel) : nullptr;
}
