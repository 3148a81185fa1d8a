// The page going away saves at once: pagehide, or the tab hidden, writes what changed without
// waiting for the autosave's delay.
import { expect, test, vi } from 'vitest';

import { Autosave } from '../../src/main/storage/autosave';

test('pagehide and a hidden tab flush the pending save', async () => {
  vi.useFakeTimers();
  const writes: number[] = [];
  let value = 1;
  const autosave = new Autosave(async () => { writes.push(value); }, () => {}, 60_000);
  autosave.changed();
  window.dispatchEvent(new Event('pagehide'));
  await vi.advanceTimersByTimeAsync(0);
  expect(writes).toEqual([1]);

  value = 2;
  autosave.changed();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  await vi.advanceTimersByTimeAsync(0);
  expect(writes).toEqual([1, 2]);

  // Closed: no longer listening.
  await autosave.close();
  value = 3;
  window.dispatchEvent(new Event('pagehide'));
  await vi.advanceTimersByTimeAsync(0);
  expect(writes).toEqual([1, 2]);
  vi.useRealTimers();
});
