// The benchmark session as a graph of the browser's own Web Audio nodes (issue 14's side-by-side
// benchmark, web_audio_bench.mjs): read from the same session JSON engine.wasm renders, so both
// sides get the settings from one place. Each factory plugin becomes the nodes that do the same
// job; the plugins' parameter values are looked up by the keys of their descriptors. Only the
// settings the benchmark session uses are translated: anything else is an error, never silently
// different work. What still differs between the two sides: docs/BENCHMARKS.md, "engine.wasm in
// an AudioWorklet vs the browser's node graph".

const dbToGain = (db) => 10 ** (db / 20);
// BiquadFilterNode's lowpass and highpass take Q in dB; 0.7071 (Butterworth, as the delay's
// feedback filters) is -3.01 dB.
const BUTTERWORTH_Q_DB = 20 * Math.log10(Math.SQRT1_2);
const CURVE_POINTS = 4096;

// An insert's parameter values by key (the plugin's descriptor maps keys to ids and defaults).
function parameters(insert, descriptor) {
  const values = {};
  for (const p of descriptor.params) values[p.key] = insert.params?.[String(p.id)] ?? p.default;
  return values;
}

// Throws unless `values[key]` is `expected`: a setting this translation does not model.
function require(plugin, values, key, expected) {
  if (values[key] !== expected) {
    throw new Error(`web_audio_graph: ${plugin} ${key} = ${values[key]} has no node-graph translation (only ${expected})`);
  }
}

// A piece of graph: the nodes its signal enters and those it leaves from ({ inputs, outputs }).
// Joining two connects every output of the first to every input of the second (Web Audio sums
// what several nodes feed into one), so no node is added just to split or sum a signal.
const single = (node) => ({ inputs: [node], outputs: [node] });
function join(first, second) {
  for (const output of first.outputs) for (const input of second.inputs) output.connect(input);
  return { inputs: first.inputs, outputs: second.outputs };
}
const series = (nodes) => nodes.map(single).reduce(join);

// EQ: each band that is on and not at 0 dB (the plugin skips those as dormant) one biquad.
function eq(context, v) {
  require('eq', v, 'lowcut_on', 0);
  require('eq', v, 'highcut_on', 0);
  const bands = [
    [v.band1_on, v.band1_type === 0 ? 'lowshelf' : 'peaking', v.band1_freq, v.band1_gain, v.band1_q],
    [v.band2_on, 'peaking', v.band2_freq, v.band2_gain, v.band2_q],
    [v.band3_on, 'peaking', v.band3_freq, v.band3_gain, v.band3_q],
    [v.band4_on, v.band4_type === 0 ? 'highshelf' : 'peaking', v.band4_freq, v.band4_gain, v.band4_q],
  ];
  const nodes = bands
    .filter(([on, , , gain]) => on !== 0 && gain !== 0)
    .map(([, type, frequency, gain, Q]) => new BiquadFilterNode(context, { type, frequency, gain, Q }));
  if (v.output !== 0) nodes.push(new GainNode(context, { gain: dbToGain(v.output) }));
  return nodes.length > 0 ? series(nodes) : single(new GainNode(context));
}

function compressor(context, v) {
  for (const [key, value] of [['makeup', 0], ['auto_makeup', 0], ['detector', 0], ['sc_hpf', 0], ['mix', 100]]) require('compressor', v, key, value);
  return single(new DynamicsCompressorNode(context, {
    threshold: v.threshold, ratio: v.ratio, knee: v.knee, attack: v.attack / 1000, release: v.release / 1000,
  }));
}

// Saturator "Tape": tanh(drive x) at 4x oversampling.
function saturator(context, v) {
  for (const [key, value] of [['type', 0], ['tone', 0], ['output', 0], ['mix', 100], ['auto_gain', 0]]) require('saturator', v, key, value);
  const drive = dbToGain(v.drive);
  const curve = new Float32Array(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; ++i) curve[i] = Math.tanh(drive * ((2 * i) / (CURVE_POINTS - 1) - 1));
  return single(new WaveShaperNode(context, { curve, oversample: '4x' }));
}

