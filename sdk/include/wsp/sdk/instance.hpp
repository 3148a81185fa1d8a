// One live plugin instance as the ABI sees it: the author's plugin object plus everything the SDK
// does around it (buffers, parameter values, event splitting, state, output hygiene).
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "wsp/dsp/heap_array.hpp"
#include "wsp/sdk/block.hpp"
#include "wsp/sdk/events.hpp"
#include "wsp/sdk/hooks.hpp"
#include "wsp/sdk/param_value.hpp"
#include "wsp/sdk/plugin.hpp"
#include "wsp/sdk/state_format.hpp"
#include "wsp/wsp_plugin.h"

namespace wsp::sdk::detail {

// Twice the ABI minimum: a host rarely has to split a block for lack of room, at 16 KiB.
inline constexpr uint32_t kEventCapacity = 2 * WSP_MIN_EVENT_CAPACITY;

template <typename P>
class Instance {
  static constexpr std::span<const Param> kParams{P::params};
  static constexpr uint32_t kParamCount = uint32_t(kParams.size());
  static constexpr uint32_t kInputs = P::info.inputs;
  static constexpr uint32_t kOutputs = P::info.outputs;

 public:
  Instance() {
    for (uint32_t i = 0; i < kParamCount; ++i) values_[i].bind(kParams[i]);
    plugin_.params_ = values_.data();
    plugin_.paramCount_ = kParamCount;
  }
  ~Instance() { deactivate(); }

  int32_t activate(double sampleRate, uint32_t maxFrames) {
    // Written as !(in range) so that a NaN sample rate is refused too.
    if (!(sampleRate >= 8000.0 && sampleRate <= 384000.0) || maxFrames < 1 ||
        maxFrames > WSP_MAX_BLOCK_FRAMES)
      return WSP_ERR_INVALID_ARGUMENT;
    deactivate();
    if (!audio_.allocate(size_t(kInputs + kOutputs) * maxFrames) ||
        !events_.allocate(kEventCapacity)) {
      releaseBuffers();
      return WSP_ERR_OUT_OF_MEMORY;
    }
    for (uint32_t c = 0; c < kInputs; ++c) inputs_[c] = audio_.data() + size_t(c) * maxFrames;
    for (uint32_t c = 0; c < kOutputs; ++c)
      outputs_[c] = audio_.data() + size_t(kInputs + c) * maxFrames;
    plugin_.sampleRate_ = sampleRate;
    plugin_.maxFrames_ = maxFrames;
    for (auto& v : values_) v.setup(sampleRate);
    if constexpr (HasActivate<P>) {
      if constexpr (std::is_same_v<decltype(plugin_.activate(sampleRate, maxFrames)), bool>) {
        if (!plugin_.activate(sampleRate, maxFrames)) {
          releaseBuffers();
          return WSP_ERR_OUT_OF_MEMORY;
        }
      } else {
        plugin_.activate(sampleRate, maxFrames);
      }
    }
    active_ = true;
    // A freshly activated plugin starts from silence with parameters at their targets.
    reset();
    return WSP_OK;
  }

  void deactivate() {
    if (!active_) return;
    if constexpr (HasDeactivate<P>) plugin_.deactivate();
    active_ = false;
    releaseBuffers();
    publishLatency();
  }

  void reset() {
    for (auto& v : values_) v.snap();
    if (!active_) return;
    if constexpr (HasReset<P>) plugin_.reset();
    publishLatency();
  }

  // wsp.latency-word/1 (ABI-20): what latency() returns, kept current by every call that can
  // change it, so that a host reads it instead of calling wsp_latency after each block.
  const uint32_t* latencyWord() const { return &latencyWord_; }

  float* audioBuffer(uint32_t port, uint32_t channel) const {
    if (!active_) return nullptr;
    if (port == WSP_PORT_INPUT && channel < kInputs) return inputs_[channel];
    if (port == WSP_PORT_OUTPUT && channel < kOutputs) return outputs_[channel];
    return nullptr;
  }
  wsp_event* eventBuffer() const { return active_ ? events_.data() : nullptr; }
  uint32_t eventCapacity() const { return active_ ? kEventCapacity : 0; }

