#include "wstudio/session/ids.hpp"

#include "wstudio/session/limits.hpp"

namespace wstudio::session {

namespace {

bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool chainUses(const std::vector<Insert>& chain, std::string_view id) {
  for (const Insert& insert : chain) {
    if (insert.id == id) return true;
  }
  return false;
}

}  // namespace

bool isValidPluginId(std::string_view id) {
  if (id.empty() || id.size() > limits::kMaxPluginIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > limits::kMaxIdLength) return false;
  for (char c : id) {
    if (!isIdChar(c)) return false;
  }
  return true;
}

bool isIdInUse(const Session& session, std::string_view id) {
  if (id == kMasterId) return true;
  for (const Track& track : session.tracks) {
    if (track.id == id || chainUses(track.inserts, id)) return true;
    for (const AudioClip& clip : track.audioClips) {
      if (clip.id == id) return true;
    }
    for (const MidiClip& clip : track.midiClips) {
      if (clip.id == id) return true;
    }
  }
  if (chainUses(session.master.inserts, id)) return true;
  for (const AutomationLane& lane : session.automation) {
    if (lane.id == id) return true;
  }
  for (const Marker& marker : session.markers) {
    if (marker.id == id) return true;
  }
  return false;
}

std::string newId(Session& session, std::string_view prefix, std::string_view site) {
  std::string stem{prefix};
  stem += '-';
  if (!site.empty()) {
    stem += site;
    stem += '-';
  }
  // A hand-written file may already use "<prefix>-<n>" for a number ahead of nextIdNumber, so
  // skip over ids in use rather than trusting the counter alone.
  while (true) {
    std::string candidate = stem + std::to_string(session.nextIdNumber);
    ++session.nextIdNumber;
    if (!isIdInUse(session, candidate)) return candidate;
  }
}

}  // namespace wstudio::session
