// The time budget of plugins in the browser. Natively the engine times every plugin call and
// bypasses one that takes longer than its share of real time; in an AudioWorklet its clock ticks
// in whole milliseconds (no `performance`), so single calls cannot be timed there. The engine's
// per-insert CPU loads (EW-14) are sums over STATS_INTERVAL_SECONDS, right on average: this guard
// reads them, and an insert whose load stays above its budget for a whole window of readings is
// named so that the caller bypasses it, before it starves every other track.
import { type GraphLayout, STATS_INTERVAL_SECONDS } from '../../shared/engine-protocol';

// The share of real time one insert may take, averaged over WINDOW readings (one second).
export const PLUGIN_BUDGET_SHARE = 0.5;
export const WINDOW = Math.round(1 / STATS_INTERVAL_SECONDS);

export interface Overload {
  track: string;
  insert: string;
  load: number; // its average share of real time over the window
}

export class OverloadGuard {
  private readonly history = new Map<string, number[]>();
  private readonly timer: ReturnType<typeof setInterval>;

  // `read` gives the current layout and stats (they change with every edit); `onOverload` is
  // called for each insert over budget, once.
  constructor(read: () => { layout: GraphLayout; stats: Float64Array }, onOverload: (overload: Overload) => void,
    private readonly budget = PLUGIN_BUDGET_SHARE) {
    const named = new Set<string>();
    this.timer = setInterval(() => {
      const { layout, stats } = read();
      for (const track of layout.tracks) {
        for (const insert of track.inserts) {
          const readings = this.history.get(insert.id) ?? [];
          readings.push(stats[insert.at] ?? 0);
          if (readings.length > WINDOW) readings.shift();
          this.history.set(insert.id, readings);
          const load = readings.reduce((a, b) => a + b, 0) / readings.length;
          if (readings.length === WINDOW && load > this.budget && !named.has(insert.id)) {
            named.add(insert.id);
            onOverload({ track: track.id, insert: insert.id, load });
          }
        }
      }
    }, STATS_INTERVAL_SECONDS * 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
