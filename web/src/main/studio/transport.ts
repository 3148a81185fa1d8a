// The studio's audio: the engine node on a real-time AudioContext at the session's rate, the
// page's copy of the session (SessionModel), and what the UI asks of them: the transport,
// live control changes, edits as session operations, undo and redo. A stall watchdog rebuilds
// the audio path without a plugin that stopped answering. It keeps the session's assets
// (compiled modules, decoded sources) for an export, which renders them again in a worker.
import { ASAP, CODE } from '../../shared/control-ring';
import { EngineNode, type EngineLoad } from '../audio/engine-node';
import type { RenderAssets } from '../audio/offline-render';
import type { PluginDescriptorView } from './plugins/param-scale';
import type { ModuleCache } from '../audio/module-cache';
import {
  type PluginUrl, type SessionInfo, type SourceResolver, factoryCatalog, factoryPluginLoad, loadSessionAssets, parseSession, readSession,
} from '../audio/session-assets';
import { SessionModel } from '../audio/session-model';
import { studioDb } from '../storage/studio-db';
import { type UploadedPlugin, uploadedBytes, uploadedPluginSource } from './plugins/uploaded-plugins';
import { OverloadGuard, PLUGIN_BUDGET_SHARE } from '../audio/overload-guard';
import { StallWatchdog, stallCulprit } from '../audio/stall-watchdog';
import { type EngineFault, type OpsResult, type PluginLoad, type SourceLoad, MASTER_TRACK_KEY, STATE_PLAYING, STATE_POSITION } from '../../shared/engine-protocol';

const MASTER = 'master';

export interface TransportOptions {
  pluginUrl?: PluginUrl; // where plugins outside the factory catalog are
  pluginBudget?: number; // the share of real time one insert may take (OverloadGuard)
}

// A session to open that is not at a URL (a local session, a new one): its bytes, its name, and
// where its clip sources' files are.
export interface SessionSource {
  bytes: Uint8Array;
  name: string;
  sources: SourceResolver;
}

export class Transport {
  context: AudioContext;
  engine: EngineNode;
  readonly info: SessionInfo;
  readonly session: SessionModel;
  // The session's plugins' descriptors by plugin id, where known (plugin windows).
  readonly descriptors: Record<string, PluginDescriptorView>;
  // Called after the audio path was rebuilt (a new context and engine node): views of the old
  // one's state must be taken again.
  onRebuilt: () => void = () => {};

  private readonly cache: ModuleCache;
  private watchdog: StallWatchdog;
  private readonly guard: OverloadGuard;
  private readonly load: EngineLoad;
  private readonly onFaults: (faults: EngineFault[]) => void;

  private constructor(context: AudioContext, engine: EngineNode, info: SessionInfo, session: SessionModel, load: EngineLoad,
    onFaults: (faults: EngineFault[]) => void, pluginBudget: number, descriptors: Record<string, PluginDescriptorView>,
    cache: ModuleCache) {
    this.descriptors = descriptors;
    this.cache = cache;
    this.context = context;
    this.engine = engine;
    this.info = info;
    this.session = session;
    this.load = load;
    this.onFaults = onFaults;
    this.watchdog = this.watch();
    this.guard = new OverloadGuard(() => this.engine, (overload) => void this.overBudget(overload.track, overload.insert, overload.load, pluginBudget), pluginBudget);
  }

