// The mixer on a big session in a real browser (Debian's Chromium, headless, playwright-core) on
// /studio as built, served by the real `vaist serve` on 127.0.0.1: the demo grown to 40 tracks
// (copies of its tracks with their inserts). The strips are virtualised across (Mixer.tsx):
//  1. Fewer strips than tracks are in the DOM; they are a list whose items say their place and the
//     list's size (aria-posinset, aria-setsize 40); the master's strip is there, at the right.
//  2. Tab walks the strips one after another from the first to one that was not drawn at first, each
//     strip brought fully into view as the focus enters it; scrolled away from under the focus, the
//     focused strip stays and Tab goes on to the next; Shift+Tab from the master reaches the last
//     track's strip and walks back from there, no strip skipped.
//  3. A far strip reached by keyboard is operable: ArrowUp on its fader raises its volume in the
//     session (the strip, taken out of the DOM and drawn again, shows it; undo takes it back), and
//     its inserts reorder by drag.
//  4. axe-core finds no WCAG 2.2 A/AA violation in the mixer, at the start and scrolled to the end.
// ctest sets VAIST, WEB_DIST, CHROMIUM.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openStudio } from './browser-fixture.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const TRACKS = 40;

// The demo's tracks, then copies of its four (with their clips and inserts under new ids) up to
// TRACKS - 1, then its reverb bus.
function bigSession(text) {
  const session = JSON.parse(text);
  const bus = session.tracks.find((t) => t.kind === 'bus');
  const models = session.tracks.filter((t) => t.kind !== 'bus');
  const tracks = [...models];
  for (let i = models.length; i < TRACKS - 1; ++i) {
    const copy = structuredClone(models[i % models.length]);
    copy.id = `${copy.id}-copy${i}`;
    copy.name = `${copy.name} ${i + 1}`;
    for (const clip of copy.clips) clip.id = `${clip.id}-copy${i}`;
    for (const insert of copy.inserts) insert.id = `${insert.id}-copy${i}`;
    tracks.push(copy);
  }
  session.tracks = [...tracks, bus];
  return session;
}

let studio;
let session;
before(async () => {
  studio = await openStudio((webRoot) => {
    const file = join(webRoot, 'demo', 'demo.session.json');
    session = bigSession(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(session));
  });
});
after(async () => {
  await studio?.close();
});