// Delay: a DelayNode whose output feeds back through the plugin's low-cut and high-cut
// (12 dB/oct each) and the feedback gain; dry and wet mixed as the plugin mixes them.
function delay(context, v) {
  for (const [key, value] of [['link', 1], ['sync', 0], ['mode', 0], ['wow_depth', 0]]) require('delay', v, key, value);
  const line = new DelayNode(context, { delayTime: v.time_l / 1000, maxDelayTime: 1 });
  const back = series([
    new BiquadFilterNode(context, { type: 'lowpass', frequency: v.high_cut, Q: BUTTERWORTH_Q_DB }),
    new BiquadFilterNode(context, { type: 'highpass', frequency: v.low_cut, Q: BUTTERWORTH_Q_DB }),
    new GainNode(context, { gain: v.feedback / 100 }),
  ]);
  join(join(single(line), back), single(line));
  const dry = new GainNode(context, { gain: 1 - v.mix / 100 });
  const wet = new GainNode(context, { gain: v.mix / 100 });
  line.connect(wet);
  return { inputs: [line, dry], outputs: [dry, wet] };
}

// Limiter: the input gain, then a DynamicsCompressorNode as hard as it goes (ratio 20, no knee,
// 1 ms attack; its look-ahead is fixed at 6 ms) with the threshold at the ceiling.
function limiter(context, v) {
  const nodes = [new DynamicsCompressorNode(context, { threshold: v.ceiling, knee: 0, ratio: 20, attack: 0.001, release: v.release / 1000 })];
  if (v.input_gain !== 0) nodes.unshift(new GainNode(context, { gain: dbToGain(v.input_gain) }));
  return series(nodes);
}

const TRANSLATIONS = {
  'studio.wasm.eq': eq,
  'studio.wasm.compressor': compressor,
  'studio.wasm.saturator': saturator,
  'studio.wasm.delay': delay,
  'studio.wasm.limiter': limiter,
};

// The inserts of a track or the master in order, as one chain (a plain gain when there are none
// or all are bypassed). descriptors: plugin id -> descriptor.
function insertChain(context, inserts, descriptors) {
  const chains = [];
  for (const insert of inserts) {
    if (insert.bypass) continue;
    const translate = TRANSLATIONS[insert.plugin.id];
    const descriptor = descriptors.get(insert.plugin.id);
    if (translate === undefined || descriptor === undefined) throw new Error(`web_audio_graph: no translation for ${insert.plugin.id}`);
    chains.push(translate(context, parameters(insert, descriptor)));
  }
  return chains.length === 0 ? single(new GainNode(context)) : chains.reduce(join);
}

// Builds the session (parsed JSON) into `context`: per track a looping buffer source of its
// clip's audio (buffers: source path -> AudioBuffer; the session's clips cover the loop), its
// inserts, fader and pan into the master bus; the master's inserts and fader into the
// destination. Returns the sources, to be started.
export function buildNodeGraph(context, session, descriptors, buffers) {
  const master = insertChain(context, session.master.inserts, descriptors);
  join(master, single(new GainNode(context, { gain: dbToGain(session.master.volumeDb) }))).outputs[0].connect(context.destination);
  const sources = [];
  for (const track of session.tracks) {
    if (track.mute) continue;
    if (track.clips.length !== 1) throw new Error('web_audio_graph: one clip per track only');
    const buffer = buffers.get(track.clips[0].source.path);
    const source = new AudioBufferSourceNode(context, { buffer, loop: true });
    const fader = series([new GainNode(context, { gain: dbToGain(track.volumeDb) }), new StereoPannerNode(context, { pan: track.pan })]);
    join(join(join(single(source), insertChain(context, track.inserts, descriptors)), fader), master);
    sources.push(source);
  }
  return sources;
}
