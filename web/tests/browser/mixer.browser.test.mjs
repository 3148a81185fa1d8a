// The studio's mixer in a real browser (Debian's Chromium, headless, playwright-core) on /studio
// as built, served by the real `vaist serve` on 127.0.0.1, playing the demo session:
//  1. The panel's strips are labelled for screen readers: a group per track named by the track,
//     sliders with names and value texts ("-4.0 dB", "20% L"), mute and solo buttons with
//     aria-pressed, each strip's inserts as a list; the master strip has no pan, mute or solo.
//  2. The drums' fader moved with the keyboard (Home: -inf) is heard at once: the drums' meter,
//     drawn from the engine's per-track stats, falls to silence while the bass's does not; on
//     key release the session holds the new level (the strip shows the session's value); Ctrl+Z
//     brings the old level back (and the drums' sound), Shift+Ctrl+Z takes it away again.
//  3. Mute is an edit undo takes back; a typed level sets the fader; a level that is not one
//     gives a message saying what to type and changes nothing; the pan by keyboard, kept and
//     undone; a drag, the wheel and a
//     double-click (reset to 0 dB) each make one edit that undo takes back whole.
//  4. A plugin window opens from an insert in the mixer: a dialog named by the plugin and the
//     track, a control per parameter from the descriptor; a slider moved by keyboard is kept in
//     the session on release and undone whole; a factory preset from the server sets its
//     parameters in one edit, undone whole; Escape closes the window. An insert added from a
//     strip's list opens its window; Remove takes it out, undo brings it back.
//  A screenshot of /studio with the mixer open is written to $WEB_ARTIFACTS/studio-mixer.png,
//  and one with a plugin window to $WEB_ARTIFACTS/studio-plugin-window.png.
// ctest sets VAIST, WEB_DIST, CHROMIUM, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, openStudio, addInsert } from './browser-fixture.mjs';

let studio;
before(async () => {
  studio = await openStudio();
});
after(async () => {
  await studio?.close();
});

// Waits until a strip's peak readout ("-12.3 dB", "-inf dB": held 1.5 s, then falling 24 dB/s)
// is above `aboveDb`, or, with `aboveDb` null, is silence: below -60 dB (where no track of the
// demo plays) or -inf.
async function waitForPeak(page, track, aboveDb) {
  await page.waitForFunction(({ track, aboveDb }) => {
    const text = document.querySelector(`.strip[data-track="${track}"] [data-testid="strip-peak"]`)?.textContent ?? '';
    const db = text.startsWith('-inf') ? -Infinity : Number.parseFloat(text);
    return aboveDb === null ? db < -60 : db > aboveDb;
  }, { track, aboveDb }, { timeout: 15000 });
}

