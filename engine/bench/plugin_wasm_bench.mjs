#!/usr/bin/env node
// node engine/bench/plugin_wasm_bench.mjs [--plugins DIR] [--only a,b] [--seconds S]
//                                         [--repetitions N] [--instances K]
// Every factory plugin's .wasm as V8 runs it, on the input bench/plugin_bench.cpp gives the
// native and sandboxed builds (a 128-frame stereo block of seeded noise at -12 dBFS, default
// parameters, 48 kHz; an instrument plays an eight-note chord first), so that the figures line
// up with `plugin_bench native/<name>` and give a V8/native ratio per plugin. Two paths:
//   direct  wsp_process called straight from JavaScript, the input already in plugin memory
//           (what V8's code for the plugin costs);
//   host    the same instance driven through engine.wasm's `process` import
//           (engine/js/wsp_plugins.mjs: staging copies in and out, the trap guard), with a
//           WebAssembly.Memory standing in for engine memory;
// host - direct is what the import path adds per call (the engine makes one per plugin and
// block). With --instances K, K instances of each plugin are called round robin, as a session
// with K tracks calls them, so that each call finds its instance's memory as cold as it is
// there. Reports the minimum CPU time (process.cpuUsage) per call over the repetitions.
import { readFileSync } from 'node:fs';

import {
  CALL_OK, WSP_EVENT_BYTES as EVENT_BYTES, WSP_EVENT_NOTE_ON, WSP_HOST_MODULE, WSP_OK, WSP_PORT_INPUT,
  WSP_PORT_OUTPUT,
} from '../js/generated/wsp_boundary.mjs';
import { PluginImports } from '../js/plugin_imports.mjs';
import { inspectWspModule } from '../js/wsp_plugins.mjs';
import { cpuMicroseconds, option, selectedPlugins } from './bench_options.mjs';

const seconds = Number(option('--seconds', '1'));
const repetitions = Number(option('--repetitions', '5'));
const instanceCount = Math.max(1, Number(option('--instances', '1')));
const RATE = 48000;
const BLOCK = 128;

// bench/plugin_bench.cpp noiseBlock(seed): the same LCG, the same floats.
function noiseBlock(seed) {
  const out = new Float32Array(BLOCK);
  let s = seed >>> 0;
  for (let i = 0; i < BLOCK; ++i) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 0.25 * (Math.fround((s >>> 8) / 8388608) - 1);
  }
  return out;
}
const noise = [noiseBlock(1), noiseBlock(2)];
const CHORD = [48, 52, 55, 59, 60, 64, 67, 71];

// Runs `step` for `seconds` after a one-second warm-up (V8 tiers up), `repetitions` times;
// the minimum CPU time per call in nanoseconds.
function minimumPerCall(step) {
  const warmUpEnd = cpuMicroseconds() + 1e6;
  let calls = 0;
  while (cpuMicroseconds() < warmUpEnd) {
    for (let i = 0; i < 100; ++i) step();
    calls += 100;
  }
  const perRun = Math.max(100, Math.round(calls * seconds));
  let best = Infinity;
  for (let r = 0; r < repetitions; ++r) {
    const started = cpuMicroseconds();
    for (let i = 0; i < perRun; ++i) step();
    best = Math.min(best, ((cpuMicroseconds() - started) * 1e3) / perRun);
  }
  return best;
}

function noteOnWords(key) {
  const words = new Int32Array(EVENT_BYTES >>> 2);
  words[1] = WSP_EVENT_NOTE_ON;  // type in the low half, flags 0
  words[2] = key << 16;          // channel 0, key
  new Float32Array(words.buffer)[3] = 0.8;
  words[4] = -1;
  return words;
}

