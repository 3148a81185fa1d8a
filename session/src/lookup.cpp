#include "wstudio/session/lookup.hpp"

#include <algorithm>

namespace wstudio::session {

std::optional<std::size_t> trackIndex(const Session& session, std::string_view trackId) {
  for (std::size_t i = 0; i < session.tracks.size(); ++i) {
    if (session.tracks[i].id == trackId) return i;
  }
  return std::nullopt;
}

const Track* findTrack(const Session& session, std::string_view trackId) {
  const auto index = trackIndex(session, trackId);
  return index ? &session.tracks[*index] : nullptr;
}

Track* findTrack(Session& session, std::string_view trackId) {
  return const_cast<Track*>(findTrack(std::as_const(session), trackId));
}

const std::vector<Insert>* findChain(const Session& session, std::string_view trackOrMasterId) {
  if (trackOrMasterId == kMasterId) return &session.master.inserts;
  const Track* track = findTrack(session, trackOrMasterId);
  return track ? &track->inserts : nullptr;
}

std::vector<Insert>* findChain(Session& session, std::string_view trackOrMasterId) {
  return const_cast<std::vector<Insert>*>(findChain(std::as_const(session), trackOrMasterId));
}

std::optional<ClipLocation> locateClip(const Session& session, std::string_view clipId) {
  for (std::size_t t = 0; t < session.tracks.size(); ++t) {
    const Track& track = session.tracks[t];
    for (std::size_t i = 0; i < track.audioClips.size(); ++i) {
      if (track.audioClips[i].id == clipId) return ClipLocation{t, i, false};
    }
    for (std::size_t i = 0; i < track.midiClips.size(); ++i) {
      if (track.midiClips[i].id == clipId) return ClipLocation{t, i, true};
    }
  }
  return std::nullopt;
}

std::optional<InsertLocation> locateInsert(const Session& session, std::string_view insertId) {
  const auto indexIn = [&](const std::vector<Insert>& chain) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (chain[i].id == insertId) return i;
    }
    return std::nullopt;
  };
  for (std::size_t t = 0; t < session.tracks.size(); ++t) {
    if (const auto i = indexIn(session.tracks[t].inserts)) return InsertLocation{t, *i};
  }
  if (const auto i = indexIn(session.master.inserts)) return InsertLocation{std::nullopt, *i};
  return std::nullopt;
}

Insert* findInsert(Session& session, std::string_view insertId) {
  const auto where = locateInsert(session, insertId);
  if (!where) return nullptr;
  auto& chain = where->track ? session.tracks[*where->track].inserts : session.master.inserts;
  return &chain[where->index];
}

AutomationLane* findLane(Session& session, std::string_view laneId) {
  const auto it = std::find_if(session.automation.begin(), session.automation.end(),
                               [&](const AutomationLane& lane) { return lane.id == laneId; });
  return it == session.automation.end() ? nullptr : &*it;
}

}  // namespace wstudio::session
