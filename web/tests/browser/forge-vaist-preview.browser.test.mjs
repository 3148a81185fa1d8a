// A vAIst Forge plugin imported as built plays on the Forge's preview (issue 16, "vAIst Forge
// plugins" and "Play"), against the real `vaist serve` and the studio's engine in the page, the
// output captured after everything the page does to it (output-tap.mjs):
//  1. Warm Drive as vAIst Forge builds it (emcc: minified .wasm, its .js glue, descriptor.json;
//     host/tests/vaist/fixtures) is imported on /forge: it is heard on the preview at the level
//     its DSP gives the user's 1 kHz tone (worked out here from its processor.cpp); the A/B
//     bypass takes it out and back; its Output typed in its window is heard;
//  2. the same plugin built with clean export names (no glue) replaces it without a reload,
//     keeping the Output the user set; axe-core finds no violation; a screenshot of /forge with
//     it playing (build/web/artifacts/forge-vaist-preview.png);
//  3. the note pattern chosen while the playhead is in the second half of the 4-bar file (past
//     the 2-bar pattern's end) is heard through it;
//  4. the month's build count shown in the Build panel follows a model's generation (its
//     attempts are builds), from a scripted OpenAI-compatible endpoint this test runs, and the
//     import of a source project (forge/tests/data/vaist/trim), which is compiled.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { vaistFixtureDir } from '../../../engine/js/tests/vaist_test_support.mjs';
import { axeViolations, env, openStudio, signUp } from './browser-fixture.mjs';
import { openForgePreview, outputHeardAt, outputLevels, writeSineFile } from './output-tap.mjs';

const PROJECTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../forge/tests/data/vaist');
const skip = vaistFixtureDir() === null ? 'the vAIst fixtures were not built (emcc missing)' : false;
const RATE = 48000;
const TONE = 0.25;
const FILE_SECONDS = 8;  // 4 bars at the preview's 120 BPM; the note pattern is 2
const dB = (db) => 10 ** (db / 20);
const rms = (samples) => Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
const tone = Float32Array.from({ length: RATE * FILE_SECONDS }, (_, i) => TONE * Math.sin((2 * Math.PI * 1000 * i) / RATE));

// Warm Drive at its defaults (drive 25%, tone 8 kHz, output 0 dB, mix 100%, soft shape) on the
// tone, as its processor.cpp computes it: the RMS of its last second.
function warmDriveRms() {
  const preGain = 1 + 25 * 0.09;
  const toneCoeff = 1 - Math.exp((-2 * Math.PI * 8000) / RATE);
  let state = 0;
  const out = tone.map((x) => {
    const shaped = (x * preGain) / (1 + Math.abs(x * preGain));
    state += toneCoeff * (shaped - state);
    return state;
  });
  return rms(out.subarray(out.length - RATE));
}
const DRY = rms(tone);
const WET = warmDriveRms();

// The model's answers: the offline generator's plan and the writer's code, written by `vaist forge`.
const scratch = mkdtempSync(join(tmpdir(), 'forge-vaist-preview-'));
let answers = [];
let endpoint;
let studio;
let page;
let preview;
let toneFile;
let playingSince = 0;  // the audio clock's time when Play was pressed: the playhead at 0
const errors = [];
before(async () => {
  if (skip) return;
  const plan = execFileSync(env('VAIST'), ['forge', 'plan', 'a 2 kHz low-pass with a Tone knob, called Counted Tone'], { encoding: 'utf8' });
  writeFileSync(join(scratch, 'plan.json'), plan);
  const source = execFileSync(env('VAIST'), ['forge', 'code', join(scratch, 'plan.json')], { encoding: 'utf8' });
  const completion = (content) => JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] });
  answers = [completion('```json\n' + plan + '```'), completion('```cpp\n' + source + '```')];
  endpoint = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(answers.shift() ?? JSON.stringify({ error: { message: 'no answer left' } }));
    });
  });
  await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  process.env.WSTUDIO_LLM_URL = `http://127.0.0.1:${endpoint.address().port}/v1`;
  process.env.WSTUDIO_LLM_MODEL = 'scripted-model';
  process.env.WSTUDIO_LLM_API_KEY = 'sk-vaist-preview-test';

  studio = await openStudio();
  toneFile = writeSineFile(studio.work, 'tone-1k.wav', { hz: 1000, amplitude: TONE, seconds: FILE_SECONDS, rate: RATE });
  ({ page, preview } = await openForgePreview(studio, errors));
  await signUp(page, 'vaist-previewer');
});
after(async () => {
  await studio?.close();
  endpoint?.close();
});

const output = () => outputLevels(page);

const heardAt = (expected, what) => outputHeardAt(page, expected, what);

const importPanel = () => page.getByRole('region', { name: 'Import a vAIst project' });
async function importBuilt(folder, files) {
  await importPanel().getByLabel('vAIst project files').setInputFiles(files.map((f) => join(vaistFixtureDir(), folder, f)));
  await importPanel().getByRole('status').filter({ hasText: /Warm Drive was (not )?imported/ }).waitFor({ timeout: 60000 });
  assert.match(await importPanel().getByRole('status').textContent(), /Warm Drive was imported: it is the current build\./);
}

