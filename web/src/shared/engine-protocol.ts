// What the main thread and the engine's AudioWorklet say to each other (web/src/worklet/
// engine-processor.ts). Loads and session operations go over the node's MessagePort and are
// applied between render quanta; parameter changes, notes, fader moves and the transport go
// through the control ring (control-ring.ts), read at the start of every quantum. The transport
// state, meters and CPU times come back through SharedArrayBuffers the main thread reads at
// display rate. Where the page is not cross-origin isolated there is no shared memory: commands
// then go as messages and the state comes back as `state` messages a few dozen times a second.

// Where a track's meters are in the stats block (offsets from TrackLayout.at): abi/boundary.json.
export { TRACK_STAT, TRACK_STAT_SLOTS } from '../../../engine/js/generated/wsp_boundary.mjs';

export const ENGINE_PROCESSOR_NAME = 'wasm-studio-engine';

// The frames the worklet renders per process() call: the Web Audio render quantum.
export const RENDER_QUANTUM = 128;

export interface PluginLoad {
  module: WebAssembly.Module;
  sha256: string;
  sharing: number; // plugin instances per WebAssembly.Instance (EW-2); 1 for vAIst
  format?: 'wsp' | 'vaist'; // default wsp
  manifest?: object | string; // vAIst: from GET /api/v1/assets/{sha256}/manifest (docs/engine-wasm.md)
}

export interface SourceLoad {
  key: string; // the clip source's path (or sha256)
  sampleRate: number;
  channels: Float32Array<ArrayBufferLike>[]; // in shared memory where the page is cross-origin isolated
}

// Tracks are named in the control ring by a small number (the track's key), not by their place
// in the engine's processing order, which an edit can change: the page gives every track id a key
// (never reused) and sends the table with each load and batch of operations.
export type TrackKeys = Record<string, number>;
export const MASTER_TRACK_KEY = 0;

export interface LoadCommand {
  type: 'load';
  engine: WebAssembly.Module;
  session: Uint8Array; // the session file's bytes
  plugins: PluginLoad[];
  sources: SourceLoad[];
  looping: boolean;
  play: boolean; // start playing from the first quantum (an offline render starts so)
  state: SharedArrayBuffer | null; // STATE_* slots, or null: send `state` messages
  ring?: SharedArrayBuffer | null; // the control ring (control-ring.ts), or null: commands as messages
  tracks?: TrackKeys;
  meterCpu?: boolean; // time every track and insert (the studio's CPU meters)
}

// A batch of session operations (docs/session-ops.md) for the worklet's copy of the session; the
// graph is rebuilt from the edited session before the next quantum. `id` pairs the answer.
export interface OpsCommand {
  type: 'ops';
  id: number;
  batch: string; // the batch's JSON
  tracks: TrackKeys;
}

export type EngineCommand =
  | LoadCommand
  | OpsCommand
  | { type: 'undo' | 'redo'; id: number; tracks: TrackKeys }
  | { type: 'faults' } // the faults waiting (STATE_FAULT_WAITING), as a `faults` report
  | { type: 'register'; plugins: PluginLoad[] } // more modules, before the edit that inserts them
  | { type: 'sources'; sources: SourceLoad[] } // more decoded audio (an import), before the edit that plays it
  | { type: 'play' }
  | { type: 'stop' }
  | { type: 'seek'; frame: number }
  | { type: 'live'; code: number; track: number; slot: number; id: number; value: number }
  | { type: 'loudness'; track: string }; // the track (id; '' none) measured for loudness besides the master

export interface EngineFault {
  track: string;
  slot: number;
  insert: string;
  kind: string;
  message: string;
}

// Where the graph's meters are in the stats buffer (Float64 slots): per track in processing
// order, then the master (id 'master'): peak left, peak right (linear, the highest since the last
// quantum the worklet took them, with the meter falloff), CPU load (the share of real time the
// track took, inserts included, averaged over about a second); each insert's CPU load.
// `handle`: the plugin instance's, as the engine names it (the stall watchdog's culprit).
export interface InsertLayout { id: string; at: number; handle: number }
export interface TrackLayout { id: string; at: number; inserts: InsertLayout[] }
export interface GraphLayout {
  tracks: TrackLayout[];
  stats: SharedArrayBuffer | null; // null without shared memory
  modules: string[]; // plugin names by module handle (index 0 unused)
}
export const STATS_INTERVAL_SECONDS = 0.25;

export type OpsResult =
  | { ok: true; revision: number; inverse: unknown }
  | { ok: false; op?: number; errors: { path: string; message: string }[] };

export type EngineReport =
  | { type: 'ready'; warnings: string[]; latency: number; graph: GraphLayout; running: SharedArrayBuffer | null }
  | { type: 'error'; message: string }
  | { type: 'ops-result'; id: number; result: OpsResult; warnings: string[]; graph: GraphLayout | null }
  | { type: 'state'; state: Float64Array }
  | { type: 'faults'; faults: EngineFault[] };

// The transport state, as Float64 slots (in the shared buffer or a `state` message).
export const STATE_POSITION = 0; // frame of the timeline at the end of the last quantum
export const STATE_PLAYING = 1; // 1 playing, 0 stopped
export const STATE_PEAK_LEFT = 2; // master peak, linear, with a falloff of METER_FALLOFF_DB_PER_SECOND
export const STATE_PEAK_RIGHT = 3;
export const STATE_QUANTA = 4; // render quanta processed: the heartbeat the stall watchdog reads
export const STATE_LOAD = 5; // the audio thread's load: engine time / real time, over STATS_INTERVAL_SECONDS
export const STATE_LATE_QUANTA = 6; // quanta rendered late since playback started (output behind the wall clock)
export const STATE_RING_DROPPED = 7; // control-ring records the engine could not queue (its queue was full)
export const STATE_APPLIED_FRAME = 8; // context frame at which the last control-ring record took effect
export const STATE_APPLIED_QUANTUM = 9; // STATE_QUANTA when it was taken (quanta finished before its quantum)
export const STATE_EDITING = 10; // 1 while the worklet applies an edit (a graph build may take a while)
export const STATE_FAULT_WAITING = 11; // 1: a plugin fault is waiting; the page asks for it ('faults')
export const STATE_SLOTS = 12;

export const METER_FALLOFF_DB_PER_SECOND = 24;
