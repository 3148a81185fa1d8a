// What the optional event hooks of a plugin receive: noteOn/noteOff(const Note&),
// midi(const Midi&), transport(const Transport&). The SDK calls them exactly at the event's frame,
// between the sub-blocks it renders.
#pragma once

#include <cstdint>

namespace wsp::sdk {

struct Note {
  uint16_t channel = 0;   // 0..15
  uint16_t key = 60;      // 0..127, 60 = middle C
  float velocity = 1.0f;  // 0..1 (release velocity for noteOff)
  int32_t noteId = -1;    // host-assigned, or -1 (always -1 for notes that came as raw MIDI)
};

// A MIDI 1.0 channel message other than note on/off (those become Note hooks).
struct Midi {
  uint8_t status = 0;
  uint8_t data1 = 0;
  uint8_t data2 = 0;

  uint8_t command() const { return status & 0xF0; }
  uint8_t channel() const { return status & 0x0F; }
  bool isControlChange() const { return command() == 0xB0; }
  uint8_t controller() const { return data1; }
  // CC value, 0..1.
  float controlValue() const { return float(data2) / 127.0f; }
  bool isPitchBend() const { return command() == 0xE0; }
  // Pitch bend, -1..+1 (0 = centre).
  float pitchBend() const {
    const int raw = (int(data2) << 7 | int(data1)) - 8192;
    return raw < 0 ? float(raw) / 8192.0f : float(raw) / 8191.0f;
  }
  bool isChannelPressure() const { return command() == 0xD0; }
  bool isPolyPressure() const { return command() == 0xA0; }
};

struct Transport {
  double tempoBpm = 120.0;
  double positionBeats = 0.0;  // quarter notes from song start, at this frame
  uint16_t timeSigNumerator = 4;
  uint16_t timeSigDenominator = 4;
  bool playing = false;
  bool looping = false;
};

}  // namespace wsp::sdk
