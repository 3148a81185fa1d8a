#include <map>
#include <string>

#include "text_format.hpp"
#include "validator.hpp"
#include "wstudio/session/limits.hpp"
#include "wstudio/session/lookup.hpp"

namespace wstudio::session::detail {

namespace {

// Two lanes may not automate the same thing: the engine could not tell which one wins.
std::string targetKey(const AutomationTarget& target) {
  std::string key = target.track;
  key += '\n';
  key += toString(target.control);
  if (target.control == AutomatedControl::parameter) {
    key += '\n' + target.insert + '\n' + std::to_string(target.param);
  }
  return key;
}

}  // namespace

void Validator::checkAutomation() {
  if (!checkCount("automation", session_.automation.size(), limits::kMaxAutomationLanes)) return;
  std::map<std::string, std::size_t> firstLaneFor;  // target key -> index of the first lane
  const LazyPath lanes{"automation"};
  for (std::size_t i = 0; i < session_.automation.size(); ++i) {
    const AutomationLane& lane = session_.automation[i];
    const LazyPath path = lanes.index(i);
    checkLane(lane, path);
    const auto [it, inserted] = firstLaneFor.try_emplace(targetKey(lane.target), i);
    if (!inserted) fail(path.field("target"), "same target as " + lanes.index(it->second).str());
  }
}

void Validator::checkLane(const AutomationLane& lane, const LazyPath& path) {
  checkId(path.field("id"), lane.id);
  const bool targetOk = checkTarget(lane.target, path.field("target"));
  const LazyPath pointsPath = path.field("points");
  if (!checkCount(pointsPath, lane.points.size(), limits::kMaxPointsPerLane)) return;
  if (targetOk) checkPoints(lane, pointsPath);
}

bool Validator::checkTarget(const AutomationTarget& target, const LazyPath& path) {
  const LazyPath trackPath = path.field("track");
  const LazyPath insertPath = path.field("insert");
  const LazyPath paramPath = path.field("param");
  const bool isMaster = target.track == kMasterId;
  if (!isMaster && !findTrack(session_, target.track)) {
    fail(trackPath, "unknown track " + inQuotes(target.track));
    return false;
  }
  checkEnum(path.field("control"), target.control);

  if (target.control != AutomatedControl::parameter) {
    bool ok = true;
    if (!target.insert.empty()) {
      fail(insertPath, "only allowed with control \"param\"");
      ok = false;
    }
    if (target.param != 0) {
      fail(paramPath, "only allowed with control \"param\"");
      ok = false;
    }
    if (isMaster && target.control == AutomatedControl::pan) {
      fail(path.field("control"), "the master bus has no pan");
      ok = false;
    }
    return ok;
  }

  if (target.insert.empty()) {
    fail(insertPath, "missing");
    return false;
  }
  const std::vector<Insert>* chain = findChain(session_, target.track);
  for (const Insert& insert : *chain) {
    if (insert.id == target.insert) return true;
  }
  fail(insertPath, "no insert " + inQuotes(target.insert) + " on " +
                       (isMaster ? std::string{"the master bus"}
                                 : "track " + inQuotes(target.track)));
  return false;
}

void Validator::checkPoints(const AutomationLane& lane, const LazyPath& path) {
  const AutomatedControl control = lane.target.control;
  for (std::size_t i = 0; i < lane.points.size(); ++i) {
    const AutomationPoint& point = lane.points[i];
    const LazyPath pointPath = path.index(i);
    const LazyPath timePath = pointPath.field("time");
    if (checkPosition(timePath, point.time) && i > 0 && !(point.time > lane.points[i - 1].time)) {
      fail(timePath, "must be greater than the previous point's time");
    }

    const LazyPath valuePath = pointPath.field("value");
    switch (control) {
      case AutomatedControl::volume:
        checkRange(valuePath, point.value, limits::kMinVolumeDb, limits::kMaxVolumeDb);
        break;
      case AutomatedControl::pan:
        checkRange(valuePath, point.value, -1.0, 1.0);
        break;
      case AutomatedControl::parameter:
        checkRange(valuePath, point.value, -limits::kMaxParamMagnitude,
                   limits::kMaxParamMagnitude);
        break;
    }

    checkEnum(pointPath.field("shape"), point.shape);
    const LazyPath curvaturePath = pointPath.field("curvature");
    if (point.shape == SegmentShape::curve) {
      checkRange(curvaturePath, point.curvature, -1.0, 1.0);
    } else if (point.curvature != 0) {
      fail(curvaturePath, "only allowed with shape \"curve\"");
    }
  }
}

}  // namespace wstudio::session::detail
