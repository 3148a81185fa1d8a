// Edits for the engine, the server and collaboration. Each edit is all-or-nothing: it is applied
// to a copy, the result is validated as a whole, and the session changes only if no problem was
// found. The returned list is empty on success and otherwise says why the edit was refused
// (an unknown id, or the rules the result would break, with their JSON paths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "wstudio/session/issue.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session {

// Tracks. index: position in the track list (default: the end).
[[nodiscard]] Issues addTrack(Session& session, Track track,
                              std::optional<std::size_t> index = std::nullopt);
// Also removes the lanes automating the track, and sends tracks that output to it (a bus) to
// the master, so removing never leaves a dangling reference.
[[nodiscard]] Issues removeTrack(Session& session, std::string_view trackId);
[[nodiscard]] Issues moveTrack(Session& session, std::string_view trackId, std::size_t newIndex);
// Any change to the track's own fields (name, volume, pan, mute, output...).
[[nodiscard]] Issues updateTrack(Session& session, std::string_view trackId,
                                 const std::function<void(Track&)>& change);

// Clips. Audio clips go on audio tracks, MIDI clips on instrument tracks. index: position in
// the track's clip list (default: the end).
[[nodiscard]] Issues addAudioClip(Session& session, std::string_view trackId, AudioClip clip,
                                  std::optional<std::size_t> index = std::nullopt);
[[nodiscard]] Issues addMidiClip(Session& session, std::string_view trackId, MidiClip clip,
                                 std::optional<std::size_t> index = std::nullopt);
[[nodiscard]] Issues removeClip(Session& session, std::string_view clipId);
// To a new start, and to another track of the same kind when toTrackId is not empty. index:
// position in the destination track's clip list afterwards (default: unchanged on the same
// track, the end of another track).
[[nodiscard]] Issues moveClip(Session& session, std::string_view clipId, Beats newStart,
                              std::string_view toTrackId = {},
                              std::optional<std::size_t> index = std::nullopt);
[[nodiscard]] Issues updateAudioClip(Session& session, std::string_view clipId,
                                     const std::function<void(AudioClip&)>& change);
[[nodiscard]] Issues updateMidiClip(Session& session, std::string_view clipId,
                                    const std::function<void(MidiClip&)>& change);

// Inserts. chainId: a track id or kMasterId. index: position in the chain (default: the end).
[[nodiscard]] Issues addInsert(Session& session, std::string_view chainId, Insert insert,
                               std::optional<std::size_t> index = std::nullopt);
// Also removes the lanes automating the insert's parameters.
[[nodiscard]] Issues removeInsert(Session& session, std::string_view insertId);
// Within its chain.
[[nodiscard]] Issues moveInsert(Session& session, std::string_view insertId,
                                std::size_t newIndex);
[[nodiscard]] Issues setParameter(Session& session, std::string_view insertId,
                                  std::uint32_t paramId, double value);
// Removes a parameter's stored value (the plugin's default applies); refused when none is stored.
[[nodiscard]] Issues clearParameter(Session& session, std::string_view insertId,
                                    std::uint32_t paramId);
[[nodiscard]] Issues setBypass(Session& session, std::string_view insertId, bool bypass);
[[nodiscard]] Issues setPluginState(Session& session, std::string_view insertId,
                                    std::vector<std::uint8_t> state);

// Automation.
// index: position in the lane list (default: the end).
[[nodiscard]] Issues addAutomationLane(Session& session, AutomationLane lane,
                                       std::optional<std::size_t> index = std::nullopt);
[[nodiscard]] Issues removeAutomationLane(Session& session, std::string_view laneId);
[[nodiscard]] Issues setAutomationPoints(Session& session, std::string_view laneId,
                                         std::vector<AutomationPoint> points);

// Markers (index: position in the marker list, default: the end), loop, tempo, master.
[[nodiscard]] Issues addMarker(Session& session, Marker marker,
                               std::optional<std::size_t> index = std::nullopt);
[[nodiscard]] Issues removeMarker(Session& session, std::string_view markerId);
// Any change to the marker's own fields (time, name).
[[nodiscard]] Issues updateMarker(Session& session, std::string_view markerId,
                                  const std::function<void(Marker&)>& change);
[[nodiscard]] Issues setLoop(Session& session, LoopRegion loop);
[[nodiscard]] Issues setTempo(Session& session, double bpm);
[[nodiscard]] Issues setTimeSignature(Session& session, TimeSignature signature);
[[nodiscard]] Issues setMasterVolume(Session& session, double volumeDb);

}  // namespace wstudio::session
