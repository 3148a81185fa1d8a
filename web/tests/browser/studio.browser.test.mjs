// The studio in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// the real `vaist serve` on 127.0.0.1 (a free port) serving the built app (web/dist).
//  1. The engine's AudioWorklet (engine.wasm and the JavaScript host, as built) renders the demo
//     session in an OfflineAudioContext like the native `vaist render` of the same range: within
//     max |difference| <= 1e-4 and SNR >= 90 dB, the tolerance between engine.wasm and the native
//     engine (docs/engine-wasm.md, EW-12). Both start from the same decoded sources (written by
//     web_decoded_sources, as vaist decodes and resamples them), so what is compared is the engine
//     and its host, not two resamplers.
//  2. A plugin that traps inside the worklet is bypassed and reported (a `faults` message naming
//     track, slot and insert) while the rest of the mix keeps sounding.
//  3. /studio loads with no console error, Play starts the transport (the position advances),
//     Space stops it; a screenshot is written to $WEB_ARTIFACTS/studio.png.
// ctest sets VAIST, WEB_DIST, DEMO_SESSION, DECODED_SOURCES, FIXTURE_PLUGIN, CHROMIUM, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decodeWav } from '../../../engine/js/wav.mjs';
import { env, floats, launchBrowser, startServer, stopServer } from './browser_support.mjs';

// Bars 1-7 of the demo's 8 (beats 0-28): every track, plugin and clip plays in them. The worklet
// renders in 128-frame quanta, vaist render in 512-frame blocks, and the engine applies
// automation per block: at beat 28 (frame 672000, inside a 512-frame block, on a 128-frame
// boundary) the bass cutoff steps and the fade-out starts, one block apart in the two renders
// (max |difference| 4e-4 there, SNR 95.5 dB over the whole mix). Up to it they must agree.
const SECONDS = 14;
const RATE = 48000;
const MAX_ABS_DIFFERENCE = 1e-4;
const MIN_SNR_DB = 90;
// The real-time player's output lags the timeline by the graph's latency (plugin delay
// compensation aligns the tracks with each other; a live stream cannot start early), which an
// offline render drops: the worklet renders this much more and its first `latency` frames are
// skipped. The demo's latency is a few hundred frames.
const LATENCY_ROOM = 4096;

let work;
let server;
let origin;
let browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'web-browser-'));
  const webRoot = join(work, 'web');
  cpSync(env('WEB_DIST'), webRoot, { recursive: true });
  const decoded = spawnSync(env('DECODED_SOURCES'), [env('DEMO_SESSION'), join(webRoot, 'equality')], { stdio: 'inherit' });
  assert.equal(decoded.status, 0, 'web_decoded_sources failed');
  cpSync(env('FIXTURE_PLUGIN'), join(webRoot, 'equality', 'fixture_plugin.wasm'));
  ({ child: server, origin } = await startServer(webRoot, join(work, 'data')));
  browser = await launchBrowser(work);
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  if (work) rmSync(work, { recursive: true, force: true });
});

