// Plugin windows, inserts, presets and uploaded plugins on /studio in a real browser (Debian's
// Chromium, headless, playwright-core), served by the real `vaist serve` on 127.0.0.1:
//  1. Two windows open at once; a click raises one over the other; one is dragged by its title
//     bar, resized by its corner and moved by its Move button's arrow keys; after a reload both
//     open where they were left, at the size they were left (the settings table).
//  2. A typed value in a parameter's unit ("-6 dB") and a double-click (the default) each change
//     the parameter in one edit, undone by Ctrl+Z; a bad value says what to type; the search box
//     filters the parameters by name.
//  3. Inserts reorder by Alt+Down and by a drag, each undone by Ctrl+Z; bypass shows in the
//     insert's name. The sidebar's quick strip shows the selected strip's inserts, its knobs
//     edit (and undo) like the window's; axe-core finds no WCAG 2.2 A/AA violation.
//  4. An own preset saved, applied (one edit), renamed and deleted, also on the server once
//     signed in (GET /api/v1/presets).
//  5. Uploading needs an account (said when signed out); random bytes, a module that is no plugin
//     and the host tests' fixture plugin (which fails the conformance suite) are refused with the
//     server's reason; the conformance suite's good fixture uploaded through the plugin browser
//     joins the list, is inserted and its parameter set, and is still listed after a reload.
// ctest sets VAIST, WEB_DIST, CHROMIUM, FIXTURE_PLUGIN, CONFORMANCE_GOOD_PLUGIN, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, openStudio, addInsert, warmDriveOnKeysAt60 } from './browser-fixture.mjs';

let studio;
before(async () => {
  studio = await openStudio();
});
after(async () => {
  await studio?.close();
});

async function openPage() {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('region', { name: 'Mixer' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

const placeOf = (locator) => locator.evaluate((e) => ({ x: e.offsetLeft, y: e.offsetTop, width: e.offsetWidth, height: e.offsetHeight, z: Number(e.style.zIndex) }));

// The value a slider shows, read until it is `expected` (edits reach the page's session
// asynchronously).
async function waitForValue(page, dialog, name, expected) {
  await page.waitForFunction(([dialog, name, expected]) => {
    const window = [...document.querySelectorAll('[role="dialog"]')].find((d) => d.getAttribute('data-insert') === dialog);
    const slider = [...(window?.querySelectorAll('[role="slider"]') ?? [])].find((s) => s.getAttribute('aria-label') === name);
    return slider?.getAttribute('aria-valuetext') === expected;
  }, [dialog, name, expected]);
}

test('windows: two at once, raised by a click, dragged, resized and moved by keys; their places survive a reload', async () => {
  const { page, errors } = await openPage();
  await page.getByRole('button', { name: 'compressor on Drums: open its window' }).click();
  const compressor = page.getByRole('dialog', { name: 'Compressor on Drums' });
  await compressor.waitFor();
  await page.getByRole('button', { name: 'eq on Drums: open its window' }).click();
  const eq = page.getByRole('dialog', { name: 'EQ on Drums' });
  await eq.waitFor();
  assert.ok((await placeOf(eq)).z > (await placeOf(compressor)).z, 'the newest is in front');
  await compressor.getByRole('heading').click();
  assert.ok((await placeOf(compressor)).z > (await placeOf(eq)).z, 'a click raises it');

  // The compressor (in front): dragged by its title bar, resized by its corner, moved by keys.
  const start = await placeOf(compressor);
  const title = await compressor.getByRole('heading').boundingBox();
  await page.mouse.move(title.x + 10, title.y + 5);
  await page.mouse.down();
  await page.mouse.move(title.x + 160, title.y + 65, { steps: 5 });
  await page.mouse.up();
  const dragged = await placeOf(compressor);
  assert.deepEqual([dragged.x - start.x, dragged.y - start.y], [150, 60]);
  const corner = await compressor.getByRole('button', { name: /^Resize Compressor on Drums/ }).boundingBox();
  await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
  await page.mouse.down();
  await page.mouse.move(corner.x + corner.width / 2 + 80, corner.y + corner.height / 2 - 100, { steps: 5 });
  await page.mouse.up();
  const resized = await placeOf(compressor);
  assert.deepEqual([resized.width - dragged.width, resized.height - dragged.height], [80, -100]);
  const move = compressor.getByRole('button', { name: /^Move Compressor on Drums/ });
  await move.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowDown');
  const keyed = await placeOf(compressor);
  assert.deepEqual([keyed.x - resized.x, keyed.y - resized.y], [-20, 1]);
  const left = { eq: await placeOf(eq), compressor: keyed };

  // Remembered: the settings table holds both (written as each move ends).
  await page.waitForFunction(() => new Promise((resolve) => {
    const request = indexedDB.open('wasm-studio');
    request.onsuccess = () => {
      const read = request.result.transaction('settings').objectStore('settings').getAll();
      read.onsuccess = () => resolve(read.result.some((s) => s.key === 'plugin-window:drums-comp' && s.value.height === 340));
      read.onerror = () => resolve(false);
    };
    request.onerror = () => resolve(false);
  }));
  await page.reload();
  await page.getByRole('region', { name: 'Mixer' }).waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'compressor on Drums: open its window' }).click();
  await page.getByRole('button', { name: 'eq on Drums: open its window' }).click();
  await page.waitForFunction(([x, y]) => {
    const e = document.querySelector('[role="dialog"][data-insert="drums-comp"]');
    return e !== null && e.offsetLeft === x && e.offsetTop === y;
  }, [left.compressor.x, left.compressor.y]);
  const again = await placeOf(page.getByRole('dialog', { name: 'Compressor on Drums' }));
  assert.deepEqual([again.x, again.y, again.width, again.height], [left.compressor.x, left.compressor.y, left.compressor.width, left.compressor.height]);
  const eqAgain = await placeOf(page.getByRole('dialog', { name: 'EQ on Drums' }));
  assert.deepEqual([eqAgain.x, eqAgain.y, eqAgain.width, eqAgain.height], [left.eq.x, left.eq.y, left.eq.width, left.eq.height]);

  // Focus raises a window too; Escape closes the focused window, the other stays.
  const compressorNow = page.getByRole('dialog', { name: 'Compressor on Drums' });
  await compressorNow.getByRole('button', { name: /^Move Compressor/ }).focus();
  assert.ok((await placeOf(compressorNow)).z > (await placeOf(page.getByRole('dialog', { name: 'EQ on Drums' }))).z, 'focus raises it');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Compressor on Drums' }).waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('dialog', { name: 'EQ on Drums' }).count(), 1);
  const artifacts = env('WEB_ARTIFACTS');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'studio-plugin-windows.png') });
  await page.close();
  assert.deepEqual(errors, []);
});

