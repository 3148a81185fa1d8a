#!/usr/bin/env node
// node web/bench/drag_bench.mjs [--tracks 64] [--drags 12] [--vaist build/cli/vaist] [--web web/dist]
//   [--chromium /usr/bin/chromium]
// Frame rate of the studio while a musician drags things on a big session that is playing: the
// demo session grown to `tracks` tracks (copies of its drums, bass, keys and lead tracks with their
// clips and inserts, plus its reverb bus) is served as /studio's session; Play is pressed; then, with
// a requestAnimationFrame loop recording every frame's time in the page, (1) nothing is touched for
// 3 s (the baseline: playhead, meters), (2) `drags` clips on the timeline are dragged by the mouse
// (40 pointer moves each, across lanes and in time, each dropped as one clip.move), (3) with the
// mixer open, `drags` faders are dragged up and down (40 moves each). Prints, per phase, the
// frames' median rate and the rate of the worst 1% of frames (1000 / the 99th percentile frame
// time), and the longest frame. Headless Chromium draws at most 60 frames a second.
import { benchOption, openBenchStudio } from './bench_studio.mjs';
import { bigSession } from './big_session.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const trackCount = Number(benchOption('--tracks', '64'));
const drags = Number(benchOption('--drags', '12'));

// Frame times recorded in the page between start() and stop().
const recorder = () => {
  window.frameTimes = [];
  const run = (window.recording = (window.recording ?? 0) + 1);  // a stopped loop never resumes
  const tick = (now) => {
    if (window.recording !== run) return;
    window.frameTimes.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // Long animation frames (over 50 ms of work): what made them long, by the script that ran.
  window.longFrames = [];
  window.longObserver?.disconnect();
  window.longObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.longFrames.push({ duration: entry.duration, blocking: entry.blockingDuration, render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
        scripts: entry.scripts.map((s) => `${s.invoker} ${Math.round(s.duration)}ms`).slice(0, 3) });
    }
  });
  window.longObserver.observe({ type: 'long-animation-frame' });
};
async function measured(page, work, phase) {
  await page.evaluate(recorder);
  await work();
  const { times, long } = await page.evaluate(() => {
    window.recording += 1;
    return { times: window.frameTimes, long: window.longFrames };
  });
  if (process.argv.includes('--long')) {
    for (const f of long.sort((a, b) => b.duration - a.duration).slice(0, 5)) console.log(`  long frame ${f.duration.toFixed(0)} ms (render ${f.render.toFixed(0)} ms): ${f.scripts.join(', ')}`);
  }
  const frames = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  const r = { count: frames.length, median: 1000 / at(0.5), worst1: 1000 / at(0.99), longest: frames[frames.length - 1] };
  console.log(`${phase.padEnd(30)} ${String(r.count).padStart(4)} frames: median ${r.median.toFixed(1)} fps, worst 1% ${r.worst1.toFixed(1)} fps, longest frame ${r.longest.toFixed(1)} ms; ${long.length} frames with over 50 ms of work`);
  return r;
}

async function dragBy(page, box, dx, dy, moves = 40) {
  const x = box.x + Math.min(20, box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= moves; ++i) {
    await page.mouse.move(x + (dx * i) / moves, y + (dy * i) / moves);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

const studio = await openBenchStudio();
try {
  const demoFile = join(studio.webRoot, 'demo', 'demo.session.json');
  writeFileSync(demoFile, bigSession(readFileSync(demoFile, 'utf8'), trackCount));
  const page = await studio.browser.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('crash', () => console.log('the page crashed'));
  page.on('close', () => console.log('the page closed'));
  studio.browser.on('close', () => console.log('the browser closed'));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('region', { name: 'Timeline' }).waitFor({ timeout: 60000 });
  const rows = await page.locator('.timeline-row').count();
  await page.getByRole('button', { name: 'Mixer' }).click();  // closed: the lanes get the room
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);
  console.log(`${trackCount} tracks + the reverb bus, playing; ${rows} track rows in the DOM (virtualised); Chromium ${studio.browser.browser()?.version() ?? ''}`);

  await measured(page, () => page.waitForTimeout(3000), 'playing, nothing touched');

  await measured(page, async () => {
    for (let d = 0; d < drags; ++d) {
      const clips = page.locator('.clip');
      const clip = clips.nth((d * 7) % Math.min(20, await clips.count()));
      const box = await clip.boundingBox();
      await dragBy(page, box, d % 2 === 0 ? 96 : -64, d % 3 === 0 ? 64 : 0);
      await page.waitForTimeout(50);
    }
  }, 'clip drags');

  await page.getByRole('button', { name: 'Mixer' }).click();
  await page.locator('.strip').first().waitFor();
  await page.waitForTimeout(1000);
  console.log(`mixer open: ${await page.locator('.strip').count()} strips in the DOM (the master's included; virtualised)`);
  await measured(page, () => page.waitForTimeout(3000), 'mixer open, nothing touched');
  await measured(page, async () => {
    for (let d = 0; d < drags; ++d) {
      const thumb = page.locator('.slider.fader .slider-thumb').nth(d % 8);
      const box = await thumb.boundingBox();
      await dragBy(page, box, 0, d % 2 === 0 ? 60 : -60);
      await page.waitForTimeout(50);
    }
  }, 'fader drags');

  if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);
} finally {
  await studio.close();
}
