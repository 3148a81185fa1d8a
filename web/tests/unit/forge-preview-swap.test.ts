// @vitest-environment node
// The Forge preview's hot swap on the real engine (engine.wasm and factory plugins from the
// build, applied as the worklet applies edits: applyOps, then prepare between blocks): a new
// version of the plugin replaces the playing one by the crossfade of preview-session.ts, and the
// output has no step: on a 440 Hz sine the largest second difference of the output stays under
// SWAP_TOLERANCE (the sine's own is 0.0008) through three versions, each heard at its own level
// after its swap. The same change made the obvious way (the insert removed and the new one added
// in one edit) steps by far more: the test would catch a click. Needs the build: ctest runs it as
// web.forge-preview.swap with WSTUDIO_ENGINE_WASM and WSTUDIO_WASM_PLUGIN_DIR; web.unit skips it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { EngineHost } from '../../../engine/js/engine_host.mjs';
import type { PluginDescriptorView } from '../../src/main/studio/plugins/param-scale';
import {
  type PreviewPlugin, type PreviewSource, type PreviewTrack, keptValues, other, pluginInsertId, previewSessionJson,
  firstPluginOps, swapCrossfadeOps, swapPrepareOps, swapRetireOps,
} from '../../src/main/forge/preview/preview-session';

const { WSTUDIO_ENGINE_WASM, WSTUDIO_WASM_PLUGIN_DIR } = process.env;
const RATE = 48000;
const BLOCK = 128;
const AMPLITUDE = 0.25;
const HZ = 440;  // 1760 whole cycles in the 4 s loop: the loop's wrap has no step of its own
const SWAP_TOLERANCE = 0.002;  // -54 dBFS: far under any audible click
const GAIN_PARAM = 0;  // the factory utility's "gain" (dB)

