// The events one plugin call receives, in a buffer reserved at build time. Events past the
// capacity are dropped rather than allocating on the audio thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "wsp/wsp_events.hpp"
#include "wsp/wsp_plugin.h"

namespace wstudio::engine {

class EventList {
 public:
  explicit EventList(std::size_t capacity = 0) : events_(capacity) {}

  void clear() { count_ = 0; }
  void add(const wsp_event& event) {
    if (count_ < events_.size()) events_[count_++] = event;
  }
  // By frame; at one frame note-offs before parameters before note-ons, so a note that ends
  // where the next one on the same key starts is released first.
  void sort() {
    std::sort(events_.begin(), events_.begin() + std::ptrdiff_t(count_),
              [](const wsp_event& a, const wsp_event& b) {
                if (a.frame != b.frame) return a.frame < b.frame;
                return rank(a.type) < rank(b.type);
              });
  }
  std::span<const wsp_event> view() const { return {events_.data(), count_}; }
  // Drops every event of another type and moves the kept ones to frame 0 (a reset: the block
  // they were timed in will not play).
  void keepOnly(uint16_t type) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count_; ++i) {
      if (events_[i].type != type) continue;
      events_[kept] = events_[i];
      events_[kept++].frame = 0;
    }
    count_ = kept;
  }

 private:
  static int rank(uint16_t type) {
    return type == WSP_EVENT_NOTE_OFF ? 0 : type == WSP_EVENT_NOTE_ON ? 2 : 1;
  }
  std::vector<wsp_event> events_;
  std::size_t count_ = 0;
};

// Event records are built by the ABI's own builders.
using wsp::noteEvent;
using wsp::paramEvent;

}  // namespace wstudio::engine
