#include "wstudio/session/edit.hpp"

#include <algorithm>

#include "text_format.hpp"
#include "wstudio/session/lookup.hpp"
#include "wstudio/session/validate.hpp"

namespace wstudio::session {

namespace {

using detail::fieldPath;
using detail::indexPath;
using detail::inQuotes;

// Applies `change` to a copy and keeps the copy only if the change succeeded and the whole
// result is valid: an edit never leaves the session half-changed or broken.
Issues commit(Session& session, const std::function<Issues(Session&)>& change) {
  Session draft = session;
  Issues issues = change(draft);
  if (!issues.empty()) return issues;
  issues = validate(draft);
  if (issues.empty()) session = std::move(draft);
  return issues;
}

Issues refuse(std::string path, std::string message) {
  return {Issue{std::move(path), std::move(message)}};
}

Issues noSuch(std::string path, std::string_view what, std::string_view id) {
  return refuse(std::move(path), "no " + std::string{what} + " " + inQuotes(id));
}

Issues badIndex(std::string path, std::size_t index, std::size_t count) {
  return refuse(std::move(path), "index " + std::to_string(index) + " is past the end (" +
                                     std::to_string(count) + " items)");
}

// Moves element `from` to position `to`, shifting the ones between.
template <typename T>
void moveElement(std::vector<T>& items, std::size_t from, std::size_t to) {
  const auto first = items.begin();
  if (from < to) {
    std::rotate(first + static_cast<std::ptrdiff_t>(from),
                first + static_cast<std::ptrdiff_t>(from) + 1,
                first + static_cast<std::ptrdiff_t>(to) + 1);
  } else {
    std::rotate(first + static_cast<std::ptrdiff_t>(to), first + static_cast<std::ptrdiff_t>(from),
                first + static_cast<std::ptrdiff_t>(from) + 1);
  }
}

template <typename T>
Issues insertAt(std::vector<T>& items, T item, std::optional<std::size_t> index,
                const std::string& path) {
  const std::size_t at = index.value_or(items.size());
  if (at > items.size()) return badIndex(path, at, items.size());
  items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
  return {};
}

std::string trackPath(std::size_t index) { return indexPath("tracks", index); }

std::string chainPath(const InsertLocation& where) {
  return where.track ? fieldPath(trackPath(*where.track), "inserts") : "master.inserts";
}

std::vector<Insert>& chainAt(Session& session, const InsertLocation& where) {
  return where.track ? session.tracks[*where.track].inserts : session.master.inserts;
}

// Clips of the wrong kind would only be reported as a broken track; say what went wrong.
Issues requireKind(const Session& session, std::size_t track, TrackKind kind,
                   std::string_view clipKind) {
  const TrackKind actual = session.tracks[track].kind;
  if (actual == kind) return {};
  const std::string article = actual == TrackKind::bus ? "a " : "an ";
  return refuse(fieldPath(trackPath(track), "clips"),
                std::string{clipKind} + " clips go on " + std::string{toString(kind)} +
                    " tracks, and " + inQuotes(session.tracks[track].id) + " is " + article +
                    std::string{toString(actual)} + " track");
}

// Moves clip `at` of `from` to `to` (the same list for a move within a track) with a new start,
// to `index` of `to` when given (otherwise in place, or at the end of another track).
template <typename Clip>
Issues moveClipIn(std::vector<Clip>& from, std::vector<Clip>& to, std::size_t at, Beats newStart,
                  std::optional<std::size_t> index, const std::string& path) {
  from[at].start = newStart;
  if (&from == &to) {
    if (!index) return Issues{};
    if (*index >= to.size()) return badIndex(path, *index, to.size());
    moveElement(to, at, *index);
    return Issues{};
  }
  Clip clip = std::move(from[at]);
  from.erase(from.begin() + static_cast<std::ptrdiff_t>(at));
  return insertAt(to, std::move(clip), index, path);
}

Issues editInsert(Session& session, std::string_view insertId,
                  const std::function<void(Insert&)>& change) {
  return commit(session, [&](Session& draft) {
    Insert* insert = findInsert(draft, insertId);
    if (!insert) return noSuch("", "insert", insertId);
    change(*insert);
    return Issues{};
  });
}

}  // namespace

Issues addTrack(Session& session, Track track, std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    return insertAt(draft.tracks, std::move(track), index, "tracks");
  });
}

Issues removeTrack(Session& session, std::string_view trackId) {
  return commit(session, [&](Session& draft) {
    const auto index = trackIndex(draft, trackId);
    if (!index) return noSuch("tracks", "track", trackId);
    draft.tracks.erase(draft.tracks.begin() + static_cast<std::ptrdiff_t>(*index));
    for (Track& track : draft.tracks) {
      if (track.output == trackId) track.output = kMasterId;
    }
    std::erase_if(draft.automation,
                  [&](const AutomationLane& lane) { return lane.target.track == trackId; });
    return Issues{};
  });
}

