// The studio in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// the real `vaist serve` on 127.0.0.1 (a free port) serving the built app (web/dist).
// The served demo session is rewritten to play reference decodes of its sources (written by
// web_decoded_sources as vaist decodes and resamples them: 32-bit float WAV at the session's
// rate, which the browser decodes exactly), so that the browser and `vaist render` start from
// the same samples: what is compared is the engine and its host, not two resamplers.
//  1. "Export mix" in /studio (the app as built: its loading code, ModuleCache, worker, WAV
//     encoder) downloads the whole demo, 18 s, and its five stems, each equal to `vaist render
//     --block 128 --stems` of the same session within max |difference| <= 1e-4 and SNR >= 90 dB,
//     the tolerance between engine.wasm and the native engine (docs/engine-wasm.md, EW-12); its
//     progress reaches 100%.
//     Cancel stops a long export: no download, the status says so.
//  2. The engine's AudioWorklet renders the demo in an OfflineAudioContext, whole, equal to the
//     same `vaist render --block 128` within the same tolerance, loaded by the app's own code
//     (readSession, ModuleCache, loadSessionAssets, EngineNode) on a harness page built for the
//     test ($WEB_HARNESS, tests/browser/harness/).
//  3. A plugin that traps inside the worklet is bypassed and reported (a `faults` message naming
//     track, slot and insert) while the rest of the mix keeps sounding; in an export, it gives no
//     file and an error naming the insert (the app's renderOffline on the harness page).
//  4. /studio loads with no console error, Play starts the transport (the position advances),
//     Space stops it; a screenshot is written to $WEB_ARTIFACTS/studio.png.
// ctest sets VAIST, WEB_DIST, WEB_HARNESS, DEMO_SESSION, DECODED_SOURCES, FIXTURE_PLUGIN, CHROMIUM, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { decodeWav } from '../../../engine/js/wav.mjs';
import { env, floats, openStudio } from './browser-fixture.mjs';

// The whole demo: its 8 bars (16 s) and vaist render's 2 s tail. The browser renders 128-frame
// quanta and the engine applies automation per block, so vaist renders with --block 128 (at its
// default 512, the bass cutoff step and the fade-out at beat 28 land one block apart: max
// |difference| 4e-4 there).
const SECONDS = 18;
const RATE = 48000;
const NATIVE_BLOCK = '128';
const MAX_ABS_DIFFERENCE = 1e-4;
const MIN_SNR_DB = 90;
// The real-time player's output lags the timeline by the graph's latency (plugin delay
// compensation aligns the tracks with each other; a live stream cannot start early), which an
// offline render drops: the worklet renders this much more and its first `latency` frames are
// skipped. The demo's latency is a few hundred frames.
const LATENCY_ROOM = 4096;

let studio;
let work;
let origin;
let browser;
let sessionFile;  // the served demo session, rewritten to play the reference decodes
let sessionText;

// The session's text with every clip source replaced by its reference decode, written by
// web_decoded_sources beside it as reference/<path>.wav (the session's rate, 32-bit float).
function withReferenceSources(file) {
  const session = JSON.parse(readFileSync(file, 'utf8'));
  const folder = join(file, '..');
  for (const track of session.tracks) {
    for (const clip of track.clips ?? []) {
      if (!clip.source?.path) continue;
      const path = `reference/${clip.source.path}.wav`;
      const bytes = readFileSync(join(folder, path));
      const audio = decodeWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      assert.equal(audio.sampleRate, session.sampleRate);
      clip.source = { path, sampleRate: audio.sampleRate, channels: audio.channels.length, length: audio.channels[0].length };
    }
  }
  return JSON.stringify(session, null, 2);
}

