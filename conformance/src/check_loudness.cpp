// SAFE-1: at its default settings an effect does not make the sound far louder than what goes in.
// A plugin is inserted at its defaults, usually while something plays; one whose defaults add
// tens of dB (a gain in dB used as a factor, a drive without output compensation) blasts the
// listener's ears and speakers before anyone can reach a knob. Not an ABI rule: a hearing-safety
// rule of WASM Studio's validation (conformance/README.md, "Loudness at the defaults").
// An instrument has no input to compare with: one note at its defaults must stay at or under the
// level the effects' limit allows (0 dBFS RMS, a full-scale square wave).
#include <algorithm>
#include <cmath>
#include <optional>

#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;
// The reference: pink noise (equal energy per octave, like a mix) at -18 dBFS RMS, the level a
// mix is usually recorded at (0 VU in EBU R68 alignment), so the loud peaks, about 12 dB higher,
// stay below full scale.
constexpr double kReferenceDbfs = -18.0;
// The most a plugin may add at its defaults. 18 dB takes the reference to 0 dBFS RMS, the level
// of a full-scale square wave: a drive that clips hard at full scale stays under it, while a
// gain factor of 10 or more (+20 dB and up), the typical slip, does not. Normal effects at their
// defaults stay within a few dB: the Forge's 48 corpus plugins from -12 to +4 dB, the factory
// plugins up to the saturator's +10 dB (conformance/README.md).
constexpr double kMostAddedDb = 18.0;
// 0.5 s for smoothers, delays and reverbs to fill, then 1 s measured.
constexpr double kSettleSeconds = 0.5;
constexpr double kMeasuredSeconds = 1.0;

// Pink noise (Paul Kellet's three-pole filter of white noise, within 0.5 dB of -3 dB per octave
// over the audible range) scaled to exactly `rms` on every channel, independent per channel.
Audio pinkNoise(size_t channelCount, size_t frames, double rms, Random& random) {
  Audio audio(channelCount, frames);
  for (auto& channel : audio.channels) {
    double b0 = 0.0, b1 = 0.0, b2 = 0.0, power = 0.0;
    for (float& sample : channel) {
      const double white = random.uniform(-1.0, 1.0);
      b0 = 0.99765 * b0 + white * 0.0990460;
      b1 = 0.96300 * b1 + white * 0.2965164;
      b2 = 0.57000 * b2 + white * 1.0526913;
      const double pink = b0 + b1 + b2 + white * 0.1848;
      sample = static_cast<float>(pink);
      power += pink * pink;
    }
    const double scale = rms / std::sqrt(power / static_cast<double>(std::max<size_t>(frames, 1)));
    for (float& sample : channel) sample = static_cast<float>(sample * scale);
  }
  return audio;
}

