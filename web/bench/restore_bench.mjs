#!/usr/bin/env node
// node web/bench/restore_bench.mjs [--runs 7] [--tracks 32] [--seconds 8] [--vaist build/cli/vaist]
//   [--web web/dist] [--chromium /usr/bin/chromium]
// How soon a local session is ready to play after navigating to /studio: a session of `tracks`
// audio tracks (each with its own audio file, a WAV of `seconds` s, 48 kHz stereo 16-bit, and an
// EQ and a compressor insert; a limiter on the master) is written into the browser's IndexedDB
// as the studio stores it, as the session opened last; then /studio is loaded `runs` times, each
// timed from the navigation's start (the page's time origin) to the Play button appearing (the
// session's engine, plugins and every source decoded and loaded in the worklet). Prints each
// run, the median and the minimum.
import { benchOption, openBenchStudio } from './bench_studio.mjs';

const runs = Number(benchOption('--runs', '7'));
const tracks = Number(benchOption('--tracks', '32'));
const seconds = Number(benchOption('--seconds', '8'));

// Runs in the page before its scripts: the time the Play button first appears.
function watchReady() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('button[aria-label="Play"]') !== null) {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

// Runs in the page: the session and its audio into the studio's database (web/src/main/storage).
async function seed({ tracks, seconds }) {
  const rate = 48000;
  const frames = rate * seconds;
  const wav = (hz) => {
    const bytes = new ArrayBuffer(44 + frames * 4);
    const view = new DataView(bytes);
    const text = (at, s) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
    text(0, 'RIFF'); view.setUint32(4, 36 + frames * 4, true); text(8, 'WAVE'); text(12, 'fmt ');
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 2, true); view.setUint32(24, rate, true);
    view.setUint32(28, rate * 4, true); view.setUint16(32, 4, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, frames * 4, true);
    for (let i = 0; i < frames; ++i) {
      const sample = Math.round(3000 * Math.sin((2 * Math.PI * hz * i) / rate));
      view.setInt16(44 + i * 4, sample, true);
      view.setInt16(46 + i * 4, sample, true);
    }
    return bytes;
  };
  const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const assets = [];
  const sessionTracks = [];
  for (let t = 0; t < tracks; ++t) {
    const bytes = wav(110 + 20 * t);
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    assets.push({ sha256, name: `track-${t + 1}.wav`, type: 'audio/wav', size: bytes.byteLength, bytes: new Blob([bytes]) });
    const insert = (id, plugin, params = {}) => ({ id, plugin: { id: plugin, format: 'wsp' }, params, state: '', bypass: false });
    sessionTracks.push({
      id: `t${t + 1}`, name: `Track ${t + 1}`, kind: 'audio', volumeDb: -12, pan: 0, mute: false, solo: false, output: 'master',
      inserts: [insert(`t${t + 1}-eq`, 'studio.wasm.eq'), insert(`t${t + 1}-comp`, 'studio.wasm.compressor', { 0: -20 })],
      clips: [{ id: `t${t + 1}-clip`, source: { sha256, sampleRate: rate, channels: 2, length: frames }, start: 0, length: seconds * 2, offset: 0, gainDb: 0 }],
    });
  }
  const document = JSON.stringify({
    format: 'wasm-studio-session', version: 1, tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: rate, nextId: 1,
    tracks: sessionTracks, master: { volumeDb: 0, inserts: [{ id: 'master-limiter', plugin: { id: 'studio.wasm.limiter', format: 'wsp' }, params: {}, state: '', bypass: false }] },
  });
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('wasm-studio');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction(['sessions', 'assets'], 'readwrite');
    for (const asset of assets) tx.objectStore('assets').put(asset);
    const now = Date.now() + 60_000;  // opened "last"
    tx.objectStore('sessions').put({ id: 'bench-restore', name: `Restore bench (${tracks} tracks)`, document, updatedAt: now, openedAt: now, sources: {} });
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return assets.reduce((sum, a) => sum + a.size, 0);
}

const studio = await openBenchStudio();
try {
  const page = await studio.browser.newPage();
  await page.addInitScript(watchReady);
  await page.goto(`${studio.origin}/studio`);  // the studio creates its database
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60000 });
  const bytes = await page.evaluate(seed, { tracks, seconds });
  const times = [];
  for (let run = 0; run < runs; ++run) {
    await page.goto(`${studio.origin}/studio`);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60000 });
    const { readyAt, name, strips } = await page.evaluate(() => ({
      readyAt: window.__readyAt, name: document.querySelector('.session-name')?.textContent, strips: document.querySelectorAll('.strip').length,
    }));
    if (strips !== tracks + 1) throw new Error(`run ${run + 1}: opened "${name}" with ${strips - 1} tracks, not the ${tracks}-track session`);
    times.push(readyAt);
    console.log(`run ${run + 1}: ready to play ${readyAt.toFixed(0)} ms after navigation`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${tracks}-track session (${(bytes / 1024 ** 2).toFixed(1)} MiB of WAV, ${seconds} s per track, EQ + compressor per track) `
    + `from IndexedDB: ready to play median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms after navigation`);
} finally {
  await studio.close();
}
