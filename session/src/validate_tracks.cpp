#include <algorithm>
#include <cstdint>

#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/limits.hpp"
#include "wstudio/session/lookup.hpp"

namespace wstudio::session::detail {

namespace {

bool isColour(const std::string& text) {
  if (text.size() != 7 || text[0] != '#') return false;
  return std::all_of(text.begin() + 1, text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// Relative, '/'-separated, no empty, "." or ".." segments, no backslashes or control
// characters: a path that cannot leave the session's folder on any platform.
bool isRelativeSourcePath(const std::string& path) {
  if (path.empty() || path.size() > limits::kMaxSourcePathBytes || !isValidUtf8(path)) {
    return false;
  }
  std::size_t segmentStart = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') {
      const auto c = static_cast<unsigned char>(path[i]);
      if (c < 0x20 || c == 0x7F || c == '\\') return false;
      continue;
    }
    const std::string_view segment(path.data() + segmentStart, i - segmentStart);
    if (segment.empty() || segment == "." || segment == "..") return false;
    segmentStart = i + 1;
  }
  return true;
}

}  // namespace

void Validator::checkTrack(const Track& track, const LazyPath& path) {
  checkId(path.field("id"), track.id);
  checkName(path.field("name"), track.name);
  if (!isColour(track.colour)) fail(path.field("colour"), "must be \"#rrggbb\"");
  checkEnum(path.field("kind"), track.kind);
  checkRange(path.field("volumeDb"), track.volumeDb, limits::kMinVolumeDb,
             limits::kMaxVolumeDb);
  checkRange(path.field("pan"), track.pan, -1.0, 1.0);
  checkChain(track.inserts, path.field("inserts"));

  const LazyPath clipsPath = path.field("clips");
  switch (track.kind) {
    case TrackKind::audio:
      if (!track.midiClips.empty()) fail(clipsPath, "an audio track holds only audio clips");
      if (checkCount(clipsPath, track.audioClips.size(), limits::kMaxClipsPerTrack)) {
        for (std::size_t i = 0; i < track.audioClips.size(); ++i) {
          checkAudioClip(track.audioClips[i], clipsPath.index(i));
        }
      }
      break;
    case TrackKind::instrument:
      if (!track.audioClips.empty()) fail(clipsPath, "an instrument track holds only MIDI clips");
      if (checkCount(clipsPath, track.midiClips.size(), limits::kMaxClipsPerTrack)) {
        for (std::size_t i = 0; i < track.midiClips.size(); ++i) {
          checkMidiClip(track.midiClips[i], clipsPath.index(i));
        }
      }
      break;
    case TrackKind::bus:
      if (!track.audioClips.empty() || !track.midiClips.empty()) {
        fail(clipsPath, "a bus track holds no clips");
      }
      break;
  }
}

void Validator::checkAudioClip(const AudioClip& clip, const LazyPath& path) {
  checkId(path.field("id"), clip.id);
  checkSource(clip.source, path.field("source"));
  checkPosition(path.field("start"), clip.start);
  const bool lengthOk = checkDuration(path.field("length"), clip.length);

  const LazyPath offsetPath = path.field("offset");
  if (checkRange(offsetPath, clip.offsetSeconds, 0.0, limits::kMaxSourceSeconds)) {
    const AudioSource& source = clip.source;
    if (source.lengthFrames && source.sampleRate && *source.sampleRate > 0) {
      const double sourceSeconds =
          static_cast<double>(*source.lengthFrames) / *source.sampleRate;
      if (clip.offsetSeconds >= sourceSeconds) {
        fail(offsetPath,
             "must be less than the source's length (" + formatNumber(sourceSeconds) + " s)");
      }
    }
  }
  checkRange(path.field("gainDb"), clip.gainDb, limits::kMinClipGainDb,
             limits::kMaxClipGainDb);

  const auto checkFade = [&](std::string_view name, Beats fade) {
    const LazyPath fadePath = path.field(name);
    if (!checkFinite(fadePath, fade)) return false;
    if (fade < 0) {
      fail(fadePath, "must be >= 0");
      return false;
    }
    if (lengthOk && fade > clip.length) {
      fail(fadePath, "must be <= length");
      return false;
    }
    return true;
  };
  const bool fadeInOk = checkFade("fadeIn", clip.fadeIn);
  checkEnum(path.field("fadeInCurve"), clip.fadeInCurve);
  const bool fadeOutOk = checkFade("fadeOut", clip.fadeOut);
  checkEnum(path.field("fadeOutCurve"), clip.fadeOutCurve);
  if (lengthOk && fadeInOk && fadeOutOk && clip.fadeIn + clip.fadeOut > clip.length) {
    fail(path.field("fadeOut"), "fadeIn + fadeOut must be <= length");
  }
}

void Validator::checkSource(const AudioSource& source, const LazyPath& path) {
  if (!source.sha256 && !source.path) fail(path, "needs sha256 or path");
  if (source.sha256) checkSha256(path.field("sha256"), *source.sha256);
  if (source.path && !isRelativeSourcePath(*source.path)) {
    fail(path.field("path"),
         "must be a relative path of '/'-separated names, without \".\" or \"..\", of at most " +
             std::to_string(limits::kMaxSourcePathBytes) + " bytes");
  }
  if (source.sampleRate) {
    checkRange(path.field("sampleRate"), *source.sampleRate, limits::kMinSampleRate,
               limits::kMaxSampleRate);
  }
  if (source.channels) {
    checkRange(path.field("channels"), *source.channels, 1, limits::kMaxSourceChannels);
  }
  if (source.lengthFrames) {
    const LazyPath lengthPath = path.field("length");
    const double maxFrames = limits::kMaxSourceSeconds * limits::kMaxSampleRate;
    if (!source.sampleRate) {
      fail(lengthPath, "needs sampleRate");
    } else {
      checkRange(lengthPath, static_cast<double>(*source.lengthFrames), 1, maxFrames);
    }
  }
}

void Validator::checkMidiClip(const MidiClip& clip, const LazyPath& path) {
  checkId(path.field("id"), clip.id);
  checkPosition(path.field("start"), clip.start);
  checkDuration(path.field("length"), clip.length);
  const LazyPath notesPath = path.field("notes");
  if (!checkCount(notesPath, clip.notes.size(), limits::kMaxNotesPerClip)) return;
  for (std::size_t i = 0; i < clip.notes.size(); ++i) checkNote(clip.notes[i], notesPath.index(i));
}

void Validator::checkNote(const Note& note, const LazyPath& path) {
  checkRange(path.field("pitch"), note.pitch, 0, 127);
  checkRange(path.field("velocity"), note.velocity, 0.0, 1.0);
  checkPosition(path.field("start"), note.start);
  checkDuration(path.field("length"), note.length);
}

// Outputs go to the master or to a bus, and following outputs always ends at the master.
void Validator::checkRouting() {
  const LazyPath tracks_{"tracks"};
  const auto& tracks = session_.tracks;
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::size_t> next(tracks.size(), kNone);
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const Track& track = tracks[i];
    if (track.output == kMasterId) continue;
    const LazyPath at = tracks_.index(i);
    const LazyPath path = at.field("output");
    const auto target = trackIndex(session_, track.output);
    if (!target) {
      fail(path, "unknown track " + inQuotes(track.output));
    } else if (*target == i) {
      fail(path, "a track cannot output to itself");
    } else if (tracks[*target].kind != TrackKind::bus) {
      fail(path, "track " + inQuotes(track.output) + " is not a bus");
    } else {
      next[i] = *target;
    }
  }

  // Each track has at most one output, so a cycle is found by walking from every track once.
  enum class Mark : std::uint8_t { unvisited, onWalk, done };
  std::vector<Mark> marks(tracks.size(), Mark::unvisited);
  for (std::size_t start = 0; start < tracks.size(); ++start) {
    std::vector<std::size_t> walk;
    std::size_t at = start;
    while (at != kNone && marks[at] == Mark::unvisited) {
      marks[at] = Mark::onWalk;
      walk.push_back(at);
      at = next[at];
    }
    if (at != kNone && marks[at] == Mark::onWalk) {
      // The cycle is the part of the walk from `at` on; report it once, at its first track.
      const auto cycleBegin = std::find(walk.begin(), walk.end(), at);
      const std::size_t first = *std::min_element(cycleBegin, walk.end());
      std::string description = tracks[first].id;
      for (std::size_t k = next[first]; k != first; k = next[k]) description += " -> " + tracks[k].id;
      description += " -> " + tracks[first].id;
      fail(tracks_.index(first).field("output"), "routing cycle: " + description);
    }
    for (std::size_t k : walk) marks[k] = Mark::done;
  }
}

}  // namespace wstudio::session::detail
