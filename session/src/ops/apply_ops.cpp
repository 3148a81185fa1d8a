// applyOps(): each operation goes through its edit function (edit.hpp), which checks the whole
// session's rules; before it is applied, everything the edit will change is captured so that the
// inverse restores the session exactly (OPS-6): a removed object at its old position, with the
// automation lanes and bus routing its removal took along.
#include <algorithm>

#include "../text_format.hpp"
#include "wstudio/session/apply_ops.hpp"
#include "wstudio/session/edit.hpp"
#include "wstudio/session/lookup.hpp"

namespace wstudio::session {

namespace {

using detail::fieldPath;
using detail::indexPath;

// Lanes with their positions, for putting them back where they were (ascending positions, so
// each insertion lands at its old index).
void captureLanes(const Session& session, const std::function<bool(const AutomationLane&)>& taken,
                  std::vector<Op>& inverse) {
  for (std::size_t i = 0; i < session.automation.size(); ++i) {
    if (taken(session.automation[i])) inverse.push_back(op::LaneAdd{session.automation[i], i});
  }
}

template <typename T, typename Id>
std::optional<std::size_t> positionOf(const std::vector<T>& items, const Id& id) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  if (it == items.end()) return std::nullopt;
  return static_cast<std::size_t>(it - items.begin());
}

// Sets `field` to the change when there is one, first keeping its old value in `old`.
template <typename T>
void swapIn(const std::optional<T>& change, T& field, std::optional<T>& old) {
  if (!change) return;
  old = field;
  field = *change;
}

op::TrackChanges applyChanges(const op::TrackChanges& set, Track& track) {
  op::TrackChanges old;
  swapIn(set.name, track.name, old.name);
  swapIn(set.colour, track.colour, old.colour);
  swapIn(set.volumeDb, track.volumeDb, old.volumeDb);
  swapIn(set.pan, track.pan, old.pan);
  swapIn(set.mute, track.mute, old.mute);
  swapIn(set.solo, track.solo, old.solo);
  swapIn(set.armed, track.armed, old.armed);
  swapIn(set.output, track.output, old.output);
  return old;
}

op::ClipChanges applyChanges(const op::ClipChanges& set, AudioClip& clip) {
  op::ClipChanges old;
  swapIn(set.start, clip.start, old.start);
  swapIn(set.length, clip.length, old.length);
  swapIn(set.mute, clip.mute, old.mute);
  swapIn(set.source, clip.source, old.source);
  swapIn(set.offset, clip.offsetSeconds, old.offset);
  swapIn(set.gainDb, clip.gainDb, old.gainDb);
  swapIn(set.fadeIn, clip.fadeIn, old.fadeIn);
  swapIn(set.fadeInCurve, clip.fadeInCurve, old.fadeInCurve);
  swapIn(set.fadeOut, clip.fadeOut, old.fadeOut);
  swapIn(set.fadeOutCurve, clip.fadeOutCurve, old.fadeOutCurve);
  return old;
}

op::ClipChanges applyChanges(const op::ClipChanges& set, MidiClip& clip) {
  op::ClipChanges old;
  swapIn(set.start, clip.start, old.start);
  swapIn(set.length, clip.length, old.length);
  swapIn(set.mute, clip.mute, old.mute);
  swapIn(set.notes, clip.notes, old.notes);
  return old;
}

op::MarkerChanges applyChanges(const op::MarkerChanges& set, Marker& marker) {
  op::MarkerChanges old;
  swapIn(set.time, marker.time, old.time);
  swapIn(set.name, marker.name, old.name);
  return old;
}

// The members of a clip update that the clip's kind does not have.
std::vector<std::string_view> foreignFields(const op::ClipChanges& set, bool midi) {
  std::vector<std::string_view> names;
  if (midi) {
    if (set.source) names.push_back("source");
    if (set.offset) names.push_back("offset");
    if (set.gainDb) names.push_back("gainDb");
    if (set.fadeIn) names.push_back("fadeIn");
    if (set.fadeInCurve) names.push_back("fadeInCurve");
    if (set.fadeOut) names.push_back("fadeOut");
    if (set.fadeOutCurve) names.push_back("fadeOutCurve");
  } else if (set.notes) {
    names.push_back("notes");
  }
  return names;
}

// Applies one operation to `session` (through an all-or-nothing edit) and, on success, appends
// the operations that undo it to `inverse`.
class OpApplier {
 public:
  OpApplier(Session& session, std::vector<Op>& inverse) : s_(session), inverse_(inverse) {}

  Issues operator()(const op::TrackAdd& o) {
    return then(addTrack(s_, o.track, o.index), op::TrackRemove{o.track.id});
  }