test('parameters: a typed value in its unit and a double-click each make one edit that undo takes back; search by name', async () => {
  const { page, errors } = await openPage();
  // A window fades in, unless reduced motion is asked for: then it is drawn at once as it will
  // stay. (Its first look is read as it enters the page, before any frame is drawn.)
  const firstLook = async (open) => {
    await page.evaluate(() => {
      globalThis.firstLook = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const added = document.querySelector('[role="dialog"]:not([data-seen])');
          if (added === null) return;
          added.setAttribute('data-seen', '');
          observer.disconnect();
          resolve(getComputedStyle(added).opacity);
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    });
    await open();
    return page.evaluate(() => globalThis.firstLook);
  };
  assert.equal(await firstLook(() => page.getByRole('button', { name: 'eq on Drums: open its window' }).click()), '0');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'EQ on Drums' }).waitFor({ state: 'detached' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await firstLook(() => page.getByRole('button', { name: 'compressor on Drums: open its window' }).click()), '1');
  const window = page.getByRole('dialog', { name: 'Compressor on Drums' });
  await window.waitFor();
  const threshold = window.getByRole('slider', { name: 'Threshold' });
  const before = await threshold.getAttribute('aria-valuetext');
  const field = window.getByRole('textbox', { name: 'Threshold value' });
  await field.fill('-6 dB');
  await field.press('Enter');
  await waitForValue(page, 'drums-comp', 'Threshold', '-6.00 dB');
  assert.equal(await field.inputValue(), '-6.00 dB');
  await field.fill('-6 parsecs');
  await field.press('Enter');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await window.getByRole('alert').textContent(), /^"-6 parsecs" is not a value for Threshold: type a number from -60\.0 dB to 0\.00 dB/);
  await field.press('Escape');
  assert.equal(await field.inputValue(), '-6.00 dB');
  await window.getByRole('heading').click();
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'drums-comp', 'Threshold', before);

  // Release has 150 ms as its default: typed 1.2 s, then a double-click resets it; undo brings
  // 1.2 s back.
  const release = window.getByRole('slider', { name: 'Release' });
  await window.getByRole('textbox', { name: 'Release value' }).fill('1.2 s');
  await window.getByRole('textbox', { name: 'Release value' }).press('Enter');
  await waitForValue(page, 'drums-comp', 'Release', '1200 ms');
  await release.dblclick();
  await waitForValue(page, 'drums-comp', 'Release', '150 ms');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'drums-comp', 'Release', '1200 ms');
  // A knob is a slider with its unit's value text and a stepped one moves by its steps: Shift
  // makes an arrow ten times finer.
  await release.focus();
  await page.keyboard.press('Home');
  await waitForValue(page, 'drums-comp', 'Release', '5.00 ms');

  // A drag on a knob: 200 px for its whole range; with Shift held, ten times finer.
  const mix = window.getByRole('slider', { name: 'Mix' });
  assert.equal(await mix.getAttribute('aria-valuetext'), '100 %');
  await mix.scrollIntoViewIfNeeded();
  const knob = await mix.boundingBox();
  const [kx, ky] = [Math.round(knob.x + knob.width / 2), Math.round(knob.y + knob.height / 2)];
  await page.mouse.move(kx, ky);
  await page.mouse.down();
  await page.mouse.move(kx, ky + 50, { steps: 5 });
  await page.mouse.up();
  await waitForValue(page, 'drums-comp', 'Mix', '75.0 %');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'drums-comp', 'Mix', '100 %');
  await page.keyboard.down('Shift');
  await page.mouse.move(kx, ky);
  await page.mouse.down();
  await page.mouse.move(kx, ky + 50, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await waitForValue(page, 'drums-comp', 'Mix', '97.5 %');

  const search = window.getByRole('searchbox', { name: "Search Compressor's parameters" });
  await search.fill('rel');
  assert.deepEqual(await window.locator('.plugin-params [role="slider"]').evaluateAll((s) => s.map((e) => e.getAttribute('aria-label'))), ['Release']);
  await search.fill('sidechain');
  assert.equal(await window.locator('.plugin-params .param').count(), 2);
  await search.fill('zzz');
  assert.match(await window.getByRole('status').filter({ hasText: 'No parameter' }).textContent(), /No parameter of Compressor is named "zzz"/);
  await search.press('Escape');
  assert.equal(await search.inputValue(), '');
  await page.close();
  assert.deepEqual(errors, []);
});

