// The studio's timeline in a real browser (Debian's Chromium, headless, playwright-core) on /studio
// as built, served by the real `vaist serve` on 127.0.0.1, with the demo session. What the timeline
// shows is derived from the page's session model (clips' and tracks' names carry their start,
// track and states), so each check reads the session as the session library left it:
//  1. Waveforms: the peaks come from the worker and are drawn: a drums clip's canvas is tall where
//     its kicks are, and a MIDI clip's notes are drawn.
//  2. A clip dragged by mouse lands on the grid, and on another track of its kind when dragged
//     across lanes; one Ctrl+Z takes each drag back whole (one clip.move per gesture).
//  3. A focused clip moves by keyboard: Right a grid step, Shift+Right a bar, Alt+Down to the next
//     audio track; focus stays on it; undo takes each step back.
//  4. A click on the ruler seeks (the position display follows, also before anything played); a
//     drag on the ruler sets the loop region and turns it on; undo restores the old loop.
//  5. The tempo typed in the transport bar is an edit: the position (bars:beats of the same time)
//     follows; the signature too.
//  6. Tracks: add an audio track, rename it inline (Enter keeps, Escape drops), recolour it from
//     the palette menu, reorder it by keyboard and by dragging its grip, duplicate it, delete it
//     and undo; mute from the header is in the row's name.
//  6b. A new instrument track has the factory synth as its first insert; one undo removes both.
//  6c. While playing, the view follows the playhead a page at a time; a scroll by hand pauses
//     that until the next Play; Follow playhead turned off is remembered. A clip dragged to the
//     lanes' right edge scrolls the view and lands where it was let go.
//  8. On a session of 64 tracks, only the rows in view (and a few around) are in the DOM, and
//     scrolling to the end brings the last track's row in.
//  7. axe-core finds no WCAG 2.2 A/AA violation on /studio with the timeline, nor with a track's
//     menu or colour palette open.
//  A screenshot of /studio with the timeline is written to $WEB_ARTIFACTS/studio-timeline.png.
// ctest sets VAIST, WEB_DIST, CHROMIUM, WEB_ARTIFACTS.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { env, openStudio } from './browser-fixture.mjs';

let studio;
let page;
before(async () => {
  studio = await openStudio();
  page = await studio.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('region', { name: 'Timeline' }).waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Mixer' }).click();  // room for the lanes
});
after(async () => {
  await studio?.close();
});

const timeline = () => page.getByRole('region', { name: 'Timeline' });
const clip = (id) => page.locator(`[data-clip="${id}"]`);
const clipName = (id) => clip(id).getAttribute('aria-label');
// Waits until the clip's accessible name is `name` (the view re-rendered from the session).
const clipNamed = (id, name) => page.waitForFunction(([id, name]) =>
  document.querySelector(`[data-clip="${id}"]`)?.getAttribute('aria-label') === name, [id, name], { timeout: 10000 });
const undo = () => page.keyboard.press('Control+z');

async function drag(locator, dx, dy, { from = { x: 20, y: 20 }, shift = false } = {}) {
  const box = await locator.boundingBox();
  const x = box.x + from.x;
  const y = box.y + from.y;
  await page.mouse.move(x, y);
  await page.mouse.down();
  if (shift) await page.keyboard.down('Shift');
  for (let i = 1; i <= 8; ++i) await page.mouse.move(x + (dx * i) / 8, y + (dy * i) / 8);
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
}