  Issues operator()(const op::TrackRemove& o) {
    const auto index = trackIndex(s_, o.id);
    if (!index) return removeTrack(s_, o.id);
    std::vector<Op> undo{op::TrackAdd{s_.tracks[*index], *index}};
    for (const Track& track : s_.tracks) {
      if (track.output == o.id) {
        op::TrackChanges back;
        back.output = o.id;
        undo.push_back(op::TrackUpdate{track.id, back});
      }
    }
    captureLanes(s_, [&](const AutomationLane& lane) { return lane.target.track == o.id; },
                 undo);
    return then(removeTrack(s_, o.id), std::move(undo));
  }

  Issues operator()(const op::TrackMove& o) {
    const auto index = trackIndex(s_, o.id);
    if (!index) return moveTrack(s_, o.id, o.index);
    return then(moveTrack(s_, o.id, o.index), op::TrackMove{o.id, *index});
  }

  Issues operator()(const op::TrackUpdate& o) {
    op::TrackChanges old;
    Issues issues = updateTrack(s_, o.id, [&](Track& track) { old = applyChanges(o.set, track); });
    return then(std::move(issues), op::TrackUpdate{o.id, old});
  }

  Issues operator()(const op::ClipAdd& o) {
    const std::string& id =
        std::visit([](const auto& clip) -> const std::string& { return clip.id; }, o.clip);
    Issues issues = std::holds_alternative<AudioClip>(o.clip)
                        ? addAudioClip(s_, o.track, std::get<AudioClip>(o.clip), o.index)
                        : addMidiClip(s_, o.track, std::get<MidiClip>(o.clip), o.index);
    return then(std::move(issues), op::ClipRemove{id});
  }

  Issues operator()(const op::ClipRemove& o) {
    const auto where = locateClip(s_, o.id);
    if (!where) return removeClip(s_, o.id);
    const Track& track = s_.tracks[where->track];
    op::ClipAdd undo{track.id, {}, where->index};
    if (where->midi) {
      undo.clip = track.midiClips[where->index];
    } else {
      undo.clip = track.audioClips[where->index];
    }
    return then(removeClip(s_, o.id), std::move(undo));
  }

  Issues operator()(const op::ClipMove& o) {
    const auto where = locateClip(s_, o.id);
    if (!where) return moveClip(s_, o.id, o.start, o.track, o.index);
    const Track& track = s_.tracks[where->track];
    const Beats start = where->midi ? track.midiClips[where->index].start
                                    : track.audioClips[where->index].start;
    op::ClipMove undo{o.id, start, track.id, where->index};
    return then(moveClip(s_, o.id, o.start, o.track, o.index), std::move(undo));
  }

  Issues operator()(const op::ClipUpdate& o) {
    const auto where = locateClip(s_, o.id);
    if (!where) return {Issue{"", "no clip " + detail::inQuotes(o.id)}};
    const auto foreign = foreignFields(o.set, where->midi);
    if (!foreign.empty()) {
      const std::string path =
          indexPath(fieldPath(indexPath("tracks", where->track), "clips"), where->index);
      return {Issue{path, std::string{where->midi ? "a MIDI" : "an audio"} + " clip has no " +
                              std::string{foreign.front()}}};
    }
    op::ClipChanges old;
    Issues issues =
        where->midi
            ? updateMidiClip(s_, o.id, [&](MidiClip& clip) { old = applyChanges(o.set, clip); })
            : updateAudioClip(s_, o.id,
                              [&](AudioClip& clip) { old = applyChanges(o.set, clip); });
    return then(std::move(issues), op::ClipUpdate{o.id, old});
  }

  Issues operator()(const op::InsertAdd& o) {
    return then(addInsert(s_, o.chain, o.insert, o.index), op::InsertRemove{o.insert.id});
  }

  Issues operator()(const op::InsertRemove& o) {
    const auto where = locateInsert(s_, o.id);
    if (!where) return removeInsert(s_, o.id);
    const std::string owner = where->track ? s_.tracks[*where->track].id : std::string{kMasterId};
    const std::vector<Insert>& chain =
        where->track ? s_.tracks[*where->track].inserts : s_.master.inserts;
    std::vector<Op> undo{op::InsertAdd{owner, chain[where->index], where->index}};
    // The lanes removeInsert() takes along (edit.hpp).
    captureLanes(s_,
                 [&](const AutomationLane& lane) {
                   return lane.target.control == AutomatedControl::parameter &&
                          lane.target.track == owner && lane.target.insert == o.id;
                 },
                 undo);
    return then(removeInsert(s_, o.id), std::move(undo));
  }

  Issues operator()(const op::InsertMove& o) {
    const auto where = locateInsert(s_, o.id);
    if (!where) return moveInsert(s_, o.id, o.index);
    return then(moveInsert(s_, o.id, o.index), op::InsertMove{o.id, where->index});
  }

