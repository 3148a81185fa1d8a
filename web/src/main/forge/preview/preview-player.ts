// The Forge's preview: the studio's own audio path (Transport: engine.wasm in its AudioWorklet,
// the page's session copy, the stall watchdog and time budget) playing the preview session of
// preview-session.ts, with the plugin the last build made on its track. Every change is a session
// edit through the Transport, as in the studio.
//
// Safety: the master's factory limiter holds the mix to -1 dBFS, and after the engine a hard
// ceiling (a WaveShaperNode whose curve is the identity up to the same level and flat beyond)
// clips whatever the limiter let through (its attack, or a plugin that faulted the limiter's
// input with a level it cannot hold), so nothing louder than -1 dBFS leaves the page.
import type { EngineFault } from '../../../shared/engine-protocol';
import type { ModuleCache } from '../../audio/module-cache';
import { decodeSource, vaistManifest } from '../../audio/session-assets';
import { Transport } from '../../studio/transport';
import type { UploadedPlugin } from '../../studio/plugins/uploaded-plugins';
import type { PluginDescriptorView } from '../../studio/plugins/param-scale';
import { encodeWav } from '../../../../../engine/js/wav.mjs';
import { ceilingCurve } from './hard-ceiling';
import { renderPreviewLoop } from './preview-loop';
import {
  CEILING_DB, type PluginSettings, type PreviewPlugin, type PreviewSource, type PreviewTrack, LOOP_SOURCE_KEY, SYNTH_PLUGIN,
  bypassOps, firstPluginOps, keptValues, loopOps, other, pluginInsertId, previewSessionJson, sourceChangeOps, swapCrossfadeOps,
  swapPrepareOps, swapRetireOps,
} from './preview-session';

const SAMPLE_RATE = 48000;
// After the crossfade's edit is applied, the old instance is removed once the engine's ramp
// (10 ms) has surely ended.
const RETIRE_AFTER_MS = 60;

// The plugin a build made, as the Transport inserts an uploaded one: by its module's sha256
// (fetched from the server, which keeps every build as the user's asset). `vaist`: a vAIst Forge
// plugin imported as built (a build of language vaist), driven by the manifest the server
// worked out for it, as the studio drives an uploaded one.
export interface BuiltPlugin {
  sha256: string;
  format: 'wsp' | 'vaist';
  descriptor: PluginDescriptorView & { kind?: string };
}

export class PreviewPlayer {
  readonly transport: Transport;
  heard: PreviewTrack = 'preview-a';
  source: PreviewSource;
  looping = true;
  // The plugin last loaded; on the preview while its insert is (its window's Remove takes it off).
  private current: PreviewPlugin | null = null;
  private ceiling: WaveShaperNode;
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(transport: Transport, source: PreviewSource) {
    this.transport = transport;
    this.source = source;
    this.ceiling = this.wireCeiling();
    transport.onRebuilt = () => {
      this.ceiling = this.wireCeiling();
      this.onRebuilt();
    };
  }

  // Called after the audio path was rebuilt (a stall): views of the engine's state are new.
  onRebuilt: () => void = () => {};

  static async open(cache: ModuleCache, onFaults: (faults: EngineFault[]) => void): Promise<PreviewPlayer> {
    const [left, right] = renderPreviewLoop(SAMPLE_RATE);
    const source: PreviewSource = { kind: 'loop', frames: left.length, sampleRate: SAMPLE_RATE };
    const loopWav = encodeWav([left, right], SAMPLE_RATE, 'float32') as ArrayBuffer;
    const transport = await Transport.open({
      bytes: new TextEncoder().encode(previewSessionJson(source, SAMPLE_RATE)),
      name: 'Forge preview',
      sources: async (key) => {
        if (key !== LOOP_SOURCE_KEY) throw new Error(`the preview has no source ${key}`);
        return loopWav.slice(0);
      },
    }, cache, onFaults);
    return new PreviewPlayer(transport, source);
  }

  // The engine's output through the hard ceiling to the speakers (again after a rebuilt path).
  private wireCeiling(): WaveShaperNode {
    const { context, engine } = this.transport;
    const shaper = new WaveShaperNode(context, { curve: ceilingCurve(CEILING_DB), oversample: 'none' });
    engine.node.disconnect();
    engine.node.connect(shaper);
    shaper.connect(context.destination);
    return shaper;
  }

  // Called after every change of the preview (its source, plugin, loop), done or failed.
  onChange: () => void = () => {};

