// The rules of docs/session-format.md applied to a Session, one file per part of the model
// (validate_*.cpp). Paths follow the JSON layout, so a problem found after an edit names the
// same place as the same problem found when loading.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "issue_list.hpp"
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
  void checkTrack(const Track& track, const std::string& path);
  void checkAudioClip(const AudioClip& clip, const std::string& path);
  void checkSource(const AudioSource& source, const std::string& path);
  void checkMidiClip(const MidiClip& clip, const std::string& path);
  void checkNote(const Note& note, const std::string& path);
  void checkRouting();

  // validate_inserts.cpp
  void checkChain(const std::vector<Insert>& chain, const std::string& path);
  void checkInsert(const Insert& insert, const std::string& path);

  // validate_automation.cpp
  void checkAutomation();
  void checkLane(const AutomationLane& lane, const std::string& path);
  // False when the target names nothing, so its points' ranges are unknown.
  bool checkTarget(const AutomationTarget& target, const std::string& path);
  void checkPoints(const AutomationLane& lane, const std::string& path);

  // Shared checks (validate_session.cpp). Each reports at `path` and returns whether it passed.
  void fail(std::string path, std::string message);
  bool checkFinite(const std::string& path, double value);
  bool checkRange(const std::string& path, double value, double low, double high);
  bool checkPosition(const std::string& path, Beats value);  // 0..kMaxBeats
  bool checkDuration(const std::string& path, Beats value);  // > 0, <= kMaxBeats
  bool checkCount(const std::string& path, std::size_t count, std::size_t limit);
  // Syntax, the reserved master id, and uniqueness across the whole session.
  void checkId(const std::string& path, const std::string& id);
  void checkName(const std::string& path, const std::string& name);
  void checkSha256(const std::string& path, const std::string& hash);
  template <typename Enum>
  void checkEnum(const std::string& path, Enum value);

  const Session& session_;
  IssueList& issues_;
  std::map<std::string, std::string, std::less<>> idPaths_;  // id -> where it was first used
};

}  // namespace wstudio::session::detail
