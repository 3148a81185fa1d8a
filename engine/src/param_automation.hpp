// Automation of one plugin parameter, sent as PARAM events: at the first frame of every call, at
// every timeline frame that is a multiple of `interval`, and at the exact frame of every
// automation point (the first frame at or after its time, so steps and corners land on their
// sample). Values are the lane's value at
// the event's timeline frame (session::valueAt), the plugin smooths between them.
#pragma once

#include <cstdint>
#include <vector>

#include "event_list.hpp"
#include "timeline_clock.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine {

class ParamAutomation {
 public:
  // [main] lane has at least one point.
  ParamAutomation(session::AutomationLane lane, const TimelineClock& clock, uint32_t interval);

  uint32_t paramId() const { return lane_.target.param; }
  // Upper bound of the events one call of `frames` frames adds.
  std::size_t maxEventsPerCall(uint32_t frames) const;

  // [audio] Events for the call covering [timelineFrame, timelineFrame + frames).
  void collect(int64_t timelineFrame, uint32_t frames, EventList& events) const;

 private:
  double valueAtFrame(int64_t frame) const;

  session::AutomationLane lane_;
  TimelineClock clock_;
  uint32_t interval_;
  std::vector<int64_t> pointFrames_;  // each point's time, rounded to a frame
};

}  // namespace wstudio::engine
