// Writes docs/images/studio-16-tracks.png: /studio as built (web/dist) on the real `vaist serve`,
// with the demo grown to 16 tracks (each of the demo's audio and instrument tracks four times,
// with its clips, inserts and colours varied), playing, with the mixer and a plugin window open,
// at 1600x1000. Run by hand
// after a UI change the README's picture should show:
//   VAIST=build/cli/vaist WEB_DIST=web/dist CHROMIUM=/usr/bin/chromium node web/tools/screenshot-16-tracks.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { openStudio } from '../tests/browser/browser-fixture.mjs';

const NAMES = {
  drums: ['Drums', 'Drums room', 'Drum loop', 'Percussion'],
  bass: ['Bass', 'Bass DI', 'Sub bass', 'Bass octave'],
  keys: ['Keys', 'Keys double', 'Pad', 'Stabs'],
  lead: ['Lead', 'Lead harmony', 'Arp', 'Counter melody'],
};
const COLOURS = ['#e8590c', '#f59f00', '#40c057', '#12b886', '#15aabf', '#228be6', '#4c6ef5', '#7950f2',
  '#be4bdb', '#e64980', '#fa5252', '#fab005', '#82c91e', '#20c997', '#339af0', '#845ef7'];

function sixteenTracks(session) {
  const tracks = [];
  let colour = 0;
  for (const track of session.tracks) {
    const names = NAMES[track.id];
    if (names === undefined) continue;  // the bus goes last, as it was
    names.forEach((name, copy) => {
      const id = copy === 0 ? track.id : `${track.id}-copy${copy + 1}`;
      const fresh = (thing) => (copy === 0 ? thing.id : `${thing.id}-copy${copy + 1}`);
      tracks.push({
        ...track, id, name, colour: COLOURS[colour++ % COLOURS.length],
        volumeDb: (track.volumeDb ?? 0) - 3 * copy, pan: copy === 0 ? track.pan ?? 0 : [0, -0.4, 0.4, 0][copy],
        clips: (track.clips ?? []).map((clip) => ({ ...clip, id: fresh(clip), start: clip.start + copy * 2 })),
        inserts: (track.inserts ?? []).map((insert) => ({ ...insert, id: fresh(insert) })),
      });
    });
  }
  tracks.push(...session.tracks.filter((t) => NAMES[t.id] === undefined));
  return { ...session, tracks, nextId: (session.nextId ?? 1) + 1000 };
}

const studio = await openStudio((webRoot) => {
  const file = join(webRoot, 'demo', 'demo.session.json');
  writeFileSync(file, JSON.stringify(sixteenTracks(JSON.parse(readFileSync(file, 'utf8')))));
});
try {
  const page = await studio.browser.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60000 });
  await page.keyboard.press('Space');
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: 'compressor on Drums: open its window' }).click();
  // Placed where a musician would put it: over the timeline's right side.
  const window = page.getByRole('dialog', { name: 'Compressor on Drums' });
  const box = await window.locator('.plugin-window-title, header').first().boundingBox();
  if (box !== null) {
    await page.mouse.move(box.x + 60, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 820, box.y + 230, { steps: 8 });
    await page.mouse.up();
  }
  await page.waitForTimeout(1500);
  const out = new URL('../../docs/images/studio-16-tracks.png', import.meta.url);
  await page.screenshot({ path: out.pathname });
  console.log(`wrote ${out.pathname}`);
} finally {
  await studio.close();
}
