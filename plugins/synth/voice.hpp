// One synth voice: two PolyBLEP oscillators (up to 4 unison copies each), noise, a resonant SVF
// (12 or 24 dB/oct), amp and filter ADSRs. Pitch and filter cutoff are control-rate values (set
// once per kControlFrames, on a grid of absolute sample time so that the output does not depend
// on how blocks are split); envelopes, oscillators and the filter run per sample.
#pragma once

#include <array>
#include <cstdint>

#include <wsp/dsp/adsr.hpp>
#include <wsp/dsp/math.hpp>
#include <wsp/dsp/noise.hpp>
#include <wsp/dsp/oscillator.hpp>
#include <wsp/dsp/svf.hpp>

namespace wsp_synth {

inline constexpr int kMaxUnison = 4;
inline constexpr uint32_t kControlFrames = 8;  // control rate: fs / 8

// Order = the "filter_type" choice indices (stored in sessions).
enum class FilterType : uint32_t { Lp12, Lp24, Hp12, Bp12 };

// What every voice shares for one control chunk (per-sample arrays for the gliding levels).
struct ChunkValues {
  uint32_t frames = 0;
  float osc1Level[kControlFrames] = {};
  float osc2Level[kControlFrames] = {};
  float noiseLevel[kControlFrames] = {};
  bool noise = false;
  int unison = 1;
  float unisonGain = 1.0f;
  double osc1Ratio[kMaxUnison] = {1.0, 1.0, 1.0, 1.0};  // frequency ratio to the voice pitch
  double osc2Ratio[kMaxUnison] = {1.0, 1.0, 1.0, 1.0};
  float pitchOffset = 0.0f;  // semitones: bend + vibrato
  FilterType filterType = FilterType::Lp24;
  double cutoffHz = 1000.0;
  float cutoffOctaves = 0.0f;  // mod wheel
  float envOctaves = 0.0f;     // filter envelope amount
  float keyTrack = 0.0f;       // 0..1
  double q1 = 0.7071, q2 = 0.7071;
  double sampleRate = 48000.0;
};

class Voice {
 public:
  void prepare(double sampleRate) {
    for (int u = 0; u < kMaxUnison; ++u) {
      osc1_[u].prepare(sampleRate);
      osc2_[u].prepare(sampleRate);
    }
    amp_.prepare(sampleRate);
    filterEnv_.prepare(sampleRate);
    amp_.setCurve(wsp::dsp::EnvelopeCurve::Exponential);
    filterEnv_.setCurve(wsp::dsp::EnvelopeCurve::Exponential);
    kill();
  }

  void kill() {
    amp_.reset();
    filterEnv_.reset();
    key_ = -1;
    gate_ = sustained_ = false;
    fadeRemaining_ = 0;
    filterLevel_ = 0.0f;
  }

  bool active() const { return amp_.isActive(); }
  int key() const { return key_; }
  int channel() const { return channel_; }
  uint64_t age() const { return age_; }
  bool gate() const { return gate_; }
  bool sustained() const { return sustained_; }
  bool released() const { return !gate_ && !sustained_; }

  void setEnvelopes(const wsp::dsp::AdsrParameters& amp, const wsp::dsp::AdsrParameters& filter) {
    amp_.setParameters(amp);
    filterEnv_.setParameters(filter);
  }

  void setOscillatorShapes(wsp::dsp::OscillatorWaveform w1, wsp::dsp::OscillatorWaveform w2,
                           double pulseWidth) {
    for (int u = 0; u < kMaxUnison; ++u) {
      osc1_[u].setWaveform(w1);
      osc2_[u].setWaveform(w2);
      osc1_[u].setPulseWidth(pulseWidth);
      osc2_[u].setPulseWidth(pulseWidth);
    }
  }

  // A new note on an idle (or just stolen) voice: everything restarts at fixed phases, so a note
  // sounds the same whatever played before (ABI-18) and its first sample is already non-zero.
  void start(int key, int channel, float velocityGain, uint64_t age, float fromPitch,
             float glideSamples) {
    key_ = key;
    channel_ = channel;
    age_ = age;
    gate_ = true;
    sustained_ = false;
    velocityGain_ = velocityGain;
    for (int u = 0; u < kMaxUnison; ++u) {
      osc1_[u].resetPhase(kStartPhase[u]);
      osc2_[u].resetPhase(kStartPhase[(u + 2) % kMaxUnison]);
    }
    noise_.setSeed(0x9E3779B1u * uint32_t(key + 1));
    svf_[0].reset();
    svf_[1].reset();
    amp_.reset();
    filterEnv_.reset();
    amp_.noteOn();
    filterEnv_.noteOn();
    filterLevel_ = 0.0f;
    setPitchTarget(fromPitch, glideSamples);
    fadeRemaining_ = 0;
  }

  // The same key again while this voice still sounds: the envelopes restart from their current
  // level (no click) and the oscillators run on.
  void retrigger(float velocityGain, uint64_t age, float glideSamples) {
    age_ = age;
    gate_ = true;
    sustained_ = false;
    velocityGain_ = velocityGain;
    amp_.noteOn();
    filterEnv_.noteOn();
    setPitchTarget(pitch_, glideSamples);
  }

