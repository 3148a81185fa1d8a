// Shared by the engine.wasm host tests: the engine and plugin modules named by ctest's
// environment, and small sessions written as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EngineHost } from '../engine_host.mjs';

const compiled = new Map();
function compile(file) {
  if (!compiled.has(file)) compiled.set(file, new WebAssembly.Module(readFileSync(file)));
  return compiled.get(file);
}

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (ctest does)`);
  return value;
}

export const engineModule = () => compile(required('WSTUDIO_ENGINE_WASM'));
export const factoryPlugin = (name) => compile(join(required('WSTUDIO_WASM_PLUGIN_DIR'), `${name}.wasm`));
export const fixturePlugin = () => compile(join(required('WSTUDIO_HOST_FIXTURE_DIR'), 'fixture_plugin.wasm'));

export const RATE = 48000;
export const FIXTURE_ID = 'studio.wasm.test.fixture';
export const MISBEHAVE = { outOfBounds: 1, unreachable: 2, recurse: 4, writeNaN: 5, growMemory: 6 };
export const FIXTURE_MISBEHAVE_PARAM = '7';  // host/tests/fixtures/fixture_plugin.c
export const FIXTURE_GAIN_PARAM = '0';

// A 440 Hz sine at -12 dBFS, stereo, `seconds` long.
export function sine(seconds = 4, rate = RATE) {
  const frames = Math.round(seconds * rate);
  const left = new Float32Array(frames);
  for (let i = 0; i < frames; ++i) left[i] = 0.25 * Math.sin((2 * Math.PI * 440 * i) / rate);
  return [left, left.slice()];
}

export function insert(id, pluginId, params = {}) {
  return { id, plugin: { id: pluginId, format: 'wsp' }, params, state: '', bypass: false };
}

// An audio track playing "tone.wav" from beat 0 for `beats` beats through `inserts`.
export function track(id, inserts, beats = 8) {
  return {
    id, name: id, kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master',
    inserts,
    clips: [{ id: `${id}-clip`, source: { path: 'tone.wav' }, start: 0, length: beats, offset: 0, gainDb: 0 }],
  };
}

export function sessionJson(tracks, masterInserts = []) {
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120,
    timeSignature: { numerator: 4, denominator: 4 }, sampleRate: RATE, nextId: 1,
    tracks, master: { volumeDb: 0, inserts: masterInserts },
  });
}

// An engine with the session loaded, the plugins it names registered (`sharing` of their
// instances per WebAssembly.Instance, EW-2), the sine as "tone.wav".
export function engineWith(json, plugins = {}, { sharing = 1 } = {}) {
  const engine = new EngineHost(engineModule());
  const loaded = engine.loadSession(json);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  for (const module of Object.values(plugins)) engine.registerPlugin(module, { sharing });
  const [left, right] = sine();
  engine.addSource('tone.wav', RATE, [left, right]);
  return engine;
}

// Renders `blocks` blocks while playing; returns the master output, concatenated.
export function play(engine, blocks, frames) {
  engine.play();
  const out = [new Float32Array(blocks * frames), new Float32Array(blocks * frames)];
  for (let b = 0; b < blocks; ++b) {
    engine.render(frames);
    const [left, right] = engine.outputs();
    out[0].set(left.subarray(0, frames), b * frames);
    out[1].set(right.subarray(0, frames), b * frames);
  }
  return out;
}

export function rms(samples, from = 0, to = samples.length) {
  let sum = 0;
  for (let i = from; i < to; ++i) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}
