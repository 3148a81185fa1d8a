#include "demo_instruments.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wstudio::media::demo {
namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// Linear ramps at both ends of a note so it starts and stops without a click.
double edgeGain(double t, double seconds, double attack, double release) {
  return std::clamp(std::min(t / attack, (seconds - t) / release), 0.0, 1.0);
}

std::size_t framesOf(double seconds, double sampleRate) {
  return static_cast<std::size_t>(std::lround(seconds * sampleRate));
}

template <typename Sample>
void addInto(std::vector<float>& out, std::size_t start, std::size_t frames, Sample sample) {
  const std::size_t end = std::min(out.size(), start + frames);
  for (std::size_t i = start; i < end; ++i) out[i] += static_cast<float>(sample(i - start));
}

}  // namespace

double Noise::next() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return static_cast<double>((state_ * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-52 - 1.0;
}

void addKick(std::vector<float>& out, std::size_t start, double sampleRate, double gain) {
  // The pitch falls from 155 Hz to 45 Hz in a few tens of milliseconds: the "thump".
  double phase = 0;
  addInto(out, start, framesOf(0.45, sampleRate), [&](std::size_t i) {
    const double t = i / sampleRate;
    phase += kTwoPi * (45.0 + 110.0 * std::exp(-t / 0.03)) / sampleRate;
    return gain * std::exp(-t / 0.22) * edgeGain(t, 0.45, 0.001, 0.05) * std::sin(phase);
  });
}

void addSnare(std::vector<float>& out, std::size_t start, double sampleRate, double gain,
              Noise& noise) {
  addInto(out, start, framesOf(0.3, sampleRate), [&](std::size_t i) {
    const double t = i / sampleRate;
    const double body = 0.6 * std::exp(-t / 0.05) * std::sin(kTwoPi * 185.0 * t);
    const double rattle = std::exp(-t / 0.09) * noise.next();
    return gain * edgeGain(t, 0.3, 0.0005, 0.03) * (body + rattle);
  });
}

void addHat(std::vector<float>& out, std::size_t start, double sampleRate, double gain,
            double decaySeconds, Noise& noise) {
  // The difference of successive noise samples tilts the spectrum up: metallic, not hissy.
  double previous = 0;
  const double seconds = 6 * decaySeconds;
  addInto(out, start, framesOf(seconds, sampleRate), [&](std::size_t i) {
    const double t = i / sampleRate;
    const double white = noise.next();
    const double bright = white - previous;
    previous = white;
    return gain * std::exp(-t / decaySeconds) * edgeGain(t, seconds, 0.0005, 0.01) * bright;
  });
}

void addBassNote(std::vector<float>& out, std::size_t start, double sampleRate, double frequency,
                 double seconds, double gain) {
  // Harmonics up to 8 kHz only, so the sawtooth does not alias.
  const int harmonics = static_cast<int>(8000.0 / frequency);
  addInto(out, start, framesOf(seconds, sampleRate), [&](std::size_t i) {
    const double t = i / sampleRate;
    double saw = 0;
    for (int k = 1; k <= harmonics; ++k) saw += std::sin(kTwoPi * k * frequency * t) / k;
    const double decay = 0.7 + 0.3 * std::exp(-t / 0.08);
    return gain * (2 / std::numbers::pi) * decay * edgeGain(t, seconds, 0.004, 0.02) * saw;
  });
}

void addKeysNote(std::vector<float>& out, std::size_t start, double sampleRate, double frequency,
                 double seconds, double gain) {
  addInto(out, start, framesOf(seconds, sampleRate), [&](std::size_t i) {
    const double t = i / sampleRate;
    double tone = 0;
    for (int k = 1; k <= 6; ++k) tone += std::sin(kTwoPi * k * frequency * t) / (k * k);
    return gain * std::exp(-t / 1.5) * edgeGain(t, seconds, 0.015, 0.08) * tone;
  });
}

double keyFrequency(int key) { return 440.0 * std::exp2((key - 69) / 12.0); }

}  // namespace wstudio::media::demo