  // Renders sub-blocks between events so that each event acts exactly at its frame (ABI-11).
  int32_t process(uint32_t frames, uint32_t eventCount) {
    if (!active_) return WSP_ERR_BAD_STATE;
    if (frames > plugin_.maxFrames_ || eventCount > kEventCapacity) return WSP_ERR_INVALID_ARGUMENT;
    uint32_t done = 0;
    uint32_t e = 0;
    while (done < frames) {
      // Also applies, without complaint, events a host left out of order.
      while (e < eventCount && events_[e].frame <= done) apply(events_[e++]);
      const uint32_t end = e < eventCount && events_[e].frame < frames ? events_[e].frame : frames;
      plugin_.process(Block(inputs_.data(), kInputs, outputs_.data(), kOutputs, done, end - done));
      done = end;
    }
    // A flush (frames == 0), and events past the block's end (a host bug), act at the end.
    while (e < eventCount) apply(events_[e++]);
    flushDenormals(frames);
    publishLatency();
    return WSP_OK;
  }

  double paramGet(uint32_t id) const {
    const ParamValue* v = find(id);
    return v ? v->value() : std::nan("");
  }

  uint32_t latency() const {
    if constexpr (HasLatency<P>) return active_ ? plugin_.latency() : 0u;
    return 0;
  }
  uint32_t tail() const {
    if constexpr (HasTail<P>) return active_ ? plugin_.tail() : 0u;
    return 0;
  }

  int32_t stateSave() {
    std::vector<uint8_t> extra;
    if constexpr (HasExtraState<P>) plugin_.saveExtraState(extra);
    const size_t size = stateBytes(kParamCount, extra.size());
    if (size > INT32_MAX) return WSP_ERR_OUT_OF_MEMORY;
    if (!state_.reserve(size)) return WSP_ERR_OUT_OF_MEMORY;
    writeState(
        state_.data(), kIdHash, kParamCount, [](uint32_t i) { return kParams[i].id; },
        [this](uint32_t i) { return values_[i].value(); }, extra);
    return int32_t(size);
  }

  uint8_t* stateBuffer(uint32_t minSize) {
    // Never hand out a null pointer for a live instance: 0 means out of memory.
    return state_.reserve(minSize > 0 ? minSize : 1) ? state_.data() : nullptr;
  }

  // All or nothing: every check runs before the first change (ABI-15).
  int32_t stateLoad(uint32_t size) {
    if (size > state_.size()) return WSP_ERR_INVALID_ARGUMENT;
    StateView view;
    if (!view.parse({state_.data(), size}, kIdHash)) return WSP_ERR_BAD_DATA;
    if constexpr (HasExtraState<P>) {
      if (!plugin_.loadExtraState(view.extra())) return WSP_ERR_BAD_DATA;
    }
    // Parameters the state does not mention (saved by an older version) return to default;
    // ids the plugin no longer has are skipped.
    for (auto& v : values_) v.set(v.spec().defaultValue);
    for (uint32_t i = 0; i < view.count(); ++i)
      if (ParamValue* v = find(view.id(i))) v->set(view.value(i));
    // Loaded state sounds like the saved instance at once, not after a glide.
    for (auto& v : values_) v.snap();
    publishLatency();
    return WSP_OK;
  }

 private:
  static constexpr uint32_t kIdHash = pluginIdHash(P::info.id);

  // Tables usually number parameters 0, 1, 2...: then one comparison finds the value; otherwise a
  // scan of the (small) table.
  ParamValue* find(uint32_t id) {
    if (id < kParamCount && values_[id].id() == id) return &values_[id];
    for (uint32_t i = 0; i < kParamCount; ++i)
      if (values_[i].id() == id) return &values_[i];
    return nullptr;
  }
  const ParamValue* find(uint32_t id) const { return const_cast<Instance*>(this)->find(id); }

  void publishLatency() { latencyWord_ = latency(); }