function module(name: string) {
  const bytes = readFileSync(join(WSTUDIO_WASM_PLUGIN_DIR as string, `${name}.wasm`));
  return { module: new WebAssembly.Module(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

class Preview {
  readonly engine: EngineHost;
  readonly out: number[] = [];
  heard: PreviewTrack = 'preview-a';
  constructor(readonly utility: PreviewPlugin) {
    this.engine = new EngineHost(new WebAssembly.Module(readFileSync(WSTUDIO_ENGINE_WASM as string)));
    const frames = 4 * RATE;
    const source: PreviewSource = { kind: 'file', key: 'tone.wav', name: 'tone.wav', frames, sampleRate: RATE, channels: 2 };
    const loaded = this.engine.loadSession(previewSessionJson(source, RATE));
    expect(loaded.errors).toEqual([]);
    for (const name of ['utility', 'limiter']) {
      const { module: m, sha256 } = module(name);
      this.engine.registerPlugin(m, { sha256, sharing: 1 });
    }
    const tone = Float32Array.from({ length: frames }, (_, i) => AMPLITUDE * Math.sin((2 * Math.PI * HZ * i) / RATE));
    this.engine.addSource('tone.wav', RATE, [tone, tone.slice()]);
    this.engine.prepare(RATE, BLOCK, 0);
    this.engine.setLooping(true);
    this.engine.play();
  }
  // As the worklet applies an edit: the batch, then the graph rebuilt before the next block.
  edit(batch: object) {
    const result = this.engine.applyOps(batch) as { ok: boolean };
    expect(result.ok, JSON.stringify(result)).toBe(true);
    this.engine.prepare(RATE, BLOCK, 0);
  }
  play(seconds: number) {
    for (let b = 0; b < Math.round((seconds * RATE) / BLOCK); ++b) {
      this.engine.render(BLOCK);
      const { memory, we_output: output } = this.engine.exports;
      this.out.push(...new Float32Array(memory.buffer, output(0), BLOCK));
    }
  }
  settings() {
    const track = (JSON.parse(this.engine.sessionText()) as { tracks: { id: string; inserts: { id: string; params: Record<string, number> }[] }[] })
      .tracks.find((t) => t.id === this.heard)!;
    return { params: track.inserts.find((i) => i.id === pluginInsertId(this.heard))!.params, bypass: false };
  }
  // A new version with `gainDb` set: the preview's three steps, ~20 ms of blocks between them as
  // the page's messages arrive (the third after the ramp).
  swap(gainDb: number) {
    const silent = other(this.heard);
    this.edit(swapPrepareOps(silent, this.utility, { params: { [GAIN_PARAM]: gainDb }, bypass: false }));
    this.play(0.02);
    this.edit(swapCrossfadeOps(this.heard));
    this.play(0.06);
    this.edit(swapRetireOps(this.heard));
    this.heard = silent;
  }
  // Over [from, to) seconds of the output: the largest |x[n] - 2x[n-1] + x[n-2]| and the peak.
  measure(from: number, to = this.out.length / RATE) {
    let step = 0;
    let peak = 0;
    for (let i = Math.round(from * RATE) + 2; i < Math.round(to * RATE); ++i) {
      step = Math.max(step, Math.abs(this.out[i] - 2 * this.out[i - 1] + this.out[i - 2]));
      peak = Math.max(peak, Math.abs(this.out[i]));
    }
    return { step, peak };
  }
}

describe.skipIf(!WSTUDIO_ENGINE_WASM || !WSTUDIO_WASM_PLUGIN_DIR)('the Forge preview\'s hot swap on engine.wasm', () => {
  const catalog = () => JSON.parse(readFileSync(join(WSTUDIO_WASM_PLUGIN_DIR as string, 'catalog.json'), 'utf8')) as
    { plugins: { name: string; descriptor: PluginDescriptorView }[] };
  const utility = (): PreviewPlugin => {
    const descriptor = catalog().plugins.find((p) => p.name === 'utility')!.descriptor;
    return { ref: { id: descriptor.id, format: 'wsp', sha256: module('utility').sha256 }, descriptor, instrument: false };
  };

  it('replaces the playing version by a crossfade with no step in the output, three times', () => {
    const preview = new Preview(utility());
    preview.edit(firstPluginOps(preview.heard, preview.utility));
    preview.play(0.5);
    const levels = [];
    for (const gainDb of [-6, -12, 0]) {
      const start = preview.out.length / RATE;
      preview.swap(gainDb);
      preview.play(0.4);
      levels.push(preview.measure(preview.out.length / RATE - 0.2).peak);
      const { step } = preview.measure(start - 0.05);
      expect(step, `swap to ${gainDb} dB`).toBeLessThan(SWAP_TOLERANCE);
    }
    // Each version is the one heard after its swap (the limiter's ceiling is above these).
    expect(levels[0]).toBeCloseTo(AMPLITUDE * 10 ** (-6 / 20), 2);
    expect(levels[1]).toBeCloseTo(AMPLITUDE * 10 ** (-12 / 20), 2);
    expect(levels[2]).toBeCloseTo(AMPLITUDE, 2);
    // Only the heard track holds the plugin once a swap is done.
    const tracks = (JSON.parse(preview.engine.sessionText()) as { tracks: { id: string; mute: boolean; inserts: unknown[] }[] }).tracks;
    expect(tracks.map((t) => [t.id, t.mute, t.inserts.length])).toEqual([['preview-a', true, 0], ['preview-b', false, 1]]);
    console.log(`largest second difference over the swaps: ${preview.measure(0.45).step.toFixed(5)} (tolerance ${SWAP_TOLERANCE})`);
  });

  it('would click if the insert were simply replaced (the measure catches a step)', () => {
    const preview = new Preview(utility());
    preview.edit(firstPluginOps(preview.heard, preview.utility));
    preview.play(0.5);
    const start = preview.out.length / RATE;
    preview.edit({ format: 'wasm-studio-ops', version: 1, ops: [
      { op: 'insert.remove', id: pluginInsertId('preview-a') },
      { op: 'insert.add', chain: 'preview-a', insert: { id: 'v2', plugin: preview.utility.ref, params: { [GAIN_PARAM]: -6 }, state: '', bypass: false } },
    ] });
    preview.play(0.3);
    const { step } = preview.measure(start - 0.05);
    console.log(`replaced in one edit: largest second difference ${step.toFixed(5)}`);
    expect(step).toBeGreaterThan(10 * SWAP_TOLERANCE);
  });

  it('keeps the values the user set of parameters whose keys survive, others at the new defaults', () => {
    const base = utility().descriptor;
    const before = { ...base, params: base.params.slice(0, 3) };  // gain, pan, width
    const after = { ...base, params: [
      { ...base.params[0], id: 7 },  // gain, under a new id
      { ...base.params[1], key: 'balance' },  // pan's key gone
      { ...base.params[2], max: 150 },  // width, a narrower range
    ] };
    expect(keptValues(before, { 0: -9, 1: 40, 2: 180 }, after)).toEqual({ 7: -9, 2: 150 });
  });
});
