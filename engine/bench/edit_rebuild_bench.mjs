#!/usr/bin/env node
// node engine/bench/edit_rebuild_bench.mjs DIR [--engine engine.wasm] [--plugins DIR] [--edits N]
// What an edit costs the audio thread in the studio: the worklet applies each batch to its copy
// of the session and rebuilds the graph between two render quanta (web/src/worklet/
// engine-processor.ts, edit()), so that time is taken from the quanta's budget (2.67 ms for 128
// frames at 48 kHz). On the 64-track session of `engine_bench_session DIR` (every factory plugin,
// 128 inserts), playing at 128 frames, for N edits of each kind: the time of applyOps +
// prepare, wall clock (performance.now: the audio thread's deadline is wall time), median and
// minimum. Edits alternate with one quantum of rendering, as in the studio.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { decodeWav } from '../js/wav.mjs';
import { args, option, repository } from './bench_options.mjs';
import { RATE, playingEngine, pluginNames } from './engine_bench_run.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node edit_rebuild_bench.mjs DIR [--engine F] [--plugins DIR] [--edits N]\n');
  process.exit(2);
}
const enginePath = option('--engine', join(repository, 'build/wasm/engine/engine.wasm'));
const pluginDir = option('--plugins', join(repository, 'build/wasm/plugins'));
const edits = Number(option('--edits', '40'));
const BLOCK = 128;

const engineModule = new WebAssembly.Module(readFileSync(enginePath));
const noiseBytes = readFileSync(join(dir, 'noise.wav'));
const noise = decodeWav(noiseBytes.buffer.slice(noiseBytes.byteOffset, noiseBytes.byteOffset + noiseBytes.byteLength));
const sessionText = readFileSync(join(dir, 'session.json'), 'utf8');
const modules = new Map(pluginNames(sessionText).map((name) => [name, new WebAssembly.Module(readFileSync(join(pluginDir, `${name}.wasm`)))]));
const engine = playingEngine({ engineModule, sessionText, modules, noise, block: BLOCK, sharing: TRUSTED_MODULE_SHARING });
for (let i = 0; i < RATE / BLOCK; ++i) engine.render(BLOCK);  // a second of warm-up

const session = JSON.parse(sessionText);
const track = session.tracks[10];
const clip = track.clips[0];
const batch = (...ops) => JSON.stringify({ format: 'wasm-studio-ops', version: 1, ops });
const kinds = [
  ['track volume (a fader released)', (i) => batch({ op: 'track.update', id: track.id, set: { volumeDb: -6 - (i % 5) } })],
  ['clip move (a clip dropped)', (i) => batch({ op: 'clip.move', id: clip.id, start: clip.start + 1 + (i % 4) })],
  ['insert parameter (a knob released)', (i) => batch({ op: 'insert.setParam', insert: track.inserts[0].id, param: 0, value: (i % 2) * 0.5 })],
];

process.stdout.write(`engine.wasm under Node ${process.version}: 64 tracks, ${track.inserts.length} inserts on the edited track, ${edits} edits of each kind, each followed by one ${BLOCK}-frame quantum\n`);
process.stdout.write('edit                                   applyOps ms (median / min)   prepare ms (median / min)   both ms (median / min)\n');
const stat = (xs) => { const s = [...xs].sort((a, b) => a - b); return `${s[s.length >> 1].toFixed(2)} / ${s[0].toFixed(2)}`; };
for (const [label, make] of kinds) {
  const apply = [];
  const prepare = [];
  const both = [];
  for (let i = 0; i < edits; ++i) {
    const t0 = performance.now();
    const result = engine.applyOps(make(i));
    const t1 = performance.now();
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    engine.prepare(RATE, BLOCK, 0);
    const t2 = performance.now();
    apply.push(t1 - t0);
    prepare.push(t2 - t1);
    both.push(t2 - t0);
    engine.render(BLOCK);
  }
  process.stdout.write(`${label.padEnd(38)} ${stat(apply).padStart(14)}              ${stat(prepare).padStart(14)}            ${stat(both).padStart(14)}\n`);
}
if (engine.faults().length > 0) throw new Error('a plugin faulted during the benchmark');
