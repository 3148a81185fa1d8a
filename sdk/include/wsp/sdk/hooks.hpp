// Which optional members a plugin class defines. The SDK calls a hook only if it exists, so a
// plugin writes just what it needs; everything else has a sensible default.
#pragma once

#include <concepts>
#include <cstdint>
#include <span>
#include <vector>

#include "wsp/sdk/block.hpp"
#include "wsp/sdk/events.hpp"

namespace wsp::sdk::detail {

template <typename P>
concept HasProcess = requires(P& p, const Block& b) { p.process(b); };
// void or bool activate(double sampleRate, uint32_t maxFrames); false = out of memory.
template <typename P>
concept HasActivate = requires(P& p, double sr, uint32_t n) { p.activate(sr, n); };
template <typename P>
concept HasDeactivate = requires(P& p) { p.deactivate(); };
template <typename P>
concept HasReset = requires(P& p) { p.reset(); };
template <typename P>
concept HasNoteOn = requires(P& p, const Note& n) { p.noteOn(n); };
template <typename P>
concept HasNoteOff = requires(P& p, const Note& n) { p.noteOff(n); };
template <typename P>
concept HasMidi = requires(P& p, const Midi& m) { p.midi(m); };
template <typename P>
concept HasTransport = requires(P& p, const Transport& t) { p.transport(t); };
template <typename P>
concept HasLatency = requires(const P& p) { { p.latency() } -> std::convertible_to<uint32_t>; };
template <typename P>
concept HasTail = requires(const P& p) { { p.tail() } -> std::convertible_to<uint32_t>; };
template <typename P>
concept HasExtraState = requires(const P& cp, P& p, std::vector<uint8_t>& out,
                                 std::span<const uint8_t> in) {
  cp.saveExtraState(out);
  { p.loadExtraState(in) } -> std::same_as<bool>;
};

}  // namespace wsp::sdk::detail
