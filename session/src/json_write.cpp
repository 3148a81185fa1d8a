// save(): the canonical text of a session. Known fields are written in the documented order
// with every default spelled out (optional facts such as a source's hash only when present),
// then unknown fields sorted by name, so equal sessions always give identical text.
#include <cmath>

#include <nlohmann/json.hpp>

#include "base64.hpp"
#include "json_writer.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::session {

namespace detail {

// Whole numbers are written without a fraction ("120", not "120.0"): the files are for people
// too, and a reader gets the same double back either way.
Out writeNumber(double value) {
  constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
  if (std::trunc(value) == value && std::fabs(value) < kExactIntegerLimit) {
    return Out(static_cast<std::int64_t>(value));
  }
  return Out(value);
}

namespace {

template <typename T>
Out writeList(const std::vector<T>& items) {
  Out out = Out::array();
  for (const T& item : items) out.push_back(write(item));
  return out;
}

void appendUnknown(Out& out, const UnknownFields& unknown) {
  for (const auto& [key, value] : unknown) {
    if (!out.contains(key)) out[key] = Out(value);
  }
}

}  // namespace

Out write(const TimeSignature& signature) {
  Out out = Out::object();
  out["numerator"] = signature.numerator;
  out["denominator"] = signature.denominator;
  appendUnknown(out, signature.unknown);
  return out;
}

Out write(const AudioSource& source) {
  Out out = Out::object();
  if (source.sha256) out["sha256"] = *source.sha256;
  if (source.path) out["path"] = *source.path;
  if (source.sampleRate) out["sampleRate"] = *source.sampleRate;
  if (source.channels) out["channels"] = *source.channels;
  if (source.lengthFrames) out["length"] = *source.lengthFrames;
  appendUnknown(out, source.unknown);
  return out;
}

Out write(const AudioClip& clip) {
  Out out = Out::object();
  out["id"] = clip.id;
  out["source"] = write(clip.source);
  out["start"] = writeNumber(clip.start);
  out["length"] = writeNumber(clip.length);
  out["offset"] = writeNumber(clip.offsetSeconds);
  out["gainDb"] = writeNumber(clip.gainDb);
  out["fadeIn"] = writeNumber(clip.fadeIn);
  out["fadeInCurve"] = toString(clip.fadeInCurve);
  out["fadeOut"] = writeNumber(clip.fadeOut);
  out["fadeOutCurve"] = toString(clip.fadeOutCurve);
  out["mute"] = clip.mute;
  appendUnknown(out, clip.unknown);
  return out;
}

Out write(const Note& note) {
  Out out = Out::object();
  out["pitch"] = note.pitch;
  out["velocity"] = writeNumber(note.velocity);
  out["start"] = writeNumber(note.start);
  out["length"] = writeNumber(note.length);
  appendUnknown(out, note.unknown);
  return out;
}

Out write(const MidiClip& clip) {
  Out out = Out::object();
  out["id"] = clip.id;
  out["start"] = writeNumber(clip.start);
  out["length"] = writeNumber(clip.length);
  out["mute"] = clip.mute;
  out["notes"] = writeList(clip.notes);
  appendUnknown(out, clip.unknown);
  return out;
}

Out write(const PluginRef& plugin) {
  Out out = Out::object();
  out["id"] = plugin.id;
  if (plugin.sha256) out["sha256"] = *plugin.sha256;
  out["format"] = toString(plugin.format);
  appendUnknown(out, plugin.unknown);
  return out;
}

Out write(const Insert& insert) {
  Out out = Out::object();
  out["id"] = insert.id;
  out["plugin"] = write(insert.plugin);
  Out params = Out::object();  // std::map order: ascending parameter id
  for (const auto& [id, value] : insert.params) params[std::to_string(id)] = writeNumber(value);
  out["params"] = std::move(params);
  out["state"] = detail::base64Encode(insert.state);
  out["bypass"] = insert.bypass;
  appendUnknown(out, insert.unknown);
  return out;
}

Out write(const Track& track) {
  Out out = Out::object();
  out["id"] = track.id;
  out["name"] = track.name;
  out["colour"] = track.colour;
  out["kind"] = toString(track.kind);
  out["volumeDb"] = writeNumber(track.volumeDb);
  out["pan"] = writeNumber(track.pan);
  out["mute"] = track.mute;
  out["solo"] = track.solo;
  out["armed"] = track.armed;
  out["output"] = track.output;
  out["inserts"] = writeList(track.inserts);
  out["clips"] = track.kind == TrackKind::instrument ? writeList(track.midiClips)
                                                     : writeList(track.audioClips);
  appendUnknown(out, track.unknown);
  return out;
}

Out write(const Master& master) {
  Out out = Out::object();
  out["volumeDb"] = writeNumber(master.volumeDb);
  out["inserts"] = writeList(master.inserts);
  appendUnknown(out, master.unknown);
  return out;
}

Out write(const AutomationTarget& target) {
  Out out = Out::object();
  out["track"] = target.track;
  out["control"] = toString(target.control);
  if (target.control == AutomatedControl::parameter) {
    out["insert"] = target.insert;
    out["param"] = target.param;
  }
  appendUnknown(out, target.unknown);
  return out;
}

Out write(const AutomationPoint& point) {
  Out out = Out::object();
  out["time"] = writeNumber(point.time);
  out["value"] = writeNumber(point.value);
  out["shape"] = toString(point.shape);
  if (point.shape == SegmentShape::curve) out["curvature"] = writeNumber(point.curvature);
  appendUnknown(out, point.unknown);
  return out;
}

Out write(const AutomationLane& lane) {
  Out out = Out::object();
  out["id"] = lane.id;
  out["target"] = write(lane.target);
  out["points"] = writeList(lane.points);
  appendUnknown(out, lane.unknown);
  return out;
}

Out write(const Marker& marker) {
  Out out = Out::object();
  out["id"] = marker.id;
  out["time"] = writeNumber(marker.time);
  out["name"] = marker.name;
  appendUnknown(out, marker.unknown);
  return out;
}

Out write(const LoopRegion& loop) {
  Out out = Out::object();
  out["start"] = writeNumber(loop.start);
  out["end"] = writeNumber(loop.end);
  out["enabled"] = loop.enabled;
  appendUnknown(out, loop.unknown);
  return out;
}

}  // namespace detail

std::string save(const Session& session) {
  using namespace detail;
  Out out = Out::object();
  out["format"] = kFormatName;
  out["version"] = kFormatVersion;
  out["tempo"] = writeNumber(session.tempoBpm);
  out["timeSignature"] = write(session.timeSignature);
  out["sampleRate"] = session.sampleRate;
  out["nextId"] = session.nextIdNumber;
  out["tracks"] = writeList(session.tracks);
  out["master"] = write(session.master);
  out["automation"] = writeList(session.automation);
  out["markers"] = writeList(session.markers);
  out["loop"] = write(session.loop);
  appendUnknown(out, session.unknown);
  // Invalid UTF-8 can only come from a session that fails validate(); replacing it keeps save()
  // from throwing.
  return out.dump(2, ' ', false, Out::error_handler_t::replace) + "\n";
}

}  // namespace wstudio::session
