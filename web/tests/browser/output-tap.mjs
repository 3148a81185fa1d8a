// What the browser tests that listen to /studio share: an init script that taps the page's output
// (every node connected to a destination also feeds an AnalyserNode, window.__outputTap), a
// /studio page with it, readings of WAV files the page downloads, and the tone files they import.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeWav, encodeWav } from '../../../engine/js/wav.mjs';

// Runs in the page (addInitScript): keep it self-contained.
export function tapOutput() {
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (destination, ...rest) {
    if (destination instanceof AudioDestinationNode) {
      const analyser = new AnalyserNode(this.context, { fftSize: 16384, smoothingTimeConstant: 0 });
      connect.call(this, analyser);
      window.__outputTap = analyser;
    }
    return connect.call(this, destination, ...rest);
  };
}

// The tapped output's RMS and peak over the analyser's last 16384 frames (a third of a second).
export const outputLevels = (page) => page.evaluate(() => {
  const samples = new Float32Array(window.__outputTap.fftSize);
  window.__outputTap.getFloatTimeDomainData(samples);
  let sum = 0;
  let peak = 0;
  for (const s of samples) {
    sum += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  return { rms: Math.sqrt(sum / samples.length), peak };
});

// A stereo sine file of `seconds` at `hz` and `amplitude` in `folder` (48 kHz float WAV): what
// the Forge's tests play through the preview as the user's file. Resolves with its path.
export function writeSineFile(folder, name, { hz, amplitude, seconds, rate = 48000 }) {
  const tone = Float32Array.from({ length: rate * seconds }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  const file = join(folder, name);
  writeFileSync(file, new Uint8Array(encodeWav([tone, tone], rate, 'float32')));
  return file;
}

// A /forge page of `studio`, its output tapped, page errors collected into `errors` and every
// confirm ("Replace your source?") accepted, once the preview is ready; resolves with the page
// and its Preview region.
export async function openForgePreview(studio, errors) {
  const page = await studio.browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  await page.addInitScript(tapOutput);
  await page.goto(`${studio.origin}/forge`);
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.getByRole('button', { name: 'Play' }).waitFor({ timeout: 60000 });
  return { page, preview };
}

// Waits (up to 15-20 s) until the tapped output's RMS is within `toleranceDb` of `expectedRms`,
// and resolves with the levels; fails naming `what` and the level last heard.
export async function outputHeardAt(page, expectedRms, what, { toleranceDb = 1, tries = 150 } = {}) {
  let last;
  for (let i = 0; i < tries; ++i) {
    last = await outputLevels(page);
    if (Math.abs(20 * Math.log10(last.rms / expectedRms)) < toleranceDb) return last;
    await page.waitForTimeout(100);
  }
  assert.fail(`${what}: the output's RMS is ${last.rms.toFixed(4)} (${(20 * Math.log10(last.rms / expectedRms)).toFixed(2)} dB from ${expectedRms.toFixed(4)})`);
}

// A /studio page of `browser` at `origin`, its output tapped, once the transport is there.
export async function tappedStudioPage(browser, origin) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(tapOutput);
  await page.goto(`${origin}/studio`);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 30000 });
  return { page, errors };
}

export function readWav(file) {
  const bytes = readFileSync(file);
  return decodeWav(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

// A tone's amplitude in `samples` (at `rate`) over [from, to) seconds.
export function amplitude(samples, hz, from, to, rate = 48000) {
  let re = 0;
  let im = 0;
  for (let i = Math.round(from * rate); i < Math.round(to * rate); ++i) {
    re += samples[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    im += samples[i] * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / ((to - from) * rate);
}

// The audio files the import tests use, written into `folder`: tone-1k.wav (8 s of a 1 kHz sine at
// 0.25, 48 kHz mono 16-bit) and the build's encoded tones (web_encoded_sources: tone.mp3 holds
// 440 Hz left and 660 Hz right for 2 s, and FLAC and Ogg forms).
export function writeToneFiles(folder, encodedSources) {
  mkdirSync(folder, { recursive: true });
  const tone = Float32Array.from({ length: 48000 * 8 }, (_, i) => 0.25 * Math.sin((2 * Math.PI * 1000 * i) / 48000));
  writeFileSync(join(folder, 'tone-1k.wav'), new Uint8Array(encodeWav([tone], 48000, 'pcm16')));
  const encoded = spawnSync(encodedSources, [folder], { stdio: 'inherit' });
  if (encoded.status !== 0) throw new Error('web_encoded_sources failed');
}
