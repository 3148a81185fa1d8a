// Instruments (kind "instrument" or midi: true): notes start at their frame (ABI-11), end
// within the reported tail (ABI-13), every key and MIDI message is safe (ABI-10, ABI-12).
#include <algorithm>
#include <cstdint>

#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;
constexpr double kSilence = 1e-6;        // -120 dBFS: "no sound yet"
constexpr double kAudible = 1e-5;        // -100 dBFS: "it makes a sound"
constexpr size_t kOnsetSlack = 32;       // frames an attack may take to leave zero
constexpr double kReleaseBound = 10.0;   // seconds, when the tail is infinite or longer
constexpr double kReleasedLevel = 1e-4;  // -80 dBFS

void requireInstrument(Context& context) {
  if (!context.playsNotes()) skip("not an instrument (kind effect, midi false)");
}

}  // namespace

std::string checkNoteOnset(Context& context) {
  requireInstrument(context);
  for (uint64_t frame : {uint64_t{0}, uint64_t{300}, uint64_t{511}, uint64_t{512}, uint64_t{1500}}) {
    auto instance = context.instantiate(kRate, 512);
    RenderJob job;
    job.frames = frame + static_cast<size_t>(0.1 * kRate);
    job.events = {{frame, noteOn(60, 0.8f, 1)}};
    job.situation = "note 60 at frame " + std::to_string(frame) + ", " + hz(kRate) +
                    ", default parameters";
    const Audio output = render(*instance, job);
    const auto first = firstAbove(output, kSilence);
    if (!first) fail("ABI-10", job.situation + " makes no sound within 0.1 s");
    if (*first < frame) {
      fail("sound starts at frame " + std::to_string(*first) + ", before its note (" +
           job.situation + "); apply events at their frame, not at the block start");
    }
    if (*first > frame + kOnsetSlack) {
      fail("sound starts at frame " + std::to_string(*first) + ", " +
           std::to_string(*first - frame) + " frames after its note (" + job.situation +
           "); start voices at the event's frame");
    }
  }
  return "notes at frames 0, 300, 511, 512 and 1500 start sounding at their frame";
}

std::string checkNoteRelease(Context& context) {
  requireInstrument(context);
  auto instance = context.instantiate(kRate, 512);
  const uint32_t tail = instance->tail();
  const double reportedSeconds = tail == UINT32_MAX ? kReleaseBound : tail / kRate;
  const double bound = std::min(kReleaseBound, reportedSeconds * 1.1 + 0.1);
  const auto held = static_cast<size_t>(0.5 * kRate);
  const auto window = static_cast<size_t>(0.25 * kRate);
  RenderJob job;
  job.frames = held + static_cast<size_t>(bound * kRate) + window;
  job.events = {{0, noteOn(60, 0.8f, 1)}, {held, noteOff(60, 1)}};
  job.situation = "note 60 held 0.5 s at " + hz(kRate) + ", default parameters";
  const Audio output = render(*instance, job);
  const double loudest = maxAbs(output, 0, held).value;
  if (loudest < kAudible) fail("ABI-10", job.situation + " makes no sound");
  const Peak after = maxAbs(output, job.frames - window);
  if (after.value > std::max(kReleasedLevel, loudest * 1e-3)) {
    fail("note 60 still sounds at " + formatNumber(toDb(after.value)) + " dBFS " +
         formatNumber(static_cast<double>(after.frame - held) / kRate) +
         " s after its note-off, but wsp_tail reports " +
         (tail == UINT32_MAX ? std::string("infinite")
                             : std::to_string(tail) + " frames (" + formatNumber(tail / kRate) +
                                   " s)") +
         (tail == UINT32_MAX || reportedSeconds > kReleaseBound
              ? " and released notes must end within " + formatNumber(kReleaseBound) + " s"
              : std::string("")) +
         "; end released voices within the tail");
  }
  return "a released note falls silent within " + formatNumber(bound) + " s";
}

