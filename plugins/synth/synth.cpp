// Synth: 16-voice polyphonic subtractive synthesizer.
//
// Per voice: two PolyBLEP oscillators (saw / pulse / triangle / sine, octave, semitone and fine
// tuning, level; up to 4 detuned unison copies), white noise, a resonant TPT SVF (LP 12/24, HP,
// BP) with envelope amount and key tracking, amp and filter ADSRs. Global: velocity sensitivity,
// pitch bend (range in semitones), mod wheel (CC1) to vibrato depth and/or cutoff, sustain pedal
// (CC64), glide, master volume. All notes off (CC123) releases, all sound off (CC120) silences.
//
// Levels: one voice with osc 1 at 100 %, velocity 1 (or sensitivity 0) and the amp envelope at 1
// peaks at kVoiceGain (0.5, -6 dBFS) times the master volume, before the filter. Velocity v scales
// the voice's amplitude by (1 - s) + s v, s = sensitivity (so at 100 %, v = 0.5 is -6.02 dB).
//
// Timing: the SDK calls noteOn at the event's frame and the new voice renders from that very
// sample. Voice stealing (all 16 busy): the voice of the oldest released note, else the oldest
// note; the stolen sound fades out over 5 ms on a spare "ghost" voice while the new note starts at
// once.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <wsp/dsp/lfo.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/sdk.hpp>

#include "synth_params.hpp"
#include "voice.hpp"

namespace wsp_synth {

using namespace wsp::sdk;


inline constexpr int kVoices = 16;
inline constexpr int kGhosts = 4;
inline constexpr float kVoiceGain = 0.5f;
inline constexpr double kStealFadeMs = 5.0;

class Synth : public Plugin {
 public:
  static constexpr PluginInfo info{
      .id = "studio.wasm.synth",
      .name = "Synth",
      .vendor = "WASM Studio",
      .version = "1.0.0",
      .category = "synth",
      .kind = Kind::Instrument,
      .inputs = 0,
      .outputs = 2,
      .midi = true,
      .description = "16-voice subtractive synth: two PolyBLEP oscillators with unison, noise, "
                     "resonant filter, amp and filter envelopes, glide.",
  };

  static constexpr Param params[] = {
      choiceParam(kOsc1Wave, "osc1_wave", "Osc 1 Wave", "Saw|Pulse|Triangle|Sine", 0),
      intParam(kOsc1Octave, "osc1_octave", "Osc 1 Octave", "oct", -3, 3, 0),
      intParam(kOsc1Semi, "osc1_semi", "Osc 1 Semitone", "st", -12, 12, 0),
      floatParam(kOsc1Fine, "osc1_fine", "Osc 1 Fine", "ct", -100.0, 100.0, 0.0),
      floatParam(kOsc1Level, "osc1_level", "Osc 1 Level", "%", 0.0, 100.0, 100.0),
      choiceParam(kOsc2Wave, "osc2_wave", "Osc 2 Wave", "Saw|Pulse|Triangle|Sine", 0),
      intParam(kOsc2Octave, "osc2_octave", "Osc 2 Octave", "oct", -3, 3, 0),
      intParam(kOsc2Semi, "osc2_semi", "Osc 2 Semitone", "st", -12, 12, 0),
      floatParam(kOsc2Fine, "osc2_fine", "Osc 2 Fine", "ct", -100.0, 100.0, 7.0),
      floatParam(kOsc2Level, "osc2_level", "Osc 2 Level", "%", 0.0, 100.0, 50.0),
      floatParam(kPulseWidth, "pulse_width", "Pulse Width", "%", 5.0, 95.0, 50.0),
      floatParam(kNoiseLevel, "noise_level", "Noise Level", "%", 0.0, 100.0, 0.0),
      choiceParam(kFilterType, "filter_type", "Filter Type", "LP 12|LP 24|HP 12|BP 12", 1),
      floatParam(kCutoff, "cutoff", "Cutoff", "Hz", 20.0, 20000.0, 2500.0, Scale::Log),
      floatParam(kResonance, "resonance", "Resonance", "Q", 0.5, 20.0, 0.70710678, Scale::Log),
      floatParam(kFilterEnvAmount, "filter_env", "Filter Env Amount", "oct", -6.0, 6.0, 2.0),
      floatParam(kKeyTrack, "key_track", "Key Tracking", "%", 0.0, 100.0, 50.0),
      floatParam(kAmpAttack, "amp_attack", "Amp Attack", "ms", 0.1, 10000.0, 3.0, Scale::Log)
          .smoothing(0.0),
      floatParam(kAmpDecay, "amp_decay", "Amp Decay", "ms", 1.0, 10000.0, 300.0, Scale::Log)
          .smoothing(0.0),
      floatParam(kAmpSustain, "amp_sustain", "Amp Sustain", "%", 0.0, 100.0, 80.0),
      floatParam(kAmpRelease, "amp_release", "Amp Release", "ms", 1.0, 20000.0, 300.0, Scale::Log)
          .smoothing(0.0),
      floatParam(kFilterAttack, "filter_attack", "Filter Attack", "ms", 0.1, 10000.0, 2.0,
                 Scale::Log)
          .smoothing(0.0),
      floatParam(kFilterDecay, "filter_decay", "Filter Decay", "ms", 1.0, 10000.0, 400.0,
                 Scale::Log)
          .smoothing(0.0),
      floatParam(kFilterSustain, "filter_sustain", "Filter Sustain", "%", 0.0, 100.0, 30.0),
      floatParam(kFilterRelease, "filter_release", "Filter Release", "ms", 1.0, 20000.0, 400.0,
                 Scale::Log)
          .smoothing(0.0),
      floatParam(kVelocitySensitivity, "velocity", "Velocity Sensitivity", "%", 0.0, 100.0, 100.0),
      intParam(kBendRange, "bend_range", "Pitch Bend Range", "st", 0, 24, 2),
      floatParam(kVibratoRate, "vibrato_rate", "Vibrato Rate", "Hz", 0.5, 12.0, 5.5, Scale::Log),
      floatParam(kWheelVibrato, "wheel_vibrato", "Mod Wheel Vibrato", "st", 0.0, 2.0, 0.5),
      floatParam(kWheelCutoff, "wheel_cutoff", "Mod Wheel Cutoff", "oct", -4.0, 4.0, 0.0),
      floatParam(kGlide, "glide", "Glide", "ms", 0.0, 2000.0, 0.0).smoothing(0.0),
      intParam(kUnison, "unison", "Unison Voices", "", 1, kMaxUnison, 1),
      floatParam(kUnisonDetune, "unison_detune", "Unison Detune", "ct", 0.0, 100.0, 15.0),
      floatParam(kVolume, "volume", "Volume", "dB", -60.0, 12.0, 0.0, Scale::Db),
  };

