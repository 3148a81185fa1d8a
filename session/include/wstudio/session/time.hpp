// Timeline units. Every position and length on the timeline is in beats (quarter notes, as a
// double) so that edits survive tempo changes; only offsets into audio sources are in seconds,
// because a recording's content does not stretch with the tempo. These helpers convert between
// beats, seconds and sample frames with the session's single tempo.
#pragma once

namespace wstudio::session {

// A timeline position or length in quarter notes.
using Beats = double;

struct TimeSignature;

double beatsToSeconds(Beats beats, double bpm);
Beats secondsToBeats(double seconds, double bpm);

// Frames are fractional so that conversions lose nothing; the engine rounds where it must.
double secondsToFrames(double seconds, double sampleRate);
double framesToSeconds(double frames, double sampleRate);
double beatsToFrames(Beats beats, double bpm, double sampleRate);
Beats framesToBeats(double frames, double bpm, double sampleRate);

// Quarter notes in one bar: 4 in 4/4, 3 in 3/4, 3 in 6/8.
Beats beatsPerBar(const TimeSignature& signature);

}  // namespace wstudio::session