const readWav = (file) => {
  const bytes = readFileSync(file);
  return decodeWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

// `vaist render --block 128 --stems` of the served session, whole, as 32-bit float channels:
// { channels, stems: { 'NN-<track>.wav': channels } }.
let nativeRender;
function nativeReference() {
  if (nativeRender === undefined) {
    const nativeFile = join(work, 'native.wav');
    const stemsFolder = join(work, 'native-stems');
    const native = spawnSync(env('VAIST'), ['render', sessionFile, '-o', nativeFile, '--bits', '32f', '--block', NATIVE_BLOCK, '--stems', stemsFolder],
      { stdio: ['ignore', 'ignore', 'inherit'] });
    assert.equal(native.status, 0, 'vaist render failed');
    const mix = readWav(nativeFile);
    assert.equal(mix.sampleRate, RATE);
    assert.equal(mix.channels[0].length, SECONDS * RATE);
    const stems = Object.fromEntries(readdirSync(stemsFolder).map((name) => [name, readWav(join(stemsFolder, name)).channels]));
    nativeRender = { channels: mix.channels, stems };
  }
  return nativeRender;
}

// max |difference| and SNR (dB) of `actual` against `expected` (both channels), asserted within
// EW-12's tolerance; returns them for the log.
function assertWithinTolerance(expected, actual) {
  let maxDifference = 0;
  let signal = 0;
  let noise = 0;
  for (let c = 0; c < 2; ++c) {
    assert.equal(actual[c].length, expected[c].length);
    for (let i = 0; i < expected[c].length; ++i) {
      const difference = actual[c][i] - expected[c][i];
      maxDifference = Math.max(maxDifference, Math.abs(difference));
      signal += expected[c][i] * expected[c][i];
      noise += difference * difference;
    }
  }
  const snrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
  assert.ok(signal > 1, 'the mix is not silence');
  assert.ok(maxDifference <= MAX_ABS_DIFFERENCE, `max |difference| ${maxDifference}`);
  assert.ok(snrDb >= MIN_SNR_DB, `SNR ${snrDb} dB`);
  return { maxDifference, snrDb };
}

before(async () => {
  studio = await openStudio((webRoot) => {
    cpSync(env('WEB_HARNESS'), join(webRoot, 'harness'), { recursive: true });
    const decoded = spawnSync(env('DECODED_SOURCES'), [env('DEMO_SESSION'), join(webRoot, 'demo', 'reference')], { stdio: 'inherit' });
    assert.equal(decoded.status, 0, 'web_decoded_sources failed');
    sessionFile = join(webRoot, 'demo', 'demo.session.json');
    sessionText = withReferenceSources(sessionFile);
    writeFileSync(sessionFile, sessionText);
    mkdirSync(join(webRoot, 'equality'));
    cpSync(env('FIXTURE_PLUGIN'), join(webRoot, 'equality', 'fixture_plugin.wasm'));
  });
  ({ work, origin, browser } = studio);
});

after(async () => {
  await studio?.close();
});

// The harness page (tests/browser/harness/harness.ts): the app's own code, driven by the test.
async function openHarness(page) {
  await page.goto(`${origin}/harness/index.html`);
  await page.waitForFunction(() => typeof globalThis.renderDemoInWorklet === 'function');
}

// The demo's first `frames` frames through the worklet in an OfflineAudioContext, loaded by the
// app's own code.
async function renderInWorklet(page, frames) {
  await openHarness(page);
  return page.evaluate((n) => globalThis.renderDemoInWorklet(n), frames);
}

test('the engine in an AudioWorklet renders the whole demo like vaist render --block 128 (EW-12 tolerance)', async () => {
  const frames = SECONDS * RATE;
  const reference = nativeReference();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const result = await renderInWorklet(page, frames + LATENCY_ROOM);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.isolated, true, 'vaist serve makes the page cross-origin isolated (COOP/COEP)');

  assert.ok(result.latency >= 0 && result.latency <= LATENCY_ROOM, `latency ${result.latency}`);
  const browserChannels = [floats(result.left), floats(result.right)].map((c) => c.subarray(result.latency, result.latency + frames));
  const { maxDifference, snrDb } = assertWithinTolerance(reference.channels, browserChannels);
  const realTimeFactor = (frames + LATENCY_ROOM) / RATE / (result.milliseconds / 1000);
  console.log(`AudioWorklet vs vaist render --block ${NATIVE_BLOCK}, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, SNR ${snrDb.toFixed(1)} dB; `
    + `latency ${result.latency} frames; offline render ${result.milliseconds.toFixed(0)} ms (${realTimeFactor.toFixed(1)}x real time)`);
});

// The Export mix control of a /studio page that has loaded the session.
async function openStudioExport() {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  const downloads = [];
  page.on('download', (download) => downloads.push(download));
  await page.goto(`${origin}/studio`);
  const exportMix = page.getByRole('group', { name: 'Export mix' });
  await exportMix.getByRole('button', { name: 'Export mix' }).waitFor({ timeout: 30000 });
  return { page, errors, downloads, exportMix };
}

