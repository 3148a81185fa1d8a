#include "lexicon.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace wstudio::forge::detail {
namespace {

using S = Setting;

// Longest phrases are tried first (the generator sorts by length), so "ping pong delay" beats
// "delay" and "low pass" beats "low".
const std::vector<EffectWord> kEffects = {
    {{"gain"}, "gain", {}},
    {{"volume"}, "gain", {}},
    {{"trim"}, "gain", {}},
    {{"utility"}, "gain", {}},
    {{"attenuator"}, "gain", {}},
    {{"saturation"}, "saturate", {}},
    {{"saturator"}, "saturate", {}},
    {{"saturate"}, "saturate", {}},
    {{"saturating"}, "saturate", {}},
    {{"overdrive"}, "saturate", {{"drive", 18}, {"character", 0, "tube"}}},
    {{"drive"}, "saturate", {}},
    {{"distortion"}, "saturate", {{"drive", 24}, {"character", 0, "hard"}}},
    {{"distort"}, "saturate", {{"drive", 24}, {"character", 0, "hard"}}},
    {{"distorted"}, "saturate", {{"drive", 24}, {"character", 0, "hard"}}},
    {{"fuzz"}, "saturate", {{"drive", 36}, {"character", 0, "fuzz"}}},
    {{"clipper"}, "saturate", {{"drive", 12}, {"character", 0, "hard"}}},
    {{"clipping"}, "saturate", {{"drive", 12}, {"character", 0, "hard"}}},
    {{"soft", "clipper"}, "saturate", {{"drive", 9}, {"character", 0, "tape"}}},
    {{"wavefolder"}, "saturate", {{"drive", 12}, {"character", 0, "fold"}}},
    {{"wave", "folder"}, "saturate", {{"drive", 12}, {"character", 0, "fold"}}},
    {{"foldback"}, "saturate", {{"drive", 12}, {"character", 0, "fold"}}},
    {{"crunch"}, "saturate", {{"drive", 20}, {"character", 0, "hard"}}},
    {{"bitcrush"}, "bitcrush", {}},
    {{"bitcrusher"}, "bitcrush", {}},
    {{"bitcrushed"}, "bitcrush", {}},
    {{"bitcrushing"}, "bitcrush", {}},
    {{"bit", "crusher"}, "bitcrush", {}},
    {{"bit", "crush"}, "bitcrush", {}},
    {{"crusher"}, "bitcrush", {}},
    {{"decimator"}, "bitcrush", {{"downsample", 4}}},
    {{"lo", "fi"}, "bitcrush", {{"bits", 10}, {"downsample", 2}}},
    {{"lofi"}, "bitcrush", {{"bits", 10}, {"downsample", 2}}},
    {{"low", "pass"}, "lowpass", {}},
    {{"lowpass"}, "lowpass", {}},
    {{"lpf"}, "lowpass", {}},
    {{"high", "cut"}, "lowpass", {}},
    {{"hi", "cut"}, "lowpass", {}},
    {{"highcut"}, "lowpass", {}},
    {{"treble", "cut"}, "lowpass", {{"cutoff", 5000}}},
    {{"filter"}, "lowpass", {}, "'filter' alone is taken as a low-pass"},
    {{"high", "pass"}, "highpass", {}},
    {{"highpass"}, "highpass", {}},
    {{"hpf"}, "highpass", {}},
    {{"low", "cut"}, "highpass", {}},
    {{"lowcut"}, "highpass", {}},
    {{"bass", "cut"}, "highpass", {{"cutoff", 150}}},
    {{"rumble", "filter"}, "highpass", {{"cutoff", 40}}},
    {{"band", "pass"}, "bandpass", {}},
    {{"bandpass"}, "bandpass", {}},
    {{"bpf"}, "bandpass", {}},
    {{"telephone"}, "bandpass", {{"frequency", 1500}, {"q", 1.5}}},
    {{"notch"}, "notch", {}},
    {{"band", "stop"}, "notch", {}},
    {{"band", "reject"}, "notch", {}},
    {{"low", "shelf"}, "lowshelf", {{"gain", 4}}},
    {{"lowshelf"}, "lowshelf", {{"gain", 4}}},
    {{"bass", "shelf"}, "lowshelf", {{"gain", 4}}},
    {{"bass", "boost"}, "lowshelf", {{"gain", 6}}},
    {{"high", "shelf"}, "highshelf", {{"gain", 4}}},
    {{"highshelf"}, "highshelf", {{"gain", 4}}},
    {{"treble", "shelf"}, "highshelf", {{"gain", 4}}},
    {{"treble", "boost"}, "highshelf", {{"gain", 6}}},
    {{"air"}, "highshelf", {{"frequency", 10000}, {"gain", 3}}},
    {{"peak"}, "peak", {{"gain", 4}}},
    {{"peaking"}, "peak", {{"gain", 4}}},
    {{"bell"}, "peak", {{"gain", 4}}},
    {{"eq"}, "peak", {}},
    {{"equalizer"}, "peak", {}},
    {{"equaliser"}, "peak", {}},
    {{"presence"}, "peak", {{"frequency", 3000}, {"gain", 3}}},
    {{"compressor"}, "compressor", {}},
    {{"compression"}, "compressor", {}},
    {{"compress"}, "compressor", {}},
    {{"comp"}, "compressor", {}},
    {{"leveler"}, "compressor", {{"ratio", 3}, {"attack", 30}, {"release", 500}}},
    {{"limiter"}, "limiter", {}},
    {{"limiting"}, "limiter", {}},
    {{"brickwall"}, "limiter", {}},
    {{"maximizer"}, "limiter", {}},
    {{"noise", "gate"}, "gate", {}},
    {{"gate"}, "gate", {}},
    {{"gating"}, "gate", {}},
    {{"ping", "pong", "delay"}, "delay", {{"pingpong", 0, "on"}}},
    {{"ping", "pong"}, "delay", {{"pingpong", 0, "on"}}},
    {{"pingpong"}, "delay", {{"pingpong", 0, "on"}}},
    {{"delay"}, "delay", {}},
    {{"echo"}, "delay", {}},
    {{"echoes"}, "delay", {}},
    {{"slapback"}, "delay", {{"time", 110}, {"feedback", 10}, {"mix", 30}}},
    {{"reverb"}, "reverb", {}},
    {{"reverberation"}, "reverb", {}},
    {{"verb"}, "reverb", {}},
    {{"room"}, "reverb", {{"size", 30}, {"decay", 0.8}}},
    {{"hall"}, "reverb", {{"size", 80}, {"decay", 3.5}}},
    {{"plate"}, "reverb", {{"size", 50}, {"decay", 2}, {"damping", 20}}},
    {{"spring"}, "reverb", {{"size", 35}, {"decay", 1.5}, {"damping", 30}}},
    {{"cathedral"}, "reverb", {{"size", 100}, {"decay", 8}}},
    {{"ambience"}, "reverb", {{"size", 25}, {"decay", 0.6}, {"mix", 20}}},
    {{"chorus"}, "chorus", {}},
    {{"ensemble"}, "chorus", {{"depth", 4}, {"mix", 60}}},
    {{"flanger"}, "flanger", {}},
    {{"flange"}, "flanger", {}},
    {{"flanging"}, "flanger", {}},
    {{"phaser"}, "phaser", {}},
    {{"phase", "shifter"}, "phaser", {}},
    {{"phasing"}, "phaser", {}},
    {{"tremolo"}, "tremolo", {}},
    {{"trem"}, "tremolo", {}},
    {{"chopper"}, "tremolo", {{"depth", 100}, {"shape", 0, "square"}}},
    {{"auto", "pan"}, "autopan", {}},
    {{"autopan"}, "autopan", {}},
    {{"auto", "panner"}, "autopan", {}},
    {{"autopanner"}, "autopan", {}},
    {{"panner"}, "autopan", {}},
    {{"vibrato"}, "vibrato", {}},
    {{"warble"}, "vibrato", {{"rate", 3}, {"depth", 0.6}}},
    {{"stereo", "width"}, "width", {}},
    {{"stereo", "widener"}, "width", {}},
    {{"stereo", "enhancer"}, "width", {}},
    {{"widener"}, "width", {}},
    {{"width"}, "width", {}},
    {{"imager"}, "width", {}},
    {{"mono", "maker"}, "width", {{"width", 0}}},
    {{"ring", "modulator"}, "ringmod", {}},
    {{"ring", "modulation"}, "ringmod", {}},
    {{"ring", "mod"}, "ringmod", {}},
    {{"ringmod"}, "ringmod", {}},
    {{"synth"}, "synth", {}},
    {{"synthesizer"}, "synth", {}},
    {{"synthesiser"}, "synth", {}},
    {{"instrument"}, "synth", {}},
    {{"pad"}, "synth", {{"attack", 400}, {"release", 1500}, {"sustain", 80}}},
    {{"pluck"}, "synth", {{"attack", 1}, {"decay", 250}, {"sustain", 0}, {"release", 200}}},
    {{"bass", "synth"}, "synth", {{"cutoff", 900}, {"wave", 0, "saw"}}},
    {{"lead"}, "synth", {{"cutoff", 6000}, {"wave", 0, "saw"}}},
    {{"organ"}, "synth", {{"attack", 3}, {"sustain", 100}, {"release", 30}, {"wave", 0, "square"}}},
};

const std::vector<ControlWord> kControls = {
    {{"gain"}, "gain"},          {{"level"}, "level"},        {{"drive"}, "drive"},
    {{"output"}, "output"},      {{"bits"}, "bits"},          {{"bit", "depth"}, "bits"},
    {{"resolution"}, "bits"},    {{"downsample"}, "downsample"}, {{"downsampling"}, "downsample"},
    {{"cutoff"}, "cutoff"},      {{"frequency"}, "frequency"}, {{"freq"}, "frequency"},
    {{"resonance"}, "resonance"}, {{"q"}, "q"},               {{"threshold"}, "threshold"},
    {{"ratio"}, "ratio"},        {{"attack"}, "attack"},      {{"release"}, "release"},
    {{"makeup"}, "makeup"},      {{"make", "up"}, "makeup"},  {{"ceiling"}, "ceiling"},
    {{"range"}, "range"},        {{"time"}, "time"},          {{"feedback"}, "feedback"},
    {{"repeats"}, "feedback"},   {{"regen"}, "feedback"},     {{"mix"}, "mix"},
    {{"wet"}, "mix"},            {{"dry", "wet"}, "mix"},     {{"wet", "dry"}, "mix"},
    {{"blend"}, "mix"},          {{"tone"}, "tone"},          {{"ducking"}, "ducking"},
    {{"size"}, "size"},          {{"decay"}, "decay"},        {{"damping"}, "damping"},
    {{"pre", "delay"}, "predelay"}, {{"predelay"}, "predelay"}, {{"rate"}, "rate"},
    {{"speed"}, "rate"},         {{"depth"}, "depth"},        {{"amount"}, "depth"},
    {{"intensity"}, "depth"},    {{"delay"}, "delay"},        {{"width"}, "width"},
    {{"sustain"}, "sustain"},    {{"makeup", "gain"}, "makeup"}, {{"make", "up", "gain"}, "makeup"},
    {{"sweep"}, "depth"},
};

const char* const kFillers[] = {
    "a", "an", "the", "with", "and", "plus", "then", "into", "followed", "by", "for", "of", "to",
    "at", "on", "in", "that", "which", "has", "have", "having", "some", "it", "its", "my", "me",
    "i", "want", "wants", "need", "make", "makes", "give", "gives", "plugin", "plug", "effect",
    "effects", "fx", "processor", "unit", "pedal", "sound", "sounds", "please", "like", "is", "be",
    "around", "about", "approximately", "roughly", "set", "using", "uses", "also", "just", "very",
    "really", "super", "extra", "slightly", "little", "bit", "quite", "too", "so", "style", "type",
    "kind", "sort", "stage", "module", "box", "thing", "one", "from", "up", "down", "all", "this",
    "something", "adds", "add", "adding", "use", "plus", "but", "only", "as", "or", "where", "while",
    "knob", "knobs", "control", "controls", "dial", "dials", "slider", "sliders", "fader", "faders",
    "parameter", "parameters", "param", "params", "called", "named", "audio", "signal", "track",
    "channel", "input", "tail", "mode", "stereo", "music", "vocals", "vocal", "guitar", "drums",
    "voice", "mid", "filtering", "simple", "basic", "nice", "good", "great", "cool", "classic",
    "musical", "creative", "x", "chain", "top", "drum", "drums", "bus", "master",
};

const char* const kClauseBreaks[] = {"with", "and", "then", "into", "followed", "plus", "also",
                                     "but", "before", "after", "feeding", "through"};

const char* const kKnobWords[] = {"knob", "knobs", "control", "controls", "dial", "dials",
                                  "slider", "sliders", "fader", "faders", "parameter",
                                  "parameters", "param", "params"};

using Table = std::map<std::string_view, std::vector<Setting>>;

// adjective -> kind -> settings
const std::map<std::string_view, Table>& adjectives() {
  static const std::map<std::string_view, Table> table = [] {
    std::map<std::string_view, Table> t;
    t["warm"] = {{"saturate", {{"drive", 9}, {"character", 0, "tape"}}},
                 {"delay", {{"tone", 3500}}},
                 {"reverb", {{"damping", 65}}},
                 {"lowpass", {{"cutoff", 6000}}},
                 {"highshelf", {{"gain", -3}}},
                 {"synth", {{"cutoff", 2000}}},
                 {"bitcrush", {{"bits", 12}}}};
    t["dark"] = {{"lowpass", {{"cutoff", 1200}}},    {"delay", {{"tone", 2500}}},
                 {"reverb", {{"damping", 85}}},      {"synth", {{"cutoff", 1000}}},
                 {"highshelf", {{"gain", -6}}},      {"bandpass", {{"frequency", 500}}}};
    t["bright"] = {{"lowpass", {{"cutoff", 12000}}}, {"delay", {{"tone", 16000}}},
                   {"reverb", {{"damping", 10}}},    {"synth", {{"cutoff", 10000}}},
                   {"highshelf", {{"gain", 4}}},     {"highpass", {{"cutoff", 400}}},
                   {"bandpass", {{"frequency", 3000}}}};
    t["subtle"] = {{"saturate", {{"drive", 4}}},
                   {"compressor", {{"ratio", 2}, {"threshold", -12}}},
                   {"delay", {{"mix", 20}, {"feedback", 20}}},
                   {"reverb", {{"mix", 15}}},
                   {"chorus", {{"mix", 30}, {"depth", 1.5}}},
                   {"flanger", {{"mix", 30}}},
                   {"phaser", {{"mix", 30}, {"depth", 40}}},
                   {"tremolo", {{"depth", 25}}},
                   {"autopan", {{"depth", 40}}},
                   {"vibrato", {{"depth", 0.4}}},
                   {"bitcrush", {{"bits", 12}}},
                   {"width", {{"width", 120}}},
                   {"lowshelf", {{"gain", 2}}},
                   {"highshelf", {{"gain", 2}}},
                   {"peak", {{"gain", 2}}},
                   {"ringmod", {{"mix", 30}}},
                   {"gate", {{"range", -20}}}};
    t["heavy"] = {{"saturate", {{"drive", 30}}},
                  {"compressor", {{"ratio", 10}, {"threshold", -30}}},
                  {"delay", {{"feedback", 65}, {"mix", 50}}},
                  {"reverb", {{"mix", 50}, {"decay", 6}}},
                  {"chorus", {{"depth", 7}, {"mix", 60}}},
                  {"flanger", {{"feedback", 85}}},
                  {"phaser", {{"feedback", 75}, {"depth", 100}}},
                  {"tremolo", {{"depth", 100}}},
                  {"autopan", {{"depth", 100}}},
                  {"vibrato", {{"depth", 3}}},
                  {"bitcrush", {{"bits", 4}, {"downsample", 4}}},
                  {"width", {{"width", 200}}},
                  {"lowshelf", {{"gain", 10}}},
                  {"highshelf", {{"gain", 10}}},
                  {"peak", {{"gain", 10}}}};
    t["slow"] = {{"tremolo", {{"rate", 1.5}}},   {"chorus", {{"rate", 0.3}}},
                 {"phaser", {{"rate", 0.15}}},   {"flanger", {{"rate", 0.1}}},
                 {"autopan", {{"rate", 0.25}}},  {"vibrato", {{"rate", 2}}},
                 {"compressor", {{"attack", 30}, {"release", 400}}},
                 {"gate", {{"release", 400}}},   {"synth", {{"attack", 400}}},
                 {"limiter", {{"release", 300}}}};
    t["fast"] = {{"tremolo", {{"rate", 10}}},    {"chorus", {{"rate", 3}}},
                 {"phaser", {{"rate", 2}}},      {"flanger", {{"rate", 1.5}}},
                 {"autopan", {{"rate", 4}}},     {"vibrato", {{"rate", 8}}},
                 {"compressor", {{"attack", 1}, {"release", 50}}},
                 {"gate", {{"release", 30}}},    {"synth", {{"attack", 1}}},
                 {"limiter", {{"release", 10}}}};
    t["long"] = {{"delay", {{"time", 700}}}, {"reverb", {{"decay", 6}}}, {"synth", {{"release", 1500}}}};
    t["short"] = {{"delay", {{"time", 120}}}, {"reverb", {{"decay", 0.6}}}, {"synth", {{"release", 80}}}};
    t["big"] = {{"reverb", {{"size", 90}, {"decay", 5}}}, {"width", {{"width", 180}}}};
    t["small"] = {{"reverb", {{"size", 20}, {"decay", 0.7}}}};
    t["deep"] = {{"tremolo", {{"depth", 90}}}, {"vibrato", {{"depth", 2.5}}}, {"chorus", {{"depth", 6}}},
                 {"phaser", {{"depth", 100}}}, {"flanger", {{"depth", 3}}}, {"autopan", {{"depth", 100}}},
                 {"reverb", {{"size", 85}}}};
    t["wide"] = {{"width", {{"width", 180}}}, {"delay", {{"pingpong", 0, "on"}}},
                 {"chorus", {{"depth", 5}}}};
    t["lush"] = {{"chorus", {{"depth", 5}, {"mix", 60}}}, {"reverb", {{"size", 80}, {"mix", 40}}},
                 {"synth", {{"attack", 200}, {"release", 1200}}}};
    t["resonant"] = {{"lowpass", {{"resonance", 4}}}, {"highpass", {{"resonance", 4}}},
                     {"bandpass", {{"q", 6}}}, {"synth", {{"resonance", 4}}},
                     {"flanger", {{"feedback", 80}}}, {"phaser", {{"feedback", 70}}}};
    t["narrow"] = {{"notch", {{"q", 8}}}, {"bandpass", {{"q", 6}}}, {"peak", {{"q", 4}}}};
    t["boost"] = {{"peak", {{"gain", 6}}}, {"lowshelf", {{"gain", 6}}}, {"highshelf", {{"gain", 6}}}};
    t["tape"] = {{"saturate", {{"character", 0, "tape"}}}, {"delay", {{"tone", 4000}}}};
    t["tube"] = {{"saturate", {{"character", 0, "tube"}}}};
    t["valve"] = t["tube"];
    t["crunchy"] = {{"saturate", {{"drive", 20}, {"character", 0, "hard"}}}, {"bitcrush", {{"bits", 6}}}};
    t["gritty"] = t["crunchy"];
    t["dirty"] = t["crunchy"];
    t["punchy"] = {{"compressor", {{"attack", 20}, {"release", 80}, {"ratio", 4}}}};
    t["vintage"] = {{"saturate", {{"character", 0, "tape"}}}, {"delay", {{"tone", 3500}}},
                    {"reverb", {{"damping", 60}}}, {"bitcrush", {{"bits", 12}}}};
    t["analog"] = t["vintage"];
    t["analogue"] = t["vintage"];
    t["clean"] = {{"saturate", {{"drive", 3}}}, {"delay", {{"tone", 16000}}}, {"reverb", {{"damping", 15}}}};
    t["stereo"] = {{"delay", {{"pingpong", 0, "on"}}}};
    t["hard"] = {{"saturate", {{"character", 0, "hard"}}}, {"compressor", {{"ratio", 10}}},
                 {"gate", {{"range", -90}}}, {"tremolo", {{"shape", 0, "square"}}},
                 {"autopan", {{"shape", 0, "square"}}}};
    t["steep"] = {{"lowpass", {{"resonance", 1.2}}}, {"highpass", {{"resonance", 1.2}}}};
    t["smooth"] = {{"saturate", {{"character", 0, "tape"}}}, {"compressor", {{"ratio", 2}, {"attack", 30}}},
                   {"tremolo", {{"shape", 0, "sine"}}}, {"autopan", {{"shape", 0, "sine"}}}};
    t["choppy"] = {{"tremolo", {{"shape", 0, "square"}, {"depth", 100}}},
                   {"autopan", {{"shape", 0, "square"}}}};
    t["square"] = {{"tremolo", {{"shape", 0, "square"}}}, {"autopan", {{"shape", 0, "square"}}},
                   {"synth", {{"wave", 0, "square"}}}};
    t["triangle"] = {{"tremolo", {{"shape", 0, "triangle"}}}, {"autopan", {{"shape", 0, "triangle"}}},
                     {"synth", {{"wave", 0, "triangle"}}}};
    t["sine"] = {{"tremolo", {{"shape", 0, "sine"}}}, {"autopan", {{"shape", 0, "sine"}}},
                 {"synth", {{"wave", 0, "sine"}}}};
    t["saw"] = {{"synth", {{"wave", 0, "saw"}}}};
    t["sawtooth"] = t["saw"];
    t["fuzzy"] = {{"saturate", {{"character", 0, "fuzz"}, {"drive", 30}}}};
    t["extreme"] = t["heavy"];
    t["aggressive"] = t["heavy"];
    t["intense"] = t["heavy"];
    t["strong"] = t["heavy"];
    t["gentle"] = t["subtle"];
    t["soft"] = t["subtle"];
    t["light"] = t["subtle"];
    t["mild"] = t["subtle"];
    t["slight"] = t["subtle"];
    t["huge"] = t["big"];
    t["massive"] = t["big"];
    t["tight"] = t["small"];
    t["lively"] = t["fast"];
    t["quick"] = t["fast"];
    t["lazy"] = t["slow"];
    t["darker"] = t["dark"];
    t["warmer"] = t["warm"];
    t["brighter"] = t["bright"];
    return t;
  }();
  return table;
}

}  // namespace

