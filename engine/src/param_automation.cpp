#include "param_automation.hpp"

#include <algorithm>
#include <cmath>

#include "wstudio/session/automation.hpp"

namespace wstudio::engine {

ParamAutomation::ParamAutomation(session::AutomationLane lane, const TimelineClock& clock,
                                 uint32_t interval)
    : lane_(std::move(lane)), clock_(clock), interval_(std::max<uint32_t>(interval, 1)) {
  pointFrames_.reserve(lane_.points.size());
  // A point takes effect on the first frame whose timeline position is at or after it (the
  // frame where valueAt first returns the point's value, as volume automation sees it).
  for (const auto& point : lane_.points) {
    auto frame = int64_t(std::ceil(session::beatsToFrames(point.time, clock_.tempoBpm, clock_.sampleRate)));
    if (clock_.beatsAt(frame - 1) >= point.time) --frame;
    pointFrames_.push_back(frame);
  }
}

std::size_t ParamAutomation::maxEventsPerCall(uint32_t frames) const {
  // The first frame, the grid, and every point (points may crowd into one call).
  return 1 + frames / interval_ + 1 + pointFrames_.size();
}

double ParamAutomation::valueAtFrame(int64_t frame) const {
  return session::valueAt(lane_, clock_.beatsAt(frame)).value_or(0.0);
}

void ParamAutomation::collect(int64_t timelineFrame, uint32_t frames, EventList& events) const {
  const uint32_t id = lane_.target.param;
  const int64_t end = timelineFrame + frames;
  events.add(paramEvent(0, id, valueAtFrame(timelineFrame)));
  // The grid: the first multiple of interval after the first frame (floor division, since delay
  // compensation looks back before the timeline's start and frames may be negative).
  const int64_t step = interval_;
  const int64_t below = timelineFrame / step - (timelineFrame % step < 0 ? 1 : 0);
  int64_t grid = (below + 1) * step;
  auto point = std::upper_bound(pointFrames_.begin(), pointFrames_.end(), timelineFrame);
  // Merge grid frames and point frames in order, each frame once.
  while (true) {
    const int64_t nextPoint = point != pointFrames_.end() ? *point : end;
    const int64_t next = std::min(grid, nextPoint);
    if (next >= end) break;
    events.add(paramEvent(uint32_t(next - timelineFrame), id, valueAtFrame(next)));
    if (grid == next) grid += step;
    while (point != pointFrames_.end() && *point == next) ++point;
  }
}

}  // namespace wstudio::engine
