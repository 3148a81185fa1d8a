// The page's copy of the session: engine.wasm on the main thread with no plugins and no audio,
// used for what its session library does (docs/session-ops.md, OPS-1: the one implementation):
// applying operations, undo and redo, and the session's canonical text, which the UI reads its
// state from. The worklet holds the same session for the graph; every edit goes to both, here
// first, so that an operation the session refuses never reaches the audio thread.
import { EngineHost } from '../../../../engine/js/engine_host.mjs';
import { MASTER_TRACK_KEY, type OpsResult, type TrackKeys } from '../../shared/engine-protocol';
import { type SessionChanges, applyChanges } from './session-changes';

export interface SessionInsert {
  id: string;
  plugin: { id: string };
  bypass?: boolean;
}
export interface SessionTrack {
  id: string;
  name?: string;
  colour?: string;
  kind?: string;
  volumeDb?: number;
  pan?: number;
  mute?: boolean;
  solo?: boolean;
  inserts?: SessionInsert[];
}
export interface SessionDocument {
  tracks: SessionTrack[];
  master: { volumeDb?: number; inserts?: SessionInsert[] };
  [member: string]: unknown;
}

export class SessionModel {
  private readonly engine: EngineHost;
  private keys: TrackKeys = {};
  private nextKey = MASTER_TRACK_KEY + 1;
  private text: string | null;  // written when asked for (a save, an export), not per edit
  private parsed: SessionDocument;
  private readonly listeners = new Set<() => void>();

  // Throws with the session's first error when it does not load.
  constructor(engineModule: WebAssembly.Module, bytes: Uint8Array) {
    this.engine = new EngineHost(engineModule);
    const loaded = this.engine.loadSession(bytes);
    if (!loaded.ok) {
      const first = loaded.errors[0];
      throw new Error(`the session is not valid: ${first.path ? `${first.path}: ` : ''}${first.message}`);
    }
    this.text = this.engine.sessionText();
    this.parsed = JSON.parse(this.text) as SessionDocument;
    this.assignKeys();
  }

  // The session as the session library writes it (its canonical saved form).
  get sessionText(): string {
    this.text ??= this.engine.sessionText();
    return this.text;
  }
  // The session as parsed JSON, equal to JSON.parse(sessionText). After a change, the tracks
  // that did not change are the same objects as before (session-changes.ts): views keyed by a
  // track object stay valid for it. Read-only: every change goes through apply().
  get document(): SessionDocument {
    return this.parsed;
  }

  // Every track's key for the control ring (never reused, so an event for a removed track cannot
  // reach another).
  get trackKeys(): TrackKeys {
    return this.keys;
  }
  trackKey(id: string): number | undefined {
    return this.keys[id];
  }

  // Called after every change to the session (an edit, an undo, a redo), wherever it came from:
  // the UI's views of the session (the mixer's store) follow it here. Returns the unsubscribe.
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // An id no object of the session has, `prefix-N` with the smallest N (docs/session-ops.md,
  // OPS-9: the sender picks the ids of what it creates); nor one of `alsoTaken` (ids picked for
  // objects of the same batch).
  freshId(prefix: string, alsoTaken: Iterable<string> = []): string {
    const taken = new Set<string>(alsoTaken);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        const id = (value as { id?: unknown }).id;
        if (typeof id === 'string') taken.add(id);
        Object.values(value).forEach(walk);
      }
    };
    walk(this.document);
    let n = 1;
    while (taken.has(`${prefix}-${n}`)) ++n;
    return `${prefix}-${n}`;
  }

  apply(batch: string): OpsResult {
    return this.settle(this.engine.applyOps(batch) as OpsResult);
  }
  undo(): OpsResult {
    return this.settle(this.engine.undo() as OpsResult);
  }
  redo(): OpsResult {
    return this.settle(this.engine.redo() as OpsResult);
  }

  private settle(result: OpsResult): OpsResult {
    if (result.ok) this.changed();
    return result;
  }

  private changed(): void {
    this.parsed = applyChanges(this.parsed, this.engine.sessionChanges() as SessionChanges);
    this.text = null;
    this.assignKeys();
    for (const listener of this.listeners) listener();
  }

  private assignKeys(): void {
    const keys: TrackKeys = {};
    for (const track of this.parsed.tracks) keys[track.id] = this.keys[track.id] ?? this.nextKey++;
    this.keys = keys;
  }
}