  void release() {
    gate_ = sustained_ = false;
    amp_.noteOff();
    filterEnv_.noteOff();
  }
  void holdBySustainPedal() {
    gate_ = false;
    sustained_ = true;
  }

  // Turns this copy of a stolen voice into a fade-out over `samples`.
  void fadeOut(uint32_t samples) {
    fadeRemaining_ = samples;
    fadeStep_ = 1.0f / float(samples);
    fadeGain_ = 1.0f;
    key_ = -1;
    gate_ = sustained_ = false;
  }
  bool fading() const { return fadeRemaining_ > 0; }

  // Adds samples [from, from + frames) of the current control chunk to out[0 .. frames).
  void render(const ChunkValues& c, uint32_t from, uint32_t frames, float* out) {
    if (from == 0) updateControl(c, true);
    else if (needsControl_) updateControl(c, false);  // a note that started inside the chunk
    const bool fourPole = c.filterType == FilterType::Lp24;
    out -= from;
    for (uint32_t i = from; i < from + frames; ++i) {
      const float a = amp_.next();
      filterLevel_ = filterEnv_.next();
      float s = 0.0f;
      for (int u = 0; u < c.unison; ++u)
        s += c.osc1Level[i] * osc1_[u].next() + c.osc2Level[i] * osc2_[u].next();
      s *= c.unisonGain;
      if (c.noise) s += c.noiseLevel[i] * noise_.next();
      const wsp::dsp::SvfOutputs o = svf_[0].process(s);
      float y;
      switch (c.filterType) {
        case FilterType::Hp12: y = o.highpass; break;
        case FilterType::Bp12: y = o.bandpass; break;
        default: y = fourPole ? svf_[1].process(o.lowpass).lowpass : o.lowpass; break;
      }
      float g = a * velocityGain_;
      if (fadeRemaining_ > 0) {
        fadeGain_ -= fadeStep_;
        g *= fadeGain_ > 0.0f ? fadeGain_ : 0.0f;
        if (--fadeRemaining_ == 0) amp_.reset();
      }
      out[i] += g * y;
    }
  }

 private:
  static constexpr double kStartPhase[kMaxUnison] = {0.25, 0.61, 0.83, 0.07};

  void setPitchTarget(float fromPitch, float glideSamples) {
    target_ = float(key_);
    pitch_ = glideSamples > 0.0f ? fromPitch : target_;
    const float distance = target_ - pitch_;
    glideStep_ = glideSamples > 0.0f ? (distance < 0.0f ? -distance : distance) / glideSamples : 0.0f;
    lastHz_ = -1.0;
    needsControl_ = true;
  }

  void updateControl(const ChunkValues& c, bool chunkStart) {
    needsControl_ = false;
    // Glide: a constant-time linear slide in semitones, advanced per control chunk.
    if (chunkStart && pitch_ != target_) {
      const float step = glideStep_ * float(c.frames);
      if (pitch_ < target_) pitch_ = pitch_ + step < target_ ? pitch_ + step : target_;
      else pitch_ = pitch_ - step > target_ ? pitch_ - step : target_;
    }
    const double hz = wsp::dsp::midiNoteToHz(pitch_ + c.pitchOffset);
    for (int u = 0; u < c.unison; ++u) {
      osc1_[u].setFrequency(hz * c.osc1Ratio[u]);
      osc2_[u].setFrequency(hz * c.osc2Ratio[u]);
    }
    const float octaves = c.envOctaves * filterLevel_ + c.cutoffOctaves +
                          c.keyTrack * (float(key_ >= 0 ? key_ : 60) - 60.0f) * (1.0f / 12.0f);
    const double cutoff = c.cutoffHz * std::exp2(wsp::dsp::clamp(octaves, -16.0f, 16.0f));
    if (cutoff != lastHz_ || c.q1 != lastQ1_ || c.q2 != lastQ2_ || c.filterType != lastType_) {
      lastHz_ = cutoff;
      lastType_ = c.filterType;
      lastQ1_ = c.q1;
      lastQ2_ = c.q2;
      svf_[0].setCutoff(c.sampleRate, cutoff, c.q1);
      if (c.filterType == FilterType::Lp24) svf_[1].setCutoff(c.sampleRate, cutoff, c.q2);
    }
  }

  std::array<wsp::dsp::Oscillator, kMaxUnison> osc1_;
  std::array<wsp::dsp::Oscillator, kMaxUnison> osc2_;
  wsp::dsp::WhiteNoise noise_;
  wsp::dsp::StateVariableFilter svf_[2];
  wsp::dsp::Adsr amp_;
  wsp::dsp::Adsr filterEnv_;
  int key_ = -1;
  int channel_ = 0;
  uint64_t age_ = 0;
  bool gate_ = false;
  bool sustained_ = false;
  bool needsControl_ = true;
  float velocityGain_ = 1.0f;
  float pitch_ = 60.0f;
  float target_ = 60.0f;
  float glideStep_ = 0.0f;
  float filterLevel_ = 0.0f;
  double lastHz_ = -1.0;
  double lastQ1_ = -1.0;
  double lastQ2_ = -1.0;
  FilterType lastType_ = FilterType::Lp12;
  uint32_t fadeRemaining_ = 0;
  float fadeStep_ = 0.0f;
  float fadeGain_ = 0.0f;
};

}  // namespace wsp_synth