test('inserts: reordered by Alt+Down and by a drag, each undone; bypass in the name; the quick strip; no axe violations', async () => {
  const { page, errors } = await openPage();
  const order = () => page.locator('ul[aria-label="Drums inserts"] .insert-name').allTextContents();
  assert.deepEqual(await order(), ['compressor', 'eq']);
  const compressor = page.getByRole('button', { name: 'compressor on Drums: open its window' });
  await compressor.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Drums inserts"] .insert-name')].map((b) => b.textContent).join() === 'eq,compressor');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'compressor');
  assert.match(await page.getByRole('status').filter({ hasText: 'moved' }).first().textContent(), /compressor moved to slot 2 of 2/);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Drums inserts"] .insert-name')].map((b) => b.textContent).join() === 'compressor,eq');

  await page.locator('ul[aria-label="Drums inserts"] li[data-insert="drums-eq"]').dragTo(page.locator('ul[aria-label="Drums inserts"] li[data-insert="drums-comp"]'));
  await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Drums inserts"] .insert-name')].map((b) => b.textContent).join() === 'eq,compressor');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Drums inserts"] .insert-name')].map((b) => b.textContent).join() === 'compressor,eq');

  await page.getByRole('button', { name: 'Bypass eq on Drums', exact: true }).click();
  await page.getByRole('button', { name: 'eq on Drums, bypassed: open its window' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'eq on Drums: open its window' }).waitFor();

  // The quick strip follows the selected strip (focus in it selects it): the bass's inserts with
  // their first parameters; a knob there is an edit like the window's, undone alike, and its
  // button opens the insert's window.
  await page.getByRole('slider', { name: 'Bass pan' }).focus();
  const quick = page.getByRole('complementary', { name: 'Quick controls' });
  await quick.getByRole('heading', { name: 'Bass: inserts' }).waitFor();
  assert.equal(await quick.getByRole('list', { name: 'Bass inserts, quick controls' }).getByRole('listitem').count(), 2);
  const drive = quick.getByRole('slider', { name: 'Drive of Saturator on Bass' });
  const driveBefore = await drive.getAttribute('aria-valuetext');
  await drive.focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drive of Saturator on Bass"]')?.getAttribute('aria-valuetext') === '48.0 dB');
  await quick.getByRole('button', { name: 'Window of Saturator on Bass' }).click();
  const saturator = page.getByRole('dialog', { name: 'Saturator on Bass' });
  assert.equal(await saturator.getByRole('slider', { name: 'Drive' }).getAttribute('aria-valuetext'), '48.0 dB');
  await drive.focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((was) => document.querySelector('[aria-label="Drive of Saturator on Bass"]')?.getAttribute('aria-valuetext') === was, driveBefore);
  assert.equal(await saturator.getByRole('slider', { name: 'Drive' }).getAttribute('aria-valuetext'), driveBefore);

  // axe-core finds no WCAG 2.2 A/AA violation in the mixer, a plugin window and the quick strip
  // (this slice's parts of the page; the arrangement is tested with its own).
  await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => (await globalThis.axe.run({ include: [['.mixer'], ['.quick-strip'], ['.plugin-window']] }, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  })).violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  await page.close();
  assert.deepEqual(errors, []);
});

