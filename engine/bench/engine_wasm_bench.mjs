#!/usr/bin/env node
// node engine/bench/engine_wasm_bench.mjs DIR [--engine engine.wasm] [--plugins DIR]
//                                            [--seconds S] [--repetitions N]
// engine.wasm under Node on the session engine_bench renders natively (bench_session.hpp),
// written to DIR by `engine_bench_session DIR`. For each block size, renders S seconds of
// audio N times while playing (after a 2-second warm-up) and reports the minimum CPU time
// (process.cpuUsage: user + system) per block and as times faster than real time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EngineHost } from '../js/engine_host.mjs';
import { sessionNeeds } from '../js/session_render.mjs';
import { decodeWav } from '../js/wav.mjs';
import { args, cpuMicroseconds, option, repository } from './bench_options.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node engine_wasm_bench.mjs DIR [--engine F] [--plugins DIR] [--seconds S] [--repetitions N]\n');
  process.exit(2);
}
const enginePath = option('--engine', join(repository, 'build/wasm/engine/engine.wasm'));
const pluginDir = option('--plugins', join(repository, 'build/wasm/plugins'));
const seconds = Number(option('--seconds', '4'));
const repetitions = Number(option('--repetitions', '5'));
const RATE = 48000;

const engineModule = new WebAssembly.Module(readFileSync(enginePath));
const pluginModules = new Map();
const noiseBytes = readFileSync(join(dir, 'noise.wav'));
const noise = decodeWav(noiseBytes.buffer.slice(noiseBytes.byteOffset, noiseBytes.byteOffset + noiseBytes.byteLength));

function engineFor(sessionFile, block) {
  const text = readFileSync(join(dir, sessionFile), 'utf8');
  const engine = new EngineHost(engineModule);
  const loaded = engine.loadSession(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  for (const ref of sessionNeeds(JSON.parse(text)).plugins) {
    const name = ref.id.replace(/^studio\.wasm\./, '');
    if (!pluginModules.has(name)) pluginModules.set(name, new WebAssembly.Module(readFileSync(join(pluginDir, `${name}.wasm`))));
    engine.registerPlugin(pluginModules.get(name));
  }
  engine.addSource('noise.wav', noise.sampleRate, noise.channels);
  const warnings = engine.prepare(RATE, block, 0);
  if (warnings.length > 0) throw new Error(warnings.join('\n'));
  engine.play();
  return engine;
}

function measure(sessionFile, block) {
  const engine = engineFor(sessionFile, block);
  const blocks = Math.round((seconds * RATE) / block);
  for (let i = 0; i < Math.round((2 * RATE) / block); ++i) engine.render(block);
  let best = Infinity;
  for (let r = 0; r < repetitions; ++r) {
    const started = cpuMicroseconds();
    for (let i = 0; i < blocks; ++i) engine.render(block);
    best = Math.min(best, (cpuMicroseconds() - started) / blocks);
  }
  if (engine.faults().length > 0) throw new Error('a plugin faulted during the benchmark');
  return best;
}

process.stdout.write(`engine.wasm under Node ${process.version}: ${seconds} s x ${repetitions}, minimum CPU time\n`);
process.stdout.write('benchmark                                  block  CPU per block  x real time\n');
for (const [label, file] of [['64 tracks, all plugins', 'session.json'],
                             ['64 tracks, every plugin bypassed', 'bypassed.session.json']]) {
  for (const block of [128, 512]) {
    const microseconds = measure(file, block);
    const realtime = (block / RATE) * 1e6 / microseconds;
    process.stdout.write(`${label.padEnd(42)} ${String(block).padStart(5)} ${microseconds.toFixed(1).padStart(11)} us ${realtime.toFixed(2).padStart(11)}\n`);
  }
}
