// The studio's fault list follows the session (mixer/standing-faults.ts): a badge for a plugin
// the studio bypassed goes when that bypass is undone, on the change itself; one for a removed
// insert goes and does not come back with an undo.
import { act, useState } from 'react';
import { expect, test } from 'vitest';

import type { EngineFault } from '../../src/shared/engine-protocol';
import type { SessionDocument } from '../../src/main/audio/session-model';
import { useStandingFaults } from '../../src/main/studio/mixer/standing-faults';
import type { Transport } from '../../src/main/studio/transport';
import { reactRootPerTest } from './react-dom';


const dom = reactRootPerTest();

function fakeSession(document: SessionDocument) {
  const listeners = new Set<() => void>();
  const session = {
    document,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change(next: SessionDocument) {
      session.document = next;
      for (const listener of listeners) listener();
    },
  };
  return session;
}

const doc = (inserts: { id: string; bypass?: boolean }[]): SessionDocument =>
  ({ tracks: [{ id: 'drums', inserts: inserts.map((i) => ({ ...i, plugin: { id: 'studio.wasm.eq' } })) }], master: {} });

test('badges clear when the bypass is undone or the insert removed, and a removed one stays cleared', () => {
  const session = fakeSession(doc([{ id: 'a', bypass: true }, { id: 'b' }]));
  const transport = { session } as unknown as Transport;
  const start: EngineFault[] = [
    { track: 'drums', slot: 0, insert: 'a', kind: 'over time budget', message: 'took 80%' },
    { track: 'drums', slot: 1, insert: 'b', kind: 'trap', message: 'unreachable' },
  ];
  function Faults() {
    const [faults, setFaults] = useState(start);
    useStandingFaults(transport, setFaults);
    return <ul>{faults.map((f) => <li key={f.insert}>{f.insert}: {f.kind}</li>)}</ul>;
  }
  const shown = () => [...dom.container.querySelectorAll('li')].map((li) => li.textContent);
  act(() => dom.root.render(<Faults />));
  expect(shown()).toEqual(['a: over time budget', 'b: trap']);
  act(() => session.change(doc([{ id: 'a', bypass: false }, { id: 'b' }])));  // the bypass undone
  expect(shown()).toEqual(['b: trap']);
  act(() => session.change(doc([{ id: 'a', bypass: false }])));  // b removed
  expect(shown()).toEqual([]);
  act(() => session.change(doc([{ id: 'a', bypass: false }, { id: 'b' }])));  // and brought back: a new instance
  expect(shown()).toEqual([]);
});