// Mean power per channel over [from, end).
double meanPower(const Audio& audio, size_t from) {
  double sum = 0.0;
  size_t count = 0;
  for (const auto& channel : audio.channels) {
    for (size_t i = from; i < channel.size(); ++i) sum += static_cast<double>(channel[i]) * channel[i];
    count += channel.size() - std::min(from, channel.size());
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

struct Level {
  double addedDb = 0.0;   // output level minus input level
  double outputDbfs = 0.0;
};

Level measure(Context& context, const Settings& settings, const Audio& input) {
  auto instance = context.instantiate(kRate, 512, settings);
  RenderJob job;
  job.input = &input;
  job.frames = input.frames();
  job.situation = "pink noise at " + formatNumber(kReferenceDbfs) + " dBFS RMS, " + hz(kRate) + ", " +
                  context.describe(settings);
  const Audio output = render(*instance, job);
  const auto from = static_cast<size_t>(kSettleSeconds * kRate);
  const double out = meanPower(output, from);
  const double in = meanPower(input, from);
  const double outputDbfs = out > 0.0 ? 10.0 * std::log10(out) : -999.0;
  return {outputDbfs - 10.0 * std::log10(in), outputDbfs};
}

// "+3 dB", "0 dB", "-6 dB".
std::string signedDb(double db) {
  const double rounded = std::round(db);
  std::string text = rounded > 0 ? "+" : "";
  text += formatNumber(rounded == 0 ? 0.0 : rounded);
  text += " dB";
  return text;
}

std::string plainDb(double db) { return formatNumber(std::round(std::abs(db))) + " dB"; }

// The one parameter whose minimum or maximum (the rest at defaults) brings the level lowest,
// when that is within the limit: the knob the author most likely meant to default lower.
std::string remedy(Context& context, const Audio& input) {
  struct Candidate {
    std::string change;
    double addedDb;
  };
  std::optional<Candidate> best;
  for (const auto& param : context.descriptor().params) {
    for (double value : {param.min, param.max}) {
      if (value == param.defaultValue) continue;
      Settings settings = context.defaults();
      for (auto& [id, v] : settings) {
        if (id == param.id) v = value;
      }
      const Level level = measure(context, settings, input);
      if (!best || level.addedDb < best->addedDb) {
        best = Candidate{context.describeParam(param.id, value), level.addedDb};
      }
    }
  }
  if (!best || best->addedDb > kMostAddedDb) {
    return "; give it defaults that keep the level near what goes in (a lower default gain or drive, or an "
           "output level that compensates)";
  }
  return "; give it defaults that keep the level near what goes in: with " + best->change +
         " it comes out " + (best->addedDb >= 0.5 ? plainDb(best->addedDb) + " louder" :
                             best->addedDb <= -0.5 ? plainDb(best->addedDb) + " quieter" : "at the same level");
}

}  // namespace

// The reference level plus the most an effect may add: the loudest an instrument's one note may be.
constexpr double kMostInstrumentDbfs = kReferenceDbfs + kMostAddedDb;

std::string checkInstrumentLoudness(Context& context) {
  auto instance = context.instantiate(kRate, 512);
  RenderJob job;
  job.frames = static_cast<size_t>((kSettleSeconds + kMeasuredSeconds) * kRate);
  job.events = {{0, noteOn(60, 1.0f, 1)}};
  job.situation = "note 60 at full velocity held 1.5 s, " + hz(kRate) + ", default parameters";
  const Audio output = render(*instance, job);
  const double power = meanPower(output, static_cast<size_t>(kSettleSeconds * kRate));
  const double dbfs = power > 0.0 ? 10.0 * std::log10(power) : -999.0;
  if (dbfs > kMostInstrumentDbfs) {
    fail("At its default settings one note of this instrument comes out at " + signedDb(dbfs) + "FS (RMS, " +
         job.situation + "). An instrument may play one note at most at " + signedDb(kMostInstrumentDbfs) +
         "FS, a full-scale square wave's level, at its defaults, so that playing it cannot hurt ears or "
         "speakers; give it a lower default level");
  }
  return "at its defaults one note comes out at " + signedDb(dbfs) + "FS RMS (at most " +
         signedDb(kMostInstrumentDbfs) + "FS allowed)";
}

std::string checkDefaultLoudness(Context& context) {
  if (!context.hasAudioInput()) {
    if (context.playsNotes()) return checkInstrumentLoudness(context);
    skip("no audio input, so nothing to compare the output's level with");
  }
  auto random = context.random("default-loudness");
  const auto frames = static_cast<size_t>((kSettleSeconds + kMeasuredSeconds) * kRate);
  const Audio input = pinkNoise(context.descriptor().inputs, frames, dbToGain(kReferenceDbfs), random);
  const Level level = measure(context, context.defaults(), input);
  if (level.addedDb > kMostAddedDb) {
    fail("At its default settings this plugin makes the sound " + plainDb(level.addedDb) +
         " louder: pink noise at " + formatNumber(kReferenceDbfs) + " dBFS (RMS, a usual mix level) comes out at " +
         signedDb(level.outputDbfs) + "FS. A plugin may make it at most " + formatNumber(kMostAddedDb) +
         " dB louder at its defaults, so that inserting it cannot hurt ears or speakers" + remedy(context, input));
  }
  return "at its defaults, pink noise at " + formatNumber(kReferenceDbfs) + " dBFS RMS comes out " +
         signedDb(level.addedDb) + " (at most +" + formatNumber(kMostAddedDb) + " dB allowed)";
}

}  // namespace wstudio::conformance
