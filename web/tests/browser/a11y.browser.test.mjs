// Accessibility of /studio in a real browser (Debian's Chromium, headless, playwright-core), the
// demo session served by the real `vaist serve` on 127.0.0.1:
//  1. axe-core (the npm package, injected into the page) finds no WCAG 2.0/2.1/2.2 A or AA
//     violation on /studio with the mixer and a plugin window open, nor with the shortcuts dialog open
//     on top of them.
//  2. The studio's live region says what the transport does (Playing, Stopped at bar 2, beat 4,
//     At the start), and what undo did ("Undone: parameter changed").
//  3. P speaks the master's peak and loudness while the demo plays: a peak in dB and a loudness
//     in LUFS that agree with the master meter's readout; with a track selected (its mixer strip
//     used), P speaks of that track: stopped, nothing above the meters' floor.
//     The CPU meter opens a breakdown by track and insert, heaviest first (axe: no violation).
//  4. The shortcuts dialog opens with ?, lists the keys, keeps Tab inside, closes with Escape and gives
//     focus back; its "quiet during playback" option keeps change news quiet while playing. Motion
//     animates it in (transparent, lower and smaller first) and out; with reduced motion asked for,
//     it never moves or scales, and focus goes in and back as always.
// ctest sets VAIST, WEB_DIST, CHROMIUM.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { openStudio } from './browser-fixture.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let studio;
before(async () => {
  studio = await openStudio();
});
after(async () => {
  await studio?.close();
});

async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  // What the user sees once windows and dialogs have finished appearing (mid-fade, colours are
  // blends).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await dialogsSettled(page);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`);
}

// Motion (a11y/MotionDialog.tsx) animates dialogs from script: done when every dialog and
// overlay is fully opaque.
const dialogsSettled = (page) => page.waitForFunction(() =>
  [...document.querySelectorAll('.dialog, .dialog-overlay')].every((element) => getComputedStyle(element).opacity === '1'));

// Records the inline opacity and transform the next dialog panel has, from its insertion on
// (Motion writes them), in window.dialogStyles.
const recordDialogStyles = (page) => page.evaluate(() => {
  window.dialogStyles = [];
  const record = (element) => window.dialogStyles.push({ opacity: element.style.opacity, transform: element.style.transform });
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'attributes' && mutation.target.classList?.contains('dialog')) record(mutation.target);
      for (const node of mutation.addedNodes) {
        const panel = node instanceof Element ? (node.matches('.dialog') ? node : node.querySelector('.dialog')) : null;
        if (panel) record(panel);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
});
// A transform's scale (Motion writes "scale(0.99)" while it animates; none at rest).
const scaleOf = (transform) => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);

const announcement = (page) => page.getByTestId('announcements');
async function waitForAnnouncement(page, pattern) {
  try {
    await page.waitForFunction((source) => new RegExp(source).test((document.querySelector('[data-testid="announcements"]')?.textContent ?? '').replace(/\u200b/g, '')), pattern.source, { timeout: 15000 });
  } catch (error) {
    throw new Error(`no announcement like ${pattern} (the last: "${await announcement(page).textContent()}")`, { cause: error });
  }
  return (await announcement(page).textContent()).replace(/\u200b/g, '');
}

