#include "wstudio/session/time.hpp"

#include "wstudio/session/model.hpp"

namespace wstudio::session {

namespace {
constexpr double kSecondsPerMinute = 60.0;
}

double beatsToSeconds(Beats beats, double bpm) { return beats * kSecondsPerMinute / bpm; }

Beats secondsToBeats(double seconds, double bpm) { return seconds * bpm / kSecondsPerMinute; }

double secondsToFrames(double seconds, double sampleRate) { return seconds * sampleRate; }

double framesToSeconds(double frames, double sampleRate) { return frames / sampleRate; }

double beatsToFrames(Beats beats, double bpm, double sampleRate) {
  // One multiplication chain, so whole beats at common rates give whole frames exactly.
  return beats * kSecondsPerMinute * sampleRate / bpm;
}

Beats framesToBeats(double frames, double bpm, double sampleRate) {
  return frames * bpm / (kSecondsPerMinute * sampleRate);
}

Beats beatsPerBar(const TimeSignature& signature) {
  return signature.numerator * 4.0 / signature.denominator;
}

}  // namespace wstudio::session
