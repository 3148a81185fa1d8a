#include "note_sequencer.hpp"

#include <algorithm>

namespace wstudio::engine {

namespace {
bool earlier(const NoteEdge& a, const NoteEdge& b) { return a.frame < b.frame; }

std::vector<NoteEdge>::const_iterator firstAtOrAfter(const std::vector<NoteEdge>& edges,
                                                     int64_t frame) {
  return std::lower_bound(edges.begin(), edges.end(), NoteEdge{frame, 0, 0.0f}, earlier);
}
}  // namespace

NoteSequencer::NoteSequencer(std::vector<NoteEdge> starts, std::vector<NoteEdge> ends)
    : starts_(std::move(starts)), ends_(std::move(ends)) {
  std::stable_sort(starts_.begin(), starts_.end(), earlier);
  std::stable_sort(ends_.begin(), ends_.end(), earlier);
}

void NoteSequencer::releaseAll(uint32_t frame, EventList& events) {
  for (uint16_t key = 0; key < 128; ++key) {
    for (uint32_t n = 0; n < sounding_[key]; ++n) {
      events.add(noteEvent(WSP_EVENT_NOTE_OFF, frame, key, 0.0f));
    }
  }
  sounding_.fill(0);
}

void NoteSequencer::collect(int64_t timelineFrame, uint32_t frames, bool jumped,
                            EventList& events) {
  if (jumped) releaseAll(0, events);
  for (uint16_t key = 0; key < 128; ++key) {
    for (; stale_[key] > 0; --stale_[key]) {
      events.add(noteEvent(WSP_EVENT_NOTE_OFF, 0, key, 0.0f));
      if (sounding_[key] > 0) --sounding_[key];
    }
  }
  const int64_t end = timelineFrame + frames;
  // Starts and ends merged in frame order, ends first at equal frames. Only notes this sequencer
  // started (and still counts) are released, so a seek into the middle of a note never sends an
  // unmatched NOTE_OFF.
  auto s = firstAtOrAfter(starts_, timelineFrame);
  auto e = firstAtOrAfter(ends_, timelineFrame);
  while (true) {
    const bool haveStart = s != starts_.end() && s->frame < end;
    const bool haveEnd = e != ends_.end() && e->frame < end;
    if (!haveStart && !haveEnd) break;
    if (haveEnd && (!haveStart || e->frame <= s->frame)) {
      if (sounding_[e->key] > 0) {
        --sounding_[e->key];
        events.add(noteEvent(WSP_EVENT_NOTE_OFF, uint32_t(e->frame - timelineFrame), e->key, 0.0f));
      }
      ++e;
    } else {
      ++sounding_[s->key];
      events.add(noteEvent(WSP_EVENT_NOTE_ON, uint32_t(s->frame - timelineFrame), s->key, s->velocity));
      ++s;
    }
  }
}

void NoteSequencer::adopt(const NoteSequencer& previous, int64_t timelineFrame) {
  // What this sequencer's notes would have sounding at timelineFrame (started before it, ending
  // after it).
  std::array<uint32_t, 128> expected{};
  for (auto s = starts_.begin(); s != starts_.end() && s->frame < timelineFrame; ++s) {
    ++expected[s->key];
  }
  for (auto e = ends_.begin(); e != ends_.end() && e->frame < timelineFrame; ++e) {
    if (expected[e->key] > 0) --expected[e->key];
  }
  for (std::size_t key = 0; key < 128; ++key) {
    sounding_[key] = previous.sounding_[key];
    stale_[key] = sounding_[key] > expected[key] ? sounding_[key] - expected[key] : 0;
  }
}

}  // namespace wstudio::engine