  void activate(double sampleRate, uint32_t /*maxFrames*/) {
    for (Voice& v : voices_) v.prepare(sampleRate);
    for (Voice& g : ghosts_) g.prepare(sampleRate);
    stealFadeSamples_ = uint32_t(std::lround(wsp::dsp::msToSamples(kStealFadeMs, sampleRate)));
    if (stealFadeSamples_ < 1) stealFadeSamples_ = 1;
  }

  void reset() {
    for (Voice& v : voices_) v.kill();
    for (Voice& g : ghosts_) g.kill();
    pedal_ = false;
    bend_ = 0.0f;
    wheel_ = 0.0f;
    vibratoPhase_ = 0.0;
    lastPitch_ = -1.0f;
    ageCounter_ = 0;
    chunkPos_ = kControlFrames;
  }

  // After the last note-off the sound lasts the amp release (plus a steal fade).
  uint32_t tail() const {
    return uint32_t(std::lround(wsp::dsp::msToSamples(param(kAmpRelease).value(), sampleRate()))) +
           stealFadeSamples_;
  }

  void noteOn(const Note& n) {
    applyVoiceSettings();
    const float velocityGain = this->velocityGain(n.velocity);
    const float glide = glideSamples();
    // The same key still sounding on this channel: retrigger its voice rather than stack a copy.
    for (Voice& v : voices_) {
      if (v.active() && v.key() == n.key && v.channel() == n.channel) {
        v.retrigger(velocityGain, ++ageCounter_, glide);
        lastPitch_ = float(n.key);
        return;
      }
    }
    Voice& v = allocateVoice();
    v.start(n.key, n.channel, velocityGain, ++ageCounter_, lastPitch_ >= 0.0f ? lastPitch_ : n.key,
            lastPitch_ >= 0.0f ? glide : 0.0f);
    lastPitch_ = float(n.key);
  }

  void noteOff(const Note& n) {
    for (Voice& v : voices_) {
      if (!v.active() || !v.gate() || v.key() != n.key || v.channel() != n.channel) continue;
      if (pedal_) v.holdBySustainPedal();
      else v.release();
    }
  }

  void midi(const Midi& m) {
    if (m.isPitchBend()) {
      bend_ = m.pitchBend();
    } else if (m.isControlChange()) {
      switch (m.controller()) {
        case 1: wheel_ = m.controlValue(); break;
        case 64: setPedal(m.data2 >= 64); break;
        case 120:  // all sound off
          for (Voice& v : voices_) v.kill();
          for (Voice& g : ghosts_) g.kill();
          break;
        case 123:  // all notes off
          pedal_ = false;
          for (Voice& v : voices_)
            if (v.active() && !v.released()) v.release();
          break;
        default: break;
      }
    }
  }

