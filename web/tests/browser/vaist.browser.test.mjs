// A vAIst Forge plugin in a real browser, end to end: uploaded to the real `vaist serve`
// (POST /api/v1/assets/vaist: validated in the plugin sandbox, its manifest worked out there),
// fetched by the studio's own loading code (the .wasm and GET /api/v1/assets/{sha256}/manifest),
// and rendered by the built engine worklet (engine.wasm and engine/js's vAIst driver) in an
// OfflineAudioContext in headless Chromium, like the native `vaist render` of the same session:
// within EW-12's tolerance (docs/engine-wasm.md, "vAIst Forge plugins").
// ctest sets VAIST, WEB_DIST, WEB_HARNESS, CHROMIUM, WSTUDIO_VAIST_FIXTURE_DIR.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    cpSync(env('WEB_HARNESS'), join(webRoot, 'harness'), { recursive: true });
    mkdirSync(join(webRoot, 'vaist'));
    writeFileSync(join(webRoot, 'vaist', 'vaist-tone.wav'), new Uint8Array(encodeWav(tone(8 * 0.5 + 1), RATE)));
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

  // The session as the studio has it: the insert names the module by its sha256, and the app's own
  // loading code (loadSessionAssets on the harness page) fetches the module and its manifest
  // from the server, checks the bytes against the sha256, and hands both to the worklet.
  session.tracks[0].inserts[0].plugin.sha256 = sha256;
  writeFileSync(join(studio.webRoot, 'vaist', 'session.json'), JSON.stringify(session));
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/harness/index.html`);
  await page.waitForFunction(() => typeof globalThis.renderInWorklet === 'function');
  const result = await page.evaluate((frames) => globalThis.renderInWorklet(frames, '/vaist/session.json'), SECONDS * RATE);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.latency, 0);
  const { maxDifference, snrDb, signal } = compare(native.channels, [floats(result.left), floats(result.right)]);
  console.log(`vAIst Warm Drive, AudioWorklet vs vaist render, ${SECONDS} s: max |difference| ${maxDifference.toExponential(3)}, `
    + `SNR ${snrDb === Infinity ? 'inf (identical)' : `${snrDb.toFixed(1)} dB`}`);
  assert.ok(signal > 100, 'the render is not silence');
  assert.ok(maxDifference <= MAX_ABS_DIFFERENCE, `max |difference| ${maxDifference}`);
  assert.ok(snrDb >= MIN_SNR_DB, `SNR ${snrDb} dB`);
});
