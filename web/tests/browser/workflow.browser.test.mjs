// A musician's whole path through /studio in a real browser (Debian's Chromium, headless,
// playwright-core), on the real `vaist serve` on 127.0.0.1, on audio the test makes:
//  1. New session; a WAV (1 kHz) and an MP3 (440 Hz left, 660 Hz right) imported through the file
//     picker; an EQ added to the WAV's track and a compressor to the MP3's from their strips'
//     menus; playing, the captured output holds the tones, and the EQ's Output typed to -12 dB
//     lowers the 1 kHz tone in it by 12 dB (within 1.5 dB: the analyser's window) while the MP3's
//     tones stay.
//  2. Export mix (32-bit float, stems) equals `vaist render --block 128` of the project file the
//     sessions list downloads: the WAV track's stem within EW-12's tolerance (max |difference|
//     <= 1e-4, SNR >= 90 dB); the MP3 track's stem and the mix at the tones' levels within 0.5 dB
//     (the browser and libsndfile decode MP3 with different decoders).
//  3. The project file imported in a fresh browser profile (another user data folder, nothing in
//     its IndexedDB) opens as the same session, and plays the same tones.
//  4. A keyboard-only run: every step by keys on focused controls (each reachable by Tab: no
//     negative tabindex, not disabled): add a track, import through the file picker, add an
//     insert from the menu, change a parameter, play, stop, export.
// The output is tapped by an AnalyserNode the test's init script connects beside the
// destination. ctest sets VAIST, WEB_DIST, CHROMIUM, ENCODED_SOURCES.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { addInsert, env, launchChromium, openStudio } from './browser-fixture.mjs';
import { amplitude, readWav, tappedStudioPage, writeToneFiles } from './output-tap.mjs';

let studio;
let files;

before(async () => {
  studio = await openStudio((webRoot, work) => {
    files = join(work, 'files');
    writeToneFiles(files, env('ENCODED_SOURCES'));
  });
});
after(async () => {
  await studio?.close();
});

async function studioPage(browser = studio.browser) {
  return tappedStudioPage(browser, studio.origin);
}

