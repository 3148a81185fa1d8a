// parseOp() and parseBatch(): the shape of operations (docs/session-ops.md). The parts of a
// session an operation carries (a track, a clip, an insert...) are read by the session reader,
// so they are spelled and checked exactly as in a session file.
#include <array>
#include <functional>
#include <limits>

#include "../base64.hpp"
#include "../issue_list.hpp"
#include "../object_reader.hpp"
#include "../session_reader.hpp"
#include "../strict_json_parser.hpp"
#include "../text_format.hpp"
#include "wstudio/session/limits.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session {

namespace {

using detail::IssueList;
using detail::Json;
using detail::ObjectReader;
using detail::Presence;

// Reads a member that holds a part of a session with read(value, path, issues).
template <typename T, typename Read>
bool part(ObjectReader& reader, std::string_view key, T& out, Read read) {
  const Json* value = reader.member(key, Presence::required);
  if (!value) return false;
  out = read(*value, reader.pathOf(key), reader.issues());
  return true;
}

template <typename T, typename ReadOne>
bool list(ObjectReader& reader, std::string_view key, std::size_t limit, std::vector<T>& out,
          ReadOne readOne, Presence presence = Presence::required) {
  const Json* items = reader.array(key, limit, presence);
  if (!items) return false;
  out.clear();
  for (std::size_t i = 0; i < items->size(); ++i) {
    out.push_back(readOne((*items)[i], detail::indexPath(reader.pathOf(key), i), reader.issues()));
  }
  return true;
}

// A position in a list: a whole number 0..2^32-1, so that it means the same in a 32-bit build
// (engine.wasm) as in a 64-bit one; every list is far shorter.
bool index(ObjectReader& reader, std::string_view key, std::size_t& out, Presence presence) {
  std::int64_t value = 0;
  if (!reader.integer(key, value, presence)) return false;
  if (value < 0 || value > std::numeric_limits<std::uint32_t>::max()) {
    reader.issues().add(reader.pathOf(key), "not an index (a whole number 0..4294967295)");
    return false;
  }
  out = static_cast<std::size_t>(value);
  return true;
}

void optionalIndex(ObjectReader& reader, std::string_view key, std::optional<std::size_t>& out) {
  std::size_t value = 0;
  if (index(reader, key, value, Presence::optional)) out = value;
}

void paramId(ObjectReader& reader, std::uint32_t& out) {
  std::int64_t value = 0;
  if (!reader.integer("param", value, Presence::required)) return;
  if (value < 0 || value > std::numeric_limits<std::uint32_t>::max()) {
    reader.issues().add(reader.pathOf("param"),
                        "not a parameter id (a whole number 0..4294967295)");
    return;
  }
  out = static_cast<std::uint32_t>(value);
}

template <typename T>
void optionalNumber(ObjectReader& reader, std::string_view key, std::optional<T>& out) {
  double value = 0;
  if (reader.number(key, value)) out = value;
}
void optionalBool(ObjectReader& reader, std::string_view key, std::optional<bool>& out) {
  bool value = false;
  if (reader.boolean(key, value)) out = value;
}
void optionalText(ObjectReader& reader, std::string_view key, std::optional<std::string>& out) {
  reader.optionalString(key, out);
}
template <typename Enum>
void optionalEnum(ObjectReader& reader, std::string_view key, std::optional<Enum>& out) {
  Enum value{};
  if (reader.enumeration(key, value)) out = value;
}

// Members nobody asked for: an operation that means more than this build understands must not
// be applied as if it meant less (OPS-3).
void refuseUnknown(const ObjectReader& reader, std::string_view what) {
  for (const auto& [key, value] : reader.unknownFields()) {
    reader.issues().add(detail::keyPath(reader.path(), key),
                        "not a member of " + std::string{what});
  }
}

// The "set" object of an update: at least one member, each read by readMembers.
template <typename Changes>
void changes(ObjectReader& op, std::string_view opName, Changes& out,
             const std::function<void(ObjectReader&, Changes&)>& readMembers) {
  const Json* value = op.member("set", Presence::required);
  if (!value) return;
  auto set = ObjectReader::open(*value, op.pathOf("set"), op.issues());
  if (!set) return;
  if (value->empty()) op.issues().add(op.pathOf("set"), "sets nothing");
  readMembers(*set, out);
  refuseUnknown(*set, "what " + std::string{opName} + " can set");
}

void readTrackChanges(ObjectReader& set, op::TrackChanges& out) {
  optionalText(set, "name", out.name);
  optionalText(set, "colour", out.colour);
  optionalNumber(set, "volumeDb", out.volumeDb);
  optionalNumber(set, "pan", out.pan);
  optionalBool(set, "mute", out.mute);
  optionalBool(set, "solo", out.solo);
  optionalBool(set, "armed", out.armed);
  optionalText(set, "output", out.output);
}

void readClipChanges(ObjectReader& set, op::ClipChanges& out) {
  optionalNumber(set, "start", out.start);
  optionalNumber(set, "length", out.length);
  optionalBool(set, "mute", out.mute);
  if (const Json* source = set.member("source")) {
    out.source = detail::readSource(*source, set.pathOf("source"), set.issues());
  }
  optionalNumber(set, "offset", out.offset);
  optionalNumber(set, "gainDb", out.gainDb);
  optionalNumber(set, "fadeIn", out.fadeIn);
  optionalEnum(set, "fadeInCurve", out.fadeInCurve);
  optionalNumber(set, "fadeOut", out.fadeOut);
  optionalEnum(set, "fadeOutCurve", out.fadeOutCurve);
  std::vector<Note> notes;
  if (list(set, "notes", limits::kMaxNotesPerClip, notes, detail::readNote, Presence::optional)) {
    out.notes = std::move(notes);
  }
}

void readMarkerChanges(ObjectReader& set, op::MarkerChanges& out) {
  optionalNumber(set, "time", out.time);
  optionalText(set, "name", out.name);
}

std::optional<Op> readClipAdd(ObjectReader& r) {
  op::ClipAdd add;
  r.string("track", add.track, Presence::required);
  std::string kind;
  if (r.string("kind", kind, Presence::required)) {
    if (kind == "audio") {
      add.clip = AudioClip{};
      part(r, "clip", std::get<AudioClip>(add.clip), detail::readAudioClip);
    } else if (kind == "midi") {
      add.clip = MidiClip{};
      part(r, "clip", std::get<MidiClip>(add.clip), detail::readMidiClip);
    } else {
      r.issues().add(r.pathOf("kind"), "must be one of \"audio\", \"midi\"");
    }
  }
  r.skip("clip");
  optionalIndex(r, "index", add.index);
  return add;
}

std::optional<Op> readState(ObjectReader& r) {
  op::StateSet set;
  r.string("insert", set.insert, Presence::required);
  std::string text;
  if (r.string("state", text, Presence::required)) {
    // Base64 is 4 characters per 3 bytes: refuse oversized text before decoding it.
    if (text.size() / 4 * 3 > limits::kMaxStateBytes) {
      r.issues().add(r.pathOf("state"),
                     "more than " + std::to_string(limits::kMaxStateBytes) + " bytes");
    } else if (auto bytes = detail::base64Decode(text)) {
      set.state = std::move(*bytes);
    } else {
      r.issues().add(r.pathOf("state"), "not valid base64");
    }
  }
  return set;
}

struct OpReader {
  std::string_view name;
  std::function<std::optional<Op>(ObjectReader&)> read;
};

// Every operation of the vocabulary, in the order of the Op variant's alternatives: opName()
// indexes this table by Op::index() (the round-trip tests would catch a mismatch).
const std::array<OpReader, std::variant_size_v<Op>>& opReaders() {
  static const std::array<OpReader, std::variant_size_v<Op>> readers{{
      {"track.add",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TrackAdd add;
         part(r, "track", add.track, detail::readTrack);
         optionalIndex(r, "index", add.index);
         return add;
       }},
      {"track.remove",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TrackRemove remove;
         r.string("id", remove.id, Presence::required);
         return remove;
       }},
      {"track.move",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TrackMove move;
         r.string("id", move.id, Presence::required);
         index(r, "index", move.index, Presence::required);
         return move;
       }},
      {"track.update",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TrackUpdate update;
         r.string("id", update.id, Presence::required);
         changes<op::TrackChanges>(r, "track.update", update.set, readTrackChanges);
         return update;
       }},
      {"clip.add", readClipAdd},
      {"clip.remove",
       [](ObjectReader& r) -> std::optional<Op> {
         op::ClipRemove remove;
         r.string("id", remove.id, Presence::required);
         return remove;
       }},
      {"clip.move",
       [](ObjectReader& r) -> std::optional<Op> {
         op::ClipMove move;
         r.string("id", move.id, Presence::required);
         r.number("start", move.start, Presence::required);
         r.string("track", move.track);
         optionalIndex(r, "index", move.index);
         return move;
       }},
      {"clip.update",
       [](ObjectReader& r) -> std::optional<Op> {
         op::ClipUpdate update;
         r.string("id", update.id, Presence::required);
         changes<op::ClipChanges>(r, "clip.update", update.set, readClipChanges);
         return update;
       }},
      {"insert.add",
       [](ObjectReader& r) -> std::optional<Op> {
         op::InsertAdd add;
         r.string("chain", add.chain, Presence::required);
         part(r, "insert", add.insert, detail::readInsert);
         optionalIndex(r, "index", add.index);
         return add;
       }},
      {"insert.remove",
       [](ObjectReader& r) -> std::optional<Op> {
         op::InsertRemove remove;
         r.string("id", remove.id, Presence::required);
         return remove;
       }},
      {"insert.move",
       [](ObjectReader& r) -> std::optional<Op> {
         op::InsertMove move;
         r.string("id", move.id, Presence::required);
         index(r, "index", move.index, Presence::required);
         return move;
       }},
      {"insert.setParam",
       [](ObjectReader& r) -> std::optional<Op> {
         op::ParamSet set;
         r.string("insert", set.insert, Presence::required);
         paramId(r, set.param);
         r.number("value", set.value, Presence::required);
         return set;
       }},
      {"insert.clearParam",
       [](ObjectReader& r) -> std::optional<Op> {
         op::ParamClear clear;
         r.string("insert", clear.insert, Presence::required);
         paramId(r, clear.param);
         return clear;
       }},
      {"insert.setBypass",
       [](ObjectReader& r) -> std::optional<Op> {
         op::BypassSet set;
         r.string("insert", set.insert, Presence::required);
         if (const Json* value = r.member("bypass", Presence::required)) {
           if (value->is_boolean()) {
             set.bypass = value->get<bool>();
           } else {
             r.issues().add(r.pathOf("bypass"), "not a boolean");
           }
         }
         return set;
       }},
      {"insert.setState", readState},
      {"lane.add",
       [](ObjectReader& r) -> std::optional<Op> {
         op::LaneAdd add;
         part(r, "lane", add.lane, detail::readLane);
         optionalIndex(r, "index", add.index);
         return add;
       }},
      {"lane.remove",
       [](ObjectReader& r) -> std::optional<Op> {
         op::LaneRemove remove;
         r.string("id", remove.id, Presence::required);
         return remove;
       }},
      {"lane.setPoints",
       [](ObjectReader& r) -> std::optional<Op> {
         op::PointsSet set;
         r.string("lane", set.lane, Presence::required);
         list(r, "points", limits::kMaxPointsPerLane, set.points, detail::readPoint);
         return set;
       }},
      {"marker.add",
       [](ObjectReader& r) -> std::optional<Op> {
         op::MarkerAdd add;
         part(r, "marker", add.marker, detail::readMarker);
         optionalIndex(r, "index", add.index);
         return add;
       }},
      {"marker.remove",
       [](ObjectReader& r) -> std::optional<Op> {
         op::MarkerRemove remove;
         r.string("id", remove.id, Presence::required);
         return remove;
       }},
      {"marker.update",
       [](ObjectReader& r) -> std::optional<Op> {
         op::MarkerUpdate update;
         r.string("id", update.id, Presence::required);
         changes<op::MarkerChanges>(r, "marker.update", update.set, readMarkerChanges);
         return update;
       }},
      {"loop.set",
       [](ObjectReader& r) -> std::optional<Op> {
         op::LoopSet set;
         part(r, "loop", set.loop, detail::readLoop);
         return set;
       }},
      {"tempo.set",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TempoSet set;
         r.number("bpm", set.bpm, Presence::required);
         return set;
       }},
      {"timeSignature.set",
       [](ObjectReader& r) -> std::optional<Op> {
         op::TimeSignatureSet set;
         part(r, "timeSignature", set.timeSignature, detail::readTimeSignature);
         return set;
       }},
      {"master.setVolume",
       [](ObjectReader& r) -> std::optional<Op> {
         op::MasterVolumeSet set;
         r.number("volumeDb", set.volumeDb, Presence::required);
         return set;
       }},
  }};
  return readers;
}