async function axeViolations(page, selector) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const result = await page.evaluate(([include, tags]) => window.axe.run({ include: [include] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), [selector, WCAG_TAGS]);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`);
}

// Where the focus is: the place of the strip holding it ('master' in the master's strip), and
// whether that strip is wholly inside the strips' scrolling area.
const focusPlace = (page) => page.evaluate(() => {
  const focused = document.activeElement;
  const slot = focused?.closest('.mixer-strips > [role="listitem"]');
  if (slot === null || slot === undefined) return { place: focused?.closest('.strip.master') ? 'master' : null, label: focused?.getAttribute('aria-label') };
  const box = slot.getBoundingClientRect();
  const view = document.querySelector('.mixer-tracks').getBoundingClientRect();
  return { place: Number(slot.getAttribute('aria-posinset')), label: focused.getAttribute('aria-label'),
    inView: box.left >= view.left - 0.5 && box.right <= view.right + 0.5 };
});

// Presses `key` until `done(where)`, at most `limit` times; returns the strips' places passed through,
// in order, each once, and the last place.
async function walk(page, key, done, limit) {
  const places = [];
  for (let i = 0; i < limit; ++i) {
    await page.keyboard.press(key);
    const where = await focusPlace(page);
    if (typeof where.place === 'number') {
      assert.ok(where.inView, `strip ${where.place} has the focus (${where.label}) but is not wholly in view`);
      if (places.at(-1) !== where.place) places.push(where.place);
    }
    if (done(where)) return places;
  }
  throw new Error(`${key} x${limit} did not get there; passed ${places.join(', ')}`);
}

test('40 tracks: strips drawn in view only, every one reached by Tab and Shift+Tab, a far one operable, axe clean', async () => {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(`${studio.origin}/studio`);
  const mixer = page.getByRole('region', { name: 'Mixer' });
  const list = mixer.getByRole('list', { name: 'Track strips' });
  await list.waitFor({ timeout: 30000 });
  const items = list.locator(':scope > [role="listitem"]');
  const master = mixer.getByRole('group', { name: 'Master', exact: true });
  const placeOf = (n) => list.locator(`:scope > [aria-posinset="${n}"]`);

  // 1. Fewer strips than tracks; each item's place and the list's size; the master at the right.
  const drawn = await items.count();
  assert.ok(drawn > 3 && drawn < 20, `${drawn} of ${TRACKS} strips in the DOM`);
  const places = await items.evaluateAll((slots) => slots.map((s) => [Number(s.getAttribute('aria-posinset')), s.getAttribute('aria-setsize')]));
  assert.ok(places.every(([, size]) => size === String(TRACKS)), JSON.stringify(places));
  assert.equal(places[0][0], 1);
  assert.equal(places.at(-1)[0], TRACKS);  // the last strip is always drawn: Shift+Tab from the master reaches it
  assert.equal(await placeOf(1).getByRole('group').getAttribute('data-track'), 'drums');
  assert.equal(await master.count(), 1);
  const masterBox = await master.boundingBox();
  const tracksBox = await page.locator('.mixer-tracks').boundingBox();
  assert.ok(masterBox.x >= tracksBox.x + tracksBox.width, 'the master\'s strip is right of the track strips');
  const far = 13;  // a strip not drawn at first
  assert.equal(await placeOf(far).count(), 0);
  assert.deepEqual(await axeViolations(page, '#mixer'), []);

  // 2. Tab from the first strip to the far one, every strip in between passed, each brought into view.
  await placeOf(1).getByRole('button', { name: 'compressor on Drums: open its window' }).focus();
  const forward = await walk(page, 'Tab', (where) => where.place === far, far * 14);
  assert.deepEqual(forward, Array.from({ length: far }, (_, i) => i + 1));
  // Scrolled away from under the focus (the wheel, the scroll bar), the focused strip stays, and
  // Tab goes on to the strip after it.
  await page.locator('.mixer-tracks').evaluate((element) => { element.scrollLeft = element.scrollWidth; });
  await placeOf(TRACKS - 2).waitFor();
  assert.equal((await focusPlace(page)).place, far);
  assert.deepEqual(await walk(page, 'Tab', (where) => where.place === far + 1, 20), [far, far + 1]);

  // Shift+Tab from the master's fader: the last track's strip, then back, strip by strip, to the
  // fader of the fourth from the end.
  const target = TRACKS - 3;
  const name = session.tracks[target - 1].name;
  await master.getByRole('slider', { name: 'Master volume' }).focus();
  const backward = await walk(page, 'Shift+Tab', (where) => where.label === `${name} volume`, 60);
  assert.deepEqual(backward, [TRACKS, TRACKS - 1, TRACKS - 2, TRACKS - 3]);
  assert.equal(await master.count(), 1);
  assert.ok(await master.isVisible());

  // 3. ArrowUp on the far strip's fader: 0.5 dB up, kept in the session on release.
  const fader = mixer.getByRole('slider', { name: `${name} volume` });
  const before = await fader.getAttribute('aria-valuenow');
  await page.keyboard.press('ArrowUp');
  const raised = String(Number(before) + 0.5);
  assert.equal(await fader.getAttribute('aria-valuenow'), raised);
  // The strip taken out of the DOM (the selection moved to the first strip, the view to the start)
  // and drawn again shows the session's level.
  await placeOf(1).locator('.strip-name').click();
  await page.locator('.mixer-tracks').evaluate((element) => { element.scrollLeft = 0; });
  await placeOf(target).waitFor({ state: 'detached' });
  await page.locator('.mixer-tracks').evaluate((element) => { element.scrollLeft = element.scrollWidth; });
  await placeOf(target).waitFor();
  assert.equal(await fader.getAttribute('aria-valuenow'), raised);
  await fader.focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([label, value]) => document.querySelector(`[aria-label="${label}"]`)?.getAttribute('aria-valuenow') === value, [`${name} volume`, before]);

  // Its inserts reorder by drag (one insert.move).
  const inserts = placeOf(target).locator('.strip-inserts li[data-insert]');
  const order = await inserts.evaluateAll((lis) => lis.map((li) => li.dataset.insert));
  assert.equal(order.length, 2);
  await inserts.nth(1).dragTo(inserts.nth(0));
  await page.waitForFunction(([selector, first]) => document.querySelector(selector)?.dataset.insert === first,
    [`.mixer-strips > [aria-posinset="${target}"] .strip-inserts li[data-insert]`, order[1]]);

  assert.equal(await master.count(), 1);
  assert.deepEqual(await axeViolations(page, '#mixer'), []);
  await page.close();
  assert.deepEqual(errors, []);
});
