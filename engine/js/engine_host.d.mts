// Types of engine_host.mjs for the studio's TypeScript (web/): the parts it uses.
export declare const TRUSTED_MODULE_SHARING: number;
export declare const ENGINE_INTERFACE_VERSION: number;
export declare const RUNNING_INSTANCE: number;
export declare const RUNNING_MODULE: number;
export declare function monotonicClock(): () => number;

export interface EngineExports {
  memory: WebAssembly.Memory;
  we_render(frames: number): number;
  we_output(channel: number): number;
  we_position(): number;
  we_playing(): number;
  we_meter_take_peak(track: number, channel: number): number;
  we_next_fault(): number;
  we_fault_waiting(): number;
  we_take_stats(): number;
  we_stats_slots(): number;
  we_meter_loudness(track: number): void;
}

export interface StatsInsert { id: string; at: number; handle: number }
export interface StatsTrack { id: string; at: number; inserts: StatsInsert[] }

export interface EngineFault { track: string; slot: number; insert: string; kind: string; message: string }

export declare class EngineHost {
  constructor(engineModule: WebAssembly.Module, options?: { now?: () => number });
  readonly exports: EngineExports;
  readonly plugins: { readonly running: Int32Array };
  loadSession(json: string | Uint8Array): { ok: boolean; errors: { path: string; message: string }[] };
  registerPlugin(module: WebAssembly.Module, options?: { sha256?: string; sharing?: number; format?: 'wsp' | 'vaist'; manifest?: object | string | null }): unknown;
  addSource(key: string, sampleRate: number, channels: Float32Array[]): void;
  prepare(sampleRate: number, maxBlockFrames: number, pluginBudgetShare?: number): string[];
  play(): void;
  stop(): void;
  seek(frame: number): void;
  setLooping(enabled: boolean): void;
  position(): number;
  playing(): boolean;
  latency(): number;
  render(frames: number): number;
  takePeak(track: number, channel: number): number;
  applyOps(batch: string | object): unknown;
  undo(): unknown;
  redo(): unknown;
  sessionText(): string;
  sessionChanges(): unknown;
  trackIds(): string[];
  live(kind: number, track: number, slot: number, id: number, value: number, offset?: number, channel?: number): boolean;
  setMeterCpu(enabled: boolean): void;
  meterLoudness(trackId: string): void;
  statsLayout(): StatsTrack[];
  takeStats(): Float64Array;
  faults(): EngineFault[];
  currentFault(): EngineFault;
}