std::string opNames() {
  std::string names;
  for (const OpReader& reader : opReaders()) {
    if (!names.empty()) names += ", ";
    names += detail::inQuotes(reader.name);
  }
  return names;
}

// One operation object at `path`; empty (with the reasons in issues) when it is not one.
std::optional<Op> readOp(const Json& value, std::string path, IssueList& issues) {
  auto reader = ObjectReader::open(value, std::move(path), issues);
  if (!reader) return std::nullopt;
  std::string name;
  if (!reader->string("op", name, Presence::required)) return std::nullopt;
  for (const OpReader& candidate : opReaders()) {
    if (candidate.name != name) continue;
    const std::size_t before = issues.issues().size();
    std::optional<Op> op = candidate.read(*reader);
    refuseUnknown(*reader, "a " + name + " operation");
    if (issues.issues().size() != before) return std::nullopt;
    return op;
  }
  issues.add(reader->pathOf("op"), "unknown operation " + detail::inQuotes(name) +
                                       " (known: " + opNames() + ")");
  return std::nullopt;
}

// The document, bounded like a session document; empty with the reason in issues.
std::optional<Json> parseDocument(std::string_view text, IssueList& issues) {
  if (text.size() > limits::kMaxDocumentBytes) {
    issues.add("", "the document is larger than " + std::to_string(limits::kMaxDocumentBytes) +
                       " bytes");
    return std::nullopt;
  }
  if (detail::nestsDeeperThan(text, limits::kMaxNestingDepth)) {
    issues.add("", "the document nests deeper than " +
                       std::to_string(limits::kMaxNestingDepth) + " levels");
    return std::nullopt;
  }
  std::string error;
  std::optional<Json> document = detail::parseStrictly(text, error);
  if (!document) issues.add("", error);
  return document;
}

}  // namespace