  void process(const Block& block) {
    float* left = block.output(0);
    float* right = block.output(1);
    const uint32_t frames = block.frames();
    std::memset(left, 0, frames * sizeof(float));
    applyVoiceSettings();
    ParamValue& volume = param(kVolume);
    volumeGain_ = dbGain(volume.current());
    // Control chunks sit on a grid of absolute sample time (chunkPos_ carries over between
    // calls), so event splits and host block sizes do not change the sound.
    for (uint32_t done = 0; done < frames;) {
      if (chunkPos_ == kControlFrames) {
        prepareChunk();
        chunkPos_ = 0;
      }
      const uint32_t n = std::min(frames - done, kControlFrames - chunkPos_);
      float* out = left + done;
      for (Voice& v : voices_)
        if (v.active()) v.render(chunk_, chunkPos_, n, out);
      for (Voice& g : ghosts_)
        if (g.active()) g.render(chunk_, chunkPos_, n, out);
      for (uint32_t i = 0; i < n; ++i) {
        if (volume.isSmoothing()) volumeGain_ = dbGain(volume.next());
        out[i] *= volumeGain_;
      }
      chunkPos_ += n;
      done += n;
    }
    std::memcpy(right, left, frames * sizeof(float));
  }

 private:
  static float dbGain(float db) { return std::exp(db * 0.11512925f); }

  float velocityGain(float velocity) const {
    const float s = float(param(kVelocitySensitivity).value()) * 0.01f;
    return kVoiceGain * ((1.0f - s) + s * velocity);
  }

  float glideSamples() const {
    return float(wsp::dsp::msToSamples(param(kGlide).value(), sampleRate()));
  }

  // A free voice; else the oldest released one; else the oldest. A sounding voice is copied to a
  // ghost slot that fades it out, so the new note can start on this sample without a click.
  Voice& allocateVoice() {
    Voice* best = nullptr;
    for (Voice& v : voices_)
      if (!v.active()) return v;
    for (Voice& v : voices_)
      if (v.released() && (!best || v.age() < best->age())) best = &v;
    if (!best)
      for (Voice& v : voices_)
        if (!best || v.age() < best->age()) best = &v;
    Voice* ghost = &ghosts_[0];
    for (Voice& g : ghosts_) {
      if (!g.active()) {
        ghost = &g;
        break;
      }
    }
    *ghost = *best;
    ghost->fadeOut(stealFadeSamples_);
    return *best;
  }

  void setPedal(bool down) {
    pedal_ = down;
    if (down) return;
    for (Voice& v : voices_)
      if (v.active() && v.sustained()) v.release();
  }

  // Settings every voice takes at sub-block rate: envelopes, waveforms.
  void applyVoiceSettings() {
    const wsp::dsp::AdsrParameters amp{param(kAmpAttack).value(), param(kAmpDecay).value(),
                                       param(kAmpSustain).current() * 0.01f,
                                       param(kAmpRelease).value()};
    const wsp::dsp::AdsrParameters filter{param(kFilterAttack).value(), param(kFilterDecay).value(),
                                          param(kFilterSustain).current() * 0.01f,
                                          param(kFilterRelease).value()};
    const auto w1 = waveform(param(kOsc1Wave).index());
    const auto w2 = waveform(param(kOsc2Wave).index());
    const double width = param(kPulseWidth).current() * 0.01;
    for (Voice& v : voices_) {
      v.setEnvelopes(amp, filter);
      v.setOscillatorShapes(w1, w2, width);
    }
  }

  static wsp::dsp::OscillatorWaveform waveform(uint32_t index) {
    switch (index) {
      case 1: return wsp::dsp::OscillatorWaveform::Pulse;
      case 2: return wsp::dsp::OscillatorWaveform::Triangle;
      case 3: return wsp::dsp::OscillatorWaveform::Sine;
      default: return wsp::dsp::OscillatorWaveform::Saw;
    }
  }