// In the page: the demo's first `frames` frames through the built worklet in an
// OfflineAudioContext; the sources are the reference decodes under /equality/.
async function renderInWorklet(page, frames) {
  return page.evaluate(async ({ frames, rate }) => {
    const bytes = async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.arrayBuffer();
    };
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: rate });
    const session = new Uint8Array(await bytes('/demo/demo.session.json'));
    const json = JSON.parse(new TextDecoder().decode(session));
    const catalog = JSON.parse(new TextDecoder().decode(await bytes('/plugins/catalog.json'))).plugins;
    const ids = new Set();
    const keys = new Set();
    for (const owner of [...json.tracks, json.master]) {
      for (const insert of owner.inserts ?? []) ids.add(insert.plugin.id);
      for (const clip of owner.clips ?? []) if (clip.source?.path) keys.add(clip.source.path);
    }
    const plugins = await Promise.all([...ids].map(async (id) => {
      const entry = catalog.find((p) => p.descriptor.id === id);
      return { module: await WebAssembly.compile(await bytes(`/plugins/${entry.name}.wasm`)), sha256: entry.sha256, sharing: 16 };
    }));
    const sources = await Promise.all([...keys].map(async (key) => {
      const audio = await context.decodeAudioData(await bytes(`/equality/${key}.wav`));
      return { key, sampleRate: audio.sampleRate, channels: [...Array(audio.numberOfChannels).keys()].map((c) => audio.getChannelData(c)) };
    }));
    const engine = await WebAssembly.compile(await bytes('/engine/engine.wasm'));
    await context.audioWorklet.addModule('/worklet/engine-processor.js');
    const node = new AudioWorkletNode(context, 'wasm-studio-engine', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
    node.connect(context.destination);
    const ready = new Promise((resolve, reject) => {
      node.port.onmessage = ({ data }) => {
        if (data.type === 'ready') resolve(data);
        if (data.type === 'error') reject(new Error(data.message));
      };
    });
    node.port.postMessage({ type: 'load', engine, session, plugins, sources, looping: false, play: true, state: null });
    const { warnings, latency } = await ready;
    const started = performance.now();
    const rendered = await context.startRendering();
    const milliseconds = performance.now() - started;
    const base64 = (samples) => {
      const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
      let text = '';
      for (let i = 0; i < raw.length; i += 0x8000) text += String.fromCharCode(...raw.subarray(i, i + 0x8000));
      return btoa(text);
    };
    return { latency, warnings, milliseconds, isolated: crossOriginIsolated, left: base64(rendered.getChannelData(0)), right: base64(rendered.getChannelData(1)) };
  }, { frames, rate: RATE });
}

test('the engine in an AudioWorklet renders the demo like the native vaist render (EW-12 tolerance)', async () => {
  const frames = SECONDS * RATE;
  const nativeFile = join(work, 'native.wav');
  const native = spawnSync(env('VAIST'), ['render', env('DEMO_SESSION'), '-o', nativeFile, '--bits', '32f', '--range', `0s:${SECONDS}s`],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  assert.equal(native.status, 0, 'vaist render failed');
  const reference = decodeWav(readFileSync(nativeFile).buffer.slice(0));
  assert.equal(reference.sampleRate, RATE);
  assert.equal(reference.channels[0].length, frames);

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  const result = await renderInWorklet(page, frames + LATENCY_ROOM);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.isolated, true, 'vaist serve makes the page cross-origin isolated (COOP/COEP)');

  assert.ok(result.latency >= 0 && result.latency <= LATENCY_ROOM, `latency ${result.latency}`);
  const browserChannels = [floats(result.left), floats(result.right)].map((c) => c.subarray(result.latency, result.latency + frames));
  let maxDifference = 0;
  let signal = 0;
  let noise = 0;
  for (let c = 0; c < 2; ++c) {
    const expected = reference.channels[c];
    const actual = browserChannels[c];
    assert.equal(actual.length, frames);
    for (let i = 0; i < frames; ++i) {
      const difference = actual[i] - expected[i];
      maxDifference = Math.max(maxDifference, Math.abs(difference));
      signal += expected[i] * expected[i];
      noise += difference * difference;
    }
  }
  const snrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
  const realTimeFactor = (frames + LATENCY_ROOM) / RATE / (result.milliseconds / 1000);
  console.log(`AudioWorklet vs vaist render, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, SNR ${snrDb.toFixed(1)} dB; `
    + `latency ${result.latency} frames; offline render ${result.milliseconds.toFixed(0)} ms (${realTimeFactor.toFixed(1)}x real time)`);
  assert.ok(signal > 1, 'the mix is not silence');
  assert.ok(maxDifference <= MAX_ABS_DIFFERENCE, `max |difference| ${maxDifference}`);
  assert.ok(snrDb >= MIN_SNR_DB, `SNR ${snrDb} dB`);
});

