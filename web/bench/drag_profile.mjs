#!/usr/bin/env node
// node web/bench/drag_profile.mjs [clips|faders]
// Where the page's main thread spends a drag: the 64-track session of drag_bench.mjs playing, 8
// clips (or faders, with the mixer open) dragged as drag_bench.mjs drags them, under V8's CPU
// profiler (CDP). Prints the functions with the most self time and the most inclusive time. Build
// the app unminified to read the names (`minify: false` in vite.config.ts, not committed).
import { openBenchStudio } from './bench_studio.mjs';
import { bigSession } from './big_session.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const phase = process.argv[2] ?? 'clips';
const studio = await openBenchStudio();
try {
  const demoFile = join(studio.webRoot, 'demo', 'demo.session.json');
  writeFileSync(demoFile, bigSession(readFileSync(demoFile, 'utf8'), 64));
  const page = await studio.browser.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${studio.origin}/studio`);
  await page.getByRole('region', { name: 'Timeline' }).waitFor({ timeout: 60000 });
  if (phase === 'clips') await page.getByRole('button', { name: 'Mixer' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  for (let d = 0; d < 8; ++d) {
    const loc = phase === 'clips' ? page.locator('.clip').nth((d * 7) % 20) : page.locator('.slider.fader .slider-thumb').nth(d % 8);
    const box = await loc.boundingBox();
    const x = box.x + Math.min(20, box.width / 2), y = box.y + box.height / 2;
    await page.mouse.move(x, y); await page.mouse.down();
    const dx = phase === 'clips' ? (d % 2 === 0 ? 96 : -64) : 0, dy = phase === 'clips' ? (d % 3 === 0 ? 64 : 0) : (d % 2 === 0 ? 60 : -60);
    for (let i = 1; i <= 40; ++i) { await page.mouse.move(x + dx * i / 40, y + dy * i / 40); await page.waitForTimeout(8); }
    await page.mouse.up(); await page.waitForTimeout(600);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map(); const total = profile.endTime - profile.startTime;
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; ++i) { const id = profile.samples[i]; dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)); }
  for (const [id, t] of dt) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
  console.log('total', (total / 1000).toFixed(0), 'ms');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((t / 1000).toFixed(1).padStart(8), k);
  // inclusive time of named functions
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, t] of dt) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); } }
  console.log('--- inclusive');
  for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((t / 1000).toFixed(1).padStart(8), k);
} finally { await studio.close(); }