test('Warm Drive imported as vAIst Forge built it plays on the preview; A/B bypass and its window work', { skip }, async () => {
  await preview.getByLabel('Your audio file').setInputFiles(toneFile);
  await preview.getByRole('radio', { name: 'Your file: tone-1k.wav' }).waitFor({ timeout: 60000 });
  await preview.getByRole('button', { name: 'Play' }).click();
  playingSince = await page.evaluate(() => window.__outputTap.context.currentTime);
  await heardAt(DRY, 'the tone, dry');

  await importBuilt('warm_drive_glue', ['vaist-processor.wasm', 'vaist-processor.js', 'descriptor.json']);
  await preview.getByText('Warm Drive is on the preview track.').waitFor({ timeout: 30000 });
  await heardAt(WET, 'Warm Drive at its defaults');
  console.log(`the tone dry ${DRY.toFixed(4)} RMS, through Warm Drive ${WET.toFixed(4)} (${(20 * Math.log10(WET / DRY)).toFixed(1)} dB)`);

  const ab = preview.getByRole('button', { name: 'A/B: bypass Warm Drive' });
  await ab.click();
  await heardAt(DRY, 'Warm Drive bypassed');
  await ab.click();
  await heardAt(WET, 'Warm Drive back in');

  await preview.getByRole('button', { name: 'Open Warm Drive' }).click();
  const window = page.getByRole('dialog', { name: 'Warm Drive on Preview' });
  await window.getByRole('textbox', { name: 'Output value' }).fill('-12 dB');
  await window.getByRole('textbox', { name: 'Output value' }).press('Enter');
  await heardAt(WET * dB(-12), 'Output at -12 dB');
});

test('the clean-named build replaces it in place, keeping the Output the user set; axe finds no violation', { skip }, async () => {
  await importBuilt('warm_drive_clean', ['vaist-processor.wasm', 'descriptor.json']);
  await preview.getByText('The new version of Warm Drive is playing').waitFor({ timeout: 30000 });
  const window = page.getByRole('dialog', { name: 'Warm Drive on Preview' });
  await window.waitFor();
  assert.equal(await window.getByRole('slider', { name: 'Output' }).getAttribute('aria-valuetext'), '-12.0 dB');
  await heardAt(WET * dB(-12), 'the clean build, Output kept at -12 dB');
  assert.equal(await page.locator('.quick-insert').count(), 1, 'one Warm Drive on the track');

  const artifacts = process.env.WEB_ARTIFACTS ?? 'build/web/artifacts';
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'forge-vaist-preview.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test('the note pattern chosen with the playhead past its end is heard through it', { skip }, async () => {
  // The playhead in bars 3-4 of the file (it loops every FILE_SECONDS from Play): beyond the
  // pattern's 2 bars, where a loop that only wraps at its end would leave it playing silence.
  await page.waitForFunction(([since, length]) => {
    const at = (window.__outputTap.context.currentTime - since) % length;
    return at > 4.5 && at < 6;
  }, [playingSince, FILE_SECONDS], { timeout: 20000, polling: 20 });
  await preview.getByRole('radio', { name: 'Note pattern' }).check();
  // Switched once the factory synth plays the pattern before Warm Drive; read once the analyser's
  // window (16384 frames, a third of a second) holds nothing from before: the tone's tail would
  // pass for the pattern.
  await page.waitForFunction(() => document.querySelectorAll('.quick-insert').length === 2);
  await page.waitForTimeout(500);
  let heard = { rms: 0 };
  for (let tries = 0; tries < 100 && heard.rms < 0.005; ++tries) {
    await page.waitForTimeout(100);
    heard = await output();
  }
  assert.ok(heard.rms > 0.005, `the note pattern is heard through Warm Drive (RMS ${heard.rms})`);
});

test('the build count follows a model\'s generation and a source import', { skip }, async () => {
  const usage = page.getByRole('region', { name: 'Build' }).locator('.usage');
  // An import as built compiles nothing: no build counted yet.
  assert.equal(await usage.textContent(), '0 builds this month (no limit).');
  await page.getByRole('radio', { name: 'Model (scripted-model)' }).check();
  const panel = page.getByRole('region', { name: 'Describe for the model' });
  await panel.getByLabel(/Describe your plugin/).fill('a low-pass with a Tone knob');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await panel.getByRole('status').filter({ hasText: 'Done:' }).waitFor({ timeout: 120000 });
  await usage.filter({ hasText: '1 build this month (no limit).' }).waitFor({ timeout: 5000 });

  // A source project is compiled: one more build.
  await importPanel().getByLabel('vAIst project files').setInputFiles(
    ['processor.h', 'processor.cpp', 'bindings.cpp', 'descriptor.json'].map((f) => join(PROJECTS, 'trim', f)));
  await importPanel().getByRole('status').filter({ hasText: 'Trim was imported: it is the current build.' }).waitFor({ timeout: 120000 });
  await usage.filter({ hasText: '2 builds this month (no limit).' }).waitFor({ timeout: 5000 });
});
