// A mixer strip (src/main/studio/mixer/Strip.tsx) in jsdom, on a transport that records what it
// is asked: the inserts with their bypass state as text, CPU shares from the engine's stats, a
// fault badge on the insert that faulted; mute and solo as pressed buttons whose clicks are
// session operations; a typed level is one operation; the master's strip has no pan, mute or solo.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { STATE_SLOTS } from '../../src/shared/engine-protocol';
import { Strip } from '../../src/main/studio/mixer/Strip';
import type { StripView } from '../../src/main/studio/mixer/mixer-store';
import type { Transport } from '../../src/main/studio/transport';
import { reactRootPerTest } from './react-dom';


const drums: StripView = {
  id: 'drums', name: 'Drums', colour: '#e05a47', kind: 'audio', volumeDb: -4, pan: -0.3, mute: true, solo: false,
  inserts: [{ id: 'drums-comp', plugin: 'studio.wasm.compressor', bypass: false }, { id: 'drums-eq', plugin: 'studio.wasm.eq', bypass: true }],
};
const master: StripView = { id: 'master', name: 'Master', colour: '#808080', kind: 'master', volumeDb: 0, pan: 0, mute: false, solo: false, inserts: [] };

function recordingTransport() {
  const live: string[] = [];
  // drums at 0 (peaks, load 0.12), its inserts at 3 (0.05) and 4; the master at 5.
  const stats = new Float64Array([0.5, 0.5, 0.12, 0.05, 0, 0, 0, 0]);
  const transport = {
    engine: {
      state: new Float64Array(STATE_SLOTS), stats,
      layout: { tracks: [{ id: 'drums', at: 0, inserts: [{ id: 'drums-comp', at: 3, handle: 1 }, { id: 'drums-eq', at: 4, handle: 2 }] }, { id: 'master', at: 5, inserts: [] }] },
    },
    liveVolume: (track: string, db: number) => live.push(`volume ${track} ${db}`),
    livePan: (track: string, pan: number) => live.push(`pan ${track} ${pan}`),
  };
  return { transport: transport as unknown as Transport, live };
}

const dom = reactRootPerTest();

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', () => 1);
  vi.stubGlobal('cancelAnimationFrame', () => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a mixer strip', () => {
  test('shows its inserts (bypass as text, CPU share, a fault), pan, level, mute and solo', () => {
    const { transport } = recordingTransport();
    const edits: object[][] = [];
    const fault = { track: 'drums', slot: 1, insert: 'drums-eq', kind: 'trap', message: 'unreachable' };
    const opened: string[] = [];
    act(() => dom.root.render(<Strip transport={transport} strip={drums} faults={[fault]} edit={(ops) => edits.push(ops)} onOpen={(insert) => opened.push(insert)} />));
    act(() => vi.advanceTimersByTime(300));

    const group = dom.container.querySelector('[role="group"]')!;
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe('Drums');
    const inserts = [...dom.container.querySelectorAll('ul[aria-label="Drums inserts"] li')].map((li) => li.textContent);
    expect(inserts).toEqual(['compressorB5% CPU', 'eqBbypassed0% CPUFailed (trap): unreachable']);
    expect(dom.container.querySelector('.fault-badge')!.getAttribute('title')).toBe('unreachable');
    const eq = dom.container.querySelector<HTMLButtonElement>('button[aria-label="eq on Drums, bypassed, failed: trap: open its window"]')!;
    act(() => eq.click());
    expect(opened).toEqual(['drums-eq']);
    // Alt+Up moves it one place up in the chain (one insert.move); at the top, Alt+Up does nothing.
    act(() => eq.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true })));
    const compressor = dom.container.querySelector<HTMLButtonElement>('button[aria-label="compressor on Drums: open its window"]')!;
    act(() => compressor.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true })));
    // The B button bypasses (an edit), its state in aria-pressed.
    const bypass = dom.container.querySelector<HTMLButtonElement>('button[aria-label="Bypass compressor on Drums"]')!;
    expect(bypass.getAttribute('aria-pressed')).toBe('false');
    act(() => bypass.click());
    expect(edits.splice(0)).toEqual([
      [{ op: 'insert.move', id: 'drums-eq', index: 0 }],
      [{ op: 'insert.setBypass', insert: 'drums-comp', bypass: true }],
    ]);
    expect(dom.container.querySelector('.strip-cpu')!.textContent).toBe('CPU 12%');
    expect(dom.container.querySelector('[aria-label="Drums pan"]')!.getAttribute('aria-valuetext')).toBe('30% L');
    expect(dom.container.querySelector('[aria-label="Drums volume"]')!.getAttribute('aria-valuetext')).toBe('-4.0 dB');

    const mute = dom.container.querySelector<HTMLButtonElement>('button[aria-label="Mute Drums"]')!;
    const solo = dom.container.querySelector<HTMLButtonElement>('button[aria-label="Solo Drums"]')!;
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    expect(solo.getAttribute('aria-pressed')).toBe('false');
    act(() => mute.click());
    act(() => solo.click());
    expect(edits).toEqual([
      [{ op: 'track.update', id: 'drums', set: { mute: false } }],
      [{ op: 'track.update', id: 'drums', set: { solo: true } }],
    ]);
  });

  test('a typed level is one operation, heard at once; the master\'s is master.setVolume, and it has no pan, mute or solo', () => {
    const { transport, live } = recordingTransport();
    const edits: object[][] = [];
    act(() => dom.root.render(<Strip transport={transport} strip={master} faults={[]} edit={(ops) => edits.push(ops)} onOpen={() => {}} />));
    expect(dom.container.querySelectorAll('[role="slider"]').length).toBe(1);
    expect(dom.container.querySelectorAll('button:not(.insert-name)').length).toBe(0);
    expect(dom.container.querySelector('li')!.textContent).toBe('No inserts');
    const field = dom.container.querySelector<HTMLInputElement>('input[aria-label="Master volume in dB"]')!;
    expect(field.value).toBe('0.0 dB');
    const type = (text: string) => {
      act(() => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, text);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      act(() => field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    };
    type('-3.5');
    expect(edits).toEqual([[{ op: 'master.setVolume', volumeDb: -3.5 }]]);
    expect(live).toEqual(['volume master -3.5']);
    type('twelve');
    expect(edits.length).toBe(1);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(dom.container.querySelector('[role="alert"]')!.textContent).toMatch(/^"twelve" is not a level/);
  });
});
