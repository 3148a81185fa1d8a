// A vAIst Forge plugin in a real browser, end to end: uploaded to the real `vaist serve`
// (POST /api/v1/assets/vaist: validated in the plugin sandbox, its manifest worked out there),
// fetched by the page as the studio would (the .wasm and GET /api/v1/assets/{sha256}/manifest),
// and rendered by the built engine worklet (engine.wasm and engine/js's vAIst driver) in an
// OfflineAudioContext in headless Chromium, like the native `vaist render` of the same session:
// within EW-12's tolerance (docs/engine-wasm.md, "vAIst Forge plugins").
// ctest sets VAIST, WEB_DIST, CHROMIUM, WSTUDIO_VAIST_FIXTURE_DIR.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { encodeWav } from '../../../engine/js/wav.mjs';
import {
  MAX_ABS_DIFFERENCE, MIN_SNR_DB, RATE, compare, fixtureFolder, renderNatively, tone, vaistFixtureDir, vaistSession,
} from '../../../engine/js/tests/vaist_test_support.mjs';
import { env, floats, openStudio } from './browser-fixture.mjs';

const skip = vaistFixtureDir() === null ? 'the vAIst fixtures were not built (emcc missing)' : false;
const SECONDS = 4;

let studio;
let work;
let origin;
let browser;

before(async () => {
  if (skip) return;
  studio = await openStudio((webRoot) => {
    writeFileSync(join(webRoot, 'vaist-tone.wav'), new Uint8Array(encodeWav(tone(8 * 0.5 + 1), RATE)));
  });
  ({ work, origin, browser } = studio);
});

after(async () => {
  await studio?.close();
});

// Registers a user and uploads Warm Drive (public, so the page reads it without logging in).
async function uploadWarmDrive() {
  const registered = await fetch(`${origin}/api/v1/auth/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'forge', password: 'correct horse 1' }),
  });
  assert.equal(registered.status, 201, await registered.clone().text());
  const { csrfToken } = await registered.json();
  const cookie = registered.headers.get('set-cookie').split(';')[0];
  const folder = fixtureFolder('warm_drive');
  const uploaded = await fetch(`${origin}/api/v1/assets/vaist?public=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({
      wasm: readFileSync(join(folder, 'vaist-processor.wasm')).toString('base64'),
      glue: readFileSync(join(folder, 'vaist-processor.js'), 'utf8'),
      descriptor: readFileSync(join(folder, 'descriptor.json'), 'utf8'),
    }),
  });
  const body = await uploaded.json();
  assert.equal(uploaded.status, 201, JSON.stringify(body));
  return body.sha256;
}

test('a vAIst plugin from the server renders in the AudioWorklet like the native vaist render (EW-12 tolerance)', { skip }, async () => {
  // Parameters set, not automated: the worklet renders 128-frame quanta, vaist render 512-frame
  // blocks, and automation is applied per block.
  const session = JSON.parse(vaistSession());
  session.automation = [];
  session.tracks[0].inserts[0].params = { 0: 70, 1: 3000, 2: -3, 3: 80, 4: 1 };
  session.tracks[0].clips[0].source.path = 'vaist-tone.wav';
  const sessionText = JSON.stringify(session);
  const native = renderNatively(join(work, 'native'), sessionText.replaceAll('vaist-tone.wav', 'tone.wav'), SECONDS);
  const sha256 = await uploadWarmDrive();

  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/`);
  const result = await page.evaluate(async ({ sessionText, sha256, frames, rate }) => {
    const bytes = async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.arrayBuffer();
    };
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: rate });
    const wasm = await bytes(`/api/v1/assets/${sha256}`);
    const manifest = JSON.parse(new TextDecoder().decode(await bytes(`/api/v1/assets/${sha256}/manifest`)));
    // The page checks that the bytes are the ones the manifest describes (as the studio's
    // module cache keys modules by their SHA-256).
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', wasm))].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (digest !== manifest.sha256) throw new Error(`the manifest is for ${manifest.sha256}, the module is ${digest}`);
    const tone = await context.decodeAudioData(await bytes('/vaist-tone.wav'));
    await context.audioWorklet.addModule('/worklet/engine-processor.js');
    const node = new AudioWorkletNode(context, 'wasm-studio-engine', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
    node.connect(context.destination);
    const faults = [];
    const ready = new Promise((resolve, reject) => {
      node.port.onmessage = ({ data }) => {
        if (data.type === 'ready') resolve(data);
        if (data.type === 'error') reject(new Error(data.message));
        if (data.type === 'faults') faults.push(...data.faults);
      };
    });
    node.port.postMessage({
      type: 'load', engine: await WebAssembly.compile(await bytes('/engine/engine.wasm')),
      session: new TextEncoder().encode(sessionText),
      plugins: [{ module: await WebAssembly.compile(wasm), sha256, sharing: 1, format: 'vaist', manifest }],
      sources: [{ key: 'vaist-tone.wav', sampleRate: tone.sampleRate, channels: [tone.getChannelData(0), tone.getChannelData(1)] }],
      looping: false, play: true, state: null,
    });
    const { warnings, latency } = await ready;
    const rendered = await context.startRendering();
    const base64 = (samples) => {
      const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
      let text = '';
      for (let i = 0; i < raw.length; i += 0x8000) text += String.fromCharCode(...raw.subarray(i, i + 0x8000));
      return btoa(text);
    };
    return { warnings, latency, faults, left: base64(rendered.getChannelData(0)), right: base64(rendered.getChannelData(1)) };
  }, { sessionText, sha256, frames: SECONDS * RATE, rate: RATE });
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.faults, []);
  assert.equal(result.latency, 0);
  const { maxDifference, snrDb, signal } = compare(native.channels, [floats(result.left), floats(result.right)]);
  console.log(`vAIst Warm Drive, AudioWorklet vs vaist render, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, `
    + `SNR ${snrDb === Infinity ? 'inf (identical)' : `${snrDb.toFixed(1)} dB`}`);
  assert.ok(signal > 100, 'the render is not silence');
  assert.ok(maxDifference <= MAX_ABS_DIFFERENCE, `max |difference| ${maxDifference}`);
  assert.ok(snrDb >= MIN_SNR_DB, `SNR ${snrDb} dB`);
});
