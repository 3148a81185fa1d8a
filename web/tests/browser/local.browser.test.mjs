// Local-first sessions and audio import in a real browser (Debian's Chromium, headless,
// playwright-core) on /studio as built, served by the real `vaist serve` on 127.0.0.1:
//  1. "New session" opens an empty session saved in this browser. A WAV (a 1 kHz tone made here)
//     and an MP3 (440 Hz left, 660 Hz right, from the build's web_encoded_sources) imported
//     together through the file picker become two tracks named after the files, and playing
//     them, the output holds the three tones, and so does the exported mix. A file that cannot be decoded is named in an alert
//     and changes nothing. The WAV dropped on the arrangement is one more track, its audio not
//     stored twice. Reloading opens the same session, the same document byte for byte,
//     and the tones are heard again (their audio from IndexedDB). One undo takes the whole
//     import back.
//  2. The sessions dialog: rename (the header follows), duplicate, delete with a confirmation;
//     deleting the open session opens the next one, deleting the last opens a new one.
//  3. The demo, once edited, is a local session: its audio is stored by sha256, so it reloads,
//     and plays, with the demo's audio files gone from the server.
//  4. A stored session that cannot open (its audio is nowhere) says why, stays in the sessions
//     list untouched, and the demo opens from the message.
// The output is tapped by an AnalyserNode the test's init script connects beside the
// destination. ctest sets VAIST, WEB_DIST, CHROMIUM, ENCODED_SOURCES, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, openStudio } from './browser-fixture.mjs';
import { amplitude, readWav, tappedStudioPage, writeToneFiles } from './output-tap.mjs';

const RATE = 48000;
let studio;
let files;

before(async () => {
  studio = await openStudio((webRoot, work) => {
    files = join(work, 'files');
    writeToneFiles(files, env('ENCODED_SOURCES'));
    // Named like audio, holding none.
    writeFileSync(join(files, 'broken.wav'), 'RIFF....WAVEthis is not audio at all');
  });
});
after(async () => {
  await studio?.close();
});

async function studioPage() {
  return tappedStudioPage(studio.browser, studio.origin);
}

// The output's spectrum while it plays, once every frequency in `tones` stands 30 dB above the
// floor (measured at `quiet`), or the last look after a few seconds: the level (dB) at each.
async function listen(page, tones, quiet = 2500) {
  return page.evaluate(async ({ tones, quiet }) => {
    const analyser = window.__outputTap;
    const data = new Float32Array(analyser.frequencyBinCount);
    const bin = (hz) => Math.round((hz / analyser.context.sampleRate) * analyser.fftSize);
    const at = (hz) => Math.max(...data.subarray(bin(hz) - 2, bin(hz) + 3));
    let levels = {};
    for (let i = 0; i < 100; ++i) {
      analyser.getFloatFrequencyData(data);
      levels = Object.fromEntries([...tones, quiet].map((hz) => [hz, at(hz)]));
      if (tones.every((hz) => levels[hz] > levels[quiet] + 30 && levels[hz] > -60)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return levels;
  }, { tones, quiet });
}

function assertHeard(levels, tones, quiet = 2500) {
  for (const hz of tones) {
    assert.ok(levels[hz] > -60 && levels[hz] > levels[quiet] + 30, `${hz} Hz heard: ${JSON.stringify(levels)}`);
  }
}

// The sessions in IndexedDB, read as the page stored them.
function storedSessions(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('wasm-studio');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('sessions').objectStore('sessions').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result.map(({ id, name, document, sources }) => ({ id, name, document, sources })).sort((a, b) => a.name.localeCompare(b.name)));
      };
    };
  }));
}
const assetCount = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('wasm-studio');
  open.onsuccess = () => {
    const count = open.result.transaction('assets').objectStore('assets').count();
    count.onsuccess = () => { open.result.close(); resolve(count.result); };
  };
}));

const saved = (page) => page.locator('[data-save-state="saved"]').waitFor({ timeout: 10000 });
const stripNames = (page) => page.getByRole('region', { name: 'Mixer' }).getByRole('group').evaluateAll((groups) =>
  groups.map((g) => document.getElementById(g.getAttribute('aria-labelledby'))?.textContent));

