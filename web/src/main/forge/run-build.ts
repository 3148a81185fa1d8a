// One build of the Forge, followed to its end: sent to the server, then asked about every
// POLL_MS while it waits in the queue or compiles (the server answers at once from its cache for
// a source it built before). Each answer is handed to `onUpdate`, so the page shows the queue
// position and the stage as they change. Stops early, with an AbortError, when `signal` fires.
import { type ForgeBuild, getBuild, startBuild } from '../server/api';
import type { ForgeLanguage } from './forge-language';

// 100 ms: a build takes 1-3 s, and waiting up to a whole poll to see it done was a tenth of that
// (docs/BENCHMARKS.md, "Prompt to playable"); each poll is one small GET.
export const POLL_MS = 100;

const pause = (ms: number, signal: AbortSignal) => new Promise<void>((resolve, reject) => {
  if (signal.aborted) {
    reject(new DOMException('the build was left', 'AbortError'));
    return;
  }
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(new DOMException('the build was left', 'AbortError'));
  }, { once: true });
});

export const finished = (build: ForgeBuild) => build.status === 'succeeded' || build.status === 'failed';

export async function runBuild(source: string, onUpdate: (build: ForgeBuild) => void, signal: AbortSignal,
  api = { startBuild, getBuild }, language: ForgeLanguage = 'cpp'): Promise<ForgeBuild> {
  let build = await api.startBuild(source, language);
  onUpdate(build);
  while (!finished(build)) {
    await pause(POLL_MS, signal);
    build = await api.getBuild(build.id);
    onUpdate(build);
  }
  return build;
}

// Where a diagnostic points in the user's source (1-based line and column), if it does: the C++
// source is plugin.cpp, a Faust program plugin.dsp (Faust gives no column: 0).
export function sourcePlace(diagnostic: { file?: string; line?: number; column?: number }): { line: number; column: number } | null {
  if ((diagnostic.file !== 'plugin.cpp' && diagnostic.file !== 'plugin.dsp') || diagnostic.line === undefined || diagnostic.line < 1) return null;
  return { line: diagnostic.line, column: diagnostic.column ?? 1 };
}
