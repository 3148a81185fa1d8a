#include "wstudio/forge/block_catalog.hpp"

#include <array>

namespace wstudio::forge {
namespace {

constexpr Scale L = Scale::Linear, G = Scale::Log, D = Scale::Db;

// Divisions shared by every tempo-synced block (delay, tremolo, autopan).
constexpr std::string_view kSyncChoices =
    "off|1/1|1/2|1/2 dotted|1/2 triplet|1/4|1/4 dotted|1/4 triplet|1/8|1/8 dotted|1/8 triplet|"
    "1/16|1/16 dotted|1/16 triplet|1/32";

constexpr ControlSpec kGain[] = {{"gain", "Gain", "dB", -60, 24, 0, D, true}};
constexpr ControlSpec kSaturate[] = {{"drive", "Drive", "dB", 0, 48, 12, L, true},
                                     {"output", "Output", "dB", -24, 24, 0, D, false}};
constexpr OptionSpec kSaturateOptions[] = {{"character", "tape|tube|hard|fuzz|fold"}};
constexpr ControlSpec kBitcrush[] = {{"bits", "Bits", "bits", 1, 16, 8, L, true},
                                     {"downsample", "Downsample", "x", 1, 32, 1, L, true}};
constexpr ControlSpec kLowpass[] = {{"cutoff", "Cutoff", "Hz", 20, 20000, 2000, G, true},
                                    {"resonance", "Resonance", "Q", 0.3, 10, 0.7071, G, false}};
constexpr ControlSpec kHighpass[] = {{"cutoff", "Cutoff", "Hz", 20, 20000, 200, G, true},
                                     {"resonance", "Resonance", "Q", 0.3, 10, 0.7071, G, false}};
constexpr ControlSpec kBandpass[] = {{"frequency", "Frequency", "Hz", 20, 20000, 1000, G, true},
                                     {"q", "Q", "Q", 0.3, 20, 1, G, true}};
constexpr ControlSpec kNotch[] = {{"frequency", "Frequency", "Hz", 20, 20000, 1000, G, true},
                                  {"q", "Q", "Q", 0.3, 20, 2, G, false}};
constexpr ControlSpec kLowShelf[] = {{"frequency", "Frequency", "Hz", 20, 20000, 200, G, false},
                                     {"gain", "Gain", "dB", -24, 24, 0, L, true}};
constexpr ControlSpec kHighShelf[] = {{"frequency", "Frequency", "Hz", 20, 20000, 4000, G, false},
                                      {"gain", "Gain", "dB", -24, 24, 0, L, true}};
constexpr ControlSpec kPeak[] = {{"frequency", "Frequency", "Hz", 20, 20000, 1000, G, true},
                                 {"gain", "Gain", "dB", -24, 24, 0, L, true},
                                 {"q", "Q", "Q", 0.3, 10, 1, G, false}};
constexpr ControlSpec kCompressor[] = {{"threshold", "Threshold", "dB", -60, 0, -18, L, true},
                                       {"ratio", "Ratio", ":1", 1, 20, 4, G, true},
                                       {"attack", "Attack", "ms", 0.1, 200, 10, G, true},
                                       {"release", "Release", "ms", 5, 2000, 120, G, true},
                                       {"makeup", "Makeup", "dB", 0, 24, 0, L, false}};
constexpr ControlSpec kLimiter[] = {{"ceiling", "Ceiling", "dB", -24, 0, -1, L, true},
                                    {"release", "Release", "ms", 1, 1000, 50, G, true}};
constexpr ControlSpec kGate[] = {{"threshold", "Threshold", "dB", -90, 0, -50, L, true},
                                 {"attack", "Attack", "ms", 0.1, 50, 1, G, false},
                                 {"release", "Release", "ms", 5, 2000, 100, G, true},
                                 {"range", "Range", "dB", -90, 0, -80, L, false}};
constexpr ControlSpec kDelay[] = {{"time", "Time", "ms", 1, 2000, 375, G, true},
                                  {"feedback", "Feedback", "%", 0, 95, 35, L, true},
                                  {"mix", "Mix", "%", 0, 100, 35, L, true},
                                  {"tone", "Tone", "Hz", 500, 20000, 8000, G, false},
                                  {"ducking", "Ducking", "%", 0, 100, 0, L, false}};
constexpr OptionSpec kDelayOptions[] = {{"sync", kSyncChoices}, {"pingpong", "off|on"}};
constexpr ControlSpec kReverb[] = {{"size", "Size", "%", 0, 100, 50, L, true},
                                   {"decay", "Decay", "s", 0.1, 20, 2, G, true},
                                   {"damping", "Damping", "%", 0, 100, 40, L, false},
                                   {"mix", "Mix", "%", 0, 100, 30, L, true},
                                   {"predelay", "Pre-delay", "ms", 0, 200, 10, L, false}};
constexpr ControlSpec kChorus[] = {{"rate", "Rate", "Hz", 0.05, 10, 0.8, G, true},
                                   {"depth", "Depth", "ms", 0, 10, 3, L, true},
                                   {"delay", "Delay", "ms", 1, 40, 15, L, false},
                                   {"feedback", "Feedback", "%", 0, 90, 0, L, false},
                                   {"mix", "Mix", "%", 0, 100, 50, L, true}};
constexpr ControlSpec kFlanger[] = {{"rate", "Rate", "Hz", 0.05, 10, 0.3, G, true},
                                    {"depth", "Depth", "ms", 0, 5, 1.5, L, true},
                                    {"delay", "Delay", "ms", 0.1, 10, 1.5, L, false},
                                    {"feedback", "Feedback", "%", 0, 95, 50, L, true},
                                    {"mix", "Mix", "%", 0, 100, 50, L, true}};
constexpr ControlSpec kPhaser[] = {{"rate", "Rate", "Hz", 0.05, 10, 0.5, G, true},
                                   {"depth", "Depth", "%", 0, 100, 70, L, true},
                                   {"feedback", "Feedback", "%", 0, 90, 40, L, true},
                                   {"mix", "Mix", "%", 0, 100, 50, L, true}};
constexpr ControlSpec kTremolo[] = {{"rate", "Rate", "Hz", 0.1, 20, 5, G, true},
                                    {"depth", "Depth", "%", 0, 100, 50, L, true}};
constexpr ControlSpec kAutopan[] = {{"rate", "Rate", "Hz", 0.1, 20, 1, G, true},
                                    {"depth", "Depth", "%", 0, 100, 100, L, true}};
constexpr OptionSpec kLfoOptions[] = {{"sync", kSyncChoices}, {"shape", "sine|triangle|square"}};
constexpr ControlSpec kVibrato[] = {{"rate", "Rate", "Hz", 0.1, 15, 5, G, true},
                                    {"depth", "Depth", "ms", 0, 5, 1, L, true}};
constexpr ControlSpec kWidth[] = {{"width", "Width", "%", 0, 200, 150, L, true}};
constexpr ControlSpec kRingmod[] = {{"frequency", "Frequency", "Hz", 1, 5000, 440, G, true},
                                    {"mix", "Mix", "%", 0, 100, 100, L, true}};
constexpr ControlSpec kSynth[] = {{"attack", "Attack", "ms", 0.5, 5000, 5, G, true},
                                  {"decay", "Decay", "ms", 1, 5000, 200, G, false},
                                  {"sustain", "Sustain", "%", 0, 100, 70, L, true},
                                  {"release", "Release", "ms", 1, 10000, 300, G, true},
                                  {"cutoff", "Cutoff", "Hz", 20, 20000, 4000, G, true},
                                  {"resonance", "Resonance", "Q", 0.3, 10, 0.7071, G, false},
                                  {"level", "Level", "dB", -48, 6, -6, D, true}};
constexpr OptionSpec kSynthOptions[] = {{"wave", "saw|square|triangle|sine"}};

const BlockSpec kCatalog[] = {
    {"gain", "Gain", "Gain", false, kGain, {}, "gain"},
    {"saturate", "Saturation", "Saturator", false, kSaturate, kSaturateOptions, "drive"},
    {"bitcrush", "Bitcrusher", "Bitcrusher", false, kBitcrush, {}, "bits"},
    {"lowpass", "Low-pass", "LowPass", false, kLowpass, {}, "cutoff"},
    {"highpass", "High-pass", "HighPass", false, kHighpass, {}, "cutoff"},
    {"bandpass", "Band-pass", "BandPass", false, kBandpass, {}, "frequency"},
    {"notch", "Notch", "Notch", false, kNotch, {}, "frequency"},
    {"lowshelf", "Low Shelf", "LowShelf", false, kLowShelf, {}, "gain"},
    {"highshelf", "High Shelf", "HighShelf", false, kHighShelf, {}, "gain"},
    {"peak", "Peak EQ", "PeakEq", false, kPeak, {}, "gain"},
    {"compressor", "Compressor", "Compressor", false, kCompressor, {}, "threshold"},
    {"limiter", "Limiter", "Limiter", false, kLimiter, {}, "ceiling"},
    {"gate", "Gate", "Gate", false, kGate, {}, "threshold"},
    {"delay", "Delay", "Delay", false, kDelay, kDelayOptions, "time"},
    {"reverb", "Reverb", "Reverb", false, kReverb, {}, "mix"},
    {"chorus", "Chorus", "Chorus", false, kChorus, {}, "depth"},
    {"flanger", "Flanger", "Flanger", false, kFlanger, {}, "depth"},
    {"phaser", "Phaser", "Phaser", false, kPhaser, {}, "depth"},
    {"tremolo", "Tremolo", "Tremolo", false, kTremolo, kLfoOptions, "depth"},
    {"autopan", "Autopan", "Autopan", false, kAutopan, kLfoOptions, "depth"},
    {"vibrato", "Vibrato", "Vibrato", false, kVibrato, {}, "depth"},
    {"width", "Stereo Width", "StereoWidth", false, kWidth, {}, "width"},
    {"ringmod", "Ring Modulator", "RingModulator", false, kRingmod, {}, "frequency"},
    {"synth", "Synth", "Synth", true, kSynth, kSynthOptions, "cutoff"},
};

struct Division {
  std::string_view name;
  double beats;
};
constexpr Division kDivisions[] = {
    {"1/1", 4.0},        {"1/2", 2.0},         {"1/2 dotted", 3.0},  {"1/2 triplet", 4.0 / 3.0},
    {"1/4", 1.0},        {"1/4 dotted", 1.5},  {"1/4 triplet", 2.0 / 3.0},
    {"1/8", 0.5},        {"1/8 dotted", 0.75}, {"1/8 triplet", 1.0 / 3.0},
    {"1/16", 0.25},      {"1/16 dotted", 0.375}, {"1/16 triplet", 1.0 / 6.0},
    {"1/32", 0.125},
};

}  // namespace

std::span<const BlockSpec> blockCatalog() { return kCatalog; }

const BlockSpec* findBlockSpec(std::string_view kind) {
  for (const BlockSpec& spec : kCatalog)
    if (spec.kind == kind) return &spec;
  return nullptr;
}

const ControlSpec* findControl(const BlockSpec& spec, std::string_view control) {
  for (const ControlSpec& c : spec.controls)
    if (c.id == control) return &c;
  return nullptr;
}

const OptionSpec* findOption(const BlockSpec& spec, std::string_view option) {
  for (const OptionSpec& o : spec.options)
    if (o.id == option) return &o;
  return nullptr;
}

bool optionAllows(const OptionSpec& option, std::string_view value) {
  std::string_view rest = option.choices;
  while (true) {
    const size_t bar = rest.find('|');
    if (rest.substr(0, bar) == value) return true;
    if (bar == std::string_view::npos) return false;
    rest.remove_prefix(bar + 1);
  }
}

std::string_view defaultChoice(const OptionSpec& option) {
  return option.choices.substr(0, option.choices.find('|'));
}

double divisionBeats(std::string_view division) {
  for (const Division& d : kDivisions)
    if (d.name == division) return d.beats;
  return 0.0;
}

Block defaultBlock(const BlockSpec& spec) {
  Block block;
  block.kind = std::string(spec.kind);
  for (const ControlSpec& c : spec.controls) block.controls[std::string(c.id)] = Control{{}, c.defaultValue};
  for (const OptionSpec& o : spec.options)
    block.options[std::string(o.id)] = std::string(defaultChoice(o));
  return block;
}

}  // namespace wstudio::forge