// A session of two tracks playing a sine: "good" through the eq, "bad" through the host tests'
// fixture plugin told to trap (unreachable) from its first block (host/tests/fixtures).
function faultySession() {
  const clip = (id) => ({ id, source: { path: 'tone.wav' }, start: 0, length: 8, offset: 0, gainDb: 0 });
  const insert = (id, plugin, params = {}) => ({ id, plugin: { id: plugin, format: 'wsp' }, params, state: '', bypass: false });
  const track = (id, inserts) => ({ id, name: id, kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false, output: 'master', inserts, clips: [clip(`${id}-clip`)] });
  return JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: RATE, nextId: 1,
    tracks: [track('good', [insert('good-eq', 'studio.wasm.eq')]), track('bad', [insert('bad-fixture', 'studio.wasm.test.fixture', { 7: 2 })])],
    master: { volumeDb: 0, inserts: [] },
  });
}

test('a plugin that traps in the worklet is bypassed and reported; the mix keeps sounding', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async ({ sessionText, rate }) => {
    const compile = async (url) => WebAssembly.compile(await (await fetch(url)).arrayBuffer());
    const frames = rate;  // one second
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: rate });
    const tone = new Float32Array(rate * 4).map((_, i) => 0.25 * Math.sin((2 * Math.PI * 440 * i) / rate));
    const eqEntry = JSON.parse(await (await fetch('/plugins/catalog.json')).text()).plugins.find((p) => p.name === 'eq');
    const plugins = [
      { module: await compile('/plugins/eq.wasm'), sha256: eqEntry.sha256, sharing: 16 },
      { module: await compile('/equality/fixture_plugin.wasm'), sha256: '', sharing: 1 },
    ];
    await context.audioWorklet.addModule('/worklet/engine-processor.js');
    const node = new AudioWorkletNode(context, 'wasm-studio-engine', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
    node.connect(context.destination);
    let reported;
    const faults = new Promise((resolve) => { reported = resolve; });
    const ready = new Promise((resolve, reject) => {
      node.port.onmessage = ({ data }) => {
        if (data.type === 'ready') resolve();
        if (data.type === 'error') reject(new Error(data.message));
        if (data.type === 'faults') reported(data.faults);
      };
    });
    node.port.postMessage({
      type: 'load', engine: await compile('/engine/engine.wasm'), session: new TextEncoder().encode(sessionText), plugins,
      sources: [{ key: 'tone.wav', sampleRate: rate, channels: [tone, tone] }], looping: false, play: true, state: null,
    });
    await ready;
    const rendered = await context.startRendering();
    const left = rendered.getChannelData(0);
    let sum = 0;
    for (let i = frames / 2; i < frames; ++i) sum += left[i] * left[i];
    return { faults: await faults, rms: Math.sqrt(sum / (frames / 2)), finite: left.every(Number.isFinite) };
  }, { sessionText: faultySession(), rate: RATE });
  await page.close();
  assert.equal(result.faults.length, 1, JSON.stringify(result.faults));
  const [fault] = result.faults;
  assert.deepEqual([fault.track, fault.slot, fault.insert, fault.kind], ['bad', 0, 'bad-fixture', 'trap']);
  assert.match(fault.message, /Fixture.*unreachable/);
  assert.ok(result.finite);
  assert.ok(result.rms > 0.2, `rms ${result.rms}`);  // both tracks: the good one, the bad one's input through the bypass
});

test('/studio loads without console errors, Play moves the position, Space stops', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/studio`);
  const play = page.getByRole('button', { name: 'Play' });
  await play.waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole('button', { name: 'Stop' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Return to start' }).count(), 1);
  assert.equal(await page.getByTestId('position-time').textContent(), '0:00.000');

  await play.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="position-time"]')?.textContent !== '0:00.000', null, { timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="position-bars"]')?.textContent !== '1:1', null, { timeout: 10000 });
  assert.equal(await play.getAttribute('aria-pressed'), 'true');
  const artifacts = env('WEB_ARTIFACTS');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'studio.png') });

  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('button[aria-label="Play"]')?.getAttribute('aria-pressed') === 'false', null, { timeout: 5000 });
  const stoppedAt = await page.getByTestId('position-time').textContent();
  await page.getByRole('button', { name: 'Return to start' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="position-time"]')?.textContent === '0:00.000', null, { timeout: 5000 });
  assert.notEqual(stoppedAt, '0:00.000');
  await page.close();
  assert.deepEqual(errors, []);
});
