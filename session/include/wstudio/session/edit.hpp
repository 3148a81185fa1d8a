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

// Clips. Audio clips go on audio tracks, MIDI clips on instrument tracks.
[[nodiscard]] Issues addAudioClip(Session& session, std::string_view trackId, AudioClip clip);
[[nodiscard]] Issues addMidiClip(Session& session, std::string_view trackId, MidiClip clip);
[[nodiscard]] Issues removeClip(Session& session, std::string_view clipId);
// To a new start, and to another track of the same kind when toTrackId is not empty.
[[nodiscard]] Issues moveClip(Session& session, std::string_view clipId, Beats newStart,
                              std::string_view toTrackId = {});
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
[[nodiscard]] Issues setBypass(Session& session, std::string_view insertId, bool bypass);
[[nodiscard]] Issues setPluginState(Session& session, std::string_view insertId,
                                    std::vector<std::uint8_t> state);

// Automation.
[[nodiscard]] Issues addAutomationLane(Session& session, AutomationLane lane);
[[nodiscard]] Issues removeAutomationLane(Session& session, std::string_view laneId);
[[nodiscard]] Issues setAutomationPoints(Session& session, std::string_view laneId,
                                         std::vector<AutomationPoint> points);

// Markers, loop, tempo.
[[nodiscard]] Issues addMarker(Session& session, Marker marker);
[[nodiscard]] Issues removeMarker(Session& session, std::string_view markerId);
[[nodiscard]] Issues setLoop(Session& session, LoopRegion loop);
[[nodiscard]] Issues setTempo(Session& session, double bpm);
[[nodiscard]] Issues setTimeSignature(Session& session, TimeSignature signature);

}  // namespace wstudio::session