std::string_view opName(const Op& op) { return opReaders()[op.index()].name; }

ParsedOp parseOp(std::string_view jsonText) {
  ParsedOp result;
  IssueList issues(limits::kMaxIssues);
  if (const auto document = parseDocument(jsonText, issues)) {
    std::optional<Op> op = readOp(*document, "", issues);
    if (issues.empty()) result.op = std::move(op);
  }
  result.errors = issues.take();
  return result;
}

ParsedBatch parseBatch(std::string_view jsonText) {
  ParsedBatch result;
  IssueList issues(limits::kMaxIssues);
  const auto document = parseDocument(jsonText, issues);
  auto root = document ? ObjectReader::open(*document, "", issues) : std::nullopt;
  if (!root) {
    result.errors = issues.take();
    return result;
  }
  std::string format;
  root->string("format", format, Presence::required);
  if (root->member("format") && format != kOpsFormatName) {
    issues.add("format", "not a batch of WASM Studio operations (expected \"" +
                             std::string{kOpsFormatName} + "\")");
  }
  std::int64_t version = 0;
  if (root->integer("version", version, Presence::required) && version != kOpsFormatVersion) {
    issues.add("version", version > kOpsFormatVersion
                              ? "made by a newer WASM Studio (operations version " +
                                    std::to_string(version) + "; this version reads " +
                                    std::to_string(kOpsFormatVersion) + ")"
                              : "unknown operations version " + std::to_string(version));
  }
  Batch batch;
  std::int64_t revision = 0;
  if (root->integer("baseRevision", revision)) {
    if (revision < 0) {
      issues.add("baseRevision", "not a revision (a whole number from 0)");
    } else {
      batch.baseRevision = static_cast<std::uint64_t>(revision);
    }
  }
  if (const Json* ops = root->array("ops", limits::kMaxOpsPerBatch, Presence::required)) {
    for (std::size_t i = 0; i < ops->size(); ++i) {
      if (auto op = readOp((*ops)[i], detail::indexPath("ops", i), issues)) {
        batch.ops.push_back(std::move(*op));
      }
    }
  }
  refuseUnknown(*root, "a batch");
  if (issues.empty()) result.batch = std::move(batch);
  result.errors = issues.take();
  return result;
}

}  // namespace wstudio::session
