// writeOp() and writeBatch(): the canonical JSON of operations. "op" comes first, then the
// members in the order of docs/session-ops.md; optional members only when present. The parts of
// a session are written by the session writer, so they read back exactly.
#include "../base64.hpp"
#include "../json_writer.hpp"
#include "op_json.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session::detail {

namespace {

void writeIndex(Out& out, const std::optional<std::size_t>& index) {
  if (index) out["index"] = *index;
}

template <typename T>
void maybe(Out& out, const char* key, const std::optional<T>& value) {
  if (!value) return;
  if constexpr (std::is_same_v<T, double>) {
    out[key] = writeNumber(*value);
  } else if constexpr (std::is_same_v<T, FadeCurve>) {
    out[key] = toString(*value);
  } else if constexpr (std::is_same_v<T, AudioSource>) {
    out[key] = write(*value);
  } else if constexpr (std::is_same_v<T, std::vector<Note>>) {
    Out notes = Out::array();
    for (const Note& note : *value) notes.push_back(write(note));
    out[key] = std::move(notes);
  } else {
    out[key] = *value;
  }
}

struct Members {
  Out& out;

  void operator()(const op::TrackAdd& o) const {
    out["track"] = write(o.track);
    writeIndex(out, o.index);
  }
  void operator()(const op::TrackRemove& o) const { out["id"] = o.id; }
  void operator()(const op::TrackMove& o) const {
    out["id"] = o.id;
    out["index"] = o.index;
  }
  void operator()(const op::TrackUpdate& o) const {
    out["id"] = o.id;
    Out set = Out::object();
    maybe(set, "name", o.set.name);
    maybe(set, "colour", o.set.colour);
    maybe(set, "volumeDb", o.set.volumeDb);
    maybe(set, "pan", o.set.pan);
    maybe(set, "mute", o.set.mute);
    maybe(set, "solo", o.set.solo);
    maybe(set, "armed", o.set.armed);
    maybe(set, "output", o.set.output);
    out["set"] = std::move(set);
  }
  void operator()(const op::ClipAdd& o) const {
    out["track"] = o.track;
    const auto* audio = std::get_if<AudioClip>(&o.clip);
    out["kind"] = audio ? "audio" : "midi";
    out["clip"] = audio ? write(*audio) : write(std::get<MidiClip>(o.clip));
    writeIndex(out, o.index);
  }
  void operator()(const op::ClipRemove& o) const { out["id"] = o.id; }
  void operator()(const op::ClipMove& o) const {
    out["id"] = o.id;
    out["start"] = writeNumber(o.start);
    if (!o.track.empty()) out["track"] = o.track;
    writeIndex(out, o.index);
  }
  void operator()(const op::ClipUpdate& o) const {
    out["id"] = o.id;
    Out set = Out::object();
    maybe(set, "start", o.set.start);
    maybe(set, "length", o.set.length);
    maybe(set, "mute", o.set.mute);
    maybe(set, "source", o.set.source);
    maybe(set, "offset", o.set.offset);
    maybe(set, "gainDb", o.set.gainDb);
    maybe(set, "fadeIn", o.set.fadeIn);
    maybe(set, "fadeInCurve", o.set.fadeInCurve);
    maybe(set, "fadeOut", o.set.fadeOut);
    maybe(set, "fadeOutCurve", o.set.fadeOutCurve);
    maybe(set, "notes", o.set.notes);
    out["set"] = std::move(set);
  }
  void operator()(const op::InsertAdd& o) const {
    out["chain"] = o.chain;
    out["insert"] = write(o.insert);
    writeIndex(out, o.index);
  }
  void operator()(const op::InsertRemove& o) const { out["id"] = o.id; }
  void operator()(const op::InsertMove& o) const {
    out["id"] = o.id;
    out["index"] = o.index;
  }
  void operator()(const op::ParamSet& o) const {
    out["insert"] = o.insert;
    out["param"] = o.param;
    out["value"] = writeNumber(o.value);
  }
  void operator()(const op::ParamClear& o) const {
    out["insert"] = o.insert;
    out["param"] = o.param;
  }
  void operator()(const op::BypassSet& o) const {
    out["insert"] = o.insert;
    out["bypass"] = o.bypass;
  }
  void operator()(const op::StateSet& o) const {
    out["insert"] = o.insert;
    out["state"] = base64Encode(o.state);
  }
  void operator()(const op::LaneAdd& o) const {
    out["lane"] = write(o.lane);
    writeIndex(out, o.index);
  }
  void operator()(const op::LaneRemove& o) const { out["id"] = o.id; }
  void operator()(const op::PointsSet& o) const {
    out["lane"] = o.lane;
    Out points = Out::array();
    for (const AutomationPoint& point : o.points) points.push_back(write(point));
    out["points"] = std::move(points);
  }
  void operator()(const op::MarkerAdd& o) const {
    out["marker"] = write(o.marker);
    writeIndex(out, o.index);
  }
  void operator()(const op::MarkerRemove& o) const { out["id"] = o.id; }
  void operator()(const op::MarkerUpdate& o) const {
    out["id"] = o.id;
    Out set = Out::object();
    maybe(set, "time", o.set.time);
    maybe(set, "name", o.set.name);
    out["set"] = std::move(set);
  }
  void operator()(const op::LoopSet& o) const { out["loop"] = write(o.loop); }
  void operator()(const op::TempoSet& o) const { out["bpm"] = writeNumber(o.bpm); }
  void operator()(const op::TimeSignatureSet& o) const {
    out["timeSignature"] = write(o.timeSignature);
  }
  void operator()(const op::MasterVolumeSet& o) const { out["volumeDb"] = writeNumber(o.volumeDb); }
};

}  // namespace

Out writeOpJson(const Op& op) {
  Out out = Out::object();
  out["op"] = opName(op);
  std::visit(Members{out}, op);
  return out;
}

Out writeOpsJson(const std::vector<Op>& ops) {
  Out out = Out::array();
  for (const Op& op : ops) out.push_back(writeOpJson(op));
  return out;
}

// Invalid UTF-8 can only come from an operation that applying would refuse; replacing it keeps
// writing from throwing.
std::string dumpCompact(const Out& out) {
  return out.dump(-1, ' ', false, Out::error_handler_t::replace);
}

}  // namespace wstudio::session::detail

namespace wstudio::session {

std::string writeOp(const Op& op) { return detail::dumpCompact(detail::writeOpJson(op)); }

std::string writeBatch(const Batch& batch) {
  detail::Out out = detail::Out::object();
  out["format"] = kOpsFormatName;
  out["version"] = kOpsFormatVersion;
  if (batch.baseRevision) out["baseRevision"] = *batch.baseRevision;
  out["ops"] = detail::writeOpsJson(batch.ops);
  return detail::dumpCompact(out);
}

}  // namespace wstudio::session
