#include "session_reader.hpp"

#include <limits>

#include "base64.hpp"
#include "text_format.hpp"
#include "wstudio/session/limits.hpp"

namespace wstudio::session::detail {

namespace {

// Reads every element of an array member with readOne(element, path, issues).
template <typename T, typename ReadOne>
std::vector<T> readList(ObjectReader& reader, std::string_view key, std::size_t limit,
                        ReadOne readOne) {
  std::vector<T> out;
  const Json* items = reader.array(key, limit);
  if (!items) return out;
  const std::string path = reader.pathOf(key);
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    out.push_back(readOne((*items)[i], indexPath(path, i), reader.issues()));
  }
  return out;
}

// A parameter id key: the canonical decimal form of an unsigned 32-bit number ("7", not "07").
std::optional<std::uint32_t> parseParamId(const std::string& key) {
  constexpr std::size_t kMaxDigits = 10;
  if (key.empty() || key.size() > kMaxDigits || (key.size() > 1 && key[0] == '0')) return {};
  std::uint64_t value = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return {};
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > std::numeric_limits<std::uint32_t>::max()) return {};
  return static_cast<std::uint32_t>(value);
}

}  // namespace

TimeSignature readTimeSignature(const Json& value, std::string path, IssueList& issues) {
  TimeSignature signature;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return signature;
  reader->integer("numerator", signature.numerator, Presence::required);
  reader->integer("denominator", signature.denominator, Presence::required);
  signature.unknown = reader->unknownFields();
  return signature;
}

AudioSource readSource(const Json& value, std::string path, IssueList& issues) {
  AudioSource source;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return source;
  reader->optionalString("sha256", source.sha256);
  reader->optionalString("path", source.path);
  int sampleRate = 0;
  if (reader->integer("sampleRate", sampleRate)) source.sampleRate = sampleRate;
  int channels = 0;
  if (reader->integer("channels", channels)) source.channels = channels;
  std::int64_t lengthFrames = 0;
  if (reader->integer("length", lengthFrames)) source.lengthFrames = lengthFrames;
  source.unknown = reader->unknownFields();
  return source;
}

AudioClip readAudioClip(const Json& value, std::string path, IssueList& issues) {
  AudioClip clip;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return clip;
  reader->string("id", clip.id, Presence::required);
  if (const Json* source = reader->member("source", Presence::required)) {
    clip.source = readSource(*source, reader->pathOf("source"), issues);
  }
  reader->number("start", clip.start, Presence::required);
  reader->number("length", clip.length, Presence::required);
  reader->number("offset", clip.offsetSeconds);
  reader->number("gainDb", clip.gainDb);
  reader->number("fadeIn", clip.fadeIn);
  reader->enumeration("fadeInCurve", clip.fadeInCurve);
  reader->number("fadeOut", clip.fadeOut);
  reader->enumeration("fadeOutCurve", clip.fadeOutCurve);
  reader->boolean("mute", clip.mute);
  clip.unknown = reader->unknownFields();
  return clip;
}

Note readNote(const Json& value, std::string path, IssueList& issues) {
  Note note;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return note;
  reader->integer("pitch", note.pitch, Presence::required);
  reader->number("velocity", note.velocity);
  reader->number("start", note.start, Presence::required);
  reader->number("length", note.length, Presence::required);
  note.unknown = reader->unknownFields();
  return note;
}

MidiClip readMidiClip(const Json& value, std::string path, IssueList& issues) {
  MidiClip clip;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return clip;
  reader->string("id", clip.id, Presence::required);
  reader->number("start", clip.start, Presence::required);
  reader->number("length", clip.length, Presence::required);
  reader->boolean("mute", clip.mute);
  clip.notes = readList<Note>(*reader, "notes", limits::kMaxNotesPerClip, readNote);
  clip.unknown = reader->unknownFields();
  return clip;
}

PluginRef readPluginRef(const Json& value, std::string path, IssueList& issues) {
  PluginRef plugin;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return plugin;
  reader->string("id", plugin.id, Presence::required);
  reader->optionalString("sha256", plugin.sha256);
  reader->enumeration("format", plugin.format);
  plugin.unknown = reader->unknownFields();
  return plugin;
}

Insert readInsert(const Json& value, std::string path, IssueList& issues) {
  Insert insert;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return insert;
  reader->string("id", insert.id, Presence::required);
  if (const Json* plugin = reader->member("plugin", Presence::required)) {
    insert.plugin = readPluginRef(*plugin, reader->pathOf("plugin"), issues);
  }
  if (const Json* params = reader->object("params", limits::kMaxParamsPerInsert)) {
    const std::string paramsPath = reader->pathOf("params");
    for (const auto& [key, number] : params->items()) {
      const auto id = parseParamId(key);
      if (!id) {
        issues.add(keyPath(paramsPath, key), "not a parameter id (a whole number 0..4294967295)");
      } else if (!number.is_number()) {
        issues.add(keyPath(paramsPath, key), "not a number");
      } else {
        insert.params[*id] = number.get<double>();
      }
    }
  }
  std::string state;
  if (reader->string("state", state)) {
    // Base64 is 4 characters per 3 bytes: refuse oversized text before decoding it.
    if (state.size() / 4 * 3 > limits::kMaxStateBytes) {
      issues.add(reader->pathOf("state"),
                 "more than " + std::to_string(limits::kMaxStateBytes) + " bytes");
    } else if (auto bytes = base64Decode(state)) {
      insert.state = std::move(*bytes);
    } else {
      issues.add(reader->pathOf("state"), "not valid base64");
    }
  }
  reader->boolean("bypass", insert.bypass);
  insert.unknown = reader->unknownFields();
  return insert;
}

