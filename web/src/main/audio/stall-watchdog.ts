// Notices when the audio thread stops rendering (a plugin in an endless loop: JavaScript cannot
// interrupt WebAssembly, so the worklet never returns) and says which plugin it was inside.
// The worklet counts the quanta it renders (STATE_QUANTA); while the context runs, that count
// must move. The host writes which plugin instance and module it is calling around every call
// into plugin code (engine/js: PluginImports.running), in shared memory the main thread reads.
import { RUNNING_INSTANCE, RUNNING_MODULE } from '../../../../engine/js/engine_host.mjs';
import { type GraphLayout, STATE_EDITING, STATE_QUANTA } from '../../shared/engine-protocol';

// Checks run this often, and a count that has not moved for STALL_MS is a stall: noticed within
// STALL_MS + CHECK_MS (under the one second the studio promises). While the worklet applies an
// edit (STATE_EDITING), a graph build that creates many plugin instances may hold the thread
// longer without anything being wrong: EDIT_STALL_MS then.
export const CHECK_MS = 100;
export const STALL_MS = 500;
export const EDIT_STALL_MS = 5000;

export interface StallCulprit {
  track: string; // '' when the plugin was not yet in the graph (it stalled while starting)
  insert: string;
  plugin: string;
}

// The insert the audio thread is stuck in, from the host's running slots and the graph layout;
// null when it is not inside plugin code (the engine itself, or no shared memory to tell).
export function stallCulprit(running: Int32Array | null, layout: GraphLayout): StallCulprit | null {
  if (running === null) return null;
  const instance = running[RUNNING_INSTANCE];
  const module = running[RUNNING_MODULE];
  if (module === 0) return null;
  const plugin = layout.modules[module] ?? 'a plugin';
  for (const track of layout.tracks) {
    const found = instance !== 0 ? track.inserts.find((insert) => insert.handle === instance) : undefined;
    if (found !== undefined) return { track: track.id, insert: found.id, plugin };
  }
  return { track: '', insert: '', plugin };
}

export class StallWatchdog {
  private last = -1;
  private since = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  // `onStall` is called once; the watchdog stops then.
  constructor(private readonly context: BaseAudioContext, private readonly state: Float64Array, onStall: () => void,
    now: () => number = () => performance.now()) {
    this.timer = setInterval(() => {
      const quanta = this.state[STATE_QUANTA];
      const t = now();
      if (quanta !== this.last || this.context.state !== 'running') {
        this.last = quanta;
        this.since = t;
        return;
      }
      if (t - this.since >= (this.state[STATE_EDITING] !== 0 ? EDIT_STALL_MS : STALL_MS)) {
        this.stop();
        onStall();
      }
    }, CHECK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