// One instance called directly: input copied per block, as plugin_bench copies it (that copy is
// in plugin_bench's native figure too, and costs the same here). Returns its block function.
function directInstance(module, descriptor) {
  const instance = new WebAssembly.Instance(module, { [WSP_HOST_MODULE]: { log() {} } });
  const x = instance.exports;
  if (typeof x._initialize === 'function') x._initialize();
  const handle = x.wsp_create();
  if (x.wsp_activate(handle, RATE, BLOCK) !== WSP_OK) throw new Error(`${descriptor.id}: activate failed`);
  const inputs = descriptor.audio?.inputs ?? 0;
  const outputs = descriptor.audio?.outputs ?? 0;
  if (descriptor.midi && inputs === 0) {
    const events = x.wsp_event_buffer(handle) >>> 2;
    const words = new Int32Array(x.memory.buffer);
    CHORD.forEach((key, n) => words.set(noteOnWords(key), events + n * (EVENT_BYTES >>> 2)));
    x.wsp_process(handle, 0, CHORD.length);
  }
  const inputViews = Array.from({ length: inputs }, (_, c) =>
    new Float32Array(x.memory.buffer, x.wsp_audio_buffer(handle, WSP_PORT_INPUT, c), BLOCK));
  if (outputs === 0) throw new Error(`${descriptor.id}: no output`);
  const last = new Float32Array(x.memory.buffer, x.wsp_audio_buffer(handle, WSP_PORT_OUTPUT, 0), BLOCK);
  return () => {
    for (let c = 0; c < inputs; ++c) inputViews[c].set(noise[c % 2]);
    x.wsp_process(handle, BLOCK, 0);
    return last[BLOCK - 1];
  };
}

function benchDirect(module, descriptor) {
  const blocks = Array.from({ length: instanceCount }, () => directInstance(module, descriptor));
  let next = 0;
  let sink = 0;
  const ns = minimumPerCall(() => {
    sink += blocks[next]();
    next = next + 1 === blocks.length ? 0 : next + 1;
  });
  if (!Number.isFinite(sink)) throw new Error(`${descriptor.id}: output not finite`);
  return ns;
}

// The plugin through engine.wasm's `process` import, each instance with staging buffers of its
// own in a memory standing in for engine memory.
function benchHost(module, descriptor) {
  const host = new PluginImports();
  // One staging area shared by every instance, as engine.wasm binds it (EW-4): 2 x 2 channels,
  // then 1024 events.
  const stageBytes = 8 * BLOCK * 4 + 1024 * EVENT_BYTES;
  host.engineMemory = new WebAssembly.Memory({ initial: Math.ceil(stageBytes / 65536) });
  const moduleHandle = host.wsp.addModule(module, descriptor);
  const imports = host.imports();
  const inputs = descriptor.audio?.inputs ?? 0;
  const handles = [];
  for (let k = 0; k < instanceCount; ++k) {
    const instance = imports.create(moduleHandle);
    if (imports.activate(instance, RATE, BLOCK) !== CALL_OK) throw new Error(`${descriptor.id}: activate failed`);
    const inputsAt = 0;
    const eventsAt = inputsAt + 8 * BLOCK * 4;
    imports.bind(instance, inputsAt, inputsAt + 4 * BLOCK * 4, eventsAt);
    if (descriptor.midi && inputs === 0) {
      const words = new Int32Array(host.engineMemory.buffer);
      CHORD.forEach((key, n) => words.set(noteOnWords(key), (eventsAt >>> 2) + n * (EVENT_BYTES >>> 2)));
      imports.process(instance, 0, CHORD.length);
    }
    const engine = new Float32Array(host.engineMemory.buffer);
    for (let c = 0; c < inputs; ++c) engine.set(noise[c % 2], (inputsAt >>> 2) + c * BLOCK);
    handles.push(instance);
  }
  const process = imports.process;
  let next = 0;
  let failures = 0;
  const ns = minimumPerCall(() => {
    failures += process(handles[next], BLOCK, 0) < 0 ? 1 : 0;  // >= 0: ok, the latency
    next = next + 1 === handles.length ? 0 : next + 1;
  });
  if (failures !== 0) throw new Error(`${descriptor.id}: process failed through the host`);
  return ns;
}

process.stdout.write(`plugins as V8 (Node ${process.version}) runs them: 128-frame stereo block, ` +
                     `${instanceCount} instance(s) each, ${seconds} s x ${repetitions}, minimum CPU time per block\n`);
process.stdout.write('plugin        direct ns   host ns   host-direct ns\n');
for (const { name, file } of selectedPlugins()) {
  const module = new WebAssembly.Module(readFileSync(file));
  const { descriptor } = inspectWspModule(module);
  const direct = benchDirect(module, descriptor);
  const hosted = benchHost(module, descriptor);
  process.stdout.write(`${name.padEnd(12)} ${direct.toFixed(0).padStart(10)} ${hosted.toFixed(0).padStart(9)} ` +
                       `${(hosted - direct).toFixed(0).padStart(16)}\n`);
}
