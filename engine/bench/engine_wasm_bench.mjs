#!/usr/bin/env node
// node engine/bench/engine_wasm_bench.mjs DIR [--engine engine.wasm] [--plugins DIR]
//                                            [--seconds S] [--repetitions N] [--sharing K]
// engine.wasm under Node on the session engine_bench renders natively (bench_session.hpp),
// written to DIR by `engine_bench_session DIR`. For each block size, renders S seconds of
// audio N times while playing (after a 2-second warm-up) and reports the minimum CPU time
// (process.cpuUsage: user + system) per block and as times faster than real time. The factory
// plugins share WebAssembly.Instances as the studio runs them (K, default
// TRUSTED_MODULE_SHARING; 1 gives every insert its own, EW-2).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { decodeWav } from '../js/wav.mjs';
import { args, cpuMicroseconds, option, repository } from './bench_options.mjs';
import {
  BLOCKS, REPORT_HEADER, SESSIONS, leastTimePerBlock, playingEngine, pluginNames, reportLine,
} from './engine_bench_run.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node engine_wasm_bench.mjs DIR [--engine F] [--plugins DIR] [--seconds S] [--repetitions N] [--sharing K]\n');
  process.exit(2);
}
const enginePath = option('--engine', join(repository, 'build/wasm/engine/engine.wasm'));
const pluginDir = option('--plugins', join(repository, 'build/wasm/plugins'));
const seconds = Number(option('--seconds', '4'));
const repetitions = Number(option('--repetitions', '5'));
const sharing = Number(option('--sharing', String(TRUSTED_MODULE_SHARING)));

const engineModule = new WebAssembly.Module(readFileSync(enginePath));
const noiseBytes = readFileSync(join(dir, 'noise.wav'));
const noise = decodeWav(noiseBytes.buffer.slice(noiseBytes.byteOffset, noiseBytes.byteOffset + noiseBytes.byteLength));

process.stdout.write(`engine.wasm under Node ${process.version}, ${sharing} insert(s) per plugin instance: ${seconds} s x ${repetitions}, minimum CPU time\n`);
process.stdout.write(`${REPORT_HEADER}\n`);
for (const [label, file] of SESSIONS) {
  const sessionText = readFileSync(join(dir, file), 'utf8');
  const modules = new Map(pluginNames(sessionText).map((name) =>
    [name, new WebAssembly.Module(readFileSync(join(pluginDir, `${name}.wasm`)))]));
  for (const block of BLOCKS) {
    const engine = playingEngine({ engineModule, sessionText, modules, noise, block, sharing });
    const microseconds = leastTimePerBlock(engine, block, { seconds, repetitions, clock: cpuMicroseconds });
    process.stdout.write(`${reportLine(label, block, microseconds)}\n`);
  }
}
