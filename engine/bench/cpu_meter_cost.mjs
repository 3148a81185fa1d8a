#!/usr/bin/env node
// node engine/bench/cpu_meter_cost.mjs DIR [--seconds S] [--rounds N]
// What the studio's CPU meters cost (EW-14: every track and insert timed on the engine's clock):
// the 64-track benchmark session (engine_bench_session DIR) under Node in two engines, metered
// and not, rendered in alternating rounds of 128-frame blocks. Both use Date.now() as their clock,
// as in Chromium's AudioWorklet (no `performance` there). Prints the median and minimum CPU time
// per block of each, and the median of the per-round ratios.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EngineHost } from '../js/engine_host.mjs';
import { decodeWav } from '../js/wav.mjs';
import { args, cpuMicroseconds, option, repository } from './bench_options.mjs';
import { pluginNames } from './engine_bench_run.mjs';

const dir = args[0];
const seconds = Number(option('--seconds', '2'));
const rounds = Number(option('--rounds', '9'));
const BLOCK = 128;
const RATE = 48000;
const engineModule = new WebAssembly.Module(readFileSync(join(repository, 'build/wasm/engine/engine.wasm')));
const sessionText = readFileSync(join(dir, 'session.json'), 'utf8');
const noiseBytes = readFileSync(join(dir, 'noise.wav'));
const noise = decodeWav(noiseBytes.buffer.slice(noiseBytes.byteOffset, noiseBytes.byteOffset + noiseBytes.byteLength));

function engine(metered) {
  const host = new EngineHost(engineModule, { now: () => Date.now() });
  if (!host.loadSession(sessionText).ok) throw new Error('the session does not load');
  for (const name of pluginNames(sessionText)) {
    host.registerPlugin(new WebAssembly.Module(readFileSync(join(repository, 'build/wasm/plugins', `${name}.wasm`))), { sharing: 16 });
  }
  host.addSource('noise.wav', noise.sampleRate, noise.channels);
  host.setMeterCpu(metered);
  host.prepare(RATE, BLOCK, 0);
  host.play();
  for (let i = 0; i < RATE / BLOCK; ++i) host.render(BLOCK);  // warm-up: 1 s
  return host;
}

const sides = { plain: engine(false), metered: engine(true) };
const times = { plain: [], metered: [] };
const ratios = [];
const blocks = Math.round((seconds * RATE) / BLOCK);
for (let round = 0; round < rounds; ++round) {
  const order = round % 2 === 0 ? ['plain', 'metered'] : ['metered', 'plain'];
  const took = {};
  for (const side of order) {
    const started = cpuMicroseconds();
    for (let i = 0; i < blocks; ++i) sides[side].render(BLOCK);
    took[side] = (cpuMicroseconds() - started) / blocks;
    times[side].push(took[side]);
  }
  ratios.push(took.metered / took.plain);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const side of ['plain', 'metered']) {
  console.log(`${side.padEnd(8)} median ${median(times[side]).toFixed(1)} us/block, min ${Math.min(...times[side]).toFixed(1)} us/block`);
}
console.log(`metered / plain: median ${median(ratios).toFixed(3)}, min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)} (${rounds} rounds)`);