// Registers a user in the page (the login cookie and the CSRF token are the page's own); signs
// the page out.
async function signUp(page, username) {
  const status = await page.evaluate(async (username) => (await fetch('/api/v1/auth/register', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'correct horse 1' }),
  })).status, username);
  assert.equal(status, 201);
}
async function signOut(page) {
  const status = await page.evaluate(async () => {
    const me = await fetch('/api/v1/auth/me');
    if (me.status === 401) return 204;
    const { csrfToken } = await me.json();
    return (await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } })).status;
  });
  assert.equal(status, 204);
}

test('own presets: saved, applied in one edit, renamed and deleted, here and on the server when signed in', async () => {
  const { page, errors } = await openPage();
  await signUp(page, 'presets');
  await page.getByRole('button', { name: 'compressor on Drums: open its window' }).click();
  const window = page.getByRole('dialog', { name: 'Compressor on Drums' });
  await window.waitFor();
  const field = window.getByRole('textbox', { name: 'Threshold value' });
  await field.fill('-30');
  await field.press('Enter');
  await waitForValue(page, 'drums-comp', 'Threshold', '-30.0 dB');
  await window.getByRole('textbox', { name: 'Name for a new Compressor preset' }).fill('Heavy');
  await window.getByRole('button', { name: 'Save preset' }).click();
  await window.getByRole('button', { name: 'Apply Heavy' }).waitFor();
  const onServer = () => page.evaluate(async () => (await (await fetch('/api/v1/presets/studio.wasm.compressor')).json()).presets.map((p) => [p.name, p.params['0']]));
  assert.deepEqual(await onServer(), [['Heavy', -30]]);

  await field.fill('-10');
  await field.press('Enter');
  await waitForValue(page, 'drums-comp', 'Threshold', '-10.0 dB');
  await window.getByRole('button', { name: 'Apply Heavy' }).click();
  await waitForValue(page, 'drums-comp', 'Threshold', '-30.0 dB');
  await window.getByRole('heading').click();
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'drums-comp', 'Threshold', '-10.0 dB');

  await window.getByRole('button', { name: 'Rename Heavy' }).click();
  await window.getByRole('textbox', { name: 'New name for Heavy' }).fill('Squash');
  await window.getByRole('button', { name: 'Save name' }).click();
  await window.getByRole('button', { name: 'Apply Squash' }).waitFor();
  assert.deepEqual(await onServer(), [['Squash', -30]]);
  await window.getByRole('button', { name: 'Delete Squash' }).click();
  await window.getByRole('button', { name: 'Apply Squash' }).waitFor({ state: 'detached' });
  assert.deepEqual(await onServer(), []);
  await page.close();
  assert.deepEqual(errors, []);
});

