// Random parameter automation for the checks that render under changing parameters.
#pragma once

#include <cstddef>
#include <vector>

#include "check_context.hpp"
#include "render.hpp"

namespace wstudio::conformance {

// `count` PARAM events, each setting a random parameter to a random value along its scale, at
// random frames in [0, frames); sorted by frame. Empty for a plugin without parameters.
std::vector<TimedEvent> randomAutomation(const Context& context, Random& random, size_t frames,
                                         size_t count);

}  // namespace wstudio::conformance
