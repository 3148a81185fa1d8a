// The Faust program a new Forge plugin starts from when the language is Faust: a working stereo
// effect on Faust's standard library (a low-pass with a drive), showing how its controls become
// the plugin's parameters and how an instrument is written instead (forge/README.md, "Faust").
export const FAUST_TEMPLATE = `// A plugin for WASM Studio, written in Faust (faust.grame.fr) with its standard library.
// Build it with Ctrl+Enter; Faust's errors show at their line. Each slider, entry or checkbox is a
// parameter: its label names it, [unit:..] and [scale:log] describe it.
// A process without inputs is played by notes: controls labelled freq, gain and gate make an
// instrument (the notes set them; declare options "[nvoices:8]" plays chords, up to 32 voices),
// and without a gate it is a generator that sounds while a note is held.
declare name "My Faust Filter";
declare description "A warm low-pass with a drive";

import("stdfaust.lib");

cutoff = hslider("Cutoff [unit:Hz] [scale:log]", 2000, 40, 18000, 1);
drive = hslider("Drive [unit:dB]", 0, 0, 24, 0.1) : ba.db2linear;
level = hslider("Output [unit:dB]", -3, -24, 6, 0.1) : ba.db2linear;

channel = *(drive) : ma.tanh : fi.lowpass(2, cutoff) : *(level);

process = channel, channel;
`;
