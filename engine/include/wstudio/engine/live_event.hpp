// A control change that reaches the audio thread without a graph rebuild: a plugin parameter, a
// live note, a fader move. The browser's control ring (web/src/shared/control-ring.ts) carries
// exactly these into engine.wasm; natively Player::sendLive queues them. They act on the playing
// graph only: the edit that keeps a value (a session operation) rebuilds the graph with it, so a
// live change is the fast path of an edit, not a second source of truth.
#pragma once

#include <cstdint>

namespace wstudio::engine {

enum class LiveEventKind : uint8_t {
  Param,    // slot's parameter `id` to `value` (plain units), at `offset`
  NoteOn,   // key `id`, velocity `value` (0..1], to the track's instrument, at `offset`
  NoteOff,  // key `id`
  Volume,   // the track's fader to `value` dB (glides over the fader's ramp from the block start)
  Pan,      // the track's pan to `value` (-1 left .. 1 right), glides likewise
};

struct LiveEvent {
  LiveEventKind kind = LiveEventKind::Param;
  int32_t track = -1;   // index in processing order in the newest graph (trackId()); -1: master
  uint32_t slot = 0;    // insert slot in the session's chain (Param)
  uint32_t id = 0;      // parameter id, or note key
  double value = 0.0;
  uint32_t offset = 0;  // frames into the next render() call; past its end: the call after
  uint16_t channel = 0; // note channel
};

}  // namespace wstudio::engine
