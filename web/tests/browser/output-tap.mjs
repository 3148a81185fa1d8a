// What the browser tests that listen to /studio share: an init script that taps the page's output
// (every node connected to a destination also feeds an AnalyserNode, window.__outputTap), a
// /studio page with it, and readings of WAV files the page downloads.
import { readFileSync } from 'node:fs';

import { decodeWav } from '../../../engine/js/wav.mjs';

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