std::string checkNoteRange(Context& context) {
  requireInstrument(context);
  auto instance = context.instantiate(kRate, 512);
  const auto period = static_cast<size_t>(0.08 * kRate);
  const uint16_t step = context.quick() ? 7 : 1;
  std::vector<uint16_t> keys;
  for (uint16_t key = 0; key < 128; key = static_cast<uint16_t>(key + step)) keys.push_back(key);
  if (keys.back() != 127) keys.push_back(127);
  RenderJob job;
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint16_t key = keys[i];
    // Every MIDI channel, loud and soft.
    wsp_event on = noteOn(key, i % 2 == 0 ? 1.0f : 0.05f, static_cast<int32_t>(i));
    on.u.note.channel = static_cast<uint16_t>(key % 16);
    wsp_event off = noteOff(key, static_cast<int32_t>(i));
    off.u.note.channel = on.u.note.channel;
    job.events.push_back({i * period, on});
    job.events.push_back({i * period + period / 2, off});
  }
  // Then a 16-note chord at full velocity.
  const size_t chordAt = keys.size() * period;
  std::vector<TimedEvent> chord;
  for (uint16_t n = 0; n < 16; ++n) {
    chord.push_back({chordAt, noteOn(static_cast<uint16_t>(36 + 4 * n), 1.0f, 1000 + n)});
    chord.push_back({chordAt + period * 4, noteOff(static_cast<uint16_t>(36 + 4 * n), 1000 + n)});
  }
  job.events = merge(std::move(job.events), chord);
  job.frames = chordAt + period * 8;
  job.situation = "every key from 0 to 127 on all MIDI channels, then a 16-note chord, " + hz(kRate);
  const Audio output = render(*instance, job);
  size_t sounding = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (maxAbs(output, i * period, (i + 1) * period).value > kAudible) ++sounding;
  }
  if (sounding == 0) fail("ABI-10", "no key from 0 to 127 makes a sound (" + job.situation + ")");
  return std::to_string(sounding) + " of " + std::to_string(keys.size()) +
         " keys sound; a 16-note chord stays finite";
}

std::string checkMidiMessages(Context& context) {
  requireInstrument(context);
  auto instance = context.instantiate(kRate, 512);
  RenderJob job;
  job.events = {{0, noteOn(60, 0.8f, 1)}, {0, noteOn(64, 0.8f, 2)}, {0, noteOn(67, 0.8f, 3)}};
  uint64_t frame = 64;
  auto at = [&](wsp_event event) { job.events.push_back({frame++, event}); };
  for (uint16_t bend = 0; bend <= 0x3FFF; bend = static_cast<uint16_t>(bend + 0x100)) {
    at(midiEvent(0xE0, bend & 0x7F, static_cast<uint8_t>(bend >> 7)));
    frame += 32;
  }
  at(midiEvent(0xE0, 0x7F, 0x7F));
  frame += 4800;
  at(midiEvent(0xE0, 0x00, 0x00));
  frame += 4800;
  at(midiEvent(0xE0, 0x00, 0x40));
  const int ccStep = context.quick() ? 9 : 1;
  for (int cc = 0; cc < 128; cc += ccStep) {
    // Channel-mode messages (120..127) last: they may silence the chord.
    if (cc >= 120) continue;
    at(midiEvent(0xB0, static_cast<uint8_t>(cc), 127));
    at(midiEvent(0xB0, static_cast<uint8_t>(cc), 0));
  }
  for (uint8_t channel = 0; channel < 16; ++channel) {
    at(midiEvent(static_cast<uint8_t>(0xD0 | channel), 127, 0));        // channel pressure
    at(midiEvent(static_cast<uint8_t>(0xA0 | channel), 60, 127));       // poly pressure
    at(midiEvent(static_cast<uint8_t>(0xC0 | channel), channel, 0));    // program change
  }
  frame += 4800;
  for (int cc = 120; cc < 128; ++cc) at(midiEvent(0xB0, static_cast<uint8_t>(cc), 0));
  at(noteOff(60, 1));
  at(noteOff(64, 2));
  at(noteOff(67, 3));
  job.frames = frame + static_cast<size_t>(0.5 * kRate);
  job.situation = "a held chord with pitch bend sweeps and extremes, every controller at 0 and "
                  "127, pressure and program changes on all channels, " + hz(kRate);
  render(*instance, job);
  return "pitch bend, controllers, pressure and program changes leave output finite";
}

}  // namespace wstudio::conformance