test('waveforms are drawn from the worker\'s peaks; MIDI clips show their notes', async () => {
  // drums-1's first kick is at its start: the columns there reach far from the middle line.
  const canvas = page.locator('[data-clip-canvas="drums-1"]');
  await canvas.waitFor();
  const tallest = await page.waitForFunction(() => {
    const element = document.querySelector('[data-clip-canvas="drums-1"]');
    const context = element.getContext('2d');
    const { width, height } = element;
    const pixels = context.getImageData(0, 0, Math.min(width, 24), height).data;
    let top = height;
    let bottom = -1;
    for (let y = 0; y < height; ++y) for (let x = 0; x < Math.min(width, 24); ++x) {
      if (pixels[4 * (y * Math.min(width, 24) + x) + 3] > 0) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
    const share = (bottom - top + 1) / height;
    return share > 0.5 ? share : null;
  }, null, { timeout: 15000 });
  assert.ok(await tallest.jsonValue() > 0.5);
  const drawn = await page.evaluate(() => {
    const element = document.querySelector('[data-clip-canvas="lead-2"]');
    const pixels = element.getContext('2d').getImageData(0, 0, element.width, element.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ++painted;
    return painted;
  });
  assert.ok(drawn > 100, `the MIDI clip's notes are drawn (${drawn} pixels)`);
});

test('a clip dragged by mouse lands on the grid, on another track of its kind; one undo per drag', async () => {
  assert.equal(await clipName('drums-2'), 'drums.wav, bar 3 beat 1, on Drums');
  // The default zoom is 32 px a beat (grid 1/8: half a beat): 70 px snaps to 2 beats.
  await drag(clip('drums-2'), 70, 3);
  await clipNamed('drums-2', 'drums.wav, bar 3 beat 3, on Drums');
  // Across a lane: keys-1 up to the bass (an audio track).
  await drag(clip('keys-1'), 0, -64);
  await clipNamed('keys-1', 'keys.flac, bar 1 beat 1, on Bass');
  assert.equal(await timeline().getByRole('list', { name: 'Bass clips' }).locator('[data-clip="keys-1"]').count(), 1);
  // A MIDI clip dragged onto an audio track stays on its own.
  await drag(clip('lead-2'), 0, -64);
  await page.waitForTimeout(100);
  assert.equal(await clipName('lead-2'), 'MIDI, 4 notes, bar 1 beat 1, on Lead synth');
  await undo();
  await clipNamed('keys-1', 'keys.flac, bar 1 beat 1, on Keys');
  assert.equal(await clipName('drums-2'), 'drums.wav, bar 3 beat 3, on Drums');  // only the last gesture
  await undo();
  await clipNamed('drums-2', 'drums.wav, bar 3 beat 1, on Drums');
});

test('a focused clip moves by keyboard, focus staying on it; undo takes each step back', async () => {
  await clip('drums-3').focus();
  await page.keyboard.press('ArrowRight');
  await clipNamed('drums-3', 'drums.wav, bar 5 beat 1.5, on Drums');
  await page.keyboard.press('Shift+ArrowRight');
  await clipNamed('drums-3', 'drums.wav, bar 6 beat 1, on Drums');
  await page.keyboard.press('Alt+ArrowDown');
  await clipNamed('drums-3', 'drums.wav, bar 6 beat 1, on Bass');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-clip')), 'drums-3');
  await page.keyboard.press('ArrowLeft');
  await clipNamed('drums-3', 'drums.wav, bar 5 beat 4.5, on Bass');
  for (let i = 0; i < 4; ++i) await undo();
  await clipNamed('drums-3', 'drums.wav, bar 5 beat 1, on Drums');
});

test('a click on the ruler seeks; a drag on it sets the loop; undo restores the loop', async () => {
  const ruler = page.getByTestId('ruler');
  const box = await ruler.boundingBox();
  await page.mouse.click(box.x + 8 * 32, box.y + 10);  // beat 8: bar 3, 4 s at 120 bpm
  await page.waitForFunction(() => document.querySelector('[data-testid="position-bars"]')?.textContent === '3:1', null, { timeout: 10000 });
  assert.equal(await page.getByTestId('position-time').textContent(), '0:04.000');

  const loop = page.getByRole('group', { name: 'Tempo, time signature and loop' });
  assert.equal(await loop.getByRole('textbox', { name: 'Loop start bar' }).inputValue(), '5');
  await page.mouse.move(box.x + 4 * 32 + 3, box.y + 10);
  await page.mouse.down();
  for (let i = 1; i <= 6; ++i) await page.mouse.move(box.x + 4 * 32 + 3 + (i * 8 * 32) / 6, box.y + 10);
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Loop start bar"]')?.value === '2');
  assert.equal(await loop.getByRole('textbox', { name: 'Loop end bar' }).inputValue(), '4');
  assert.equal(await loop.getByRole('button', { name: 'Loop' }).getAttribute('aria-pressed'), 'true');
  await undo();
  await page.waitForFunction(() => document.querySelector('input[aria-label="Loop start bar"]')?.value === '5');
  await loop.getByRole('button', { name: 'Loop' }).click();
  await page.waitForFunction(() => document.querySelector('.loop-button')?.getAttribute('aria-pressed') === 'false');
  await undo();
  await page.waitForFunction(() => document.querySelector('.loop-button')?.getAttribute('aria-pressed') === 'true');
});

test('tempo and time signature typed in the transport bar; the position in bars follows', async () => {
  const group = page.getByRole('group', { name: 'Tempo, time signature and loop' });
  const tempo = group.getByRole('textbox', { name: 'Tempo in bpm' });
  await tempo.fill('90');
  await tempo.press('Enter');
  // 4 s at 90 bpm is 6 beats: bar 2 beat 3.
  await page.waitForFunction(() => document.querySelector('[data-testid="position-bars"]')?.textContent === '2:3');
  assert.equal(await tempo.inputValue(), '90');
  const beats = group.getByRole('textbox', { name: 'Beats per bar' });
  await beats.fill('3');
  await beats.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="position-bars"]')?.textContent === '3:1');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await undo();
  await undo();
  await page.waitForFunction(() => document.querySelector('[data-testid="position-bars"]')?.textContent === '3:1'
    && document.querySelector('input[aria-label="Tempo in bpm"]')?.value === '120');
});

test('tracks: add, rename, recolour, reorder by keyboard and by drag, duplicate, delete and undo; mute', async () => {
  const tracks = timeline().getByRole('list', { name: 'Tracks' });
  const rowNames = () => tracks.locator(':scope > [role="listitem"]').evaluateAll((rows) =>
    rows.sort((a, b) => Number(a.getAttribute('aria-posinset')) - Number(b.getAttribute('aria-posinset'))).map((r) => r.getAttribute('aria-label')));
  assert.deepEqual(await rowNames(), ['Drums, audio track', 'Bass, audio track', 'Keys, audio track', 'Lead synth, instrument track', 'Space (reverb bus), bus']);

  await timeline().getByRole('button', { name: 'Add audio track' }).click();
  const renameButton = timeline().getByRole('button', { name: 'Rename Audio 4' });
  await renameButton.waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Rename Audio 4');
  await page.keyboard.press('Enter');
  const field = timeline().getByRole('textbox', { name: 'Name of Audio 4' });
  await field.fill('Guitar');
  await field.press('Enter');
  await timeline().getByRole('button', { name: 'Rename Guitar' }).waitFor();
  await timeline().getByRole('button', { name: 'Rename Guitar' }).click();
  await timeline().getByRole('textbox', { name: 'Name of Guitar' }).fill('Nope');
  await timeline().getByRole('textbox', { name: 'Name of Guitar' }).press('Escape');
  await timeline().getByRole('button', { name: 'Rename Guitar' }).waitFor();
  assert.equal((await rowNames()).at(-1), 'Guitar, audio track');

  await timeline().getByRole('button', { name: /^Colour of Guitar: / }).click();
  await page.getByRole('menuitemradio', { name: 'Teal' }).click();
  await timeline().getByRole('button', { name: 'Colour of Guitar: Teal' }).waitFor();

  await timeline().getByRole('button', { name: 'Rename Guitar' }).focus();
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await page.waitForFunction(() => document.querySelector('[aria-label="Guitar, audio track"]')?.getAttribute('aria-posinset') === '5');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Rename Guitar');
  await drag(timeline().getByRole('button', { name: 'Reorder Guitar' }), 0, -2 * 64, { from: { x: 8, y: 10 } });
  await page.waitForFunction(() => document.querySelector('[aria-label="Guitar, audio track"]')?.getAttribute('aria-posinset') === '3');
  assert.deepEqual((await rowNames()).slice(0, 4), ['Drums, audio track', 'Bass, audio track', 'Guitar, audio track', 'Keys, audio track']);

  await timeline().getByRole('button', { name: 'Drums track actions' }).click();
  await page.getByRole('menuitem', { name: /^Duplicate/ }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums copy, audio track"]')?.getAttribute('aria-posinset') === '2');
  const copyClips = timeline().getByRole('list', { name: 'Drums copy clips' }).getByRole('listitem');
  assert.equal(await copyClips.count(), 4);
  assert.match(await copyClips.first().getAttribute('aria-label'), /^drums\.wav, bar 1 beat 1, on Drums copy$/);

  await timeline().getByRole('button', { name: 'Drums copy track actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete track' }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums copy, audio track"]') === null);
  await undo();
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums copy, audio track"]')?.getAttribute('aria-posinset') === '2');

  await timeline().getByRole('button', { name: 'Mute Drums', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums, audio track, muted"]') !== null);
  assert.equal(await timeline().getByRole('button', { name: 'Mute Drums', exact: true }).getAttribute('aria-pressed'), 'true');
  await undo();
  await page.waitForFunction(() => document.querySelector('[aria-label="Drums, audio track"]') !== null);

  const artifacts = env('WEB_ARTIFACTS');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'studio-timeline.png') });
});

test('a new instrument track comes with the factory synth; one undo removes both', async () => {
  await timeline().getByRole('button', { name: 'Add instrument track' }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Instrument 2, instrument track"]') !== null);
  await page.getByRole('button', { name: 'Mixer' }).click();
  const inserts = page.getByRole('list', { name: 'Instrument 2 inserts' });
  await inserts.getByRole('button', { name: 'Bypass Synth on Instrument 2' }).waitFor();
  assert.equal(await inserts.getByRole('listitem').count(), 1);
  await timeline().getByRole('button', { name: 'Rename Instrument 2' }).focus();
  await undo();
  await page.waitForFunction(() => document.querySelector('[aria-label="Instrument 2, instrument track"]') === null);
  assert.equal(await page.getByRole('list', { name: 'Instrument 2 inserts' }).count(), 0);
  await page.getByRole('button', { name: 'Mixer' }).click();
});

// The scrolling area's horizontal state and the playhead's place in it (pixels into the lanes).
const scrollState = () => page.evaluate(() => {
  const scroller = document.querySelector('[data-testid="timeline-scroll"]');
  const playhead = Number(/translateX\(([-\d.]+)px\)/.exec(document.querySelector('.lane-playhead').style.transform)?.[1] ?? 0);
  return { left: scroller.scrollLeft, width: scroller.clientWidth - 272, playhead };
});
const framesPass = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
const playheadOutOfView = () => page.waitForFunction(() => {
  const scroller = document.querySelector('[data-testid="timeline-scroll"]');
  const x = Number(/translateX\(([-\d.]+)px\)/.exec(document.querySelector('.lane-playhead').style.transform)?.[1] ?? 0);
  return x >= scroller.scrollLeft + scroller.clientWidth - 272;
}, null, { timeout: 20000 });
const playheadInViewAfter = (left) => page.waitForFunction((left) => {
  const scroller = document.querySelector('[data-testid="timeline-scroll"]');
  const x = Number(/translateX\(([-\d.]+)px\)/.exec(document.querySelector('.lane-playhead').style.transform)?.[1] ?? 0);
  return scroller.scrollLeft > left && x >= scroller.scrollLeft && x < scroller.scrollLeft + scroller.clientWidth - 272;
}, left, { timeout: 20000 });

test('while playing the view follows the playhead a page at a time; a scroll by hand pauses it until Play; the toggle is remembered', async () => {
  const follow = timeline().getByRole('checkbox', { name: 'Follow playhead' });
  assert.equal(await follow.isChecked(), true);
  const loop = page.getByRole('group', { name: 'Tempo, time signature and loop' }).getByRole('button', { name: 'Loop' });
  await loop.click();  // the demo's loop (bars 5 to 9) would keep the playhead in the first page
  await page.waitForFunction(() => document.querySelector('.loop-button')?.getAttribute('aria-pressed') === 'false');
  const scroller = page.getByTestId('timeline-scroll');
  await scroller.evaluate((element) => { element.scrollLeft = 0; });
  const ruler = await page.getByTestId('ruler').boundingBox();
  const { width } = await scrollState();
  await page.mouse.click(ruler.x + width - 40, ruler.y + 10);  // seek near the view's right edge
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The playhead leaves the view: a page turns, the playhead near its left edge.
  await playheadInViewAfter(width / 2);
  let state = await scrollState();
  assert.ok(state.playhead - state.left < 100, JSON.stringify(state));

  // A scroll by hand: following pauses (said next to the toggle), the view stays where it was put.
  const lanes = await scroller.boundingBox();
  await page.mouse.move(lanes.x + 600, lanes.y + 120);
  await page.mouse.wheel(-5000, 0);
  await timeline().getByText('Paused by scrolling until Play').waitFor();
  assert.equal(await follow.getAttribute('aria-describedby'), 'follow-paused');
  await playheadOutOfView();
  await framesPass();
  assert.equal((await scrollState()).left, 0);
  // The next Play follows again.
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await timeline().getByText('Paused by scrolling until Play').waitFor({ state: 'detached' });
  await playheadInViewAfter(0);

  // Turned off (and remembered): a scroll while playing pauses nothing, and the view stays.
  await follow.focus();
  await page.keyboard.press('Space');  // by keyboard
  assert.equal(await follow.isChecked(), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('wasm-studio.followPlayhead')), 'false');
  await page.mouse.move(lanes.x + 600, lanes.y + 120);
  await page.mouse.wheel(-5000, 0);
  await playheadOutOfView();
  await framesPass();
  assert.equal((await scrollState()).left, 0);
  assert.equal(await timeline().getByText('Paused by scrolling until Play').count(), 0);
  // On again: the view goes to the playhead at once.
  await follow.click();
  await playheadInViewAfter(0);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('button', { name: 'Return to start' }).click();
  await undo();  // the loop back on
  await page.waitForFunction(() => document.querySelector('.loop-button')?.getAttribute('aria-pressed') === 'true');
  await scroller.evaluate((element) => { element.scrollLeft = 0; });
});

test('a clip dragged to the right edge of the lanes scrolls the view, and lands where it was let go', async () => {
  const scroller = page.getByTestId('timeline-scroll');
  await scroller.evaluate((element) => { element.scrollLeft = 0; element.scrollTop = 0; });
  await framesPass();
  assert.equal(await clipName('drums-1'), 'drums.wav, bar 1 beat 1, on Drums');
  const box = await clip('drums-1').boundingBox();
  const lanes = await scroller.boundingBox();
  const { width } = await scrollState();
  const viewBars = width / 32 / 4;  // bars in view at 32 px a beat
  await page.mouse.move(box.x + 10, box.y + 20);
  await page.mouse.down();
  const edge = lanes.x + 272 + width - 4;  // within the edge's zone
  for (let i = 1; i <= 8; ++i) await page.mouse.move(box.x + 10 + ((edge - box.x - 10) * i) / 8, box.y + 20);
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-scroll"]').scrollLeft > 400, null, { timeout: 20000 });
  await page.mouse.up();
  const left = (await scrollState()).left;
  await page.waitForFunction(() => !/bar 1 beat 1,/.test(document.querySelector('[data-clip="drums-1"]')?.getAttribute('aria-label') ?? 'bar 1 beat 1,'));
  const bar = Number(/bar (\d+)/.exec(await clipName('drums-1'))[1]);
  // Let go at the view's right edge, scrolled by `left`: past what the first view showed.
  assert.ok(bar > viewBars, `landed at bar ${bar} (the first view showed ${viewBars.toFixed(1)} bars; scrolled ${left} px)`);
  assert.ok(Math.abs((bar - 1) * 4 * 32 - (left + width - 4 - 10)) <= 4 * 32 + 8, `bar ${bar} is where it was let go (scrolled ${left} px)`);
  await undo();
  await clipNamed('drums-1', 'drums.wav, bar 1 beat 1, on Drums');
  await scroller.evaluate((element) => { element.scrollLeft = 0; });
});

test('axe-core: no WCAG 2.2 A/AA violations with the timeline, its track menu and its palette', async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axe });
  const violations = () => page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`));
  assert.deepEqual(await violations(), []);
  await timeline().getByRole('button', { name: 'Bass track actions' }).click();
  await page.getByRole('menuitem', { name: /^Duplicate/ }).waitFor();
  assert.deepEqual(await violations(), []);
  await page.keyboard.press('Escape');
  await timeline().getByRole('button', { name: /^Colour of Bass/ }).click();
  await page.getByRole('menuitemradio', { name: 'Blue' }).waitFor();
  assert.deepEqual(await violations(), []);
  await page.keyboard.press('Escape');
});

test('64 tracks: the rows are virtualised, only those in view are in the DOM', async () => {
  const big = await openStudio((webRoot) => {
    const file = join(webRoot, 'demo', 'demo.session.json');
    const session = JSON.parse(readFileSync(file, 'utf8'));
    const bus = session.tracks.find((t) => t.kind === 'bus');
    const drums = session.tracks.find((t) => t.id === 'drums');
    const copies = Array.from({ length: 63 }, (_, i) => ({ ...structuredClone(drums), id: `copy-${i}`, name: `Copy ${i + 1}`,
      inserts: [], clips: drums.clips.map((c) => ({ ...c, id: `copy-${i}-${c.id}` })) }));
    session.tracks = [...session.tracks.filter((t) => t.kind !== 'bus'), ...copies, bus];
    writeFileSync(file, JSON.stringify(session));
  });
  try {
    const bigPage = await big.browser.newPage();
    await bigPage.goto(`${big.origin}/studio`);
    const list = bigPage.getByRole('region', { name: 'Timeline' }).getByRole('list', { name: 'Tracks' });
    await list.waitFor({ timeout: 30000 });
    const rows = list.locator(':scope > [role="listitem"]');
    const rendered = await rows.count();
    assert.ok(rendered > 2 && rendered < 20, `${rendered} of 68 rows in the DOM`);
    assert.equal(await rows.first().getAttribute('aria-setsize'), '68');
    await bigPage.getByTestId('timeline-scroll').evaluate((element) => { element.scrollTop = element.scrollHeight; });
    await bigPage.waitForFunction(() => document.querySelector('[aria-label="Space (reverb bus), bus"]')?.getAttribute('aria-posinset') === '68');
    assert.ok(await rows.count() < 20);
  } finally {
    await big.close();
  }
});
