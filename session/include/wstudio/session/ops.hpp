// The operation vocabulary (docs/session-ops.md): every edit of a session as a value that can be
// written as JSON, sent to another thread, process or user, read back and applied. The session
// library is the one implementation that reads, checks and applies operations (apply_ops.hpp);
// the browser runs it as WebAssembly, the server natively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "wstudio/session/issue.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session {

inline constexpr std::string_view kOpsFormatName = "wasm-studio-ops";
// The version of the operation vocabulary this build reads and writes (OPS-2).
inline constexpr int kOpsFormatVersion = 1;

namespace op {

// Tracks.
struct TrackAdd {
  Track track;
  std::optional<std::size_t> index;  // default: the end
  bool operator==(const TrackAdd&) const = default;
};
struct TrackRemove {
  std::string id;
  bool operator==(const TrackRemove&) const = default;
};
struct TrackMove {
  std::string id;
  std::size_t index = 0;
  bool operator==(const TrackMove&) const = default;
};
// The track fields an update may set; absent ones are left alone.
struct TrackChanges {
  std::optional<std::string> name;
  std::optional<std::string> colour;
  std::optional<double> volumeDb;
  std::optional<double> pan;
  std::optional<bool> mute;
  std::optional<bool> solo;
  std::optional<bool> armed;
  std::optional<std::string> output;
  bool operator==(const TrackChanges&) const = default;
};
struct TrackUpdate {
  std::string id;
  TrackChanges set;
  bool operator==(const TrackUpdate&) const = default;
};

// Clips.
struct ClipAdd {
  std::string track;
  std::variant<AudioClip, MidiClip> clip;
  std::optional<std::size_t> index;  // in the track's clip list; default: the end
  bool operator==(const ClipAdd&) const = default;
};
struct ClipRemove {
  std::string id;
  bool operator==(const ClipRemove&) const = default;
};
struct ClipMove {
  std::string id;
  Beats start = 0;
  std::string track;                 // empty: stays on its track
  std::optional<std::size_t> index;  // in the destination's clip list (see moveClip)
  bool operator==(const ClipMove&) const = default;
};
// The clip fields an update may set. source, offset, gainDb and the fades exist only on audio
// clips, notes only on MIDI clips.
struct ClipChanges {
  std::optional<Beats> start;
  std::optional<Beats> length;
  std::optional<bool> mute;
  std::optional<AudioSource> source;
  std::optional<double> offset;
  std::optional<double> gainDb;
  std::optional<Beats> fadeIn;
  std::optional<FadeCurve> fadeInCurve;
  std::optional<Beats> fadeOut;
  std::optional<FadeCurve> fadeOutCurve;
  std::optional<std::vector<Note>> notes;
  bool operator==(const ClipChanges&) const = default;
};
struct ClipUpdate {
  std::string id;
  ClipChanges set;
  bool operator==(const ClipUpdate&) const = default;
};

// Inserts.
struct InsertAdd {
  std::string chain;  // a track id or kMasterId
  Insert insert;
  std::optional<std::size_t> index;  // default: the end of the chain
  bool operator==(const InsertAdd&) const = default;
};
struct InsertRemove {
  std::string id;
  bool operator==(const InsertRemove&) const = default;
};
struct InsertMove {
  std::string id;
  std::size_t index = 0;
  bool operator==(const InsertMove&) const = default;
};
struct ParamSet {
  std::string insert;
  std::uint32_t param = 0;
  double value = 0;
  bool operator==(const ParamSet&) const = default;
};
struct ParamClear {
  std::string insert;
  std::uint32_t param = 0;
  bool operator==(const ParamClear&) const = default;
};
struct BypassSet {
  std::string insert;
  bool bypass = false;
  bool operator==(const BypassSet&) const = default;
};
struct StateSet {
  std::string insert;
  std::vector<std::uint8_t> state;
  bool operator==(const StateSet&) const = default;
};

// Automation.
struct LaneAdd {
  AutomationLane lane;
  std::optional<std::size_t> index;  // default: the end
  bool operator==(const LaneAdd&) const = default;
};
struct LaneRemove {
  std::string id;
  bool operator==(const LaneRemove&) const = default;
};
struct PointsSet {
  std::string lane;
  std::vector<AutomationPoint> points;
  bool operator==(const PointsSet&) const = default;
};

// Markers.
struct MarkerAdd {
  Marker marker;
  std::optional<std::size_t> index;  // default: the end
  bool operator==(const MarkerAdd&) const = default;
};
struct MarkerRemove {
  std::string id;
  bool operator==(const MarkerRemove&) const = default;
};
struct MarkerChanges {
  std::optional<Beats> time;
  std::optional<std::string> name;
  bool operator==(const MarkerChanges&) const = default;
};
struct MarkerUpdate {
  std::string id;
  MarkerChanges set;
  bool operator==(const MarkerUpdate&) const = default;
};

// The session as a whole.
struct LoopSet {
  LoopRegion loop;
  bool operator==(const LoopSet&) const = default;
};
struct TempoSet {
  double bpm = 120;
  bool operator==(const TempoSet&) const = default;
};
struct TimeSignatureSet {
  TimeSignature timeSignature;
  bool operator==(const TimeSignatureSet&) const = default;
};
struct MasterVolumeSet {
  double volumeDb = 0;
  bool operator==(const MasterVolumeSet&) const = default;
};

}  // namespace op

using Op = std::variant<op::TrackAdd, op::TrackRemove, op::TrackMove, op::TrackUpdate,
                        op::ClipAdd, op::ClipRemove, op::ClipMove, op::ClipUpdate,
                        op::InsertAdd, op::InsertRemove, op::InsertMove, op::ParamSet,
                        op::ParamClear, op::BypassSet, op::StateSet, op::LaneAdd,
                        op::LaneRemove, op::PointsSet, op::MarkerAdd, op::MarkerRemove,
                        op::MarkerUpdate, op::LoopSet, op::TempoSet, op::TimeSignatureSet,
                        op::MasterVolumeSet>;

// The JSON name of an operation: "track.add", "insert.setParam"...
std::string_view opName(const Op& op);

// Operations applied together, all or nothing (OPS-4). baseRevision: the revision of the session
// the sender saw; when present, the batch is refused if the session has moved on (OPS-5).
struct Batch {
  std::optional<std::uint64_t> baseRevision;
  std::vector<Op> ops;
  bool operator==(const Batch&) const = default;
};

struct ParsedOp {
  std::optional<Op> op;  // present exactly when errors is empty
  Issues errors;         // paths into the operation's JSON
};
struct ParsedBatch {
  std::optional<Batch> batch;
  Issues errors;  // paths into the batch's JSON ("ops[2].track.kind")
};

// Reading never throws and never applies anything: it checks the shape (known op, required
// members present and of the right type, no unknown members); the rules of the session are
// checked when the operation is applied.
ParsedOp parseOp(std::string_view jsonText);
ParsedBatch parseBatch(std::string_view jsonText);

// Compact canonical JSON: parseOp(writeOp(op)).op == op.
std::string writeOp(const Op& op);
std::string writeBatch(const Batch& batch);

}  // namespace wstudio::session
