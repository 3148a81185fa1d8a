// The canonical JSON of the parts of a session (docs/session-format.md, "Canonical text"), used
// by save() and by the operation writer (docs/session-ops.md), so that a track, clip or insert is
// spelled the same in a session file and in an operation.
#pragma once

#include <nlohmann/json.hpp>

#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

using Out = nlohmann::ordered_json;

// Whole numbers without a fraction ("120", not "120.0").
Out writeNumber(double value);

Out write(const TimeSignature& signature);
Out write(const AudioSource& source);
Out write(const AudioClip& clip);
Out write(const Note& note);
Out write(const MidiClip& clip);
Out write(const PluginRef& plugin);
Out write(const Insert& insert);
Out write(const Track& track);
Out write(const Master& master);
Out write(const AutomationTarget& target);
Out write(const AutomationPoint& point);
Out write(const AutomationLane& lane);
Out write(const Marker& marker);
Out write(const LoopRegion& loop);

}  // namespace wstudio::session::detail
