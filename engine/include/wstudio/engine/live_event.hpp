// A control change that reaches the audio thread without a graph rebuild: a plugin parameter, a
// live note, a fader move. The browser's control ring (web/src/shared/control-ring.ts) carries
// exactly these into engine.wasm; natively Player::sendLive queues them. They act on the playing
// graph only: the edit that keeps a value (a session operation) rebuilds the graph with it, so a
// live change is the fast path of an edit, not a second source of truth.
#pragma once

#include <cstdint>

#include "wstudio/boundary/boundary.hpp"

namespace wstudio::engine {

// The kinds and their codes are rows of abi/boundary.json ("liveEvents"), so that the JavaScript
// that writes them (LIVE_EVENT) and this enum cannot drift apart.
using LiveEventKind = boundary::LiveEventKind;

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