Issues moveTrack(Session& session, std::string_view trackId, std::size_t newIndex) {
  return commit(session, [&](Session& draft) {
    const auto index = trackIndex(draft, trackId);
    if (!index) return noSuch("tracks", "track", trackId);
    if (newIndex >= draft.tracks.size()) {
      return badIndex("tracks", newIndex, draft.tracks.size());
    }
    moveElement(draft.tracks, *index, newIndex);
    return Issues{};
  });
}

Issues updateTrack(Session& session, std::string_view trackId,
                   const std::function<void(Track&)>& change) {
  return commit(session, [&](Session& draft) {
    Track* track = findTrack(draft, trackId);
    if (!track) return noSuch("tracks", "track", trackId);
    change(*track);
    return Issues{};
  });
}

Issues addAudioClip(Session& session, std::string_view trackId, AudioClip clip,
                    std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    const auto track = trackIndex(draft, trackId);
    if (!track) return noSuch("tracks", "track", trackId);
    if (Issues wrong = requireKind(draft, *track, TrackKind::audio, "audio"); !wrong.empty()) {
      return wrong;
    }
    return insertAt(draft.tracks[*track].audioClips, std::move(clip), index,
                    fieldPath(trackPath(*track), "clips"));
  });
}

Issues addMidiClip(Session& session, std::string_view trackId, MidiClip clip,
                   std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    const auto track = trackIndex(draft, trackId);
    if (!track) return noSuch("tracks", "track", trackId);
    if (Issues wrong = requireKind(draft, *track, TrackKind::instrument, "MIDI");
        !wrong.empty()) {
      return wrong;
    }
    return insertAt(draft.tracks[*track].midiClips, std::move(clip), index,
                    fieldPath(trackPath(*track), "clips"));
  });
}

Issues removeClip(Session& session, std::string_view clipId) {
  return commit(session, [&](Session& draft) {
    const auto where = locateClip(draft, clipId);
    if (!where) return noSuch("", "clip", clipId);
    Track& track = draft.tracks[where->track];
    const auto at = static_cast<std::ptrdiff_t>(where->index);
    if (where->midi) {
      track.midiClips.erase(track.midiClips.begin() + at);
    } else {
      track.audioClips.erase(track.audioClips.begin() + at);
    }
    return Issues{};
  });
}

Issues moveClip(Session& session, std::string_view clipId, Beats newStart,
                std::string_view toTrackId, std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    const auto where = locateClip(draft, clipId);
    if (!where) return noSuch("", "clip", clipId);
    std::size_t destination = where->track;
    if (!toTrackId.empty()) {
      const auto track = trackIndex(draft, toTrackId);
      if (!track) return noSuch("tracks", "track", toTrackId);
      destination = *track;
    }
    if (destination != where->track) {
      Issues wrong = where->midi ? requireKind(draft, destination, TrackKind::instrument, "MIDI")
                                 : requireKind(draft, destination, TrackKind::audio, "audio");
      if (!wrong.empty()) return wrong;
    }
    const std::string path = fieldPath(trackPath(destination), "clips");
    return where->midi ? moveClipIn(draft.tracks[where->track].midiClips,
                                    draft.tracks[destination].midiClips, where->index, newStart,
                                    index, path)
                       : moveClipIn(draft.tracks[where->track].audioClips,
                                    draft.tracks[destination].audioClips, where->index, newStart,
                                    index, path);
  });
}

Issues updateAudioClip(Session& session, std::string_view clipId,
                       const std::function<void(AudioClip&)>& change) {
  return commit(session, [&](Session& draft) {
    const auto where = locateClip(draft, clipId);
    if (!where || where->midi) return noSuch("", "audio clip", clipId);
    change(draft.tracks[where->track].audioClips[where->index]);
    return Issues{};
  });
}

Issues updateMidiClip(Session& session, std::string_view clipId,
                      const std::function<void(MidiClip&)>& change) {
  return commit(session, [&](Session& draft) {
    const auto where = locateClip(draft, clipId);
    if (!where || !where->midi) return noSuch("", "MIDI clip", clipId);
    change(draft.tracks[where->track].midiClips[where->index]);
    return Issues{};
  });
}

Issues addInsert(Session& session, std::string_view chainId, Insert insert,
                 std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    std::vector<Insert>* chain = findChain(draft, chainId);
    if (!chain) return noSuch("tracks", "track", chainId);
    const auto track = trackIndex(draft, chainId);
    const std::string path = track ? fieldPath(trackPath(*track), "inserts") : "master.inserts";
    return insertAt(*chain, std::move(insert), index, path);
  });
}