  Issues operator()(const op::ParamSet& o) {
    const Insert* insert = findInsert(s_, o.insert);
    if (!insert) return setParameter(s_, o.insert, o.param, o.value);
    const auto old = insert->params.find(o.param);
    const Op undo = old == insert->params.end()
                        ? Op{op::ParamClear{o.insert, o.param}}
                        : Op{op::ParamSet{o.insert, o.param, old->second}};
    return then(setParameter(s_, o.insert, o.param, o.value), undo);
  }

  Issues operator()(const op::ParamClear& o) {
    const Insert* insert = findInsert(s_, o.insert);
    const auto old = insert ? insert->params.find(o.param) : decltype(insert->params.end()){};
    if (!insert || old == insert->params.end()) return clearParameter(s_, o.insert, o.param);
    const op::ParamSet undo{o.insert, o.param, old->second};
    return then(clearParameter(s_, o.insert, o.param), undo);
  }

  Issues operator()(const op::BypassSet& o) {
    const Insert* insert = findInsert(s_, o.insert);
    if (!insert) return setBypass(s_, o.insert, o.bypass);
    const op::BypassSet undo{o.insert, insert->bypass};
    return then(setBypass(s_, o.insert, o.bypass), undo);
  }

  Issues operator()(const op::StateSet& o) {
    const Insert* insert = findInsert(s_, o.insert);
    if (!insert) return setPluginState(s_, o.insert, o.state);
    op::StateSet undo{o.insert, insert->state};
    return then(setPluginState(s_, o.insert, o.state), std::move(undo));
  }

  Issues operator()(const op::LaneAdd& o) {
    return then(addAutomationLane(s_, o.lane, o.index), op::LaneRemove{o.lane.id});
  }

  Issues operator()(const op::LaneRemove& o) {
    const auto index = positionOf(s_.automation, o.id);
    if (!index) return removeAutomationLane(s_, o.id);
    op::LaneAdd undo{s_.automation[*index], *index};
    return then(removeAutomationLane(s_, o.id), std::move(undo));
  }

  Issues operator()(const op::PointsSet& o) {
    const AutomationLane* lane = findLane(s_, o.lane);
    if (!lane) return setAutomationPoints(s_, o.lane, o.points);
    op::PointsSet undo{o.lane, lane->points};
    return then(setAutomationPoints(s_, o.lane, o.points), std::move(undo));
  }

  Issues operator()(const op::MarkerAdd& o) {
    return then(addMarker(s_, o.marker, o.index), op::MarkerRemove{o.marker.id});
  }

  Issues operator()(const op::MarkerRemove& o) {
    const auto index = positionOf(s_.markers, o.id);
    if (!index) return removeMarker(s_, o.id);
    op::MarkerAdd undo{s_.markers[*index], *index};
    return then(removeMarker(s_, o.id), std::move(undo));
  }

  Issues operator()(const op::MarkerUpdate& o) {
    op::MarkerChanges old;
    Issues issues =
        updateMarker(s_, o.id, [&](Marker& marker) { old = applyChanges(o.set, marker); });
    return then(std::move(issues), op::MarkerUpdate{o.id, old});
  }

  Issues operator()(const op::LoopSet& o) {
    const op::LoopSet undo{s_.loop};
    return then(setLoop(s_, o.loop), undo);
  }

  Issues operator()(const op::TempoSet& o) {
    const op::TempoSet undo{s_.tempoBpm};
    return then(setTempo(s_, o.bpm), undo);
  }

  Issues operator()(const op::TimeSignatureSet& o) {
    const op::TimeSignatureSet undo{s_.timeSignature};
    return then(setTimeSignature(s_, o.timeSignature), undo);
  }

  Issues operator()(const op::MasterVolumeSet& o) {
    const op::MasterVolumeSet undo{s_.master.volumeDb};
    return then(setMasterVolume(s_, o.volumeDb), undo);
  }

 private:
  // Records the undo operations when the edit succeeded.
  Issues then(Issues issues, std::vector<Op> undo) {
    if (issues.empty()) {
      for (Op& op : undo) inverse_.push_back(std::move(op));
    }
    return issues;
  }
  Issues then(Issues issues, Op undo) {
    if (issues.empty()) inverse_.push_back(std::move(undo));
    return issues;
  }

  Session& s_;
  std::vector<Op>& inverse_;
};

}  // namespace

Applied applyOps(Session& session, const std::vector<Op>& ops) {
  Applied result;
  Session draft = session;
  std::vector<std::vector<Op>> undoEach;
  undoEach.reserve(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::vector<Op> undo;
    Issues issues = std::visit(OpApplier{draft, undo}, ops[i]);
    if (!issues.empty()) {
      result.errors = std::move(issues);
      result.failedOp = i;
      return result;
    }
    undoEach.push_back(std::move(undo));
  }
  session = std::move(draft);
  // The last operation is undone first.
  for (auto step = undoEach.rbegin(); step != undoEach.rend(); ++step) {
    for (Op& op : *step) result.inverse.push_back(std::move(op));
  }
  return result;
}

}  // namespace wstudio::session
