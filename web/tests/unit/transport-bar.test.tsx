// The transport bar's buttons and keys (../shared/specs/studio-design.md "Keys"), on a transport
// that records the commands it is given.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { STATE_PLAYING, STATE_POSITION, STATE_SLOTS } from '../../src/shared/engine-protocol';
import { TransportBar } from '../../src/main/studio/TransportBar';
import type { Transport } from '../../src/main/studio/transport';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function recordingTransport() {
  const commands: string[] = [];
  const state = new Float64Array(STATE_SLOTS);
  const transport = {
    engine: { state },
    context: { sampleRate: 48000 },
    info: { name: 'Demo', tempo: 120, timeSignature: { numerator: 4, denominator: 4 }, sampleRate: 48000, loop: null },
    renderAssets: () => ({ sources: [], plugins: [] }),
    session: { subscribe: () => () => {}, sessionText: '' },
    play: async () => { commands.push('play'); state[STATE_PLAYING] = 1; },
    stop: () => { commands.push('stop'); state[STATE_PLAYING] = 0; },
    returnToStart: () => { commands.push('returnToStart'); state[STATE_POSITION] = 0; },
  };
  return { transport: transport as unknown as Transport, commands, state };
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(transport: Transport) {
  act(() => root.render(<TransportBar transport={transport} />));
}

function press(target: EventTarget, code: string, key = code) {
  const down = new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true });
  act(() => {
    target.dispatchEvent(down);
    target.dispatchEvent(new KeyboardEvent('keyup', { code, key, bubbles: true, cancelable: true }));
  });
  return down;
}

const button = (name: string) => container.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

describe('TransportBar', () => {
  test('has labelled Return to start, Play and Stop buttons that give their commands', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    for (const name of ['Return to start', 'Play', 'Stop']) expect(button(name)).not.toBeNull();
    act(() => button('Play')!.click());
    act(() => button('Stop')!.click());
    act(() => button('Return to start')!.click());
    expect(commands).toEqual(['play', 'stop', 'returnToStart']);
  });

  test('Space plays and stops, and keeps a focused button from clicking too', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    expect(press(document.body, 'Space', ' ').defaultPrevented).toBe(true);
    button('Stop')!.focus();
    expect(press(button('Stop')!, 'Space', ' ').defaultPrevented).toBe(true);
    expect(commands).toEqual(['play', 'stop']);
  });

  test('Home returns to start; Enter does while stopped, unless it is pressing a button, a link or a disclosure', () => {
    const { transport, commands, state } = recordingTransport();
    render(transport);
    press(document.body, 'Home');
    press(document.body, 'Enter');
    press(button('Play')!, 'Enter');
    const link = document.createElement('a');
    link.href = 'blob:mix';
    const details = document.createElement('details');
    const summary = details.appendChild(document.createElement('summary'));
    document.body.append(link, details);
    expect(press(link, 'Enter').defaultPrevented).toBe(false);
    expect(press(summary, 'Enter').defaultPrevented).toBe(false);
    link.remove();
    details.remove();
    state[STATE_PLAYING] = 1;
    press(document.body, 'Enter');
    expect(commands).toEqual(['returnToStart', 'returnToStart']);
  });

  test('keys typed into a text field are left to it', () => {
    const { transport, commands } = recordingTransport();
    render(transport);
    const field = document.createElement('input');
    document.body.append(field);
    expect(press(field, 'Space', ' ').defaultPrevented).toBe(false);
    press(field, 'Home');
    field.remove();
    expect(commands).toEqual([]);
  });

  test('shows the position as bars:beats and time', () => {
    const { transport } = recordingTransport();
    render(transport);
    expect(container.querySelector('[data-testid="position-bars"]')!.textContent).toBe('1:1');
    expect(container.querySelector('[data-testid="position-time"]')!.textContent).toBe('0:00.000');
  });
});