std::span<const EffectWord> effectWords() {
  static const std::vector<EffectWord> sorted = [] {
    std::vector<EffectWord> v = kEffects;
    std::stable_sort(v.begin(), v.end(),
                     [](const EffectWord& a, const EffectWord& b) { return a.words.size() > b.words.size(); });
    return v;
  }();
  return sorted;
}

std::span<const ControlWord> controlWords() {
  static const std::vector<ControlWord> sorted = [] {
    std::vector<ControlWord> v = kControls;
    std::stable_sort(v.begin(), v.end(),
                     [](const ControlWord& a, const ControlWord& b) { return a.words.size() > b.words.size(); });
    return v;
  }();
  return sorted;
}

std::vector<Setting> adjectiveSettings(std::string_view adjective, std::string_view kind) {
  const auto& table = adjectives();
  const auto a = table.find(adjective);
  if (a == table.end()) return {};
  const auto k = a->second.find(kind);
  return k == a->second.end() ? std::vector<Setting>{} : k->second;
}

bool isAdjective(std::string_view word) { return adjectives().contains(word); }

bool isFiller(std::string_view word) {
  return std::any_of(std::begin(kFillers), std::end(kFillers), [&](const char* w) { return word == w; });
}

bool isClauseBreak(std::string_view word) {
  return std::any_of(std::begin(kClauseBreaks), std::end(kClauseBreaks),
                     [&](const char* w) { return word == w; });
}

bool isKnobWord(std::string_view word) {
  return std::any_of(std::begin(kKnobWords), std::end(kKnobWords), [&](const char* w) { return word == w; });
}

}  // namespace wstudio::forge::detail