test('the mixer: labelled strips; the drums\' fader by keyboard is heard at once, kept on release, undone and redone', async () => {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  const toggle = page.getByRole('button', { name: 'Mixer' });
  await toggle.waitFor({ timeout: 30000 });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const mixer = page.getByRole('region', { name: 'Mixer' });

  // 1. What a screen reader finds.
  const drums = mixer.getByRole('group', { name: 'Drums', exact: true });
  const fader = drums.getByRole('slider', { name: 'Drums volume' });
  assert.equal(await fader.getAttribute('aria-valuetext'), '-4.0 dB');
  assert.equal(await fader.getAttribute('aria-valuenow'), '-4');
  assert.equal(await fader.getAttribute('aria-orientation'), 'vertical');
  assert.equal(await drums.getByRole('slider', { name: 'Drums pan' }).getAttribute('aria-valuetext'), 'C');
  assert.equal(await mixer.getByRole('slider', { name: 'Keys pan' }).getAttribute('aria-valuetext'), '20% L');
  assert.equal(await drums.getByRole('button', { name: 'Mute Drums' }).getAttribute('aria-pressed'), 'false');
  assert.equal(await drums.getByRole('button', { name: 'Solo Drums' }).getAttribute('aria-pressed'), 'false');
  const inserts = drums.getByRole('list', { name: 'Drums inserts' }).getByRole('listitem');
  assert.equal(await inserts.count(), 2);
  assert.deepEqual(await inserts.locator('.insert-name').allTextContents(), ['compressor', 'eq']);
  assert.match(await inserts.first().textContent(), /^compressorB\d+% CPU$/);  // B: its bypass button
  assert.equal(await drums.getByRole('textbox', { name: 'Drums volume in dB' }).inputValue(), '-4.0 dB');
  const names = await mixer.getByRole('group').evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')).textContent));
  assert.deepEqual(names, ['Drums', 'Bass', 'Keys', 'Lead synth', 'Space (reverb bus)', 'Master']);
  const master = mixer.getByRole('group', { name: 'Master', exact: true });
  assert.equal(await master.getByRole('slider').count(), 1);
  assert.equal(await master.getByRole('button', { name: /^(Mute|Solo) / }).count(), 0);  // its inserts' buttons open windows

  // 2. Playing: the drums, from bar 3 the bass, and the master sound.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForPeak(page, 'drums', -30);
  await waitForPeak(page, 'bass', -30);
  await waitForPeak(page, 'master', -30);
  await fader.focus();
  await page.keyboard.down('ArrowDown');
  assert.equal(await fader.getAttribute('aria-valuetext'), '-4.5 dB');
  await page.keyboard.up('ArrowDown');
  await page.keyboard.press('Home');
  assert.equal(await fader.getAttribute('aria-valuetext'), '-inf dB');
  assert.equal(await drums.getByRole('textbox', { name: 'Drums volume in dB' }).inputValue(), '-inf dB');
  await waitForPeak(page, 'drums', null);
  await waitForPeak(page, 'bass', -30);
  assert.equal(await page.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed'), 'true');

  // Undo takes back the whole key press (Home), then the step before it; redo brings it back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums volume"]').getAttribute('aria-valuetext') === '-4.5 dB');
  await waitForPeak(page, 'drums', -30);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums volume"]').getAttribute('aria-valuetext') === '-4.0 dB');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums volume"]').getAttribute('aria-valuetext') === '-inf dB');
  await waitForPeak(page, 'drums', null);

  // 3. A typed level; one that is not a level; mute and its undo.
  const field = drums.getByRole('textbox', { name: 'Drums volume in dB' });
  await field.fill('-12');
  await field.press('Enter');
  assert.equal(await fader.getAttribute('aria-valuetext'), '-12.0 dB');
  await waitForPeak(page, 'drums', -40);
  await field.fill('loud');
  await field.press('Enter');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await drums.getByRole('alert').textContent(), /^"loud" is not a level: type a number of dB from -96 to \+6/);
  await field.press('Escape');
  assert.equal(await field.inputValue(), '-12.0 dB');
  assert.equal(await drums.getByRole('alert').count(), 0);

  const mute = drums.getByRole('button', { name: 'Mute Drums' });
  await mute.click();
  assert.equal(await mute.getAttribute('aria-pressed'), 'true');
  await waitForPeak(page, 'drums', null);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Mute Drums"]').getAttribute('aria-pressed') === 'false');

  // The pan: Home is hard left, kept on release; undo brings the centre back.
  const pan = drums.getByRole('slider', { name: 'Drums pan' });
  await pan.focus();
  await page.keyboard.press('Home');
  assert.equal(await pan.getAttribute('aria-valuetext'), '100% L');
  assert.equal(await drums.locator('.pan-text').textContent(), '100% L');
  await page.keyboard.press('ArrowRight');
  assert.equal(await pan.getAttribute('aria-valuetext'), '99% L');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums pan"]').getAttribute('aria-valuetext') === '100% L');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums pan"]').getAttribute('aria-valuetext') === 'C');

  // The pointer: a drag up, the wheel (two notches, one edit), a double-click; each undone whole.
  const bass = mixer.getByRole('slider', { name: 'Bass volume' });
  const valueOf = (slider) => slider.getAttribute('aria-valuetext');
  const box = await bass.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 12, { steps: 4 });
  const dragged = await valueOf(bass);
  assert.ok(Number.parseFloat(dragged) > -5, dragged);
  await page.mouse.up();
  assert.equal(await valueOf(bass), dragged);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Bass volume"]').getAttribute('aria-valuetext') === '-5.0 dB');
  await page.mouse.wheel(0, -100);
  await page.mouse.wheel(0, -100);
  await page.waitForFunction(() => document.querySelector('[aria-label="Bass volume"]').getAttribute('aria-valuetext') === '-4.0 dB');
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  assert.equal(await valueOf(bass), '0.0 dB');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Bass volume"]').getAttribute('aria-valuetext') === '-4.0 dB');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[aria-label="Bass volume"]').getAttribute('aria-valuetext') === '-5.0 dB');

  await waitForPeak(page, 'bass', -30);
  const artifacts = env('WEB_ARTIFACTS');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'studio-mixer.png'), fullPage: true });

  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('region', { name: 'Mixer' }).count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});

