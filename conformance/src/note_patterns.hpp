// Notes for instruments during the stress checks: an effect is driven by its audio input, an
// instrument only sounds when played, so every stress render also plays chords to it.
#pragma once

#include <cstddef>
#include <vector>

#include "render.hpp"

namespace wstudio::conformance {

// A four-note chord every `period` frames, each held for 3/4 of the period, keys walking up
// the keyboard; ends with every note released. Sorted by frame.
std::vector<TimedEvent> chordPattern(size_t frames, size_t period);

// Merges b into a, keeping frame order (stable: a's events first at equal frames).
std::vector<TimedEvent> merge(std::vector<TimedEvent> a, const std::vector<TimedEvent>& b);

}  // namespace wstudio::conformance