test('Export mix downloads the whole demo and its stems as vaist render --block 128 writes them (EW-12 tolerance); progress reaches 100%', async () => {
  const reference = nativeReference();
  const { page, errors, exportMix } = await openStudioExport();
  await exportMix.getByLabel('Format').selectOption('float32');
  await exportMix.getByLabel('Stems too').check();
  const downloaded = page.waitForEvent('download');
  const started = performance.now();
  await exportMix.getByRole('button', { name: 'Export mix' }).click();
  const download = await downloaded;
  const milliseconds = performance.now() - started;
  assert.equal(download.suggestedFilename(), 'demo-session.wav');
  const bytes = readFileSync(await download.path());
  const progress = exportMix.getByRole('progressbar', { name: 'Export progress' });
  assert.equal(await progress.getAttribute('aria-valuenow'), '100');
  assert.equal(await progress.getAttribute('aria-valuetext'), `100%: ${SECONDS.toFixed(1)} of ${SECONDS.toFixed(1)} s`);
  assert.match(await exportMix.getByRole('status').textContent(), /^Exported 18\.0 s and 5 stems/);
  const stems = {};
  await exportMix.getByText('Stems (5)').click();  // a disclosure
  for (const link of await exportMix.getByRole('list', { name: 'Stems' }).getByRole('link').all()) {
    const stemDownload = page.waitForEvent('download');
    await link.click();
    const stem = await stemDownload;
    const name = stem.suggestedFilename().replace(/^demo-session-/, '');
    stems[name] = readWav(await stem.path()).channels;
  }
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(Object.keys(stems).sort(), Object.keys(reference.stems).sort());
  for (const [name, channels] of Object.entries(stems)) {
    const { maxDifference, snrDb } = assertWithinTolerance(reference.stems[name], channels);
    console.log(`  stem ${name}: max |difference| ${maxDifference.toExponential(3)}, SNR ${snrDb.toFixed(1)} dB`);
  }

  const exported = decodeWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  assert.equal(exported.sampleRate, RATE);
  assert.equal(exported.channels.length, 2);
  const { maxDifference, snrDb } = assertWithinTolerance(reference.channels, exported.channels);
  console.log(`Export mix (worker) vs vaist render --block ${NATIVE_BLOCK}, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, `
    + `SNR ${snrDb.toFixed(1)} dB; click to download ${milliseconds.toFixed(0)} ms (${(SECONDS / (milliseconds / 1000)).toFixed(1)}x real time)`);
});

test('Cancel stops an export: no download, the status says nothing was written, Export mix is offered again', async () => {
  // A long export (the lead's last clip runs on to beat 400, 200 s of audio): Cancel is pressed
  // as soon as it shows, long before the render could end.
  const long = JSON.parse(sessionText);
  const lead = long.tracks.find((t) => t.id === 'lead');
  lead.clips.at(-1).length = 400 - lead.clips.at(-1).start;
  writeFileSync(sessionFile, JSON.stringify(long));
  let opened;
  try {
    opened = await openStudioExport();
  } finally {
    writeFileSync(sessionFile, sessionText);
  }
  const { page, errors, downloads, exportMix } = opened;
  await exportMix.getByRole('button', { name: 'Export mix' }).click();
  await exportMix.getByRole('button', { name: 'Cancel' }).click();
  await exportMix.getByRole('status').filter({ hasText: 'Export cancelled; nothing was written.' }).waitFor({ timeout: 10000 });
  assert.equal(await exportMix.getByRole('button', { name: 'Export mix' }).count(), 1);
  assert.equal(await exportMix.getByRole('progressbar').count(), 0);
  assert.equal(await exportMix.getByRole('link').count(), 0);
  await page.close();
  assert.equal(downloads.length, 0);
  assert.deepEqual(errors, []);
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

test('an export during which a plugin traps gives no file and an error naming the insert; so does an invalid session', async () => {
  const page = await browser.newPage();
  await openHarness(page);
  const faulty = await page.evaluate(({ sessionText, rate }) => globalThis.exportSession(sessionText,
    ['/plugins/eq.wasm', '/equality/fixture_plugin.wasm'], ['tone.wav'], rate), { sessionText: faultySession(), rate: RATE });
  const invalid = await page.evaluate((rate) => globalThis.exportSession('{"format": "wasm-studio-session", "version": 1, "tempo": -120}', [], [], rate), RATE);
  await page.close();
  assert.equal(faulty.ok, false, JSON.stringify(faulty));
  assert.match(faulty.message, /^a plugin failed during the export, so nothing was written: track bad, insert 1 \(bad-fixture\): trap, .*unreachable/);
  assert.ok(faulty.progressed > 0, 'the render ran before the fault was reported');
  assert.equal(invalid.ok, false, JSON.stringify(invalid));
  assert.match(invalid.message, /^the session is not valid: tempo: /);
  assert.equal(invalid.progressed, 0);
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
