// Shared by the vAIst tests of engine/js and the browser test (web/tests/browser): the vAIst
// Forge fixtures as emcc built them (host/tests/vaist/fixtures, <name>_glue/), their manifests
// from `vaist plugin info --manifest`, and the native reference render (`vaist render`) of a
// small session through them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeWav, encodeWav } from '../wav.mjs';

export const RATE = 48000;
export const WARM_DRIVE_ID = 'vaist.warm-drive';
export const TAPE_DELAY_ID = 'vaist.tape-delay';
// The tolerance between a vAIst plugin in engine.wasm (V8) and natively (the sandbox's C
// translation of the same module, the native engine): EW-12's, max |difference| <= 1e-4 and
// SNR >= 90 dB. Measured: docs/engine-wasm.md, "vAIst Forge plugins".
export const MAX_ABS_DIFFERENCE = 1e-4;
export const MIN_SNR_DB = 90;

// Null when the fixtures were not built (no emcc: host/tests/vaist/CMakeLists.txt).
export function vaistFixtureDir() {
  const dir = process.env.WSTUDIO_VAIST_FIXTURE_DIR;
  return dir && existsSync(join(dir, 'warm_drive_glue', 'vaist-processor.wasm')) ? dir : null;
}

export function vaistBinary() {
  const vaist = process.env.VAIST;
  if (!vaist) throw new Error('set VAIST (ctest does)');
  return vaist;
}

// `name`: "warm_drive", "tape_delay", "long_echo": the Forge build (minified, with glue).
export function fixtureFolder(name) {
  return join(vaistFixtureDir(), `${name}_glue`);
}

export function fixtureWasm(name) {
  return readFileSync(join(fixtureFolder(name), 'vaist-processor.wasm'));
}

// The manifest text of the plugin in `folder`, as `vaist plugin info --manifest` prints it
// (worked out in the plugin sandbox's worker).
export function manifestOfFolder(folder) {
  const run = spawnSync(vaistBinary(), ['plugin', 'info', '--manifest', folder], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vaist plugin info --manifest ${folder}: ${run.stderr}`);
  return run.stdout;
}

export function manifestOf(name) {
  return manifestOfFolder(fixtureFolder(name));
}

// A 220 Hz sine rising from -24 to -3 dBFS, stereo (the right a fifth up), `seconds` long.
export function tone(seconds, rate = RATE) {
  const frames = Math.round(seconds * rate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; ++i) {
    const gain = 10 ** ((-24 + 21 * (i / frames)) / 20);
    left[i] = gain * Math.sin((2 * Math.PI * 220 * i) / rate);
    right[i] = gain * Math.sin((2 * Math.PI * 330 * i) / rate);
  }
  return [left, right];
}

const insert = (id, pluginId, params = {}) => ({ id, plugin: { id: pluginId, format: 'vaist' }, params, state: '', bypass: false });
const track = (id, inserts) => ({
  id, name: id, kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master', inserts,
  clips: [{ id: `${id}-clip`, source: { path: 'tone.wav' }, start: 0, length: 8, offset: 0, gainDb: 0 }],
});

// One track through Warm Drive with its drive automated (a ramp: parameter events inside
// blocks, so the adapter splits them), its shape switched by a step mid-block, tone and output
// set; with `trapping`, a second track through Tape Delay, which traps at its first process().
export function vaistSession({ trapping = false } = {}) {
  const tracks = [track('drive', [insert('warm', WARM_DRIVE_ID, { 1: 3000, 2: -3, 3: 80 })])];
  if (trapping) tracks.push(track('echo', [insert('tape', TAPE_DELAY_ID)]));
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 },
    sampleRate: RATE, nextId: 1, tracks, master: { volumeDb: -6, inserts: [] },
    automation: [
      { id: 'drive-ramp', target: { track: 'drive', control: 'param', insert: 'warm', param: 0 },
        points: [{ time: 0, value: 0 }, { time: 6, value: 100 }] },
      { id: 'shape-step', target: { track: 'drive', control: 'param', insert: 'warm', param: 4 },
        points: [{ time: 0, value: 0, shape: 'step' }, { time: 2.37, value: 1, shape: 'step' }, { time: 5.11, value: 2 }] },
    ],
  });
}

// Writes the session, its tone and the plugins (named as `vaist render` looks them up: <id>.wasm
// with the glue and descriptor.json beside) into `dir`; renders [0, seconds) natively in 32-bit
// float. Returns { channels, sampleRate }.
export function renderNatively(dir, sessionText, seconds, plugins = { [WARM_DRIVE_ID]: 'warm_drive' }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'session.json'), sessionText);
  writeFileSync(join(dir, 'tone.wav'), new Uint8Array(encodeWav(tone(8 * 0.5 + 1), RATE)));
  for (const [id, name] of Object.entries(plugins)) {
    const folder = join(dir, `plugins-${name}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(fixtureFolder(name), 'vaist-processor.wasm'), join(folder, `${id}.wasm`));
    copyFileSync(join(fixtureFolder(name), 'vaist-processor.js'), join(folder, `${id}.js`));
    copyFileSync(join(fixtureFolder(name), 'descriptor.json'), join(folder, 'descriptor.json'));
  }
  const out = join(dir, 'native.wav');
  const pluginArgs = Object.values(plugins).flatMap((name) => ['--plugins', join(dir, `plugins-${name}`)]);
  const run = spawnSync(vaistBinary(), ['render', join(dir, 'session.json'), '-o', out, '--bits', '32f',
    '--range', `0s:${seconds}s`, ...pluginArgs], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vaist render: ${run.stderr}`);
  const wav = decodeWav(readFileSync(out).buffer.slice(0));
  return { channels: wav.channels, sampleRate: wav.sampleRate };
}

// { maxDifference, snrDb, signal } of `actual` against `expected` (arrays of channels).
export function compare(expected, actual) {
  let maxDifference = 0;
  let signal = 0;
  let noise = 0;
  for (let c = 0; c < expected.length; ++c) {
    if (actual[c].length !== expected[c].length) throw new Error(`channel ${c}: ${actual[c].length} frames, expected ${expected[c].length}`);
    for (let i = 0; i < expected[c].length; ++i) {
      const difference = actual[c][i] - expected[c][i];
      maxDifference = Math.max(maxDifference, Math.abs(difference));
      signal += expected[c][i] * expected[c][i];
      noise += difference * difference;
    }
  }
  return { maxDifference, snrDb: noise === 0 ? Infinity : 10 * Math.log10(signal / noise), signal };
}