  // Control-rate values for the next kControlFrames samples.
  void prepareChunk() {
    const uint32_t n = kControlFrames;
    ChunkValues& c = chunk_;
    c.frames = n;
    c.sampleRate = sampleRate();
    ParamValue& l1 = param(kOsc1Level);
    ParamValue& l2 = param(kOsc2Level);
    ParamValue& nz = param(kNoiseLevel);
    for (uint32_t i = 0; i < n; ++i) {
      c.osc1Level[i] = 0.01f * l1.next();
      c.osc2Level[i] = 0.01f * l2.next();
      c.noiseLevel[i] = 0.01f * nz.next();
    }
    c.noise = nz.value() > 0.0 || c.noiseLevel[0] > 0.0f;

    // Sustain levels glide (the ADSR applies a new sustain at once): updated every control
    // chunk, a full-range sustain change takes 120 small steps at 48 kHz instead of one jump.
    const float ampSustain = param(kAmpSustain).skip(n) * 0.01f;
    const float filterSustain = param(kFilterSustain).skip(n) * 0.01f;
    const double pulseWidth = param(kPulseWidth).skip(n) * 0.01;
    if (ampSustain != lastAmpSustain_ || filterSustain != lastFilterSustain_ ||
        pulseWidth != lastPulseWidth_) {
      lastAmpSustain_ = ampSustain;
      lastFilterSustain_ = filterSustain;
      lastPulseWidth_ = pulseWidth;
      applyVoiceSettings();
    }

    // Oscillator tuning relative to the voice pitch, with the unison copies spread evenly over
    // +-detune/2.
    const float fine1 = param(kOsc1Fine).skip(n);
    const float fine2 = param(kOsc2Fine).skip(n);
    const float detune = param(kUnisonDetune).skip(n);
    const int unison = param(kUnison).asInt();
    const float offset1 = float(12 * param(kOsc1Octave).asInt() + param(kOsc1Semi).asInt()) + 0.01f * fine1;
    const float offset2 = float(12 * param(kOsc2Octave).asInt() + param(kOsc2Semi).asInt()) + 0.01f * fine2;
    if (offset1 != lastOffset1_ || offset2 != lastOffset2_ || detune != lastDetune_ ||
        unison != c.unison) {
      lastOffset1_ = offset1;
      lastOffset2_ = offset2;
      lastDetune_ = detune;
      c.unison = unison;
      c.unisonGain = 1.0f / std::sqrt(float(unison));
      for (int u = 0; u < unison; ++u) {
        const float spread =
            unison > 1 ? 0.01f * detune * (float(u) / float(unison - 1) - 0.5f) : 0.0f;
        c.osc1Ratio[u] = std::exp2(double(offset1 + spread) / 12.0);
        c.osc2Ratio[u] = std::exp2(double(offset2 - spread) / 12.0);
      }
    }

    // Pitch bend and vibrato (mod wheel) in semitones; the vibrato LFO runs at control rate.
    const double rate = param(kVibratoRate).skip(n);
    const float vibratoDepth = param(kWheelVibrato).skip(n) * wheel_;
    const float vibrato =
        vibratoDepth > 0.0f
            ? vibratoDepth * wsp::dsp::Lfo::shape(wsp::dsp::LfoWaveform::Sine, vibratoPhase_)
            : 0.0f;
    vibratoPhase_ += rate * double(n) / sampleRate();
    vibratoPhase_ -= std::floor(vibratoPhase_);
    c.pitchOffset = bend_ * float(param(kBendRange).asInt()) + vibrato;

    const auto type = FilterType(param(kFilterType).index());
    const double q = param(kResonance).skip(n);
    c.filterType = type;
    c.q1 = type == FilterType::Lp24 ? 0.54119610 : q;
    c.q2 = q * 1.84775907;  // LP 24: Butterworth at Q = 1/sqrt(2), resonance on the 2nd stage
    c.cutoffHz = param(kCutoff).skip(n);
    c.envOctaves = param(kFilterEnvAmount).skip(n);
    c.keyTrack = 0.01f * param(kKeyTrack).skip(n);
    c.cutoffOctaves = param(kWheelCutoff).skip(n) * wheel_;
  }

  Voice voices_[kVoices];
  Voice ghosts_[kGhosts];
  ChunkValues chunk_;
  uint32_t chunkPos_ = kControlFrames;  // position in chunk_; kControlFrames = prepare a new one
  uint32_t stealFadeSamples_ = 240;
  bool pedal_ = false;
  float bend_ = 0.0f;
  float wheel_ = 0.0f;
  double vibratoPhase_ = 0.0;
  float lastPitch_ = -1.0f;
  uint64_t ageCounter_ = 0;
  float volumeGain_ = 1.0f;
  float lastAmpSustain_ = -1.0f;
  float lastFilterSustain_ = -1.0f;
  double lastPulseWidth_ = -1.0;
  float lastOffset1_ = 1e9f;
  float lastOffset2_ = 1e9f;
  float lastDetune_ = -1.0f;
};

}  // namespace wsp_synth

WSP_PLUGIN(wsp_synth::Synth, synth);
