#include <cmath>

#include "enum_names.hpp"
#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/ids.hpp"
#include "wstudio/session/limits.hpp"
#include "wstudio/session/validate.hpp"

namespace wstudio::session {

namespace detail {

Validator::Validator(const Session& session, IssueList& issues)
    : session_(session), issues_(issues) {}

// In document order, so that reports read top to bottom and "first used at" is the earlier one.
void Validator::run() {
  checkRange("tempo", session_.tempoBpm, limits::kMinTempo, limits::kMaxTempo);

  const TimeSignature& signature = session_.timeSignature;
  checkRange("timeSignature.numerator", signature.numerator, 1,
             limits::kMaxTimeSignatureNumerator);
  const int d = signature.denominator;
  if (d < 1 || d > limits::kMaxTimeSignatureDenominator || (d & (d - 1)) != 0) {
    fail("timeSignature.denominator", "must be 1, 2, 4, 8, 16 or 32");
  }
  checkRange("sampleRate", session_.sampleRate, limits::kMinSampleRate, limits::kMaxSampleRate);
  if (session_.nextIdNumber < 1 || session_.nextIdNumber > limits::kMaxIdNumber) {
    fail("nextId", "must be between 1 and " + std::to_string(limits::kMaxIdNumber));
  }

  if (checkCount("tracks", session_.tracks.size(), limits::kMaxTracks)) {
    const LazyPath tracks{"tracks"};
    for (std::size_t i = 0; i < session_.tracks.size(); ++i) checkTrack(session_.tracks[i], tracks.index(i));
    checkRouting();
  }

  checkRange("master.volumeDb", session_.master.volumeDb, limits::kMinVolumeDb,
             limits::kMaxVolumeDb);
  checkChain(session_.master.inserts, "master.inserts");

  checkAutomation();
  checkMarkers();
  checkLoop();
}

void Validator::checkMarkers() {
  if (!checkCount("markers", session_.markers.size(), limits::kMaxMarkers)) return;
  const LazyPath markers{"markers"};
  for (std::size_t i = 0; i < session_.markers.size(); ++i) {
    const Marker& marker = session_.markers[i];
    const LazyPath path = markers.index(i);
    checkId(path.field("id"), marker.id);
    checkPosition(path.field("time"), marker.time);
    checkName(path.field("name"), marker.name);
  }
}

void Validator::checkLoop() {
  const LoopRegion& loop = session_.loop;
  const bool startOk = checkPosition("loop.start", loop.start);
  const bool endOk = checkPosition("loop.end", loop.end);
  if (startOk && endOk && !(loop.end > loop.start)) fail("loop.end", "must be greater than start");
}

void Validator::fail(const LazyPath& path, std::string message) {
  issues_.add(path.str(), std::move(message));
}

bool Validator::checkFinite(const LazyPath& path, double value) {
  if (std::isfinite(value)) return true;
  fail(path, "must be a finite number");
  return false;
}

bool Validator::checkRange(const LazyPath& path, double value, double low, double high) {
  if (!checkFinite(path, value)) return false;
  if (value >= low && value <= high) return true;
  fail(path, "must be between " + formatNumber(low) + " and " + formatNumber(high));
  return false;
}

bool Validator::checkPosition(const LazyPath& path, Beats value) {
  return checkRange(path, value, 0.0, limits::kMaxBeats);
}

bool Validator::checkDuration(const LazyPath& path, Beats value) {
  if (!checkFinite(path, value)) return false;
  if (!(value > 0)) {
    fail(path, "must be > 0");
    return false;
  }
  if (value > limits::kMaxBeats) {
    fail(path, "must be at most " + formatNumber(limits::kMaxBeats));
    return false;
  }
  return true;
}

bool Validator::checkCount(const LazyPath& path, std::size_t count, std::size_t limit) {
  if (count <= limit) return true;
  fail(path, "more than " + std::to_string(limit) + " items");
  return false;
}

void Validator::checkId(const LazyPath& path, const std::string& id) {
  if (!isValidId(id)) {
    fail(path, "must be 1 to " + std::to_string(limits::kMaxIdLength) +
                   " characters of [A-Za-z0-9._-]");
    return;
  }
  if (id == kMasterId) {
    fail(path, inQuotes(id) + " is reserved for the master bus");
    return;
  }
  if (!ids_.insert(id).second) {
    fail(path, "duplicate id " + inQuotes(id) + " (first used at " + firstUseOf(id) + ")");
  }
}

// The objects with ids, in the order run() checks them.
std::string Validator::firstUseOf(std::string_view id) const {
  const auto inChain = [&](const std::vector<Insert>& chain, const std::string& path) -> std::string {
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (chain[i].id == id) return fieldPath(indexPath(path, i), "id");
    }
    return {};
  };
  for (std::size_t t = 0; t < session_.tracks.size(); ++t) {
    const Track& track = session_.tracks[t];
    const std::string trackPath = indexPath("tracks", t);
    if (track.id == id) return fieldPath(trackPath, "id");
    if (std::string found = inChain(track.inserts, fieldPath(trackPath, "inserts")); !found.empty()) return found;
    const std::string clipsPath = fieldPath(trackPath, "clips");
    const auto inClips = [&](const auto& clips) -> std::string {
      for (std::size_t c = 0; c < clips.size(); ++c) {
        if (clips[c].id == id) return fieldPath(indexPath(clipsPath, c), "id");
      }
      return {};
    };
    // A track of the wrong kind for its clips is reported, not walked, by checkTrack.
    if (track.kind == TrackKind::audio) {
      if (std::string found = inClips(track.audioClips); !found.empty()) return found;
    } else if (track.kind == TrackKind::instrument) {
      if (std::string found = inClips(track.midiClips); !found.empty()) return found;
    }
  }
  if (std::string found = inChain(session_.master.inserts, "master.inserts"); !found.empty()) return found;
  for (std::size_t i = 0; i < session_.automation.size(); ++i) {
    if (session_.automation[i].id == id) return fieldPath(indexPath("automation", i), "id");
  }
  for (std::size_t i = 0; i < session_.markers.size(); ++i) {
    if (session_.markers[i].id == id) return fieldPath(indexPath("markers", i), "id");
  }
  return "?";
}

void Validator::checkName(const LazyPath& path, const std::string& name) {
  if (name.size() > limits::kMaxNameBytes || !isValidUtf8(name)) {
    fail(path, "must be valid UTF-8 of at most " + std::to_string(limits::kMaxNameBytes) +
                   " bytes");
  }
}

void Validator::checkSha256(const LazyPath& path, const std::string& hash) {
  constexpr std::size_t kHexDigits = 64;
  bool ok = hash.size() == kHexDigits;
  for (char c : hash) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) fail(path, "must be 64 lowercase hex digits");
}

template <typename Enum>
void Validator::checkEnum(const LazyPath& path, Enum value) {
  if (!enumFromString<Enum>(toString(value))) fail(path, "must be one of " + enumChoices<Enum>());
}

template void Validator::checkEnum<TrackKind>(const LazyPath&, TrackKind);
template void Validator::checkEnum<FadeCurve>(const LazyPath&, FadeCurve);
template void Validator::checkEnum<PluginFormat>(const LazyPath&, PluginFormat);
template void Validator::checkEnum<AutomatedControl>(const LazyPath&, AutomatedControl);
template void Validator::checkEnum<SegmentShape>(const LazyPath&, SegmentShape);

}  // namespace detail

Issues validate(const Session& session) {
  detail::IssueList issues(limits::kMaxIssues);
  detail::Validator(session, issues).run();
  return issues.take();
}

}  // namespace wstudio::session
