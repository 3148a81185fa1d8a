// The MIDI clips of an instrument track as NOTE_ON / NOTE_OFF events at exact frames.
//
// Notes are flattened at build time into two lists sorted by frame (starts and ends, each clipped
// to its clip's end; muted clips and notes starting at or after their clip's end are left out).
// The sequencer counts sounding notes per key so that it can release them at a loop wrap or when
// a rebuilt graph no longer has them; after a seek nothing sounds until the next note start.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "event_list.hpp"

namespace wstudio::engine {

struct NoteEdge {
  int64_t frame = 0;
  uint16_t key = 0;
  float velocity = 0.0f;  // starts only
};

class NoteSequencer {
 public:
  NoteSequencer() = default;
  // [main] starts and ends in any order; sorted here.
  NoteSequencer(std::vector<NoteEdge> starts, std::vector<NoteEdge> ends);

  // [audio] Adds the events of [timelineFrame, timelineFrame + frames). `jumped`: playback did
  // not arrive here continuously, so everything still sounding is released at frame 0.
  void collect(int64_t timelineFrame, uint32_t frames, bool jumped, EventList& events);
  // [audio] Forgets sounding notes (the instrument was reset).
  void clear() { sounding_.fill(0); }
  // [audio] Takes over the notes sounding in the sequencer this one replaces; the ones this
  // sequencer does not have sounding at `timelineFrame` are released at the next collect().
  void adopt(const NoteSequencer& previous, int64_t timelineFrame);

  std::size_t edgeCount() const { return starts_.size() + ends_.size(); }

 private:
  void releaseAll(uint32_t frame, EventList& events);

  std::vector<NoteEdge> starts_;
  std::vector<NoteEdge> ends_;
  std::array<uint32_t, 128> sounding_{};  // notes on per key
  std::array<uint32_t, 128> stale_{};     // adopted notes to release at the next collect()
};

}  // namespace wstudio::engine
