// Finding objects by id. Pointers are into the given session and valid until it changes shape.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "wstudio/session/model.hpp"

namespace wstudio::session {

Track* findTrack(Session& session, std::string_view trackId);
const Track* findTrack(const Session& session, std::string_view trackId);
std::optional<std::size_t> trackIndex(const Session& session, std::string_view trackId);

// The insert chain of a track, or of the master bus for kMasterId.
std::vector<Insert>* findChain(Session& session, std::string_view trackOrMasterId);
const std::vector<Insert>* findChain(const Session& session, std::string_view trackOrMasterId);

struct ClipLocation {
  std::size_t track;
  std::size_t index;  // into audioClips or midiClips
  bool midi;
};
std::optional<ClipLocation> locateClip(const Session& session, std::string_view clipId);

struct InsertLocation {
  std::optional<std::size_t> track;  // empty: the master bus
  std::size_t index;
};
std::optional<InsertLocation> locateInsert(const Session& session, std::string_view insertId);
Insert* findInsert(Session& session, std::string_view insertId);

AutomationLane* findLane(Session& session, std::string_view laneId);

}  // namespace wstudio::session
