// Which order tracks are processed in, and which are audible under mute and solo.
//
// Order: every audio and instrument track in display order, then the buses, farthest from the
// master first, so each bus comes after everything that feeds it.
//
// Solo (with "solo-safe" paths): when any track is soloed, a track is audible if it is soloed,
// if it feeds a soloed bus (directly or through other buses: a soloed bus is heard with its
// sources), or if it is a bus that a soloed track passes through on its way to the master (so
// the solo is heard at all). Mute always wins: a muted track is silent even when soloed, and a
// muted bus silences what passes through it.
#pragma once

#include <cstddef>
#include <vector>

#include "wstudio/session/model.hpp"

namespace wstudio::engine {

struct Routing {
  std::vector<std::size_t> order;  // indices into session.tracks
  std::vector<bool> audible;       // by session track index
  std::vector<std::ptrdiff_t> destination;  // session track index of the output bus; -1: master
};

// `session` must be valid (outputs exist, are buses and have no cycles).
Routing planRouting(const session::Session& session);

}  // namespace wstudio::engine