// The output's level (dB) at each of `tones`, once all stand 30 dB above the floor at 2.5 kHz and
// two looks 200 ms apart agree within 0.5 dB (a parameter change has settled).
async function listen(page, tones) {
  return page.evaluate(async (tones) => {
    const analyser = window.__outputTap;
    const data = new Float32Array(analyser.frequencyBinCount);
    const bin = (hz) => Math.round((hz / analyser.context.sampleRate) * analyser.fftSize);
    const at = (hz) => Math.max(...data.subarray(bin(hz) - 2, bin(hz) + 3));
    let last = null;
    for (let i = 0; i < 100; ++i) {
      analyser.getFloatFrequencyData(data);
      const levels = Object.fromEntries([...tones, 2500].map((hz) => [hz, at(hz)]));
      const heard = tones.every((hz) => levels[hz] > levels[2500] + 30 && levels[hz] > -60);
      if (heard && last !== null && tones.every((hz) => Math.abs(levels[hz] - last[hz]) < 0.5)) return levels;
      last = heard ? levels : null;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the tones ${tones.join(', ')} Hz were not heard steadily`);
  }, tones);
}

const db = (x) => 20 * Math.log10(x);

// EW-12's tolerance between two renders of the same session.
function assertSameRender(expected, actual, what) {
  let maxDifference = 0;
  let signal = 0;
  let noise = 0;
  for (let c = 0; c < expected.length; ++c) {
    assert.equal(actual[c].length, expected[c].length, `${what}: length`);
    for (let i = 0; i < expected[c].length; ++i) {
      const d = actual[c][i] - expected[c][i];
      maxDifference = Math.max(maxDifference, Math.abs(d));
      signal += expected[c][i] ** 2;
      noise += d * d;
    }
  }
  const snrDb = noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
  assert.ok(maxDifference <= 1e-4 && snrDb >= 90, `${what}: max |difference| ${maxDifference}, SNR ${snrDb} dB`);
}

const stemName = (file) => /(\d\d-[^/]+\.wav)$/.exec(file)?.[1];

let projectFile;

test('import, inserts, a parameter heard; the export equals vaist render of the downloaded project file', async () => {
  const { page, errors } = await studioPage();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.strip').length === 2);  // Audio 1 and the master
  const picker = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import audio…' }).click();
  await (await picker).setFiles([join(files, 'tone-1k.wav'), join(files, 'tone.mp3')]);
  await page.getByText('Imported tone-1k.wav, tone.mp3.').waitFor({ timeout: 20000 });

  await addInsert(page, 'Add an insert to tone-1k', 'EQ');
  const eq = page.getByRole('dialog', { name: 'EQ on tone-1k' });
  await eq.waitFor();
  await eq.getByRole('button', { name: 'Close EQ on tone-1k' }).click();  // it covers the strips
  await addInsert(page, 'Add an insert to tone', 'Compressor');
  const compressor = page.getByRole('dialog', { name: 'Compressor on tone' });
  await compressor.waitFor();
  await compressor.getByRole('button', { name: 'Close Compressor on tone' }).click();
  await page.getByRole('button', { name: 'eq on tone-1k: open its window' }).click();
  await eq.waitFor();

  await page.getByRole('button', { name: 'Play' }).click();
  const before = await listen(page, [1000, 440, 660]);
  await eq.getByRole('textbox', { name: 'Output value' }).fill('-12 dB');
  await eq.getByRole('textbox', { name: 'Output value' }).press('Enter');
  await page.waitForTimeout(400);
  const afterMove = await listen(page, [1000, 440, 660]);
  assert.ok(Math.abs(before[1000] - afterMove[1000] - 12) < 1.5, `1 kHz fell ${before[1000] - afterMove[1000]} dB`);
  assert.ok(Math.abs(before[440] - afterMove[440]) < 1.5 && Math.abs(before[660] - afterMove[660]) < 1.5, 'the MP3 track unchanged');
  await eq.getByRole('button', { name: 'Close EQ on tone-1k' }).click();
  await page.getByRole('button', { name: 'Stop' }).click();

  // The browser's export, mix and stems.
  const exportMix = page.getByRole('group', { name: 'Export mix' });
  await exportMix.getByLabel('Format').selectOption('float32');
  await exportMix.getByLabel('Stems too').check();
  const downloaded = page.waitForEvent('download');
  await exportMix.getByRole('button', { name: 'Export mix' }).click();
  const mix = readWav(await (await downloaded).path()).channels;
  await exportMix.getByText(/^Stems \(\d+\)$/).click();
  const stems = {};
  for (const link of await exportMix.getByRole('list', { name: 'Stems' }).getByRole('link').all()) {
    const stemDownload = page.waitForEvent('download');
    await link.click();
    const stem = await stemDownload;
    stems[stemName(stem.suggestedFilename())] = readWav(await stem.path()).channels;
  }

  // The project file, from the sessions list.
  await page.getByRole('button', { name: 'Sessions' }).click();
  const projectDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Untitled session as a project file' }).click();
  const project = await projectDownload;
  assert.equal(project.suggestedFilename(), 'Untitled session.wstudio.zip');
  projectFile = join(studio.work, 'Untitled session.wstudio.zip');
  await project.saveAs(projectFile);
  await page.keyboard.press('Escape');

  const out = join(studio.work, 'native');
  mkdirSync(out, { recursive: true });
  const rendered = spawnSync(env('VAIST'), ['render', projectFile, '-o', join(out, 'mix.wav'), '--bits', '32f', '--block', '128', '--stems', join(out, 'stems')], { encoding: 'utf8' });
  assert.equal(rendered.status, 0, rendered.stderr);
  const native = { mix: readWav(join(out, 'mix.wav')).channels, stems: Object.fromEntries(readdirSync(join(out, 'stems')).map((f) => [f, readWav(join(out, 'stems', f)).channels])) };
  assert.deepEqual(Object.keys(stems).sort(), Object.keys(native.stems).sort());
  const wavStem = Object.keys(stems).find((name) => name.includes('tone-1k') || /-\d+\.wav$/.test(name) && amplitude(stems[name][0], 1000, 1, 2) > 0.01);
  assert.ok(wavStem !== undefined, `the WAV track's stem among ${Object.keys(stems)}`);
  assertSameRender(native.stems[wavStem], stems[wavStem], `stem ${wavStem}`);
  // The EQ's -12 dB is in both: 0.25 * 10^(-12/20).
  assert.ok(Math.abs(db(amplitude(stems[wavStem][0], 1000, 1, 2)) - db(0.25 * 10 ** (-12 / 20))) < 0.1);
  for (const [hz, channel] of [[440, 0], [660, 1]]) {
    const browserLevel = db(amplitude(mix[channel], hz, 0.5, 1.5));
    const nativeLevel = db(amplitude(native.mix[channel], hz, 0.5, 1.5));
    assert.ok(Math.abs(browserLevel - nativeLevel) < 0.5, `${hz} Hz: browser ${browserLevel} dB, vaist ${nativeLevel} dB`);
  }
  assert.ok(Math.abs(db(amplitude(mix[0], 1000, 1, 2)) - db(amplitude(native.mix[0], 1000, 1, 2))) < 0.01);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the project file opens in a fresh browser profile as the same session, and plays', async () => {
  assert.ok(projectFile, 'the first test downloaded it');
  const fresh = await launchChromium(join(studio.work, 'fresh-profile'));
  try {
    const { page, errors } = await studioPage(fresh);
    assert.equal(await page.locator('.session-name').textContent(), 'Demo session');  // nothing stored here yet
    await page.getByRole('button', { name: 'Sessions' }).click();
    const picker = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import project file…' }).click();
    await (await picker).setFiles(projectFile);
    await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor({ timeout: 30000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('.strip').length === 4);  // Audio 1, tone-1k, tone, master
    assert.deepEqual(await page.locator('ul[aria-label="tone-1k inserts"] .insert-name').allTextContents(), ['eq']);
    await page.getByRole('button', { name: 'Play' }).click();
    const levels = await listen(page, [1000, 440, 660]);
    assert.ok(levels[1000] > -60);
    await page.getByRole('button', { name: 'Stop' }).click();
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

// Focuses a control as Tab would reach it (checked: in the tab order, enabled) and presses keys.
async function byKeys(control, ...keys) {
  await control.waitFor();
  assert.ok(await control.evaluate((e) => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]')), 'reachable by Tab');
  await control.focus();
  for (const key of keys) await control.page().keyboard.press(key);
}

test('keyboard only: add a track, import through the picker, add an insert, change a parameter, play, stop, export', async () => {
  const { page, errors } = await studioPage();
  await byKeys(page.getByRole('button', { name: 'New session' }), 'Enter');
  await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.strip').length === 2);  // Audio 1 and the master
  await byKeys(page.getByRole('button', { name: 'Add audio track' }), 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('.strip').length === 3);

  const picker = page.waitForEvent('filechooser');
  await byKeys(page.getByRole('button', { name: 'Import audio…' }), 'Enter');
  await (await picker).setFiles([join(files, 'tone-1k.wav')]);
  await page.getByText('Imported tone-1k.wav.').waitFor({ timeout: 20000 });

  // The strip's menu: Enter opens it, arrows move, Enter picks.
  await byKeys(page.getByRole('button', { name: 'Add an insert to tone-1k' }), 'Enter');
  await page.getByRole('menu').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');  // focus moved into it
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'EQ'; ++i) {
    const from = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((from) => document.activeElement?.textContent !== from, from);
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'EQ');
  await page.keyboard.press('Enter');
  const eq = page.getByRole('dialog', { name: 'EQ on tone-1k' });
  await eq.waitFor();
  const output = eq.getByRole('slider', { name: 'Output' });
  await byKeys(output, 'ArrowDown', 'ArrowDown', 'ArrowDown');
  const value = await output.getAttribute('aria-valuetext');
  assert.notEqual(value, '0.0 dB');
  await page.waitForFunction(() => document.querySelector('[data-save-state="saved"]') !== null);

  await byKeys(page.getByRole('button', { name: 'Play' }), 'Space');
  const levels = await listen(page, [1000]);
  assert.ok(levels[1000] > -60);
  await page.keyboard.press('Space');  // stops: Space is the transport's, wherever focus is but a text field
  await page.waitForFunction(() => document.querySelector('[data-testid="announcements"]')?.textContent?.startsWith('Stopped'));

  const exportMix = page.getByRole('group', { name: 'Export mix' });
  const downloaded = page.waitForEvent('download');
  await byKeys(exportMix.getByRole('button', { name: 'Export mix' }), 'Enter');
  const mix = readWav(await (await downloaded).path()).channels;
  // The exported tone carries the parameter change the keys made.
  const typedDb = Number.parseFloat(value);
  assert.ok(Math.abs(db(amplitude(mix[0], 1000, 1, 2)) - (db(0.25) + typedDb)) < 0.1, `export at ${db(amplitude(mix[0], 1000, 1, 2))} dB, EQ output ${value}`);
  assert.deepEqual(errors, []);
  await page.close();
});