  // One change at a time: a build arriving while the source changes waits for it.
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work).finally(() => this.onChange());
    this.busy = next.catch(() => {});
    return next;
  }

  private async edit(batch: object): Promise<void> {
    const result = await this.transport.apply(batch);
    if (!result.ok) throw new Error(`the preview could not be changed: ${result.errors[0]?.message ?? 'refused'}`);
  }

  // Both tracks replaced for another source, then the playhead back to the start. The engine wraps
  // where the playhead crosses the loop's end, so one left past the end of a shorter source (in
  // the last 2 bars of a 4-bar file when the 2-bar note pattern replaces it) would play on into
  // silence for ever; the seek follows the edit, so it lands in the new loop.
  private async replaceSource(batch: object): Promise<void> {
    await this.edit(batch);
    this.transport.returnToStart();
  }

  get plugin(): PreviewPlugin | null {
    const chain = this.transport.session.document.tracks.find((t) => t.id === this.heard)?.inserts ?? [];
    return this.current !== null && chain.some((i) => i.id === pluginInsertId(this.heard)) ? this.current : null;
  }
  // The plugin whose insert was removed, to put back; null while it plays or before any.
  get removed(): BuiltPlugin | null {
    return this.current !== null && this.plugin === null
      ? { sha256: this.current.ref.sha256, format: this.current.ref.format, descriptor: this.current.descriptor }
      : null;
  }

  get pluginInsert(): string | null {
    return this.plugin === null ? null : pluginInsertId(this.heard);
  }

  // What the plugin's insert holds now (values the session stores, bypass).
  settings(): PluginSettings {
    const chain = this.transport.session.document.tracks.find((t) => t.id === this.heard)?.inserts ?? [];
    const insert = chain.find((i) => i.id === pluginInsertId(this.heard)) as { params?: Record<string, number>; bypass?: boolean } | undefined;
    return { params: { ...(insert?.params ?? {}) }, bypass: insert?.bypass === true };
  }

  async play(): Promise<void> {
    await this.transport.play();
  }
  stop(): void {
    this.transport.stop();
    this.transport.returnToStart();
  }

  setLooping(looping: boolean): Promise<void> {
    return this.serial(async () => {
      await this.edit(loopOps(this.source, looping));
      this.looping = looping;
    });
  }

  setBypass(bypass: boolean): Promise<void> {
    return this.serial(async () => {
      if (this.plugin !== null) await this.edit(bypassOps(this.heard, bypass));
    });
  }

  // The plugin a build made: the first goes on the heard track at its defaults; a new version
  // replaces the playing one by a crossfade (preview-session.ts), keeping the values the user
  // set of parameters whose keys it still has. Resolves once the new version is heard.
  load(built: BuiltPlugin): Promise<void> {
    return this.serial(async () => {
      const previous = this.plugin;
      if (previous !== null && previous.ref.sha256 === built.sha256) return;
      const uploaded: UploadedPlugin = {
        sha256: built.sha256, format: built.format, descriptor: built.descriptor, fileName: `${built.descriptor.id}.wasm`, uploadedAt: Date.now(),
        ...(built.format === 'vaist' ? { manifest: await vaistManifest(built.descriptor.id, built.sha256) } : {}),
      };
      if (this.source.kind === 'notes' && built.descriptor.kind !== 'instrument') await this.need(SYNTH_PLUGIN);
      const prepared = await this.transport.preparePlugin(built.descriptor.id, uploaded);
      if (!prepared.ok) throw new Error(prepared.message);
      const plugin: PreviewPlugin = {
        ref: { id: built.descriptor.id, format: built.format, sha256: built.sha256 },
        descriptor: built.descriptor,
        instrument: built.descriptor.kind === 'instrument',
      };
      // An instrument makes its own sound: it plays the note pattern, whatever was chosen.
      const source: PreviewSource = plugin.instrument ? { kind: 'notes' } : this.source;
      if (previous === null || previous.instrument !== plugin.instrument || source !== this.source) {
        const settings = previous === null ? { params: {}, bypass: false } : this.carried(previous, plugin);
        if (previous === null && source === this.source) await this.edit(firstPluginOps(this.heard, plugin));
        else await this.replaceSource(sourceChangeOps(source, this.heard, plugin, settings, this.looping));
        this.source = source;
        this.current = plugin;
        return;
      }
      const settings = this.carried(previous, plugin);
      const silent = other(this.heard);
      await this.edit(swapPrepareOps(silent, plugin, settings));
      await this.edit(swapCrossfadeOps(this.heard));
      const wasHeard = this.heard;
      this.heard = silent;
      this.current = plugin;
      await new Promise((resolve) => setTimeout(resolve, RETIRE_AFTER_MS));
      await this.edit(swapRetireOps(wasHeard));
    });
  }

  private carried(previous: PreviewPlugin, next: PreviewPlugin): PluginSettings {
    const now = this.settings();
    return { params: keptValues(previous.descriptor, now.params, next.descriptor), bypass: now.bypass };
  }

  private async need(pluginId: string): Promise<void> {
    const prepared = await this.transport.preparePlugin(pluginId);
    if (!prepared.ok) throw new Error(prepared.message);
  }

  // Another source: the built-in loop, the note pattern, or a file of the user's (decoded as the
  // studio's import decodes one, at the preview's rate). An instrument plays only notes.
  useSource(choice: { kind: 'loop' } | { kind: 'notes' } | { kind: 'file'; file: File }): Promise<void> {
    return this.serial(async () => {
      if (this.plugin?.instrument === true && choice.kind !== 'notes') {
        throw new Error(`${this.plugin.descriptor.name} is an instrument: it plays the note pattern.`);
      }
      let source: PreviewSource;
      if (choice.kind === 'file') {
        const key = `forge-preview/file-${Date.now()}`;
        const decoded = await decodeSource(this.transport.context, await choice.file.arrayBuffer(), key, choice.file.name);
        const frames = decoded.channels[0]?.length ?? 0;
        if (frames === 0) throw new Error(`${choice.file.name} holds no audio.`);
        this.transport.addSources([decoded]);
        source = { kind: 'file', key, name: choice.file.name, frames, sampleRate: decoded.sampleRate, channels: decoded.channels.length };
      } else if (choice.kind === 'loop') {
        const loop = this.transport.sources.find((s) => s.key === LOOP_SOURCE_KEY)!;
        source = { kind: 'loop', frames: loop.channels[0].length, sampleRate: loop.sampleRate };
      } else {
        source = { kind: 'notes' };
        if (this.plugin === null || !this.plugin.instrument) await this.need(SYNTH_PLUGIN);
      }
      await this.replaceSource(sourceChangeOps(source, this.heard, this.plugin, this.settings(), this.looping));
      this.source = source;
    });
  }

  close(): Promise<void> {
    this.ceiling.disconnect();
    return this.transport.close();
  }
}