  void releaseBuffers() {
    audio_.release();
    events_.release();
    inputs_.fill(nullptr);
    outputs_.fill(nullptr);
  }

  void apply(const wsp_event& event) {
    switch (event.type) {
      case WSP_EVENT_PARAM:
        if (ParamValue* v = find(event.u.param.id)) v->set(event.u.param.value);
        break;
      case WSP_EVENT_NOTE_ON:
      case WSP_EVENT_NOTE_OFF: {
        const auto& n = event.u.note;
        if (n.channel > 15 || n.key > 127) break;
        // fmax/fmin map a NaN velocity to 0 rather than into a voice.
        const Note note{n.channel, n.key, std::fmin(std::fmax(n.velocity, 0.0f), 1.0f), n.note_id};
        if (event.type == WSP_EVENT_NOTE_ON) {
          if constexpr (HasNoteOn<P>) plugin_.noteOn(note);
        } else {
          if constexpr (HasNoteOff<P>) plugin_.noteOff(note);
        }
        break;
      }
      case WSP_EVENT_MIDI:
        applyMidi(Midi{event.u.midi.bytes[0], uint8_t(event.u.midi.bytes[1] & 0x7F),
                       uint8_t(event.u.midi.bytes[2] & 0x7F)});
        break;
      case WSP_EVENT_TRANSPORT:
        if constexpr (HasTransport<P>) {
          const auto& t = event.u.transport;
          plugin_.transport(Transport{t.tempo_bpm, t.position_beats, t.time_sig_numerator,
                                      t.time_sig_denominator, (t.flags & WSP_TRANSPORT_PLAYING) != 0,
                                      (t.flags & WSP_TRANSPORT_LOOPING) != 0});
        }
        break;
      default:
        break;  // unknown event types are ignored (ABI-10)
    }
  }

  // Raw note on/off bytes become note hooks, so an instrument handles notes in one place.
  void applyMidi(const Midi& m) {
    if (m.status < 0x80 || m.status >= 0xF0) return;  // channel messages only
    const Note note{m.channel(), m.data1, float(m.data2) / 127.0f, -1};
    if (m.command() == 0x90 && m.data2 > 0) {
      if constexpr (HasNoteOn<P>) plugin_.noteOn(note);
    } else if (m.command() == 0x80 || m.command() == 0x90) {
      // Note on with velocity 0 is the running-status way to say note off.
      if constexpr (HasNoteOff<P>) plugin_.noteOff(note);
    } else {
      if constexpr (HasMidi<P>) plugin_.midi(m);
    }
  }

  // Denormals cost the host (and the next plugin) dearly on some CPUs; NaN and Inf are left
  // alone on purpose so that the host sees and reports a plugin bug (ABI-12).
  // Written as an unconditional select on the bit pattern (|x| below the smallest normal) so
  // that it vectorises, natively and as wasm SIMD; a conditional store did not.
  void flushDenormals(uint32_t frames) {
    for (uint32_t c = 0; c < kOutputs; ++c) {
      float* out = outputs_[c];
      for (uint32_t i = 0; i < frames; ++i) {
        const uint32_t magnitude = std::bit_cast<uint32_t>(out[i]) & 0x7fffffffu;
        out[i] = magnitude < 0x00800000u ? 0.0f : out[i];
      }
    }
  }

  static_assert(HasProcess<P>, "a WSP plugin needs: void process(const wsp::sdk::Block&)");
  static_assert(std::is_base_of_v<Plugin, P>, "a WSP plugin derives from wsp::sdk::Plugin");

  // First, in the line a host touches first (it reads this word after every wsp_process).
  uint32_t latencyWord_ = 0;
  std::array<ParamValue, kParamCount> values_{};
  P plugin_;
  dsp::HeapArray<float> audio_;
  dsp::HeapArray<wsp_event> events_;
  dsp::HeapArray<uint8_t> state_;
  std::array<float*, kInputs> inputs_{};
  std::array<float*, kOutputs> outputs_{};
  bool active_ = false;
};

}  // namespace wsp::sdk::detail