test('a new session: import a WAV and an MP3 through the picker, hear them, refuse a broken file, reload and find it all', async () => {
  const { page, errors } = await studioPage();
  assert.equal(await page.locator('.session-name').textContent(), 'Demo session');
  await page.getByText('Demo: saved here once you edit it').waitFor();

  await page.getByRole('button', { name: 'New session' }).click();
  await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor();
  await saved(page);
  assert.deepEqual(await stripNames(page), ['Audio 1', 'Master']);

  // Both files at once, through the picker.
  const picker = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import audio…' }).click();
  await (await picker).setFiles([join(files, 'tone-1k.wav'), join(files, 'tone.mp3')]);
  await page.getByText('Imported tone-1k.wav, tone.mp3.').waitFor({ timeout: 20000 });
  await page.waitForFunction(() => document.querySelectorAll('.strip').length === 4);
  assert.deepEqual(await stripNames(page), ['Audio 1', 'tone-1k', 'tone', 'Master']);
  await saved(page);
  const [imported] = await storedSessions(page);
  const doc = JSON.parse(imported.document);
  const clips = doc.tracks.slice(1).map((t) => ({ name: t.name, clips: t.clips.map((c) => ({ start: c.start, length: Math.round(c.length * 100) / 100, channels: c.source.channels })) }));
  assert.deepEqual(clips, [
    { name: 'tone-1k', clips: [{ start: 0, length: 16, channels: 1 }] },  // 8 s at 120 bpm
    { name: 'tone', clips: [{ start: 0, length: 4, channels: 2 }] },
  ]);
  assert.ok(doc.tracks.slice(1).every((t) => /^[0-9a-f]{64}$/.test(t.clips[0].source.sha256)));
  assert.equal(await assetCount(page), 2);

  await page.getByRole('button', { name: 'Play' }).click();
  assertHeard(await listen(page, [1000, 440, 660]), [1000, 440, 660]);
  await page.getByRole('button', { name: 'Stop' }).click();

  // The export renders the imported audio too (the sources handed over at run time).
  const exportMix = page.getByRole('group', { name: 'Export mix' });
  await exportMix.getByLabel('Format').selectOption('float32');
  const downloaded = page.waitForEvent('download');
  await exportMix.getByRole('button', { name: 'Export mix' }).click();
  const mix = readWav(await (await downloaded).path());
  assert.equal(mix.channels[0].length, 10 * RATE);  // the 8 s clip and the 2 s tail
  assert.ok(amplitude(mix.channels[0], 1000, 1, 2) > 0.1, 'the WAV\'s tone in the export');
  assert.ok(amplitude(mix.channels[0], 440, 0.5, 1.5) > 0.1 && amplitude(mix.channels[1], 660, 0.5, 1.5) > 0.1, 'the MP3\'s tones in the export');
  assert.ok(amplitude(mix.channels[0], 440, 3, 4) < 0.01, 'the MP3 lasts 2 s');

  // A file that cannot be decoded: named, and nothing changes.
  await page.setInputFiles('[data-testid="import-audio-input"]', join(files, 'broken.wav'));
  const alert = page.getByRole('alert', { name: 'Files not imported' });
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /The audio file broken\.wav could not be decoded .*Nothing was changed for it\./);
  assert.deepEqual(await stripNames(page), ['Audio 1', 'tone-1k', 'tone', 'Master']);
  assert.deepEqual(await storedSessions(page), [imported]);
  assert.equal(await assetCount(page), 2);

  // The same file again, dropped on the arrangement: a track more, its audio stored once.
  await page.evaluate(({ base64 }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'tone-1k.wav', { type: 'audio/wav' }));
    const arrangement = document.querySelector('main.arrangement');
    for (const type of ['dragenter', 'dragover', 'drop']) arrangement.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { base64: readFileSync(join(files, 'tone-1k.wav')).toString('base64') });
  await page.getByText('Imported tone-1k.wav.').waitFor({ timeout: 20000 });
  assert.equal(await assetCount(page), 2);
  assert.deepEqual(await stripNames(page), ['Audio 1', 'tone-1k', 'tone', 'tone-1k', 'Master']);
  await page.keyboard.press('Control+z');  // the import, whole
  await page.waitForFunction(() => document.querySelectorAll('.strip').length === 4);
  await saved(page);
  assert.deepEqual(await storedSessions(page), [imported]);

  // Reload: the same session, the same document, the audio heard again.
  await page.reload();
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.session-name').textContent(), 'Untitled session');
  assert.deepEqual(await stripNames(page), ['Audio 1', 'tone-1k', 'tone', 'Master']);
  // The document the page restored, as the session library writes it: an edit and its undo
  // save it back, byte for byte.
  await page.getByRole('region', { name: 'Mixer' }).getByRole('button', { name: 'Mute tone', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Mute tone"]').getAttribute('aria-pressed') === 'true');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Mute tone"]').getAttribute('aria-pressed') === 'false');
  await saved(page);
  assert.deepEqual(await storedSessions(page), [imported]);
  await page.getByRole('button', { name: 'Play' }).click();
  assertHeard(await listen(page, [1000, 440, 660]), [1000, 440, 660]);
  await page.getByRole('button', { name: 'Stop' }).click();

  mkdirSync(env('WEB_ARTIFACTS'), { recursive: true });
  await page.screenshot({ path: join(env('WEB_ARTIFACTS'), 'studio-imported.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sessions dialog: rename, duplicate, delete (confirmed); deleting the open session opens another', async () => {
  const { page, errors } = await studioPage();
  await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor();
  await page.getByRole('button', { name: 'Sessions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sessions' });
  const rows = dialog.getByRole('list', { name: 'In this browser' }).getByRole('listitem');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /Untitled session \(open\)Open now/);

  await dialog.getByRole('button', { name: 'Rename Untitled session' }).click();
  const field = dialog.getByRole('textbox', { name: 'New name for Untitled session' });
  await field.fill('   ');
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'A session needs a name' }).waitFor();
  await field.fill('Tones');
  await field.press('Enter');
  await page.locator('.session-name', { hasText: 'Tones' }).waitFor();

  await dialog.getByRole('button', { name: 'Duplicate Tones' }).click();
  await dialog.getByRole('button', { name: 'Open Tones (copy)' }).waitFor();
  assert.deepEqual(await rows.evaluateAll((r) => r.map((row) => row.querySelector('.session-row-name').firstChild.textContent)), ['Tones (copy)', 'Tones']);
  const stored = await storedSessions(page);
  assert.equal(stored[0].document, stored[1].document);

  // Delete asks first; "Keep it" keeps it.
  await dialog.getByRole('button', { name: 'Delete Tones', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Tones”?' });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await confirm.waitFor({ state: 'detached' });  // faded out (Motion); the list is in the accessibility tree again
  assert.equal(await rows.count(), 2);
  await dialog.getByRole('button', { name: 'Delete Tones', exact: true }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await page.locator('.session-name', { hasText: 'Tones (copy)' }).waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');  // the dialog hides the rest of the page from the accessibility tree
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.deepEqual(await stripNames(page), ['Audio 1', 'tone-1k', 'tone', 'Master']);
  assert.deepEqual((await storedSessions(page)).map((s) => s.name), ['Tones (copy)']);

  // The last one deleted: a new session opens.
  await page.getByRole('button', { name: 'Sessions' }).click();
  await dialog.getByRole('button', { name: 'Delete Tones (copy)' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await page.locator('.session-name', { hasText: 'Untitled session' }).waitFor({ timeout: 20000 });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.deepEqual(await stripNames(page), ['Audio 1', 'Master']);
  assert.deepEqual((await storedSessions(page)).map((s) => s.name), ['Untitled session']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo, once edited, is a local session that reloads and plays without the demo\'s audio files', async () => {
  const { page, errors } = await studioPage();
  // A browser with nothing stored: the demo opens.
  await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('wasm-studio'); r.onsuccess = r.onerror = r.onblocked = resolve; }));
  await page.reload();
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.session-name').textContent(), 'Demo session');
  assert.deepEqual(await storedSessions(page), []);

  await page.getByRole('region', { name: 'Mixer' }).getByRole('button', { name: 'Mute Bass' }).click();
  await saved(page);
  const [demo] = await storedSessions(page);
  assert.equal(demo.name, 'Demo session');
  assert.deepEqual(Object.keys(demo.sources).sort(), ['audio/bass.wav', 'audio/drums.wav', 'audio/keys.flac']);
  assert.equal(await assetCount(page), 3);

  const demoAudio = join(studio.webRoot, 'demo', 'audio');
  renameSync(demoAudio, `${demoAudio}.away`);  // back at the end, for the next test
  await page.reload();
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole('region', { name: 'Mixer' }).getByRole('button', { name: 'Mute Bass' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number.parseFloat(document.querySelector('.strip[data-track="drums"] [data-testid="strip-peak"]')?.textContent ?? '') > -30, null, { timeout: 15000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  renameSync(`${demoAudio}.away`, demoAudio);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a stored session that does not open says why, changes nothing, stays in the list, and the demo still opens', async () => {
  const { page, errors } = await studioPage();
  // The session opened last names audio this browser does not have (and the server neither).
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('wasm-studio');
    open.onsuccess = () => {
      const tx = open.result.transaction('sessions', 'readwrite');
      const document = JSON.stringify({ format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: 48000, nextId: 1,
        tracks: [{ id: 'a', name: 'A', kind: 'audio', clips: [{ id: 'c', source: { sha256: 'e'.repeat(64) }, start: 0, length: 4 }] }], master: { volumeDb: 0, inserts: [] } });
      tx.objectStore('sessions').put({ id: 'lost-audio', name: 'Lost audio', document, updatedAt: Date.now(), openedAt: Date.now() + 60000, sources: {} });
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  const before = (await storedSessions(page)).find((s) => s.id === 'lost-audio');
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'The session could not be opened' });
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.textContent(), new RegExp(`the audio of source ${'e'.repeat(64)} is not in this browser, and fetching it failed .*project file`));
  await page.getByRole('button', { name: 'Sessions' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open Lost audio' }).waitFor();
  await page.keyboard.press('Escape');
  await alert.getByRole('button', { name: 'open the demo' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.session-name').textContent(), 'Demo session');
  assert.deepEqual((await storedSessions(page)).find((s) => s.id === 'lost-audio'), before);
  assert.deepEqual(errors, []);
  await page.close();
});
