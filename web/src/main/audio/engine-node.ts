// The engine as an AudioWorkletNode on any BaseAudioContext (a real-time AudioContext for the
// studio, an OfflineAudioContext to render): loads the worklet module, hands the session's assets
// over, and reads the transport state back (shared memory when the page is cross-origin
// isolated, else the worklet's state messages).
import processorUrl from '../../worklet/engine-processor.ts?worker&url';
import {
  ENGINE_PROCESSOR_NAME, type EngineCommand, type EngineFault, type EngineReport, type LoadCommand, STATE_SLOTS,
} from '../../shared/engine-protocol';

export interface EngineNodeEvents {
  onFaults?: (faults: EngineFault[]) => void;
}

export class EngineNode {
  readonly node: AudioWorkletNode;
  readonly warnings: string[];
  // The transport state (STATE_* slots), current as of the last quantum or state message.
  readonly state: Float64Array;

  private constructor(node: AudioWorkletNode, state: Float64Array, warnings: string[]) {
    this.node = node;
    this.state = state;
    this.warnings = warnings;
  }

  static async create(context: BaseAudioContext, load: Omit<LoadCommand, 'type' | 'state'>, events: EngineNodeEvents = {}): Promise<EngineNode> {
    await context.audioWorklet.addModule(processorUrl);
    const node = new AudioWorkletNode(context, ENGINE_PROCESSOR_NAME, {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [2],
    });
    const shared = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function'
      ? new SharedArrayBuffer(STATE_SLOTS * Float64Array.BYTES_PER_ELEMENT)
      : null;
    const state = shared !== null ? new Float64Array(shared) : new Float64Array(STATE_SLOTS);
    const ready = new Promise<string[]>((resolve, reject) => {
      node.port.onmessage = (event: MessageEvent<EngineReport>) => {
        const report = event.data;
        if (report.type === 'ready') resolve(report.warnings);
        else if (report.type === 'error') reject(new Error(report.message));
        else if (report.type === 'state') state.set(report.state);
        else if (report.type === 'faults') events.onFaults?.(report.faults);
      };
    });
    const command: LoadCommand = { type: 'load', ...load, state: shared };
    node.port.postMessage(command);
    const warnings = await ready;
    return new EngineNode(node, state, warnings);
  }

  send(command: EngineCommand): void {
    this.node.port.postMessage(command);
  }
}
