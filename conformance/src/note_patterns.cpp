#include "note_patterns.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace wstudio::conformance {

std::vector<TimedEvent> chordPattern(size_t frames, size_t period) {
  std::vector<TimedEvent> events;
  constexpr std::array<uint16_t, 4> kChord{0, 4, 7, 12};
  uint16_t root = 36;
  int32_t noteId = 1;
  for (size_t start = 0; start < frames; start += period) {
    const size_t release = std::min(frames - 1, start + period * 3 / 4);
    for (uint16_t offset : kChord) {
      events.push_back({start, noteOn(static_cast<uint16_t>(root + offset), 0.9f, noteId)});
      events.push_back({release, noteOff(static_cast<uint16_t>(root + offset), noteId)});
      ++noteId;
    }
    root = static_cast<uint16_t>(root >= 84 ? 36 : root + 5);
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const TimedEvent& x, const TimedEvent& y) { return x.frame < y.frame; });
  return events;
}

std::vector<TimedEvent> merge(std::vector<TimedEvent> a, const std::vector<TimedEvent>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::stable_sort(a.begin(), a.end(),
                   [](const TimedEvent& x, const TimedEvent& y) { return x.frame < y.frame; });
  return a;
}

}  // namespace wstudio::conformance
