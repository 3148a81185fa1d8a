// The rules of docs/session-format.md applied to a Session, one file per part of the model
// (validate_*.cpp). Paths follow the JSON layout, so a problem found after an edit names the
// same place as the same problem found when loading.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

#include "issue_list.hpp"
#include "lazy_path.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

class Validator {
 public:
  Validator(const Session& session, IssueList& issues);
  void run();

 private:
  // validate_session.cpp
  void checkMarkers();
  void checkLoop();

  // validate_tracks.cpp
  void checkTrack(const Track& track, const LazyPath& path);
  void checkAudioClip(const AudioClip& clip, const LazyPath& path);
  void checkSource(const AudioSource& source, const LazyPath& path);
  void checkMidiClip(const MidiClip& clip, const LazyPath& path);
  void checkNote(const Note& note, const LazyPath& path);
  void checkRouting();

  // validate_inserts.cpp
  void checkChain(const std::vector<Insert>& chain, const LazyPath& path);
  void checkInsert(const Insert& insert, const LazyPath& path);

  // validate_automation.cpp
  void checkAutomation();
  void checkLane(const AutomationLane& lane, const LazyPath& path);
  // False when the target names nothing, so its points' ranges are unknown.
  bool checkTarget(const AutomationTarget& target, const LazyPath& path);
  void checkPoints(const AutomationLane& lane, const LazyPath& path);

  // Shared checks (validate_session.cpp). Each reports at `path` and returns whether it passed.
  void fail(const LazyPath& path, std::string message);
  bool checkFinite(const LazyPath& path, double value);
  bool checkRange(const LazyPath& path, double value, double low, double high);
  bool checkPosition(const LazyPath& path, Beats value);  // 0..kMaxBeats
  bool checkDuration(const LazyPath& path, Beats value);  // > 0, <= kMaxBeats
  bool checkCount(const LazyPath& path, std::size_t count, std::size_t limit);
  // Syntax, the reserved master id, and uniqueness across the whole session.
  void checkId(const LazyPath& path, const std::string& id);
  void checkName(const LazyPath& path, const std::string& name);
  void checkSha256(const LazyPath& path, const std::string& hash);
  template <typename Enum>
  void checkEnum(const LazyPath& path, Enum value);

  const Session& session_;
  IssueList& issues_;
  // Where `id` is first used, for the report of a duplicate (found again then: a valid session
  // keeps no paths).
  std::string firstUseOf(std::string_view id) const;
  std::unordered_set<std::string_view> ids_;  // every id seen so far (views into session_)
};

}  // namespace wstudio::session::detail