async function openDemo() {
  const page = await studio.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

test('axe finds no WCAG 2.2 A/AA violation with the mixer, a plugin window and a dialog open', async () => {
  const { page, errors } = await openDemo();
  await page.getByRole('button', { name: 'compressor on Drums: open its window' }).click();
  await page.getByRole('dialog', { name: 'Compressor on Drums' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Shift+?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts and announcements' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the live region says what the transport and undo did; P speaks the master\'s peak and loudness', async () => {
  const { page, errors } = await openDemo();
  await page.keyboard.press('Space');
  assert.equal(await waitForAnnouncement(page, /^Playing$/), 'Playing');
  await page.waitForTimeout(3000);  // the demo's first bars: the drums and bass play
  await page.keyboard.press('p');
  const spoken = await waitForAnnouncement(page, /^Master: peak/);
  const match = /^Master: peak (-?\d+\.\d) dB, loudness (-?\d+\.\d) LUFS$/.exec(spoken);
  assert.ok(match, spoken);
  const [peak, loudness] = [Number(match[1]), Number(match[2])];
  // The meter's held peak (1.5 s) is within the spoken one's 3 s window: never above it.
  const meter = Number.parseFloat(await page.getByLabel('Master peak').textContent());
  assert.ok(meter <= peak + 0.05, `meter ${meter} dB, spoken ${peak} dB`);
  assert.ok(peak > -30 && peak <= 1, `peak ${peak} dB`);
  // Loudness sits below the peak by the signal's crest factor (music: several dB) and far above silence.
  assert.ok(loudness < peak && loudness > -40, `loudness ${loudness} LUFS, peak ${peak} dB`);

  // The CPU meter opens its breakdown: tracks and inserts by name, heaviest first.
  await page.getByTestId('engine-load').click();
  const breakdown = page.getByRole('dialog', { name: 'CPU by track and insert' });
  await breakdown.waitFor();
  await breakdown.getByRole('cell', { name: 'compressor on Drums' }).waitFor();
  const loads = (await breakdown.locator('td:last-child').allTextContents()).map((t) => Number.parseInt(t, 10));
  assert.ok(loads.length > 1 && loads.every((l) => Number.isFinite(l)) && loads[0] === Math.max(...loads), `heaviest first: ${loads}`);
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press('Escape');
  await breakdown.waitFor({ state: 'detached' });

  await page.keyboard.press('Space');
  assert.match(await waitForAnnouncement(page, /^Stopped at /), /^Stopped at bar \d+, beat \d$/);
  await page.keyboard.press('Home');
  await waitForAnnouncement(page, /^At the start$/);

  // An edit undone by key is announced with what it changed: the drums' fader by keyboard.
  const fader = page.getByRole('slider', { name: 'Drums volume' });
  await fader.focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.waitForFunction(() => document.activeElement === document.body);
  await page.keyboard.press('Control+z');
  assert.equal(await waitForAnnouncement(page, /^Undone/), 'Undone: track changed');

  // The drums' strip was used, so the drums are the selected track and P speaks of them; stopped,
  // once the meters have fallen, nothing worth a figure.
  await page.waitForTimeout(3500);
  await page.keyboard.press('p');
  assert.match(await waitForAnnouncement(page, /^Drums: (silent|peak below)/), /^Drums: (silent|peak below -60 dB)$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('with reduced motion asked for, a dialog only fades: it never moves or scales; focus as always', async () => {
  const { page, errors } = await openDemo();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await recordDialogStyles(page);
  await page.getByRole('button', { name: 'Shortcuts' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts and announcements' });
  await dialog.waitFor();
  await dialogsSettled(page);
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), 'focus is in the dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Shortcuts');
  const styles = await page.evaluate(() => window.dialogStyles);
  // Motion sets transforms at once (its first frame may carry the start, the next the end); an
  // animated one passes through scales between 0.98 and 1.
  const between = styles.filter((style) => scaleOf(style.transform) > 0.98 && scaleOf(style.transform) < 1);
  assert.deepEqual(between, [], 'no transform animated');
  assert.ok(styles.length > 0, 'the panel was seen');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the shortcuts dialog: opened by ?, keeps Tab inside, Escape gives focus back; quiet during playback', async () => {
  const { page, errors } = await openDemo();
  const button = page.getByRole('button', { name: 'Shortcuts' });
  await recordDialogStyles(page);
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts and announcements' });
  await dialog.waitFor();
  // Motion fades and lifts it in: it enters transparent, below and smaller, and settles centred.
  await dialogsSettled(page);
  const opening = await page.evaluate(() => window.dialogStyles);
  assert.equal(opening[0].opacity, '0');
  assert.match(opening[0].transform, /^translateX\(-50%\) translateY\(8px\) scale\(0\.98\)$/);
  assert.equal(await dialog.evaluate((element) => element.style.transform), 'translateX(-50%)');
  assert.ok(await dialog.getByRole('cell', { name: 'P', exact: true }).count() === 1);
  for (let i = 0; i < 6; ++i) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), 'focus stays in the dialog');
  }
  const quiet = dialog.getByRole('checkbox', { name: /Quiet during playback/ });
  await quiet.check();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Shortcuts');
  assert.ok((await page.evaluate(() => window.dialogStyles)).some((style) => Number(style.opacity) < 1 && style !== opening[0]), 'it faded out');

  // Quiet: while playing, an undo is not announced; the transport still is.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await waitForAnnouncement(page, /^Playing$/);
  const fader = page.getByRole('slider', { name: 'Drums volume' });
  await fader.focus();
  await page.keyboard.press('ArrowDown');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(500);
  assert.equal((await announcement(page).textContent()).replace(/\u200b/g, ''), 'Playing');
  await page.keyboard.press('Space');
  await waitForAnnouncement(page, /^Stopped at /);
  assert.deepEqual(errors, []);
  await page.close();
});