  // `from`: a session file's URL (its sources next to it), or a SessionSource.
  static async open(from: string | SessionSource, cache: ModuleCache, onFaults: (faults: EngineFault[]) => void,
    { pluginUrl, pluginBudget = PLUGIN_BUDGET_SHARE }: TransportOptions = {}): Promise<Transport> {
    const session = typeof from === 'string' ? await readSession(from) : parseSession(from.bytes, from.name);
    const sources = typeof from === 'string' ? undefined : from.sources;
    // Plugins the musician uploaded: this browser's copies, their descriptors (plugins/uploaded-plugins.ts).
    const uploaded = await uploadedPluginSource(studioDb());
    // At the session's rate: decodeAudioData converts every source to it and the engine plays
    // at the rate the session was made at. The context stays suspended until a gesture (Play).
    const context = new AudioContext({ latencyHint: 'interactive', sampleRate: session.info.sampleRate });
    try {
      const worklet = EngineNode.addModule(context);  // meanwhile
      worklet.catch(() => {});  // awaited below; a failure is reported there
      const assets = await loadSessionAssets(context, cache, session, sources, pluginUrl ?? uploaded.pluginUrl);
      const model = new SessionModel(assets.load.engine, session.bytes);
      // The engine wraps at the session's loop region when the session enables it and its own
      // looping flag is on (the flag is how a player may ignore the loop; the studio never does):
      // on in every engine this transport makes, the first and a rebuilt one (recover() loads
      // `load` again), so the session's `loop.enabled`, edited, undone and redone like any
      // member, is all that decides.
      const load: EngineLoad = { ...assets.load, looping: true, play: false, tracks: model.trackKeys, meterCpu: true };
      const engine = await EngineNode.create(context, load, { onFaults });
      engine.node.connect(context.destination);
      return new Transport(context, engine, assets.info, model, load, onFaults, pluginBudget, { ...uploaded.descriptors, ...assets.descriptors }, cache);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  async play(): Promise<void> {
    this.engine.control(CODE.Play, MASTER_TRACK_KEY);
    await this.context.resume();  // a user gesture started this: the context may now run
  }

  stop(): void {
    this.engine.control(CODE.Stop, MASTER_TRACK_KEY);
  }

  returnToStart(): void {
    this.engine.control(CODE.Seek, MASTER_TRACK_KEY, 0, 0, 0);
  }

  // ---- live control: heard from the next render quantum, not kept in the session (an edit
  // keeps it: setParam below does both).
  private key(track: string): number | undefined {
    return track === MASTER ? MASTER_TRACK_KEY : this.session.trackKey(track);
  }
  liveParam(track: string, slot: number, param: number, value: number, frame = ASAP): boolean {
    const key = this.key(track);
    return key !== undefined && this.engine.control(CODE.Param, key, slot, param, value, frame);
  }
  liveNote(track: string, key: number, velocity: number, frame = ASAP): boolean {
    const trackKey = this.key(track);
    return trackKey !== undefined && this.engine.control(velocity > 0 ? CODE.NoteOn : CODE.NoteOff, trackKey, 0, key, velocity, frame);
  }
  liveVolume(track: string, db: number): boolean {
    const key = this.key(track);
    return key !== undefined && this.engine.control(CODE.Volume, key, 0, 0, db);
  }
  livePan(track: string, pan: number): boolean {
    const key = this.key(track);
    return key !== undefined && this.engine.control(CODE.Pan, key, 0, 0, pan);
  }

  // The track whose loudness the engine measures besides the master's (EW-14): the one a user
  // may ask about. Kept by id; '' for none.
  private loudnessTrack = '';
  meterLoudness(track: string | null): void {
    this.loudnessTrack = track === null || track === MASTER ? '' : track;
    this.engine.send({ type: 'loudness', track: this.loudnessTrack });
  }

  // ---- edits (docs/session-ops.md): applied to the page's session first; one it refuses never
  // reaches the audio thread. Resolves with the session library's answer.
  async apply(batch: object | string): Promise<OpsResult> {
    const text = typeof batch === 'string' ? batch : JSON.stringify(batch);
    const result = this.session.apply(text);
    if (!result.ok) return result;
    return (await this.engine.edit('ops', this.session.trackKeys, text)).result;
  }
  async undo(): Promise<OpsResult> {
    const result = this.session.undo();
    return result.ok ? (await this.engine.edit('undo', this.session.trackKeys)).result : result;
  }
  async redo(): Promise<OpsResult> {
    const result = this.session.redo();
    return result.ok ? (await this.engine.edit('redo', this.session.trackKeys)).result : result;
  }
  // Makes a plugin ready for edits that add it: a factory plugin by its id, or one the musician
  // uploaded (plugins/uploaded-plugins.ts) by its sha256 too. Its module is compiled (once per
  // page) and handed to the worklet first if the session had none of it (messages keep their
  // order, so an edit sent after finds it); an uploaded one is not trusted, so each of its
  // inserts gets a WebAssembly instance of its own. Resolves with the plugin reference an insert
  // names, or why it cannot be had.
  async preparePlugin(pluginId: string, uploaded?: UploadedPlugin): Promise<{ ok: true; plugin: object } | { ok: false; message: string }> {
    if (uploaded !== undefined) {
      if (!this.load.plugins.some((p) => p.sha256 === uploaded.sha256)) {
        const module = await this.cache.get(uploaded.sha256, () => uploadedBytes(studioDb(), uploaded.sha256), `plugin ${pluginId}`);
        const load: PluginLoad = { module, sha256: uploaded.sha256, sharing: 1, format: uploaded.format, ...(uploaded.manifest !== undefined ? { manifest: uploaded.manifest } : {}) };
        this.engine.send({ type: 'register', plugins: [load] });
        this.load.plugins.push(load);
      }
      this.descriptors[pluginId] = uploaded.descriptor;
      return { ok: true, plugin: { id: pluginId, format: uploaded.format, sha256: uploaded.sha256 } };
    }
    if (this.descriptors[pluginId] === undefined) {
      const entry = (await factoryCatalog()).find((e) => e.descriptor.id === pluginId);
      if (entry === undefined) return { ok: false, message: `${pluginId} is not a factory plugin` };
      const load = await factoryPluginLoad(this.cache, entry);
      this.engine.send({ type: 'register', plugins: [load] });
      this.load.plugins.push(load);  // a rebuilt audio path and an export need it too
      this.descriptors[pluginId] = entry.descriptor;
    }
    return { ok: true, plugin: { id: pluginId, format: 'wsp' } };
  }

  // Adds a plugin at the end of a chain (a track id or 'master'), as preparePlugin takes it.
  // Resolves with the new insert's id, or the session library's refusal.
  async addInsert(chain: string, pluginId: string, uploaded?: UploadedPlugin): Promise<{ ok: true; insert: string } | Extract<OpsResult, { ok: false }>> {
    const prepared = await this.preparePlugin(pluginId, uploaded);
    if (!prepared.ok) return { ok: false, errors: [{ path: '', message: prepared.message }] };
    const name = pluginId.slice(pluginId.lastIndexOf('.') + 1);
    const insert = this.session.freshId(`${chain}-${name}`);
    const result = await this.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.add', chain,
      insert: { id: insert, plugin: prepared.plugin, params: {}, state: '', bypass: false } }] });
    return result.ok ? { ok: true, insert } : result;
  }

  // Decoded audio for sources an edit is about to name (an import): handed to the worklet before
  // that edit (messages keep their order), and kept for a rebuilt audio path and an export.
  // A source under a key the session already has replaces it.
  addSources(sources: SourceLoad[]): void {
    if (sources.length === 0) return;
    this.engine.send({ type: 'sources', sources });
    const keys = new Set(sources.map((s) => s.key));
    this.load.sources = [...this.load.sources.filter((s) => !keys.has(s.key)), ...sources];
  }
  // The decoded audio of the session's sources (waveforms draw from it).
  get sources(): readonly SourceLoad[] {
    return this.load.sources;
  }
  hasSource(key: string): boolean {
    return this.load.sources.some((s) => s.key === key);
  }

  // A parameter change heard at once and kept in the session.
  async setParam(track: string, slot: number, insert: string, param: number, value: number): Promise<OpsResult> {
    this.liveParam(track, slot, param, value);
    return this.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setParam', insert, param, value }] });
  }

  // ---- a plugin over its time budget: bypassed by an edit (undo restores it), and named.
  private async overBudget(track: string, insert: string, load: number, budget: number): Promise<void> {
    const chain = track === MASTER ? this.session.document.master.inserts : this.session.document.tracks.find((t) => t.id === track)?.inserts;
    const slot = chain?.findIndex((i) => i.id === insert) ?? -1;
    const plugin = slot >= 0 ? chain![slot].plugin.id : insert;
    await this.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setBypass', insert, bypass: true }] });
    this.onFaults([{
      track, slot, insert, kind: 'over time budget',
      message: `Plugin ${plugin} took ${Math.round(load * 100)}% of the audio thread's time over the last second (each plugin may take ${Math.round(budget * 100)}%), so it was bypassed. Undo brings it back.`,
    }]);
  }

  // ---- the stall watchdog
  private watch(): StallWatchdog {
    return new StallWatchdog(this.context, this.engine.state, () => void this.recover());
  }

  // The audio thread stopped: the stuck worklet cannot be interrupted, so its context is left
  // behind (its thread spins until the page goes) and the session plays on a new one,
  // with the plugin it was inside bypassed (an edit, so the session says so and undo restores
  // it), from where it was.
  private async recover(): Promise<void> {
    const culprit = stallCulprit(this.engine.running, this.engine.layout);
    const position = this.engine.state[STATE_POSITION];
    const wasPlaying = this.engine.state[STATE_PLAYING] !== 0;
    // Not a call on the old context, not even close(): its render thread holds the context's
    // graph lock while it spins, and Chromium's main thread would wait for that lock for ever.
    const old = this.context;
    this.engine.stopPolling();
    let slot = -1;
    if (culprit !== null && culprit.insert !== '') {
      const chain = culprit.track === MASTER ? this.session.document.master.inserts : this.session.document.tracks.find((t) => t.id === culprit.track)?.inserts;
      slot = chain?.findIndex((insert) => insert.id === culprit.insert) ?? -1;
      this.session.apply(JSON.stringify({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.setBypass', insert: culprit.insert, bypass: true }] }));
    }
    this.onFaults([{
      track: culprit?.track ?? '',
      slot,
      insert: culprit?.insert ?? '',
      kind: 'stalled',
      message: culprit !== null
        ? `Plugin '${culprit.plugin}' stopped answering (an endless loop?), which stopped all audio. The audio restarted without it${culprit.insert !== '' ? ': it is bypassed' : ''}.`
        : 'The audio engine stopped answering. The audio restarted.',
    }]);
    const context = new AudioContext({ latencyHint: 'interactive', sampleRate: old.sampleRate });
    const engine = await EngineNode.create(context, {
      ...this.load, session: new TextEncoder().encode(this.session.sessionText), tracks: this.session.trackKeys, play: false,
    }, { onFaults: this.onFaults });
    engine.node.connect(context.destination);
    engine.control(CODE.Seek, MASTER_TRACK_KEY, 0, 0, position);
    if (this.loudnessTrack !== '') engine.send({ type: 'loudness', track: this.loudnessTrack });
    if (wasPlaying) engine.control(CODE.Play, MASTER_TRACK_KEY);
    this.context = context;
    this.engine = engine;
    this.watchdog = this.watch();
    await context.resume();
    this.onRebuilt();
  }

  // What an export renders: the session as it is now, with the loaded modules and sources.
  renderAssets(): RenderAssets {
    const { engine, plugins, sources } = this.load;
    return { engine, plugins, sources, session: new TextEncoder().encode(this.session.sessionText) };
  }

  async close(): Promise<void> {
    this.watchdog.stop();
    this.guard.stop();
    this.engine.stopPolling();
    this.engine.node.disconnect();
    await this.context.close();
  }
}
