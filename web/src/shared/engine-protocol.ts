// What the main thread and the engine's AudioWorklet say to each other (web/src/worklet/
// engine-processor.ts). Commands go over the node's MessagePort; the transport state comes back
// through a SharedArrayBuffer the main thread reads at display rate, or, where the page is not
// cross-origin isolated, as `state` messages a few dozen times a second.

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
  channels: Float32Array[];
}

export interface LoadCommand {
  type: 'load';
  engine: WebAssembly.Module;
  session: Uint8Array; // the session file's bytes
  plugins: PluginLoad[];
  sources: SourceLoad[];
  looping: boolean;
  play: boolean; // start playing from the first quantum (an offline render starts so)
  state: SharedArrayBuffer | null; // STATE_* slots, or null: send `state` messages
}

export type EngineCommand =
  | LoadCommand
  | { type: 'play' }
  | { type: 'stop' }
  | { type: 'seek'; frame: number };

export interface EngineFault {
  track: string;
  slot: number;
  insert: string;
  kind: string;
  message: string;
}

export type EngineReport =
  | { type: 'ready'; warnings: string[]; latency: number }
  | { type: 'error'; message: string }
  | { type: 'state'; state: Float64Array }
  | { type: 'faults'; faults: EngineFault[] };

// The transport state, as Float64 slots (in the shared buffer or a `state` message).
export const STATE_POSITION = 0; // frame of the timeline at the end of the last quantum
export const STATE_PLAYING = 1; // 1 playing, 0 stopped
export const STATE_PEAK_LEFT = 2; // master peak, linear, with a falloff of METER_FALLOFF_DB_PER_SECOND
export const STATE_PEAK_RIGHT = 3;
export const STATE_SLOTS = 4;

export const METER_FALLOFF_DB_PER_SECOND = 24;
