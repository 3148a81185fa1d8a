// Helpers shared by the session tests: the test data files and readable error lists.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "wstudio/session/issue.hpp"

namespace wstudio::session::test {

inline std::string readDataFile(const std::string& name) {
  std::ifstream in(std::string{WSTUDIO_SESSION_TEST_DATA_DIR} + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::string> toStrings(const Issues& issues) {
  std::vector<std::string> out;
  for (const Issue& issue : issues) out.push_back(issue.toString());
  return out;
}

}  // namespace wstudio::session::test

#include "wstudio/session/model.hpp"

namespace wstudio::session::test {

// A small valid session built in code, with values that are awkward to write as text
// (thirds, tiny numbers, every byte value, non-ASCII names).
inline Session sampleSession() {
  Session s;
  s.tempoBpm = 123.456;
  s.timeSignature = {7, 8, {}};
  s.sampleRate = 44100;
  s.nextIdNumber = 100;

  Track drums;
  drums.id = "drums";
  drums.name = "Drüms ✓";
  drums.colour = "#A0b0C0";
  drums.volumeDb = -1.0 / 3.0;
  drums.pan = -0.75;
  drums.mute = true;
  AudioClip clip;
  clip.id = "drum-clip";
  clip.source.sha256 = std::string(64, 'a');
  clip.source.path = "audio/take 1.wav";
  clip.source.sampleRate = 44100;
  clip.source.channels = 2;
  clip.source.lengthFrames = 441000;
  clip.start = 1e-9;
  clip.length = 8.5;
  clip.offsetSeconds = 0.1;
  clip.gainDb = 3;
  clip.fadeIn = 0.25;
  clip.fadeInCurve = FadeCurve::equalPower;
  clip.fadeOut = 1;
  clip.fadeOutCurve = FadeCurve::sCurve;
  drums.audioClips.push_back(clip);
  Insert comp;
  comp.id = "comp";
  comp.plugin = {"studio.wasm.compressor", std::string(64, '0'), PluginFormat::wsp, {}};
  comp.params = {{0, -18.25}, {4294967295u, 1e-300}, {7, 0.1}};
  for (int b = 0; b < 256; ++b) comp.state.push_back(static_cast<std::uint8_t>(b));
  comp.bypass = true;
  drums.inserts.push_back(comp);
  drums.output = "bus";
  s.tracks.push_back(drums);

  Track synth;
  synth.id = "synth";
  synth.kind = TrackKind::instrument;
  synth.armed = true;
  MidiClip notes;
  notes.id = "riff";
  notes.start = 4;
  notes.length = 2;
  notes.notes = {{0, 0, 0, 0.5, {}}, {127, 1, 1.5, 4, {}}};
  synth.midiClips.push_back(notes);
  Insert delay;
  delay.id = "delay";
  delay.plugin = {"vaist.tape-delay", std::nullopt, PluginFormat::vaist, {}};
  synth.inserts.push_back(delay);
  s.tracks.push_back(synth);

  Track bus;
  bus.id = "bus";
  bus.kind = TrackKind::bus;
  bus.solo = true;
  s.tracks.push_back(bus);

  Insert limiter;
  limiter.id = "limiter";
  limiter.plugin.id = "studio.wasm.limiter";
  s.master.inserts.push_back(limiter);
  s.master.volumeDb = -0.5;

  AutomationLane pan;
  pan.id = "pan-lane";
  pan.target = {"synth", AutomatedControl::pan, "", 0, {}};
  pan.points = {{0, -1, SegmentShape::curve, 0.3, {}}, {2, 1, SegmentShape::step, 0, {}},
                {3, 0, SegmentShape::linear, 0, {}}};
  s.automation.push_back(pan);
  AutomationLane param;
  param.id = "delay-mix";
  param.target = {"synth", AutomatedControl::parameter, "delay", 3, {}};
  param.points = {{1, 0.5, SegmentShape::linear, 0, {}}};
  s.automation.push_back(param);

  s.markers.push_back({"m1", 2.75, "Chorus «A»", {}});
  s.loop = {1, 9, true, {}};
  return s;
}

}  // namespace wstudio::session::test
