// Which frames `vaist render` renders: --range in beats or seconds, or by default the whole
// session, from 0 to the end of its last clip plus a tail for reverbs and delays to ring out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "render_options.hpp"
#include "wstudio/session/model.hpp"

namespace vaist {

// Long enough for the factory reverb's default decay and a few delay repeats to fade.
inline constexpr double kDefaultTailSeconds = 2.0;

struct FrameRange {
  std::int64_t start = 0;
  std::int64_t end = 0;  // exclusive
};

// The end of the last audio or MIDI clip, in beats (0 for a session without clips).
wstudio::session::Beats sessionEnd(const wstudio::session::Session& session);

// The range at `sampleRate`, or a message saying why it is empty.
std::optional<FrameRange> renderRange(const wstudio::session::Session& session,
                                      const RenderOptions& options, int sampleRate,
                                      std::string& problem);

}  // namespace vaist
