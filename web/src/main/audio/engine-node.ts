// The engine as an AudioWorkletNode on any BaseAudioContext (a real-time AudioContext for the
// studio, an OfflineAudioContext to render): loads the worklet module, hands the session's assets
// over, sends control changes (through the control ring when the page is cross-origin isolated,
// else as messages) and edits, and reads the transport state, meters and CPU times back.
import processorUrl from '../../worklet/engine-processor.ts?worker&url';
import { ASAP, CODE, ControlRingWriter, type RingCode, createRingBuffer } from '../../shared/control-ring';
import {
  ENGINE_PROCESSOR_NAME, type EngineCommand, type EngineFault, type EngineReport, type GraphLayout, type LoadCommand,
  type OpsResult, STATE_FAULT_WAITING, STATE_SLOTS, TRACK_STAT_SLOTS, type TrackKeys,
} from '../../shared/engine-protocol';

const FAULT_POLL_MS = 100;

export interface EngineNodeEvents {
  onFaults?: (faults: EngineFault[]) => void;
}

export interface EditAnswer {
  result: OpsResult;
  warnings: string[];
}

export type EngineLoad = Omit<LoadCommand, 'type' | 'state' | 'ring'>;

export class EngineNode {
  readonly node: AudioWorkletNode;
  readonly warnings: string[];
  // The transport state (STATE_* slots), current as of the last quantum or state message.
  readonly state: Float64Array;
  // Which plugin code the audio thread is inside (RUNNING_INSTANCE, RUNNING_MODULE), when shared.
  readonly running: Int32Array | null;
  // The graph the worklet plays and where its meters are; renewed by every edit.
  layout: GraphLayout;
  // The layout's stats (GraphLayout), or zeros without shared memory.
  stats: Float64Array;

  private readonly ring: ControlRingWriter | null;
  private readonly faultPoll: ReturnType<typeof setInterval> | null;
  private faultsAsked = false;
  private readonly pending = new Map<number, (answer: EditAnswer) => void>();
  private nextEdit = 1;

  private constructor(node: AudioWorkletNode, state: Float64Array, ring: ControlRingWriter | null, ready: Extract<EngineReport, { type: 'ready' }>) {
    this.node = node;
    this.state = state;
    this.ring = ring;
    this.warnings = ready.warnings;
    this.running = ready.running !== null ? new Int32Array(ready.running) : null;
    this.layout = ready.graph;
    this.stats = EngineNode.statsOf(ready.graph);
    // With shared memory the worklet flags a fault and the reports are asked for (its process()
    // allocates nothing); without, it posts them.
    this.faultPoll = ring !== null ? setInterval(() => {
      if (state[STATE_FAULT_WAITING] !== 0 && !this.faultsAsked) {
        this.faultsAsked = true;
        this.send({ type: 'faults' });
      }
    }, FAULT_POLL_MS) : null;
  }

  // Stops asking the worklet for faults. Touches nothing of the audio graph: a stalled worklet's
  // node is left alone (see Transport.recover).
  stopPolling(): void {
    if (this.faultPoll !== null) clearInterval(this.faultPoll);
  }

  private static statsOf(layout: GraphLayout): Float64Array {
    if (layout.stats !== null) return new Float64Array(layout.stats);
    const last = layout.tracks.at(-1);
    return new Float64Array(last === undefined ? 0 : last.at + TRACK_STAT_SLOTS + last.inserts.length);
  }

  // The worklet's module added to `context` (once per context): a caller may start this while it
  // gathers the session's assets, which create() then finds done.
  private static readonly modules = new WeakMap<BaseAudioContext, Promise<void>>();
  static addModule(context: BaseAudioContext): Promise<void> {
    let added = EngineNode.modules.get(context);
    if (added === undefined) {
      added = context.audioWorklet.addModule(processorUrl);
      EngineNode.modules.set(context, added);
    }
    return added;
  }

  static async create(context: BaseAudioContext, load: EngineLoad, events: EngineNodeEvents = {}): Promise<EngineNode> {
    await EngineNode.addModule(context);
    const node = new AudioWorkletNode(context, ENGINE_PROCESSOR_NAME, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [2],
    });
    const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
    const shared = isolated ? new SharedArrayBuffer(STATE_SLOTS * Float64Array.BYTES_PER_ELEMENT) : null;
    const ringBuffer = isolated ? createRingBuffer() : null;
    const state = shared !== null ? new Float64Array(shared) : new Float64Array(STATE_SLOTS);
    let engine: EngineNode | null = null;
    const ready = new Promise<Extract<EngineReport, { type: 'ready' }>>((resolve, reject) => {
      node.port.onmessage = (event: MessageEvent<EngineReport>) => {
        const report = event.data;
        if (report.type === 'ready') resolve(report);
        else if (report.type === 'error') reject(new Error(report.message));
        else if (report.type === 'state') state.set(report.state);
        else if (report.type === 'faults') {
          if (engine !== null) engine.faultsAsked = false;
          if (report.faults.length > 0) events.onFaults?.(report.faults);
        }
        else if (report.type === 'ops-result') engine?.answered(report);
      };
    });
    const command: LoadCommand = { type: 'load', ...load, state: shared, ring: ringBuffer };
    node.port.postMessage(command);
    engine = new EngineNode(node, state, ringBuffer !== null ? new ControlRingWriter(ringBuffer) : null, await ready);
    return engine;
  }

  send(command: EngineCommand): void {
    this.node.port.postMessage(command);
  }

  // A control change or transport command, due at context frame `frame` (ASAP: the next quantum).
  // Through the ring when there is one (read at the start of every quantum), else a message.
  // False when the ring is full: the worklet has stopped reading it.
  control(code: RingCode, track: number, slot = 0, id = 0, value = 0, frame = ASAP): boolean {
    if (this.ring !== null) return this.ring.push(code, track, slot, id, value, frame);
    if (code === CODE.Play) this.send({ type: 'play' });
    else if (code === CODE.Stop) this.send({ type: 'stop' });
    else if (code === CODE.Seek) this.send({ type: 'seek', frame: value });
    else this.send({ type: 'live', code, track, slot, id, value });
    return true;
  }

  // A batch of operations (its JSON), an undo or a redo on the worklet's session; resolves when
  // applied (the graph rebuilt) or refused.
  edit(kind: 'ops' | 'undo' | 'redo', tracks: TrackKeys, batch = ''): Promise<EditAnswer> {
    const id = this.nextEdit++;
    const answer = new Promise<EditAnswer>((resolve) => this.pending.set(id, resolve));
    this.send(kind === 'ops' ? { type: 'ops', id, batch, tracks } : { type: kind, id, tracks });
    return answer;
  }

  private answered(report: Extract<EngineReport, { type: 'ops-result' }>): void {
    if (report.graph !== null) {
      this.layout = report.graph;
      this.stats = EngineNode.statsOf(report.graph);
    }
    this.pending.get(report.id)?.({ result: report.result, warnings: report.warnings });
    this.pending.delete(report.id);
  }
}