test('uploaded plugins: signed out it says to sign in; bad ones are refused with the reason; a good one is accepted and inserted', async () => {
  const files = join(studio.work, 'uploads');
  mkdirSync(files, { recursive: true });
  const random = join(files, 'random.wasm');
  writeFileSync(random, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)));
  // A WebAssembly module that is not a plugin: the smallest module (no exports).
  const notPlugin = join(files, 'empty.wasm');
  writeFileSync(notPlugin, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));

  const { page, errors } = await openPage();
  await signOut(page);
  const bass = page.getByRole('group', { name: 'Bass', exact: true });
  // The first pick through the button's file chooser, the others straight into its input.
  let chosen = false;
  const pick = async (paths) => {
    if (!chosen) {
      chosen = true;
      const chooser = page.waitForEvent('filechooser');
      await bass.getByRole('button', { name: /^Upload plugin… \(Bass\)$/ }).click();
      return (await chooser).setFiles(paths);
    }
    return bass.locator('input[type="file"]').setInputFiles(paths);
  };
  const alert = page.getByRole('region', { name: 'Mixer' }).locator('.mixer-error');

  // Signed out, the button says to sign in instead of asking for files.
  await bass.getByRole('button', { name: /^Upload plugin… \(Bass\)$/ }).click();
  await alert.waitFor();
  assert.match(await alert.textContent(), /Uploading a plugin needs an account: sign in \(or sign up\) from the header/);

  await signUp(page, 'uploader');
  await pick([random]);
  await page.waitForFunction(() => /random\.wasm was refused/.test(document.querySelector('.mixer-error')?.textContent ?? ''));
  assert.match(await alert.textContent(), /^random\.wasm was refused: it is not a WebAssembly plugin/);
  await pick([notPlugin]);
  await page.waitForFunction(() => /empty\.wasm was refused/.test(document.querySelector('.mixer-error')?.textContent ?? ''));
  assert.match(await alert.textContent(), /^empty\.wasm was refused: it did not pass the plugin checks\. ./);
  // The host tests' fixture plugin misbehaves on demand (its Misbehave parameter): the suite finds it.
  await pick([env('FIXTURE_PLUGIN')]);
  await page.waitForFunction(() => /fixture_plugin\.wasm was refused/.test(document.querySelector('.mixer-error')?.textContent ?? ''));
  assert.match(await alert.textContent(), /^fixture_plugin\.wasm was refused: it did not pass the plugin checks\. \d+ checks failed \([a-z-]+(, [a-z-]+)*\); [a-z-]+: [a-z -]+: Plugin 'Fixture' .*Run "vaist plugin validate" on it to see each\.$/);

  await pick([env('CONFORMANCE_GOOD_PLUGIN')]);
  await page.waitForFunction(() => [...document.querySelectorAll('.upload-status')].some((s) => /Conformance fixture passed the checks/.test(s.textContent)));
  assert.equal(await alert.count(), 0);
  await addInsert(bass, 'Add an insert to Bass', 'Conformance fixture');
  const window = page.getByRole('dialog', { name: 'Conformance fixture on Bass' });
  await window.waitFor();
  const gain = window.getByRole('slider', { name: 'Gain' });
  assert.equal(await gain.getAttribute('aria-valuetext'), '0.00 dB');
  await window.getByRole('textbox', { name: 'Gain value' }).fill('-12 dB');
  await window.getByRole('textbox', { name: 'Gain value' }).press('Enter');
  await page.waitForFunction(() => document.querySelector('[role="dialog"] [aria-label="Gain"]')?.getAttribute('aria-valuetext') === '-12.0 dB');
  assert.deepEqual(await page.locator('ul[aria-label="Bass inserts"] .insert-name').allTextContents(), ['saturator', 'filter', 'Conformance fixture']);

  // Known by this browser after a reload: the list still has it, and it inserts again.
  await page.reload();
  await page.getByRole('region', { name: 'Mixer' }).waitFor({ timeout: 30000 });
  await addInsert(page, 'Add an insert to Keys', 'Conformance fixture');
  await page.getByRole('dialog', { name: 'Conformance fixture on Keys' }).waitFor();
  await page.close();
  assert.deepEqual(errors, []);
});

// A vAIst Forge build in its clean-named form (the .wasm and descriptor.json, no glue), from the
// fixtures emcc builds in host/tests/vaist (skipped without them): checked in the server's
// plugin sandbox, listed, inserted (the module by its sha256 with the server's manifest) and
// driven from its window.
const vaistFixtures = process.env.WSTUDIO_VAIST_FIXTURE_DIR;
const vaistClean = vaistFixtures ? join(vaistFixtures, 'warm_drive_clean') : '';
test('a vAIst Forge plugin uploaded as its .wasm and descriptor.json is inserted and driven', {
  skip: vaistClean === '' || !existsSync(join(vaistClean, 'vaist-processor.wasm')) ? 'the vAIst fixtures were not built (emcc missing)' : false,
}, async () => {
  const { page, errors } = await openPage();
  await signUp(page, 'forge');
  const keys = page.getByRole('group', { name: 'Keys', exact: true });
  await keys.locator('input[type="file"]').setInputFiles([join(vaistClean, 'vaist-processor.wasm'), join(vaistClean, 'descriptor.json')]);
  await page.waitForFunction(() => [...document.querySelectorAll('.upload-status')].some((s) => /Warm Drive passed the checks/.test(s.textContent)));
  const window = await warmDriveOnKeysAt60(page, keys);
  assert.equal(await window.getByRole('combobox', { name: 'Shape' }).count(), 1);
  await page.close();
  assert.deepEqual(errors, []);
});