Issues removeInsert(Session& session, std::string_view insertId) {
  return commit(session, [&](Session& draft) {
    const auto where = locateInsert(draft, insertId);
    if (!where) return noSuch("", "insert", insertId);
    const std::string owner =
        where->track ? draft.tracks[*where->track].id : std::string{kMasterId};
    std::vector<Insert>& chain = chainAt(draft, *where);
    chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(where->index));
    std::erase_if(draft.automation, [&](const AutomationLane& lane) {
      return lane.target.control == AutomatedControl::parameter && lane.target.track == owner &&
             lane.target.insert == insertId;
    });
    return Issues{};
  });
}

Issues moveInsert(Session& session, std::string_view insertId, std::size_t newIndex) {
  return commit(session, [&](Session& draft) {
    const auto where = locateInsert(draft, insertId);
    if (!where) return noSuch("", "insert", insertId);
    std::vector<Insert>& chain = chainAt(draft, *where);
    if (newIndex >= chain.size()) return badIndex(chainPath(*where), newIndex, chain.size());
    moveElement(chain, where->index, newIndex);
    return Issues{};
  });
}

Issues setParameter(Session& session, std::string_view insertId, std::uint32_t paramId,
                    double value) {
  return editInsert(session, insertId, [&](Insert& insert) { insert.params[paramId] = value; });
}

Issues clearParameter(Session& session, std::string_view insertId, std::uint32_t paramId) {
  return commit(session, [&](Session& draft) {
    Insert* insert = findInsert(draft, insertId);
    if (!insert) return noSuch("", "insert", insertId);
    if (insert->params.erase(paramId) == 0) {
      return refuse("", "insert " + inQuotes(insertId) + " stores no value for parameter " +
                            std::to_string(paramId));
    }
    return Issues{};
  });
}

Issues setBypass(Session& session, std::string_view insertId, bool bypass) {
  return editInsert(session, insertId, [&](Insert& insert) { insert.bypass = bypass; });
}

Issues setPluginState(Session& session, std::string_view insertId,
                      std::vector<std::uint8_t> state) {
  return editInsert(session, insertId,
                    [&](Insert& insert) { insert.state = std::move(state); });
}

Issues addAutomationLane(Session& session, AutomationLane lane,
                         std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    return insertAt(draft.automation, std::move(lane), index, "automation");
  });
}

Issues removeAutomationLane(Session& session, std::string_view laneId) {
  return commit(session, [&](Session& draft) {
    const auto erased = std::erase_if(
        draft.automation, [&](const AutomationLane& lane) { return lane.id == laneId; });
    return erased == 0 ? noSuch("automation", "lane", laneId) : Issues{};
  });
}

Issues setAutomationPoints(Session& session, std::string_view laneId,
                           std::vector<AutomationPoint> points) {
  return commit(session, [&](Session& draft) {
    AutomationLane* lane = findLane(draft, laneId);
    if (!lane) return noSuch("automation", "lane", laneId);
    lane->points = std::move(points);
    return Issues{};
  });
}

Issues addMarker(Session& session, Marker marker, std::optional<std::size_t> index) {
  return commit(session, [&](Session& draft) {
    return insertAt(draft.markers, std::move(marker), index, "markers");
  });
}

Issues removeMarker(Session& session, std::string_view markerId) {
  return commit(session, [&](Session& draft) {
    const auto erased =
        std::erase_if(draft.markers, [&](const Marker& marker) { return marker.id == markerId; });
    return erased == 0 ? noSuch("markers", "marker", markerId) : Issues{};
  });
}

Issues updateMarker(Session& session, std::string_view markerId,
                    const std::function<void(Marker&)>& change) {
  return commit(session, [&](Session& draft) {
    const auto marker = std::find_if(draft.markers.begin(), draft.markers.end(),
                                     [&](const Marker& m) { return m.id == markerId; });
    if (marker == draft.markers.end()) return noSuch("markers", "marker", markerId);
    change(*marker);
    return Issues{};
  });
}

Issues setLoop(Session& session, LoopRegion loop) {
  return commit(session, [&](Session& draft) {
    draft.loop = std::move(loop);
    return Issues{};
  });
}

Issues setTempo(Session& session, double bpm) {
  return commit(session, [&](Session& draft) {
    draft.tempoBpm = bpm;
    return Issues{};
  });
}

Issues setTimeSignature(Session& session, TimeSignature signature) {
  return commit(session, [&](Session& draft) {
    draft.timeSignature = std::move(signature);
    return Issues{};
  });
}

Issues setMasterVolume(Session& session, double volumeDb) {
  return commit(session, [&](Session& draft) {
    draft.master.volumeDb = volumeDb;
    return Issues{};
  });
}

}  // namespace wstudio::session
