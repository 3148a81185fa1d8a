// Every recursive block, fed an impulse and then zeros for a long time, never outputs a
// subnormal (WebAssembly has no flush-to-zero, so the blocks flush explicitly); and every block is
// bit-for-bit deterministic.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

// Impulse of height 1 then 20 s of zeros; fails on the first subnormal output.
void expectNoSubnormals(const std::string& name, const std::function<float(float)>& process) {
  const int samples = 20 * static_cast<int>(kSampleRate);
  for (int n = 0; n < samples; ++n) {
    const float y = process(n == 0 ? 1.0f : 0.0f);
    ASSERT_NE(std::fpclassify(y), FP_SUBNORMAL) << name << " at sample " << n;
    ASSERT_TRUE(std::isfinite(y)) << name << " at sample " << n;
  }
}

TEST(Denormals, NoFeedbackPathDecaysIntoSubnormals) {
  Biquad biquad;  // very low cutoff, high Q: the slowest decay a user is likely to set
  biquad.setCoefficients(BiquadCoefficients::lowpass(kSampleRate, 20.0, 10.0));
  expectNoSubnormals("biquad", [&](float x) { return biquad.process(x); });

  StateVariableFilter svf;
  svf.setCutoff(kSampleRate, 20.0, 10.0);
  expectNoSubnormals("svf", [&](float x) {
    const SvfOutputs o = svf.process(x);
    // Every output, not just one.
    for (float v : {o.lowpass, o.highpass, o.bandpass, o.notch, o.peak, o.allpass}) {
      if (std::fpclassify(v) == FP_SUBNORMAL) return v;
    }
    return o.bandpass;
  });

  OnePoleLowpass lowpass;
  lowpass.setCutoff(kSampleRate, 5.0);
  expectNoSubnormals("one-pole lowpass", [&](float x) { return lowpass.process(x); });

  OnePoleHighpass highpass;
  highpass.setCutoff(kSampleRate, 5.0);
  expectNoSubnormals("one-pole highpass", [&](float x) { return highpass.process(x); });

  DcBlocker dc;
  dc.prepare(kSampleRate, 5.0);
  expectNoSubnormals("dc blocker", [&](float x) { return dc.process(x); });

  EnvelopeFollower envelope;
  envelope.prepare(kSampleRate);
  envelope.setReleaseMs(2000.0);
  expectNoSubnormals("envelope peak", [&](float x) { return envelope.process(x); });
  EnvelopeFollower rms;
  rms.prepare(kSampleRate);
  rms.setDetector(EnvelopeDetector::Rms);
  rms.setReleaseMs(2000.0);
  expectNoSubnormals("envelope rms", [&](float x) { return rms.process(x); });

  DelayLine comb;  // a feedback echo with 0.95 feedback: the delay effect's core
  ASSERT_TRUE(comb.prepare(4800));
  expectNoSubnormals("feedback delay", [&](float x) {
    const float y = comb.read(4800);
    comb.write(x + 0.95f * y);
    return y;
  });

  SchroederAllpass allpass;
  ASSERT_TRUE(allpass.prepare(1000));
  allpass.setDelay(347);
  allpass.setGain(0.7f);
  expectNoSubnormals("allpass diffuser", [&](float x) { return allpass.process(x); });

  Biquad ramping;  // flushing also holds while coefficients move
  ramping.setCoefficients(BiquadCoefficients::peaking(kSampleRate, 100.0, 4.0, 12.0));
  int n = 0;
  expectNoSubnormals("ramping biquad", [&](float x) {
    if (++n % 4800 == 0) {
      ramping.rampTo(BiquadCoefficients::peaking(kSampleRate, 100.0 + n / 480, 4.0, 12.0), 64);
    }
    return ramping.process(x);
  });

  Adsr adsr;
  adsr.prepare(kSampleRate);
  adsr.setCurve(EnvelopeCurve::Exponential);
  adsr.setParameters({1.0, 10.0, 0.5f, 5000.0});
  adsr.noteOn();
  expectNoSubnormals("adsr", [&](float) {
    if (adsr.stage() == AdsrStage::Sustain) adsr.noteOff();
    return adsr.next();
  });
}

// One long chain through every stateful block.
std::vector<float> renderChain() {
  Oscillator osc;
  osc.prepare(kSampleRate);
  osc.setFrequency(220.0);
  WhiteNoise noise(99);
  Lfo lfo(5);
  lfo.prepare(kSampleRate);
  lfo.setWaveform(LfoWaveform::SampleAndHold);
  lfo.setRateHz(8.0);
  StateVariableFilter svf;
  Biquad eq;
  eq.setCoefficients(BiquadCoefficients::peaking(kSampleRate, 3000.0, 1.0, 6.0));
  DelayLine delay;
  EXPECT_TRUE(delay.prepare(2000));
  Oversampler<4> os;
  Waveshaper shaper;
  shaper.setDriveDb(12.0f);
  Adsr adsr;
  adsr.prepare(kSampleRate);
  adsr.noteOn();
  std::vector<float> out;
  for (int n = 0; n < 48000; ++n) {
    svf.setCutoff(kSampleRate, 1000.0 + 800.0 * lfo.next(), 3.0);
    float x = 0.5f * osc.next() + 0.1f * noise.next();
    x = svf.process(x).lowpass * adsr.next();
    x = eq.process(x);
    x += 0.5f * delay.readCubic(1000.0f + 100.0f * static_cast<float>(n % 7));
    delay.write(x);
    out.push_back(os.process(x, [&](float s) { return shaper.process(s); }));
  }
  return out;
}

TEST(Determinism, TheSameInputGivesTheSameBits) {
  const auto a = renderChain();
  const auto b = renderChain();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t n = 0; n < a.size(); ++n) ASSERT_EQ(a[n], b[n]) << n;
}

}  // namespace
}  // namespace wsp::dsp
