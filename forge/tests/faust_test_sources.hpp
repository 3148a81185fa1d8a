// Faust programs the Forge's tests build: effects on Faust's standard library, one with every kind
// of control, one with an error at a known line, generators and instruments, and the attacks.
#pragma once

#include <string>

namespace wstudio::forge::test {

// A 4th-order Butterworth low-pass (filters.lib), mono: the plugin runs it on both channels.
inline const std::string kFaustLowpass = R"(declare name "Faust Low-pass";
import("stdfaust.lib");
cutoff = hslider("Cutoff [unit:Hz] [scale:log]", 1000, 20, 20000, 0.1);
process = fi.lowpass(4, cutoff);
)";

// misceffects.lib's feedback echo: y[n] = x[n] + feedback * y[n - 1 - time * SR].
inline const std::string kFaustEcho = R"(declare name "Faust Echo";
import("stdfaust.lib");
time = hslider("Time [unit:ms]", 250, 10, 1000, 1) / 1000;
feedback = hslider("Feedback [unit:%]", 50, 0, 90, 1) / 100;
process = ef.echo(1, time, feedback);
)";

// Every kind of control, stereo in and out.
inline const std::string kFaustControls = R"(declare name "Faust Controls";
declare author "Forge tests";
declare version "2.1";
declare description "A gain with every kind of Faust control";
declare category "utility";
import("stdfaust.lib");
gain = hslider("Gain [unit:dB]", -6, -60, 12, 0.1) : ba.db2linear;
tone = hslider("Tone Freq [unit:Hz] [scale:log]", 440, 20, 20000, 1);
stages = nentry("Stages", 2, 1, 8, 1);
mode = nentry("Mode [style:menu{'Clean':0;'Warm':1;'Hot':2}]", 1, 0, 2, 1);
bypass = checkbox("Bypass");
channel(x) = select2(bypass, x * gain * (tone > 0) * (stages > 0) * (mode >= 0), x);
process = channel, channel;
)";

// One input, two outputs: the plugin feeds it the mix of its two inputs.
inline const std::string kFaustMonoToStereo = R"(declare name "Faust Spread";
process = _ <: _, *(-1);
)";

// An undefined name at line 3.
inline const std::string kFaustErrorAtLine3 = R"(import("stdfaust.lib");
gain = hslider("Gain", 0.5, 0, 1, 0.01);
process = *(gain) : undefined_filter;
)";

// Faust expands this for minutes (a 3,000-way split mixed back): only a limit stops it.
inline const std::string kFaustCpuBurner = "process = _ <: par(i, 3000, *(i+1)) :> _;\n";

// A generator (no inputs, no gate): a sine at its Frequency knob, sounding while a note is held.
inline const std::string kFaustOscillator = R"(declare name "Faust Oscillator";
import("stdfaust.lib");
freq = hslider("Frequency [unit:Hz] [scale:log]", 440, 20, 5000, 0.1);
process = os.osc(freq) * hslider("Level", 0.5, 0, 1, 0.01);
)";

// An instrument in Faust's poly convention, 4 voices: freq, gain and gate are played by notes;
// Release is its one parameter. Silent (exactly 0) once a released note's envelope has ended.
inline const std::string kFaustPolySynth = R"(declare name "Faust Poly Synth";
declare options "[nvoices:4]";
import("stdfaust.lib");
freq = hslider("freq", 200, 20, 5000, 0.01);
gain = hslider("gain", 0.5, 0, 1, 0.01);
gate = button("gate");
release = hslider("Release [unit:s]", 0.05, 0.01, 2, 0.01);
process = os.osc(freq) * gain * en.asr(0.002, 1, release, gate) * 0.5;
)";

// The same voice without nvoices: monophonic, the last note held sounds.
inline const std::string kFaustMonoSynth = R"(declare name "Faust Mono Synth";
import("stdfaust.lib");
freq = hslider("freq", 200, 20, 5000, 0.01);
gate = button("gate");
process = os.osc(freq) * en.asr(0.002, 1, 0.05, gate) * 0.25 <: _, _;
)";

// The other names of the convention: key (the MIDI key) and velocity (0..127); 2 voices.
inline const std::string kFaustKeyVelocity = R"(declare name "Faust Key Velocity";
declare options "[nvoices:2]";
import("stdfaust.lib");
key = hslider("key", 60, 0, 127, 1);
velocity = hslider("velocity", 100, 0, 127, 1);
process = os.osc(ba.midikey2hz(key)) * velocity / 127 * button("gate") * 0.5;
)";

// An instrument asking for 100,000 copies of itself.
inline const std::string kFaustVoiceBomb = R"(declare name "Faust Voice Bomb";
declare options "[nvoices:100000]";
import("stdfaust.lib");
process = os.osc(hslider("freq", 200, 20, 5000, 0.01)) * button("gate");
)";

// 32 voices, each with a 2^22-sample delay line (16 MiB): 512 MiB of voices.
inline const std::string kFaustHeavyVoices = R"(declare name "Faust Heavy Voices";
declare options "[nvoices:32]";
import("stdfaust.lib");
voice = os.osc(hslider("freq", 200, 20, 5000, 0.01)) * button("gate");
process = voice : @(int(hslider("Delay", 1000, 0, 4000000, 1)));
)";

// A generator whose output doubles every sample: Inf within a few hundred samples (in floats:
// +(1) ~ *(2) would be integers, which wrap instead).
inline const std::string kFaustRunaway = R"(declare name "Faust Runaway";
process = +(0.5) ~ *(2.0);
)";

// A generator 40 dB over full scale: finite, and far too loud to play.
inline const std::string kFaustBlaring = R"(declare name "Faust Blaring";
import("stdfaust.lib");
process = os.osc(440) * 100;
)";

}  // namespace wstudio::forge::test
