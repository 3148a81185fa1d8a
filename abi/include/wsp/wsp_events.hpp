// C++ builders for wsp_event records (wsp_plugin.h), for hosts, the engine and tests: one place
// that fills the union correctly, so no caller leaves a field of another event type behind.
#pragma once

#include <cstdint>

#include "wsp/wsp_plugin.h"

namespace wsp {

inline wsp_event paramEvent(uint32_t frame, uint32_t id, double value) {
  wsp_event e{};
  e.frame = frame;
  e.type = WSP_EVENT_PARAM;
  e.u.param.id = id;
  e.u.param.value = value;
  return e;
}

// type: WSP_EVENT_NOTE_ON or WSP_EVENT_NOTE_OFF.
inline wsp_event noteEvent(uint16_t type, uint32_t frame, uint16_t key, float velocity,
                           uint16_t channel = 0, int32_t noteId = -1) {
  wsp_event e{};
  e.frame = frame;
  e.type = type;
  e.u.note = {channel, key, velocity, noteId};
  return e;
}

inline wsp_event midiEvent(uint32_t frame, uint8_t status, uint8_t data1, uint8_t data2) {
  wsp_event e{};
  e.frame = frame;
  e.type = WSP_EVENT_MIDI;
  e.u.midi.bytes[0] = status;
  e.u.midi.bytes[1] = data1;
  e.u.midi.bytes[2] = data2;
  return e;
}

inline wsp_event transportEvent(uint32_t frame, double tempoBpm, double positionBeats,
                                uint32_t flags, uint16_t numerator = 4, uint16_t denominator = 4) {
  wsp_event e{};
  e.frame = frame;
  e.type = WSP_EVENT_TRANSPORT;
  e.u.transport.tempo_bpm = tempoBpm;
  e.u.transport.position_beats = positionBeats;
  e.u.transport.time_sig_numerator = numerator;
  e.u.transport.time_sig_denominator = denominator;
  e.u.transport.flags = flags;
  return e;
}

}  // namespace wsp