Track readTrack(const Json& value, std::string path, IssueList& issues) {
  Track track;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return track;
  reader->string("id", track.id, Presence::required);
  reader->string("name", track.name);
  reader->string("colour", track.colour);
  const bool kindKnown = reader->enumeration("kind", track.kind, Presence::required);
  reader->number("volumeDb", track.volumeDb);
  reader->number("pan", track.pan);
  reader->boolean("mute", track.mute);
  reader->boolean("solo", track.solo);
  reader->boolean("armed", track.armed);
  reader->string("output", track.output);
  track.inserts = readList<Insert>(*reader, "inserts", limits::kMaxInsertsPerChain, readInsert);
  // What a clip is depends on the kind; without a kind, reading clips would only add noise.
  if (!kindKnown) {
    reader->skip("clips");
  } else if (track.kind == TrackKind::audio) {
    track.audioClips =
        readList<AudioClip>(*reader, "clips", limits::kMaxClipsPerTrack, readAudioClip);
  } else if (track.kind == TrackKind::instrument) {
    track.midiClips = readList<MidiClip>(*reader, "clips", limits::kMaxClipsPerTrack, readMidiClip);
  } else if (const Json* clips = reader->array("clips", limits::kMaxClipsPerTrack);
             clips && !clips->empty()) {
    issues.add(reader->pathOf("clips"), "a bus track holds no clips");
  }
  track.unknown = reader->unknownFields();
  return track;
}

Master readMaster(const Json& value, std::string path, IssueList& issues) {
  Master master;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return master;
  reader->number("volumeDb", master.volumeDb);
  master.inserts = readList<Insert>(*reader, "inserts", limits::kMaxInsertsPerChain, readInsert);
  master.unknown = reader->unknownFields();
  return master;
}

AutomationTarget readTarget(const Json& value, std::string path, IssueList& issues) {
  AutomationTarget target;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return target;
  reader->string("track", target.track, Presence::required);
  const bool controlKnown =
      reader->enumeration("control", target.control, Presence::required);
  const bool isParameter = controlKnown && target.control == AutomatedControl::parameter;
  const Presence forParameter = isParameter ? Presence::required : Presence::optional;
  const bool hasInsert = reader->string("insert", target.insert, forParameter);
  std::int64_t param = 0;
  const bool hasParam = reader->integer("param", param, forParameter);
  if (hasParam) {
    if (param < 0 || param > std::numeric_limits<std::uint32_t>::max()) {
      issues.add(reader->pathOf("param"), "not a parameter id (a whole number 0..4294967295)");
    } else {
      target.param = static_cast<std::uint32_t>(param);
    }
  }
  if (controlKnown && !isParameter) {
    // Kept out of the model (which has no place for them), so they must not pass silently.
    if (hasInsert) issues.add(reader->pathOf("insert"), "only allowed with control \"param\"");
    if (hasParam) issues.add(reader->pathOf("param"), "only allowed with control \"param\"");
  }
  target.unknown = reader->unknownFields();
  return target;
}

AutomationPoint readPoint(const Json& value, std::string path, IssueList& issues) {
  AutomationPoint point;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return point;
  reader->number("time", point.time, Presence::required);
  reader->number("value", point.value, Presence::required);
  const bool shapeKnown = reader->enumeration("shape", point.shape);
  const bool isCurve = point.shape == SegmentShape::curve;
  reader->number("curvature", point.curvature,
                 shapeKnown && isCurve ? Presence::required : Presence::optional);
  point.unknown = reader->unknownFields();
  return point;
}

AutomationLane readLane(const Json& value, std::string path, IssueList& issues) {
  AutomationLane lane;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return lane;
  reader->string("id", lane.id, Presence::required);
  if (const Json* target = reader->member("target", Presence::required)) {
    lane.target = readTarget(*target, reader->pathOf("target"), issues);
  }
  lane.points = readList<AutomationPoint>(*reader, "points", limits::kMaxPointsPerLane, readPoint);
  lane.unknown = reader->unknownFields();
  return lane;
}

Marker readMarker(const Json& value, std::string path, IssueList& issues) {
  Marker marker;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return marker;
  reader->string("id", marker.id, Presence::required);
  reader->number("time", marker.time, Presence::required);
  reader->string("name", marker.name);
  marker.unknown = reader->unknownFields();
  return marker;
}

LoopRegion readLoop(const Json& value, std::string path, IssueList& issues) {
  LoopRegion loop;
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return loop;
  reader->number("start", loop.start, Presence::required);
  reader->number("end", loop.end, Presence::required);
  reader->boolean("enabled", loop.enabled);
  loop.unknown = reader->unknownFields();
  return loop;
}

Session readSession(ObjectReader& root) {
  Session session;
  IssueList& issues = root.issues();
  root.number("tempo", session.tempoBpm);
  if (const Json* signature = root.member("timeSignature")) {
    session.timeSignature = readTimeSignature(*signature, "timeSignature", issues);
  }
  root.integer("sampleRate", session.sampleRate);
  root.integer("nextId", session.nextIdNumber);
  session.tracks = readList<Track>(root, "tracks", limits::kMaxTracks, readTrack);
  if (const Json* master = root.member("master")) {
    session.master = readMaster(*master, "master", issues);
  }
  session.automation =
      readList<AutomationLane>(root, "automation", limits::kMaxAutomationLanes, readLane);
  session.markers = readList<Marker>(root, "markers", limits::kMaxMarkers, readMarker);
  if (const Json* loop = root.member("loop")) session.loop = readLoop(*loop, "loop", issues);
  session.unknown = root.unknownFields();
  return session;
}

}  // namespace wstudio::session::detail