test('a plugin window: its controls from the descriptor, a parameter kept on release and undone, Escape closes it', async () => {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  const open = page.getByRole('button', { name: 'compressor on Drums: open its window' });
  await open.waitFor({ timeout: 30000 });
  await open.click();
  const window = page.getByRole('dialog', { name: 'Compressor on Drums' });
  await window.waitFor();
  // Every parameter of the compressor's descriptor has a control.
  const catalog = await page.evaluate(async () => (await (await fetch('/plugins/catalog.json')).json()).plugins.find((p) => p.name === 'compressor').descriptor.params);
  const params = window.locator('.plugin-params');  // the preset list is not a parameter
  const controls = (await params.getByRole('slider').count()) + (await params.getByRole('checkbox').count()) + (await params.getByRole('combobox').count());
  assert.equal(controls, catalog.length);
  const first = catalog.find((p) => p.type === 'float');
  const slider = window.getByRole('slider', { name: first.name });
  const before = Number(await slider.getAttribute('aria-valuenow'));
  assert.match(await slider.getAttribute('aria-valuetext'), first.unit ? new RegExp(` ${first.unit === 'Hz' ? 'k?Hz' : first.unit}$`) : /./);
  await slider.focus();
  await page.keyboard.press('PageUp');
  await page.waitForFunction(([name, was]) => {
    const element = [...document.querySelectorAll('[role="dialog"] [role="slider"]')].find((e) => e.getAttribute('aria-label') === name);
    return Number(element?.getAttribute('aria-valuenow')) > was;
  }, [first.name, before]);
  const kept = Number(await slider.getAttribute('aria-valuenow'));
  assert.ok(kept > before && kept <= first.max, `${first.name}: ${before} -> ${kept}`);
  const artifacts = env('WEB_ARTIFACTS');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'studio-plugin-window.png') });
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([name, was]) => {
    const element = [...document.querySelectorAll('[role="dialog"] [role="slider"]')].find((e) => e.getAttribute('aria-label') === name);
    return Number(element?.getAttribute('aria-valuenow')) === was;
  }, [first.name, before]);
  // A factory preset from the server sets what it names in one edit: "Drum Bus Glue" has the
  // threshold at -14 dB; undo takes the whole preset back.
  const threshold = window.getByRole('slider', { name: 'Threshold' });
  const thresholdBefore = Number(await threshold.getAttribute('aria-valuenow'));
  await window.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Drum Bus Glue' });
  await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"] [role="slider"]')]
    .find((e) => e.getAttribute('aria-label') === 'Threshold')?.getAttribute('aria-valuenow') === '-14');
  await threshold.focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((was) => Number([...document.querySelectorAll('[role="dialog"] [role="slider"]')]
    .find((e) => e.getAttribute('aria-label') === 'Threshold')?.getAttribute('aria-valuenow')) === was, thresholdBefore);
  await page.keyboard.press('Escape');
  await window.waitFor({ state: 'detached' });

  // An insert added from a strip's list opens its window; Remove takes it out in one edit, which
  // undo reverses.
  const bassInserts = page.getByRole('list', { name: 'Bass inserts' }).getByRole('listitem');
  const count = await bassInserts.count();
  await addInsert(page, 'Add an insert to Bass', 'Reverb');
  const reverb = page.getByRole('dialog', { name: 'Reverb on Bass' });
  await reverb.waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Bass inserts"] li').length === n + 1, count);
  await reverb.getByRole('button', { name: 'Remove' }).click();
  await reverb.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Bass inserts"] li').length === n, count);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Bass inserts"] li').length === n + 1, count);
  await page.close();
  assert.deepEqual(errors, []);
});
