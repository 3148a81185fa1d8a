// ABI-10 (unknown events and parameter ids are ignored, values are clamped) and ABI-11 (events
// take effect exactly at their frame, flushes apply parameters).
#include <algorithm>
#include <cmath>

#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;
constexpr size_t kFrames = 2048;
constexpr uint64_t kEventFrame = 300;  // inside the first 512-frame block, not at its start

Audio renderWith(Context& context, const Audio& input, std::vector<TimedEvent> events,
                 const std::string& situation) {
  auto instance = context.instantiate(kRate, 512);
  RenderJob job;
  job.input = &input;
  job.frames = kFrames;
  job.events = std::move(events);
  if (context.playsNotes()) job.events = merge(std::move(job.events), {{0, noteOn(60, 0.8f)}});
  job.situation = situation;
  return render(*instance, job);
}

void checkClamping(Context& context) {
  auto instance = context.instantiate(kRate, 512);
  for (const auto& param : context.descriptor().params) {
    const double span = param.max - param.min;
    for (double outside : {param.max + span, param.min - span}) {
      instance->setParam(param.id, outside);
      failIfFaulted(*instance, "after setting " + context.describeParam(param.id, outside));
      const double expected = outside > param.max ? param.max : param.min;
      const double got = instance->paramValue(param.id);
      if (got != expected) {
        fail("ABI-10", "setting '" + param.key + "' to " + formatNumber(outside) +
                           " (out of range) must clamp it to " + formatNumber(expected) +
                           ", but wsp_param_get returns " + formatNumber(got));
      }
    }
  }
}

}  // namespace

std::string checkEvents(Context& context) {
  auto random = context.random("events");
  const auto& d = context.descriptor();
  auto input = whiteNoise(d.inputs, kFrames, 0.5, random);
  const Audio plain = renderWith(context, input, {}, "-6 dBFS noise at 48000 Hz, no events");

  // Unknown event types and parameter ids: no effect at all. Both renders carry the same known
  // events (a parameter re-set to its current value), so a plugin that renders in sub-blocks
  // between events splits both at the same frames.
  uint32_t unknownId = 0;
  while (d.findParam(unknownId) != nullptr) ++unknownId;
  std::vector<TimedEvent> known;
  std::vector<TimedEvent> unknown;
  for (uint64_t frame : {uint64_t{0}, uint64_t{100}, uint64_t{700}}) {
    if (!d.params.empty()) {
      known.push_back({frame, paramEvent(d.params[0].id, d.params[0].defaultValue)});
    }
    wsp_event event{};
    event.type = 99;
    for (auto& byte : event.u.raw) byte = 0xA5;
    unknown.push_back({frame, event});
    unknown.push_back({frame, paramEvent(unknownId, 1.0)});
  }
  const Audio withKnown =
      renderWith(context, input, known, "-6 dBFS noise with parameters re-set to their values");
  const Audio withUnknown = renderWith(context, input, merge(known, unknown),
                                       "-6 dBFS noise with events of unknown type 99 and "
                                       "parameter id " + std::to_string(unknownId));
  if (auto difference = firstDifference(withKnown, withUnknown)) {
    fail("ABI-10", "events of unknown type 99 and PARAM events for unknown id " +
                       std::to_string(unknownId) + " must be ignored, but " +
                       describe(*difference));
  }

  // Every parameter change lands at its frame: nothing before it may differ.
  size_t tested = 0;
  for (const auto& param : d.params) {
    if (context.quick() && tested == 4) break;
    const double target = param.defaultValue != param.max ? param.max : param.min;
    const Audio changed =
        renderWith(context, input, {{kEventFrame, paramEvent(param.id, target)}},
                   "-6 dBFS noise with " + context.describeParam(param.id, target) +
                       " at frame " + std::to_string(kEventFrame));
    if (auto difference = firstDifference(plain, changed, 0, kEventFrame)) {
      fail("ABI-11", "a PARAM event for '" + param.key + "' at frame " +
                         std::to_string(kEventFrame) + " changed output before that frame: " +
                         describe(*difference) + "; apply events at their frame, not per block");
    }
    ++tested;
  }

  // Transport and other MIDI messages are accepted (their effect is the plugin's business).
  std::vector<TimedEvent> other;
  wsp_event transport{};
  transport.type = WSP_EVENT_TRANSPORT;
  transport.u.transport = {120.0, 0.0, 4, 4, WSP_TRANSPORT_PLAYING};
  other.push_back({0, transport});
  other.push_back({64, midiEvent(0xB0, 1, 64)});
  other.push_back({65, midiEvent(0xE0, 0, 0x40)});
  transport.u.transport = {90.0, 16.0, 3, 4, WSP_TRANSPORT_PLAYING | WSP_TRANSPORT_LOOPING};
  other.push_back({1000, transport});
  renderWith(context, input, other, "-6 dBFS noise with TRANSPORT and MIDI events");

  checkClamping(context);
  return "unknown events ignored, " + std::to_string(tested) +
         " parameter changes sample-accurate, out-of-range values clamped";
}

}  // namespace wstudio::conformance
