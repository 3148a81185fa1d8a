// The events one plugin call receives, in a buffer reserved at build time. Events past the
// capacity are dropped rather than allocating on the audio thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

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

 private:
  static int rank(uint16_t type) {
    return type == WSP_EVENT_NOTE_OFF ? 0 : type == WSP_EVENT_NOTE_ON ? 2 : 1;
  }
  std::vector<wsp_event> events_;
  std::size_t count_ = 0;
};

inline wsp_event paramEvent(uint32_t frame, uint32_t id, double value) {
  wsp_event event{};
  event.frame = frame;
  event.type = WSP_EVENT_PARAM;
  event.u.param.id = id;
  event.u.param.value = value;
  return event;
}

inline wsp_event noteEvent(uint16_t type, uint32_t frame, uint16_t key, float velocity) {
  wsp_event event{};
  event.frame = frame;
  event.type = type;
  event.u.note.channel = 0;
  event.u.note.key = key;
  event.u.note.velocity = velocity;
  event.u.note.note_id = -1;
  return event;
}

}  // namespace wstudio::engine
