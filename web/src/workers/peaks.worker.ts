// Waveform peaks off the main thread: the page posts a decoded source's channels (copies), this
// Worker computes its multi-resolution peaks (src/shared/peaks.ts) and transfers them back. One
// Worker serves the page; requests are answered in order.
import { type PeaksReply, type PeaksRequest, computePeaks } from '../shared/peaks';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PeaksRequest>) => void) | null;
  postMessage(message: PeaksReply, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, key, sampleRate, channels } = event.data;
  try {
    const peaks = computePeaks(channels, sampleRate);
    scope.postMessage({ id, key, ok: true, peaks }, peaks.levels.map((level) => level.data.buffer));
  } catch (error) {
    scope.postMessage({ id, key, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
