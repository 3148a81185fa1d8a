// The sounds of the demo session's source audio, synthesised from sines and seeded noise so the
// repository needs no recorded audio and every build writes the same files. Each function adds
// one hit or note into a channel at a given frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wstudio::media::demo {

// A fixed-seed white-noise source (xorshift64*), the same on every platform.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : state_(seed) {}
  double next();  // uniform in [-1, 1)

 private:
  std::uint64_t state_;
};

// Adds into `out` from `start` on (clipped to its end), at `sampleRate`.
void addKick(std::vector<float>& out, std::size_t start, double sampleRate, double gain);
void addSnare(std::vector<float>& out, std::size_t start, double sampleRate, double gain,
              Noise& noise);
void addHat(std::vector<float>& out, std::size_t start, double sampleRate, double gain,
            double decaySeconds, Noise& noise);
// A band-limited sawtooth note with a short attack and release, `seconds` long.
void addBassNote(std::vector<float>& out, std::size_t start, double sampleRate, double frequency,
                 double seconds, double gain);
// A soft electric-piano-like tone: a few harmonics falling off as 1/k^2, slowly decaying.
void addKeysNote(std::vector<float>& out, std::size_t start, double sampleRate, double frequency,
                 double seconds, double gain);

// Equal-tempered frequency of a MIDI key (69 = A4 = 440 Hz).
double keyFrequency(int key);

}  // namespace wstudio::media::demo
